/* eval_mail.c - how well the bounce-mail reader does on a labelled corpus
 * (../shared/corpus/bounces: eml/, labels.tsv; see its README): per message, did it give a
 * failure record for the right recipient, does the classifier put that record in the
 * category the label's reason maps to, are complaints complaints, and do auto-replies and
 * success notices never count as failures. Printed for the held-back part and for all.
 *
 * Held back, by server: the server is the file name without its "-NN.eml" number
 * ("lhost-postfix-07.eml" -> "lhost-postfix"); a server is held back when the FNV-1a
 * 32-bit hash of its name is 0 mod 4 (about a quarter of the servers, none of their
 * messages used while tuning).
 *
 * Recipients: labels.tsv has no address. With a third argument (a TSV "file<TAB>address",
 * made by `make eval-mail` with Sisimai when it is installed) a recipient is right when it
 * is that address; without one, when the record's address is well-formed and is not the
 * bounce's own addressee (the sender). The eml-crlf/ and eml-cr/ copies (CRLF and bare CR
 * line ends) are measured too. Usage: eval_mail CORPUS_DIR [RECIPIENTS_TSV] [-v|-t]
 * -v lists the misses of the tuning part; -v and -t print the tuning part's figures only (no
 * held-back or whole-corpus line, from which the held-back part could be read off), for
 * working on the reader between the few looks at the held-back figure. */
#include <ctype.h>
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue/store.h"
#include "import/mail/mail.h"
#include "model/taxonomy.h"
#include "report/match/matcher.h"
#include "tests/report/sisimai_map.h"
#include "util/readfile.h"
#include "util/text.h"

#define MAX_FILES 2048
#define MAX_RECS 16

struct label {
	char file[128], dsn[16], reason[32], rcpt[256];
};

struct got {
	int n;
	char rcpt[MAX_RECS][256];
	char text[MAX_RECS][300];
	enum sh_event ev[MAX_RECS];
	enum sh_category cat[MAX_RECS];
};

struct ctx {
	const struct matcher *m;
	struct got g;
};

struct tally {
	int bounces, rcpt_ok, cat_total, cat_ok, complaints, complaints_ok, nonfail, nonfail_ok;
};

static uint32_t fnv1a(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

static int held_back(const char *file)
{
	const char *dash = strrchr(file, '-');
	size_t n = dash ? (size_t)(dash - file) : strlen(file);

	return fnv1a(file, n) % 4 == 0;
}

static int on_record(void *vctx, struct recbuild *rb)
{
	struct ctx *c = vctx;
	const struct sh_record *r = &rb->rec;
	struct match_input in;
	struct match_result res;
	char text[1200], prov[16];

	if (c->g.n >= MAX_RECS)
		return 0;
	snprintf(c->g.rcpt[c->g.n], 256, "%.*s", (int)r->recipient.len, r->recipient.ptr);
	c->g.ev[c->g.n] = r->event;
	snprintf(text, sizeof(text), "%.*s", (int)r->message.len, r->message.ptr);
	snprintf(c->g.text[c->g.n], sizeof(c->g.text[0]), "%.299s", text);
	snprintf(prov, sizeof(prov), "%.*s", (int)r->esp.len, r->esp.ptr);
	memset(&in, 0, sizeof(in));
	in.provider = prov;
	in.smtp_code = r->smtp_code;
	in.enhanced = r->enhanced[0] ? r->enhanced : NULL;
	in.text = text[0] ? text : NULL;
	in.severity = r->severity; /* as a report classifies it: a final failure or a delay */
	matcher_classify(c->m, &in, &res);
	c->g.cat[c->g.n] = res.category;
	c->g.n++;
	return 0;
}

static int read_labels(const char *path, struct label *l, int max)
{
	char *buf = read_whole_file(path, 1 << 20, NULL, NULL), *line, *save = NULL;
	int n = 0;

	if (!buf)
		return -1;
	for (line = strtok_r(buf, "\n", &save); line && n < max; line = strtok_r(NULL, "\n", &save)) {
		char f[128] = "", d[16] = "", r[32] = "";
		char *t1 = strchr(line, '\t'), *t2, *t3, *t4;
		if (!t1 || !strncmp(line, "file\t", 5))
			continue;
		t2 = strchr(t1 + 1, '\t');
		t3 = t2 ? strchr(t2 + 1, '\t') : NULL;
		t4 = t3 ? strchr(t3 + 1, '\t') : NULL;
		if (!t4)
			continue;
		snprintf(f, sizeof(f), "%.*s", (int)(t1 - line), line);
		snprintf(d, sizeof(d), "%.*s", (int)(t2 - t1 - 1), t1 + 1);
		snprintf(r, sizeof(r), "%.*s", (int)(t4 - t3 - 1), t3 + 1);
		snprintf(l[n].file, sizeof(l[n].file), "%s", f);
		snprintf(l[n].dsn, sizeof(l[n].dsn), "%s", d);
		snprintf(l[n].reason, sizeof(l[n].reason), "%s", r);
		l[n].rcpt[0] = '\0';
		n++;
	}
	free(buf);
	return n;
}

static void read_truth(const char *path, struct label *l, int n)
{
	char *buf = read_whole_file(path, 1 << 20, NULL, NULL), *line, *save = NULL;
	int i;

	if (!buf)
		return;
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *tab = strchr(line, '\t');
		if (!tab)
			continue;
		*tab = '\0';
		for (i = 0; i < n; i++)
			if (!strcmp(l[i].file, line) && !l[i].rcpt[0])
				snprintf(l[i].rcpt, sizeof(l[i].rcpt), "%s", tab + 1);
	}
	free(buf);
}

static int is_failure(enum sh_event e)
{
	return e == EV_BOUNCE || e == EV_DEFERRED || e == EV_FAILED || e == EV_BLOCKED;
}

static int read_one(struct ctx *c, const char *path, struct mail_info *info)
{
	struct recbuild rb;
	struct mail_emit out = { on_record, c };
	size_t len;
	char *buf = read_whole_file(path, MAIL_MAX_BYTES, &len, NULL);

	c->g.n = 0;
	if (!buf)
		return -1;
	recbuild_init(&rb);
	mail_read(buf, len, &rb, out, info);
	recbuild_release(&rb);
	free(buf);
	return 0;
}

static int rcpt_right(const struct label *l, const char *got, const char *sender)
{
	if (l->rcpt[0])
		return text_ieq(l->rcpt, got);
	return strchr(got, '@') && !text_ieq(got, sender);
}

static void judge(struct ctx *c, const struct label *l, const char *sender, struct tally *t,
		  int verbose)
{
	int i, fail = -1, right = -1, complaint = 0;
	unsigned cats;

	for (i = 0; i < c->g.n; i++) {
		complaint |= c->g.ev[i] == EV_COMPLAINED;
		if (!is_failure(c->g.ev[i]))
			continue;
		if (fail < 0)
			fail = i;
		if (right < 0 && rcpt_right(l, c->g.rcpt[i], sender))
			right = i;
	}
	if (!strcmp(l->reason, "feedback")) {
		t->complaints++;
		t->complaints_ok += complaint && fail < 0;
		return;
	}
	if (!strcmp(l->reason, "vacation") || !strcmp(l->reason, "delivered")) {
		t->nonfail++;
		t->nonfail_ok += fail < 0;
		if (verbose && fail >= 0)
			printf("  miss %-28s %-14s a failure for %s | %.150s\n", l->file, l->reason,
			       c->g.rcpt[fail], c->g.text[fail]);
		return;
	}
	t->bounces++;
	t->rcpt_ok += right >= 0;
	i = right >= 0 ? right : fail;
	cats = accepted(l->reason, i >= 0 ? c->g.text[i] : "");
	if (!cats)
		return;
	t->cat_total++;
	t->cat_ok += i >= 0 && (cats >> c->g.cat[i] & 1u);
	if (verbose && (right < 0 || !(i >= 0 && (cats >> c->g.cat[i] & 1u))))
		printf("  miss %-28s %-14s want %s got %d rec, %s %s | %.150s\n", l->file,
		       l->reason, l->rcpt[0] ? l->rcpt : "", c->g.n, i >= 0 ? c->g.rcpt[i] : "-",
		       i >= 0 ? category_name(c->g.cat[i]) : "none", i >= 0 ? c->g.text[i] : "");
}

static void print_tally(const char *name, const struct tally *t)
{
	printf("%-10s recipient %3d/%-3d %5.1f %%   category %3d/%-3d %5.1f %%   complaints %d/%d"
	       "   auto-replies/success never failures %d/%d\n", name, t->rcpt_ok, t->bounces,
	       t->bounces ? 100.0 * t->rcpt_ok / t->bounces : 0, t->cat_ok, t->cat_total,
	       t->cat_total ? 100.0 * t->cat_ok / t->cat_total : 0, t->complaints_ok,
	       t->complaints, t->nonfail_ok, t->nonfail);
}

/* Messages that are not bounces: none may give a failure. */
static void not_bounces(struct ctx *c, const char *dir, struct tally *t, int verbose)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[4096];

	while (d && (e = readdir(d)) != NULL) {
		struct mail_info info;
		int i, fail = 0;
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%.2000s/%.255s", dir, e->d_name);
		if (read_one(c, path, &info) < 0)
			continue;
		for (i = 0; i < c->g.n; i++)
			fail |= is_failure(c->g.ev[i]);
		if (verbose && fail)
			printf("  miss not-bounces/%-17s a failure for %s | %.150s\n", e->d_name,
			       c->g.rcpt[0], c->g.text[0]);
		t->nonfail++;
		t->nonfail_ok += !fail;
	}
	if (d)
		closedir(d);
}

/* The same messages with CRLF and with bare CR line ends (those the corpus has): the
 * numbers must be those of LF. */
static void line_ends(struct ctx *c, const char *dir, const struct label *labels, int n)
{
	static const char *const variants[] = { "eml-crlf", "eml-cr" };
	char path[4096];
	size_t v;
	int i;

	for (v = 0; v < sizeof(variants) / sizeof(variants[0]); v++) {
		struct tally t = { 0 };
		for (i = 0; i < n; i++) {
			struct mail_info info;
			snprintf(path, sizeof(path), "%.2000s/%s/%.127s", dir, variants[v], labels[i].file);
			if (read_one(c, path, &info) == 0)
				judge(c, &labels[i], "", &t, 0);
		}
		print_tally(variants[v], &t);
	}
}

int main(int argc, char **argv)
{
	static struct label labels[MAX_FILES];
	struct tally held = { 0 }, all = { 0 }, tuning = { 0 };
	struct catalogue *cat = catalogue_load_embedded(NULL);
	struct ctx c;
	char path[4096];
	int n, i, verbose = argc > 1 && !strcmp(argv[argc - 1], "-v");
	int tuning_only = verbose || (argc > 1 && !strcmp(argv[argc - 1], "-t"));

	(void)effective_reason; /* labels.tsv holds Sisimai 5's reason only */
	if (verbose || tuning_only)
		argc--;
	if (argc < 2 || !cat) {
		fprintf(stderr, "usage: eval_mail CORPUS_DIR [RECIPIENTS_TSV] [-v|-t]\n");
		return 2;
	}
	snprintf(path, sizeof(path), "%.2000s/labels.tsv", argv[1]);
	if ((n = read_labels(path, labels, MAX_FILES)) < 0) {
		fprintf(stderr, "eval_mail: cannot read '%s'\n", path);
		return 2;
	}
	if (argc > 2)
		read_truth(argv[2], labels, n);
	memset(&c, 0, sizeof(c));
	c.m = matcher_new(cat);
	for (i = 0; i < n; i++) {
		struct mail_info info;
		snprintf(path, sizeof(path), "%.2000s/eml/%.127s", argv[1], labels[i].file);
		if (read_one(&c, path, &info) < 0)
			continue;
		/* -v shows misses of the tuning part only: the held-back part stays unseen */
		if (held_back(labels[i].file))
			judge(&c, &labels[i], "", &held, 0);
		else
			judge(&c, &labels[i], "", &tuning, verbose);
		judge(&c, &labels[i], "", &all, 0);
	}
	snprintf(path, sizeof(path), "%.2000s/not-bounces", argv[1]);
	not_bounces(&c, path, &all, 0);
	not_bounces(&c, path, &tuning, verbose);
	printf("recipients checked against %s\n", argc > 2 ? argv[2] : "the structure only");
	print_tally("tuning", &tuning);
	if (!tuning_only) {
		print_tally("held-back", &held);
		print_tally("all", &all);
		line_ends(&c, argv[1], labels, n);
	}
	matcher_free((struct matcher *)c.m);
	catalogue_free(cat);
	return 0;
}
