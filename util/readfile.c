/* readfile.c - whole-file reads with a size cap. */
#include "util/readfile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/strbuf.h"

char *read_whole_file(const char *path, size_t max, size_t *len, struct sh_error *err)
{
	FILE *fp = NULL;
	struct strbuf sb;
	struct stat st;
	char buf[65536];
	size_t n;
	int is_stdin = !strcmp(path, "-");

	strbuf_init(&sb);
	fp = is_stdin ? stdin : fopen(path, "rb");
	if (!fp) {
		sh_error_set(err, SH_ERR_IO, path, 0, "cannot open '%s': %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
		sh_error_set(err, SH_ERR_IO, path, 0, "cannot read '%s': Is a directory", path);
		goto fail;
	}
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0) {
		if (sb.len + n > max) {
			sh_error_set(err, SH_ERR_DATA, path, 0, "'%s' is larger than %zu bytes", path, max);
			goto fail;
		}
		strbuf_add(&sb, buf, n);
	}
	if (ferror(fp)) {
		sh_error_set(err, SH_ERR_IO, path, 0, "cannot read '%s': %s", path, strerror(errno));
		goto fail;
	}
	if (!is_stdin)
		fclose(fp);
	return strbuf_detach(&sb, len);
fail:
	if (!is_stdin)
		fclose(fp);
	strbuf_release(&sb);
	return NULL;
}
