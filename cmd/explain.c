/* explain.c - `sendhealth explain`: what an error means and what to do, from the catalogue. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "cmd/commands.h"
#include "catalogue/store.h"
#include "cmd/exit_codes.h"
#include "cmd/msg.h"
#include "cmd/options.h"
#include "catalogue/entry_json.h"
#include "report/match/match_json.h"
#include "report/match/matcher.h"
#include "util/strbuf.h"

static const struct cmd_option options[] = {
	{ "provider", 'p', "P", "prefer entries of provider P (mailgun, gmail, outlook, sendgrid, rfc3463, smtp)" },
	{ "all", 'a', NULL, "list every candidate entry, best first" },
	{ "json", 0, NULL, "print JSON (an object; an array with --all)" },
	{ 0 },
};
enum { O_PROVIDER, O_ALL, O_JSON };

static const struct cmd_spec spec = {
	"explain", "[--provider P] [--all] [--json] TEXT...",
	"Explain an error as you would paste it: a reply such as '550 5.7.26 Unauthenticated\n"
	"email …', a code such as 0x800CCC0E, 5.2.2 or X.2.2, 'Too old', or a Nodemailer\n"
	"error object. Exits 1 when the error is not in the catalogue.",
	"Examples:\n"
	"  sendhealth explain 'Domain mg.acme.io is not allowed to send: Free accounts are for test purposes only.'\n"
	"  sendhealth --lang de explain 0x800CCC0E\n"
	"  sendhealth explain --provider gmail --all 421 4.7.0\n",
	options,
};

static void print_field(const char *label, const char *value)
{
	const char *p;

	if (!value || !*value)
		return;
	printf("  %-10s ", label);
	/* multi-line texts (step-by-step fixes) indent under the first line */
	for (p = value; *p; p++) {
		putchar(*p);
		if (*p == '\n' && p[1])
			printf("  %-10s ", "");
	}
	putchar('\n');
}

static void print_entry(const struct app *app, const struct match_result *r)
{
	const struct cat_entry *e = r->entry;
	const struct category_text *ct = category_text(r->category, app->lang);
	char codes[96];

	snprintf(codes, sizeof(codes), "%s%s%s%s%s%s%s", e->f[CAT_HTTP_STATUS],
		 *e->f[CAT_HTTP_STATUS] ? " " : "", e->f[CAT_SMTP_CODE],
		 *e->f[CAT_SMTP_CODE] ? " " : "", e->f[CAT_ENHANCED_CODE],
		 *e->f[CAT_ENHANCED_CODE] ? " " : "", e->f[CAT_OUTLOOK_CODE]);
	printf("%s  [%s] %s\n", e->f[CAT_ID], e->f[CAT_PROVIDER], codes);
	print_field(app->lang == LANG_DE ? "Meldung" : "Message", e->f[CAT_MESSAGE]);
	print_field(app->lang == LANG_DE ? "Bedeutung" : "Meaning", entry_text(e, CAT_MEANING_EN, app->lang));
	print_field(app->lang == LANG_DE ? "Lösung" : "Solution", entry_text(e, CAT_SOLUTION_EN, app->lang));
	print_field(app->lang == LANG_DE ? "Glossar" : "Glossary", entry_text(e, CAT_GLOSSARY_EN, app->lang));
	printf("  %-10s %s (%s)\n", app->lang == LANG_DE ? "Kategorie" : "Category",
	       category_name(r->category), ct->title);
	printf("  %-10s %s: %s\n", app->lang == LANG_DE ? "Maßnahme" : "Action", action_name(r->action),
	       ct->action);
	printf("  %-10s %s\n", app->lang == LANG_DE ? "Treffer" : "Matched by", r->how);
}

static int run(struct app *app, const char *provider, int all, int json, const char *text)
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
	in.provider = provider;
	m = matcher_new(cat);
	n = matcher_candidates(m, &in, res, all ? 32 : 1);
	if (n == 0) {
		msg_error(app, "'%s' is not in the catalogue", q.text);
		goto out;
	}
	if (json) {
		json_t *out = all ? json_array() : match_to_json(&res[0], app->lang);
		for (i = 0; all && i < n; i++)
			json_array_append_new(out, match_to_json(&res[i], app->lang));
		json_dumpf(out, stdout, JSON_INDENT(2));
		putchar('\n');
		json_decref(out);
	} else {
		for (i = 0; i < n; i++) {
			if (i)
				putchar('\n');
			print_entry(app, &res[i]);
		}
	}
	rc = EXIT_OK;
out:
	matcher_query_release(&q);
	matcher_free(m);
	catalogue_free(cat);
	return rc;
}

int cmd_explain(struct app *app, int argc, char **argv)
{
	struct opt_state st = { 0 };
	const char *provider = NULL;
	int all = 0, json = 0, o, i, rc;
	struct strbuf text;

	while ((o = opt_next(&st, app, &spec, argc, argv)) != OPT_DONE) {
		switch (o) {
		case OPT_HELP: return EXIT_OK;
		case OPT_ERROR: return EXIT_USAGE;
		case O_PROVIDER:
			if (!catalogue_is_provider(st.arg))
				return msg_usage(app, "unknown provider '%s'", st.arg);
			provider = st.arg;
			break;
		case O_ALL: all = 1; break;
		case O_JSON: json = 1; break;
		}
	}
	if (st.ind >= argc)
		return msg_usage(app, "no error text given");
	strbuf_init(&text);
	for (i = st.ind; i < argc; i++) {
		if (i > st.ind)
			strbuf_addch(&text, ' ');
		strbuf_adds(&text, argv[i]);
	}
	rc = run(app, provider, all, json, text.buf);
	strbuf_release(&text);
	return rc;
}
