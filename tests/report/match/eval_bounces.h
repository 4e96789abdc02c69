/* eval_bounces.h - the bounce-mail corpus for eval_classifier.c (header-only: that program
 * is one .c file): each labelled bounce of ../shared/corpus/bounces (labels.tsv: file, dsn,
 * reply, reason, hard; one row per failed recipient) read by import/mail, the k-th label
 * row of a file paired with the k-th record the reader gives, and classified as a report
 * would (message and description, reply code, enhanced code, ESP, the record's severity:
 * failed or delayed). A row without a record
 * counts as unknown. Held back like the replies: the file's family ("lhost-postfix")
 * hashing to 0 mod 4. Contract: test-only; not thread-safe (static buffers). */
#ifndef SH_TESTS_REPORT_MATCH_EVAL_BOUNCES_H
#define SH_TESTS_REPORT_MATCH_EVAL_BOUNCES_H

#include "import/mail/mail.h"
#include "model/recbuild.h"

#define BOUNCE_MAX_RECS 16

struct bounce_recs {
	struct strbuf text[BOUNCE_MAX_RECS];
	int smtp[BOUNCE_MAX_RECS];
	enum sh_severity sev[BOUNCE_MAX_RECS];
	char enh[BOUNCE_MAX_RECS][16], esp[BOUNCE_MAX_RECS][16];
	int n;
};

static int on_bounce_record(void *ctx, struct recbuild *rb)
{
	struct bounce_recs *b = ctx;
	const struct sh_record *r = &rb->rec;

	if (b->n == BOUNCE_MAX_RECS)
		return 0;
	strbuf_reset(&b->text[b->n]);
	strbuf_add(&b->text[b->n], r->message.ptr, r->message.len);
	if (r->description.len) {
		strbuf_adds(&b->text[b->n], " | ");
		strbuf_add(&b->text[b->n], r->description.ptr, r->description.len);
	}
	b->smtp[b->n] = r->smtp_code;
	b->sev[b->n] = r->severity;
	snprintf(b->enh[b->n], sizeof(b->enh[b->n]), "%s", r->enhanced);
	snprintf(b->esp[b->n], sizeof(b->esp[b->n]), "%.*s", (int)r->esp.len, r->esp.ptr);
	b->n++;
	return 0;
}

/* Reads dir/file and fills b with its records; 0 records when unreadable. */
static void read_bounce(const char *dir, const char *file, struct bounce_recs *b)
{
	struct strbuf path;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp, *mem;
	struct recbuild rb;
	struct mail_info info;
	struct mail_emit out = { on_bounce_record, b };
	int c;

	b->n = 0;
	strbuf_init(&path);
	strbuf_addf(&path, "%s/%s", dir, file);
	fp = fopen(path.buf, "rb");
	strbuf_release(&path);
	if (!fp)
		return;
	mem = open_memstream(&buf, &len);
	while ((c = getc(fp)) != EOF && len < MAIL_MAX_BYTES)
		putc(c, mem);
	fclose(fp);
	fclose(mem);
	recbuild_init(&rb);
	memset(&info, 0, sizeof(info));
	mail_read(buf, len, &rb, out, &info);
	recbuild_release(&rb);
	free(buf);
}

static void classify_record(const struct matcher *m, const struct bounce_recs *b, int k,
			    struct match_result *res)
{
	struct match_input in;

	memset(&in, 0, sizeof(in));
	if (k >= b->n) {
		matcher_classify(m, &in, res);
		return;
	}
	in.provider = b->esp[k][0] ? b->esp[k] : NULL;
	in.smtp_code = b->smtp[k];
	in.severity = b->sev[k];
	in.enhanced = b->enh[k][0] ? b->enh[k] : NULL;
	in.text = b->text[k].len ? b->text[k].buf : NULL;
	matcher_classify(m, &in, res);
}

/* One label row: f = file, dsn, reply, reason, hard. */
static void bounce_row(const struct matcher *m, struct eval *ev, const char *dir, char *f[5],
		       struct bounce_recs *b, char *last, size_t lastcap, int *k)
{
	static const char *const not_failures[] = { "feedback", "vacation", "delivered",
						    "onhold", "undefined" };
	struct match_result res;
	int held;

	if (strcmp(last, f[0])) {
		snprintf(last, lastcap, "%s", f[0]);
		read_bounce(dir, f[0], b);
		*k = 0;
	}
	ev->rows++;
	if (in_list(f[3], not_failures, N_OF(not_failures)) || !accepted(f[3], "")) {
		ev->excluded++;
		(*k)++;
		return;
	}
	held = held_back(f[0], ev->held_groups, sizeof(ev->held_groups));
	classify_record(m, b, *k, &res);
	tally(ev, f[3], *k < b->n ? b->text[*k].buf : "(no record)", held, &res);
	(*k)++;
}

/* 0, or -1 when the corpus is absent. */
static int read_bounces(const struct matcher *m, struct eval *ev)
{
	static struct bounce_recs b;
	const char *labels = test_shared("corpus/bounces/labels.tsv");
	char dir[4096], last[512] = "", *line = NULL;
	const char *eml;
	size_t cap = 0;
	long lineno = 0;
	int i, k = 0;
	FILE *fp;

	if (!labels || !(fp = fopen(labels, "r")))
		return -1;
	if (!(eml = test_shared("corpus/bounces/eml"))) {
		fclose(fp);
		return -1;
	}
	snprintf(dir, sizeof(dir), "%s", eml);
	for (i = 0; i < BOUNCE_MAX_RECS; i++)
		strbuf_init(&b.text[i]);
	while (getline(&line, &cap, fp) != -1) {
		char *f[5], *p = line;
		int n = 0;
		if (++lineno == 1)
			continue;
		line[strcspn(line, "\r\n")] = '\0';
		while (n < 5 && (f[n++] = strsep(&p, "\t")) != NULL)
			;
		if (n < 5 || !f[4]) {
			ev->bad_lines++;
			continue;
		}
		bounce_row(m, ev, dir, f, &b, last, sizeof(last), &k);
	}
	for (i = 0; i < BOUNCE_MAX_RECS; i++)
		strbuf_release(&b.text[i]);
	free(line);
	fclose(fp);
	return 0;
}

#endif
