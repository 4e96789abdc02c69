/* csv_errors.c - one CSV record per row of the report's errors array. */
#include "report/render/csv_errors.h"

#include <string.h>

#include "report/render/csv_cell.h"
#include "model/l10n.h"
#include "report/doc/rdoc.h"

#define TOP_RECIPIENT_DOMAINS 5

static const enum l10n_id headers[] = {
	L_COUNT,   L_PROVIDER, L_CODE,     L_ENHANCED_CODE, L_MESSAGE,
	L_MEANING, L_SOLUTION, L_CATEGORY, L_ACTION,        L_TOP_RECIPIENTS,
	L_CATALOGUE_PROVIDER,
};
/* the Errors sheet's columns (report/render/xlsx.c error_cols), in its order */
_Static_assert(sizeof(headers) / sizeof(headers[0]) == 11, "the Errors table's columns");

static void field(struct strbuf *sb, const char *s, int first)
{
	if (!first)
		strbuf_addch(sb, ',');
	csv_cell_field(sb, s, strlen(s));
}

static void error_row(struct strbuf *sb, const json_t *report, const json_t *e,
		      enum sh_lang lang)
{
	const char *code = rdoc_str(e, "code");
	struct strbuf list;

	strbuf_init(&list);
	csv_cell_int(sb, rdoc_int(e, "count"));
	field(sb, rdoc_str(e, "provider"), 0);
	field(sb, *code ? code : rdoc_str(e, "smtp_code"), 0);
	field(sb, rdoc_str(e, "enhanced_code"), 0);
	field(sb, rdoc_str(e, "message"), 0);
	field(sb, rdoc_str(e, "meaning"), 0);
	field(sb, rdoc_str(e, "solution"), 0);
	field(sb, rdoc_category_title_s(report, rdoc_str(e, "category"), lang), 0);
	field(sb, l10n_action_kind(rdoc_str(e, "action_kind"), lang), 0);
	rdoc_domain_list(&list, rdoc_array(e, "recipient_domains"), TOP_RECIPIENT_DOMAINS, lang);
	field(sb, list.buf, 0);
	field(sb, rdoc_str(e, "catalogue_provider"), 0);
	csv_cell_end_row(sb);
	strbuf_release(&list);
}

int csv_errors_write(const json_t *report, enum sh_lang lang, FILE *fp)
{
	const json_t *errors = rdoc_array(report, "errors");
	struct strbuf sb;
	size_t i;
	int rc = -1;

	if (rdoc_check(report, NULL) != 0)
		return -1;
	strbuf_init(&sb);
	for (i = 0; i < sizeof(headers) / sizeof(headers[0]); i++)
		field(&sb, l10n(headers[i], lang), i == 0);
	csv_cell_end_row(&sb);
	for (i = 0; i < json_array_size(errors); i++) {
		error_row(&sb, report, json_array_get(errors, i), lang);
		if (sb.len >= 1 << 16) {
			if (fwrite(sb.buf, 1, sb.len, fp) != sb.len)
				goto out;
			strbuf_reset(&sb);
		}
	}
	if (fwrite(sb.buf, 1, sb.len, fp) != sb.len || fflush(fp) != 0 || ferror(fp))
		goto out;
	rc = 0;
out:
	strbuf_release(&sb);
	return rc;
}
