/* readfile.h - read a whole (small) file: catalogues, thresholds, client maps.
 * Contract: "-" is stdin; a directory, a file over max bytes or a read error fails with
 * a message naming the file; the result is NUL-terminated and owned by the caller (free),
 * NULL with err set on failure. Thread-safe. */
#ifndef SH_UTIL_READFILE_H
#define SH_UTIL_READFILE_H

#include <stddef.h>

#include "util/error.h"

char *read_whole_file(const char *path, size_t max, size_t *len, struct sh_error *err);

#endif
