/* csv_catalogue.h - the catalogue's CSV forms: our own file format (a header naming the
 * catalogue columns) and the shared spreadsheet's layout (German or English headers,
 * section-title rows, repeated headers). Reading reports unusable rows to a sink and
 * skips them; writing produces the file format that reading takes back unchanged. */
#ifndef SH_CATALOGUE_CSV_CATALOGUE_H
#define SH_CATALOGUE_CSV_CATALOGUE_H

#include <stddef.h>
#include <stdio.h>

#include "catalogue/catalogue.h"
#include "util/error.h"

struct csv_catalogue_opts {
	const char *provider;         /* borrowed: default provider for rows no section names */
	const struct catalogue *base; /* borrowed: entries to take ids and our columns from */
	const struct sh_sink *sink;   /* borrowed: receives one report per skipped row */
	long added, skipped;          /* out: rows taken and rows skipped */
	long headers;                 /* out: header rows seen */
};

/* Parses buf into cat (appending). Fails, adding nothing, when no header row was found,
 * the CSV is malformed, or no row was usable. opts may be NULL. */
int csv_catalogue_parse(struct catalogue *cat, const char *name, const char *buf, size_t len,
			struct csv_catalogue_opts *opts, struct sh_error *err);
/* Reads a whole file ("-" for stdin; capped at 64 MiB) and parses it. */
int csv_catalogue_read_file(struct catalogue *cat, const char *path,
			    struct csv_catalogue_opts *opts, struct sh_error *err);
/* Writes cat in the catalogue file format. Returns -1 when fp reports an error. */
int csv_catalogue_write(const struct catalogue *cat, FILE *fp);

#endif
