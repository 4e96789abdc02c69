/* imap_fetch.c - a test helper (not a test: tests/net/test_imap.sh runs it against a local
 * Dovecot): fetches the bounce candidates of an IMAP URL through net/imap and prints one
 * line per message, "SOURCE<TAB>BYTES<TAB>SUBJECT", then "found=N fetched=N skipped=N
 * reconnects=N". The password comes from $SENDHEALTH_IMAP_PASSWORD or --password-file.
 * Exit: 0 done, 2 usage, 4 remote (as sendhealth maps SH_ERR_REMOTE), 1 other. With
 * --stop-after N the callback stops the run after N messages (a reader that gives up);
 * --max-message N lowers the size cap (64 MiB) so that a test can meet it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "net/imap.h"
#include "net/secrets.h"
#include "util/text.h"
#include "util/timeparse.h"

struct ctx {
	long stop_after, seen;
	struct sh_error *err;
};

static int on_message(const char *buf, size_t len, const char *source, void *ud)
{
	struct ctx *c = ud;
	const char *subj = text_istr(buf, "\nSubject: ");
	size_t n = 0;

	if (subj) {
		subj += 10;
		n = strcspn(subj, "\r\n");
	}
	printf("%s\t%zu\t%.*s\n", source, len, (int)n, subj ? subj : "");
	fflush(stdout);
	if (c->stop_after && ++c->seen >= c->stop_after)
		return sh_error_set(c->err, SH_ERR_DATA, NULL, 0, "stopped after %ld", c->seen);
	return 0;
}

static void on_skipped(void *ud, const char *source, const char *reason)
{
	(void)ud;
	printf("skipped\t%s\t%s\n", source, reason);
}

static int bound(const char *s, double *out)
{
	return time_parse_bound(s, time(NULL), out);
}

int main(int argc, char **argv)
{
	struct sh_error err = { 0 };
	struct imap_options o;
	struct imap_fetch_req req;
	struct imap_fetch_result res;
	struct ctx c = { 0, 0, &err };
	const char *file = NULL;
	char *password = NULL;
	long v, max_message = 0;
	int i, rc;

	memset(&req, 0, sizeof(req));
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--since") && i + 1 < argc && bound(argv[i + 1], &req.since) == 0)
			i++;
		else if (!strcmp(argv[i], "--until") && i + 1 < argc &&
			 bound(argv[i + 1], &req.until) == 0)
			i++;
		else if (!strcmp(argv[i], "--password-file") && i + 1 < argc)
			file = argv[++i];
		else if (!strcmp(argv[i], "--stop-after") && i + 1 < argc &&
			 text_parse_long(argv[i + 1], 1, 1000000, &v) == 0)
			c.stop_after = v, i++;
		else if (!strcmp(argv[i], "--max-message") && i + 1 < argc &&
			 text_parse_long(argv[i + 1], 1, 1L << 30, &v) == 0)
			max_message = v, i++;
		else if (!req.url && argv[i][0] != '-')
			req.url = argv[i];
		else {
			fprintf(stderr, "usage: imap_fetch URL [--since T] [--until T] "
					"[--password-file F] [--stop-after N] [--max-message N]\n");
			return 2;
		}
	}
	imap_options_init(&o);
	if (!req.url || imap_options_from_env(&o, &err) != 0 ||
	    !(password = imap_password_load(file, &err))) {
		fprintf(stderr, "imap_fetch: %s\n", err.msg[0] ? err.msg : "no URL");
		return 2;
	}
	if (max_message)
		o.max_message = (size_t)max_message;
	req.password = password;
	req.opts = &o;
	req.message = on_message;
	req.skipped = on_skipped;
	req.ud = &c;
	rc = imap_fetch(&req, &res, &err);
	printf("found=%ld fetched=%ld skipped=%ld reconnects=%d\n", res.found, res.fetched,
	       res.skipped, res.reconnects);
	if (rc != 0)
		fprintf(stderr, "imap_fetch: %s\n", err.msg);
	secrets_free(password);
	return rc == 0 ? 0 : err.kind == SH_ERR_REMOTE ? 4 : err.kind == SH_ERR_USAGE ? 2 : 1;
}
