/* explain.c - `sendhealth explain`: what an error means and what to do, from the catalogue. */
#include <jansson.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/commands.h"
#include "catalogue/store.h"
#include "cmd/exit_codes.h"
#include "cmd/msg.h"
#include "cmd/options.h"
#include "cmd/optval.h"
#include "catalogue/entry_json.h"
#include "catalogue/layers.h"
#include "model/l10n.h"
#include "report/aggregate/actions.h"
#include "report/match/match_json.h"
#include "report/match/matcher.h"
#include "report/render/cell.h"
#include "util/readfile.h"
#include "util/strbuf.h"
#include "util/text.h"

struct explain_opts {
	const char *provider;
	int all, json, why;
};

#define O(f) offsetof(struct explain_opts, f)
static const struct cmd_option options[] = {
	OPT_CALL("provider", 'p', "P", "prefer entries of provider P (mailgun, gmail, outlook, sendgrid, rfc3463, smtp)",
		 O(provider), optval_provider),
	OPT_FLAG("all", 'a', "list every candidate entry, best first", O(all)),
	OPT_FLAG("json", 0, "print JSON (an object; an array with --all)", O(json)),
	OPT_FLAG("why", 'w', "also list the evidence that decided: words and codes, weights, provider", O(why)),
	OPT_END,
};
#undef O

static const struct cmd_spec spec = {
	"explain", "[--provider P] [--all] [--json] TEXT... | -",
	"Explain an error as you would paste it: a reply such as '550 5.7.26 Unauthenticated\n"
	"email …', a code such as 0x800CCC0E, 5.2.2 or X.2.2, 'Too old', or a Nodemailer\n"
	"error object ('-' reads it from standard input). The whole text is weighed: where strong\n"
	"evidence (a block list, a volume limit, SPF/DKIM/DMARC, …) outweighs a catalogue entry or\n"
	"a generic code, it decides. Exits 1 when neither the catalogue nor the evidence says what\n"
	"the error is.",
	"Examples:\n"
	"  sendhealth explain 'Domain mg.acme.io is not allowed to send: Free accounts are for test purposes only.'\n"
	"  sendhealth --lang de explain 0x800CCC0E\n"
	"  sendhealth explain --provider gmail --all 421 4.7.0\n"
	"  sendhealth explain --why '554 5.7.1 blocked using zen.spamhaus.org'\n",
	options,
	"no error text given",
};

/* "  Label      ": the labels padded by characters, not bytes ("Lösung", "Maßnahme"). */
static void print_label(const char *label)
{
	size_t w = cell_width(label, strlen(label));

	printf("  %s%*s ", label, w < 10 ? (int)(10 - w) : 0, "");
}

static void print_field(const char *label, const char *value)
{
	const char *p;

	if (!value || !*value)
		return;
	print_label(label);
	/* multi-line texts (step-by-step fixes) indent under the first line */
	for (p = value; *p; p++) {
		putchar(*p);
		if (*p == '\n' && p[1])
			printf("  %-10s ", "");
	}
	putchar('\n');
}

/* "Evidence   reputation_block, weight 14: block list 'spamhaus' 8, …; provider Spamhaus" */
static void print_why(const struct app *app, const struct match_result *r)
{
	unsigned i;

	print_label(l10n(L_EVIDENCE, app->lang));
	printf("%s, weight %d", category_name(r->category), r->weight);
	for (i = 0; i < r->nwhy; i++)
		printf("%s%s '%s' %d", i ? ", " : ": ", r->why[i]->kind, r->why[i]->needle,
		       r->why[i]->weight);
	if (r->seen_provider)
		printf("; provider %s", r->seen_provider);
	putchar('\n');
}

/* The category alone: the evidence decided and no catalogue entry says more. */
static void print_evidence_only(const struct app *app, const struct match_result *r)
{
	const struct category_text *ct = category_text(r->category, app->lang);

	printf("(%s)\n", r->how);
	print_label(l10n(L_CATEGORY, app->lang));
	printf("%s (%s)\n", category_name(r->category), ct->title);
	print_field(l10n(L_MEANING, app->lang), ct->description);
	print_label(l10n(L_ACTION, app->lang));
	printf("%s: %s\n", action_name(r->action), ct->action);
}

static void print_entry(const struct app *app, const struct match_result *r, int why)
{
	const struct cat_entry *e = r->entry;
	enum sh_lang lang = app->lang;
	const struct category_text *ct = category_text(r->category, lang);
	char codes[96];

	if (!e) {
		print_evidence_only(app, r);
		if (why)
			print_why(app, r);
		return;
	}
	snprintf(codes, sizeof(codes), "%s%s%s%s%s%s%s", e->f[CAT_HTTP_STATUS],
		 *e->f[CAT_HTTP_STATUS] ? " " : "", e->f[CAT_SMTP_CODE],
		 *e->f[CAT_SMTP_CODE] ? " " : "", e->f[CAT_ENHANCED_CODE],
		 *e->f[CAT_ENHANCED_CODE] ? " " : "", e->f[CAT_OUTLOOK_CODE]);
	printf("%s  [%s] %s\n", e->f[CAT_ID], e->f[CAT_PROVIDER], codes);
	print_field(l10n(L_EXPLAIN_MESSAGE, lang), e->f[CAT_MESSAGE]);
	/* in the chosen language only: a text the catalogue lacks there is the category's */
	print_field(l10n(L_MEANING, lang), actions_entry_text(e, r->category, CAT_MEANING_EN, lang));
	print_field(l10n(L_SOLUTION, lang), actions_entry_text(e, r->category, CAT_SOLUTION_EN, lang));
	print_field(l10n(L_GLOSSARY, lang), e->f[lang == LANG_DE ? CAT_GLOSSARY_DE : CAT_GLOSSARY_EN]);
	print_label(l10n(L_CATEGORY, lang));
	printf("%s (%s)\n", category_name(r->category), ct->title);
	print_label(l10n(L_ACTION, lang));
	printf("%s: %s\n", action_name(r->action), ct->action);
	print_label(l10n(L_MATCHED_BY, lang));
	printf("%s\n", r->how);
	print_label(l10n(L_LAYER, lang));
	printf("%s (%s)\n", catalogue_layer_name(e->layer),
	       l10n(e->layer == CAT_LAYER_SHEET  ? L_LAYER_SHEET
		    : e->layer == CAT_LAYER_FILE ? L_LAYER_FILE
						 : L_LAYER_BUILTIN, lang));
	if (why)
		print_why(app, r);
}

/* Candidates best first into res (max entries): the classification that weighed the
 * evidence first, then the other catalogue candidates. Returns the number written. */
static size_t explain_candidates(const struct matcher *m, const struct match_input *in,
				 struct match_result *res, size_t max)
{
	struct match_result top, more[32];
	size_t n = 0, k, i;

	matcher_classify(m, in, &top);
	k = matcher_candidates(m, in, more, max < 32 ? max : 32);
	/* a category without an entry (the evidence, or a 4xx's class alone or over an entry
	 * that leaves the category open) comes first: the entry alone would say unknown, and
	 * no entry at all would say "not in the catalogue" where a report says transient */
	if (top.entry || top.tier == TIER_EVIDENCE ||
	    (top.category != CATEGORY_UNKNOWN && (!k || more[0].open)))
		res[n++] = top;
	for (i = 0; i < k && n < max; i++)
		if (!top.entry || more[i].entry != top.entry)
			res[n++] = more[i];
	if (n && !top.entry && top.tier != TIER_EVIDENCE) {
		/* the evidence did not decide: the first candidate carries its words */
		memcpy(res[0].why, top.why, sizeof(top.why));
		res[0].nwhy = top.category == res[0].category ? top.nwhy : 0;
		res[0].seen_provider = top.seen_provider;
	}
	return n;
}

static int run(struct app *app, const struct explain_opts *o, const char *text)
{
	struct sh_error err = { 0 };
	struct catalogue *cat = NULL;
	struct matcher *m = NULL;
	struct match_query q;
	struct match_input in;
	struct match_result res[32];
	size_t n, i;
	int rc = EXIT_REJECTED;

	memset(&q, 0, sizeof(q));
	cat = catalogue_load_default(app->catalogue_path, &err);
	if (!cat) {
		rc = msg_sh_error(app, &err);
		goto out;
	}
	if (matcher_parse_query(text, &q, &in) != 0) {
		rc = msg_usage(app, "nothing to explain");
		goto out;
	}
	in.provider = o->provider;
	m = matcher_new(cat);
	n = explain_candidates(m, &in, res, o->all ? 32 : 1);
	if (n == 0) {
		char cut[TEXT_CUT_BUF];
		msg_error(app, "'%s' is not in the catalogue", text_cut(q.text, cut));
		goto out;
	}
	if (o->json) {
		json_t *out = o->all ? json_array() : match_to_json(&res[0], app->lang);
		for (i = 0; o->all && i < n; i++)
			json_array_append_new(out, match_to_json(&res[i], app->lang));
		json_dumpf(out, stdout, JSON_INDENT(2));
		putchar('\n');
		json_decref(out);
	} else {
		for (i = 0; i < n; i++) {
			if (i)
				putchar('\n');
			print_entry(app, &res[i], o->why);
		}
	}
	rc = EXIT_OK;
out:
	matcher_query_release(&q);
	matcher_free(m);
	catalogue_free(cat);
	return rc;
}

/* The text to explain: the operands joined by spaces, or standard input for a lone "-"
 * (a reply pasted or piped, NUL bytes and all, up to EXPLAIN_MAX_STDIN). */
#define EXPLAIN_MAX_STDIN (1 << 20)

static int read_text(struct app *app, int argc, char **argv, struct strbuf *text)
{
	struct sh_error err = { 0 };
	size_t len;
	char *in;
	int i;

	if (argc == 1 && !strcmp(argv[0], "-")) {
		if (!(in = read_whole_file("-", EXPLAIN_MAX_STDIN, &len, &err)))
			return msg_sh_error(app, &err);
		text_utf8_repair(text, in, len);
		free(in);
		return EXIT_OK;
	}
	for (i = 0; i < argc; i++) {
		if (i)
			strbuf_addch(text, ' ');
		strbuf_adds(text, argv[i]);
	}
	return EXIT_OK;
}

int cmd_explain(struct app *app, int argc, char **argv)
{
	struct explain_opts o;
	struct strbuf text;
	int first, rc;

	memset(&o, 0, sizeof(o));
	if ((rc = opt_parse(app, &spec, &o, argc, argv, &first)) != OPT_DONE)
		return opt_exit(rc, EXIT_USAGE);
	strbuf_init(&text);
	if ((rc = read_text(app, argc - first, argv + first, &text)) == EXIT_OK)
		rc = run(app, &o, text.buf);
	strbuf_release(&text);
	return rc;
}
