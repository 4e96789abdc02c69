/* csv_lists.c - a header line, then one pre-formed CSV line per entry, through an atomic
 * file. */
#include "report/render/csv_lists.h"

#include <stdlib.h>
#include <string.h>

#include "model/l10n.h"
#include "report/render/csv_cell.h"
#include "util/atomic_file.h"
#include "util/strbuf.h"

static int write_lines(const char *path, const char *header, const char *const *rows, size_t n,
		       struct sh_error *err)
{
	struct atomic_file af;
	size_t i;

	if (atomic_file_open(&af, path, err) != 0)
		return -1;
	fprintf(af.fp, "%s\n", header);
	for (i = 0; i < n; i++)
		fprintf(af.fp, "%s\n", rows[i]);
	return atomic_file_commit(&af, err);
}

int csv_lists_unmatched(const json_t *doc, const char *path, struct sh_error *err)
{
	const json_t *arr = json_object_get(doc, "unmatched");
	const char **rows = xcalloc(json_array_size(arr) + 1, sizeof(*rows));
	size_t i;
	json_t *v;
	int rc;

	json_array_foreach(arr, i, v)
		rows[i] = json_string_value(json_object_get(v, "csv_row"));
	rc = write_lines(path, l10n(L_SHEET_CSV_HEADER, LANG_EN), rows,
			 json_array_size(arr), err);
	free(rows);
	return rc;
}

static int by_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* 1 when s[0..len) can be one address on one line of a suppression list. */
static int plain_address(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] <= ' ' || s[i] == 0x7f)
			return 0;
	return len > 0;
}

int csv_lists_addresses(const struct strmap *set, const char *path, size_t *written,
			struct sh_error *err)
{
	const char **rows = xcalloc(set->n + 1, sizeof(*rows));
	struct strbuf *cells = xcalloc(set->n + 1, sizeof(*cells));
	size_t i, n = 0;
	int rc;

	for (i = 0; i < set->n; i++) {
		if (!plain_address(set->keys[i], set->lens[i]))
			continue;
		strbuf_init(&cells[n]);
		csv_cell_field(&cells[n], set->keys[i], set->lens[i]);
		rows[n] = cells[n].buf;
		n++;
	}
	qsort(rows, n, sizeof(*rows), by_str);
	rc = write_lines(path, "email", rows, n, err);
	*written = n;
	for (i = 0; i < n; i++)
		strbuf_release(&cells[i]);
	free(cells);
	free(rows);
	return rc;
}
