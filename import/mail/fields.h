/* fields.h - "Name: value" header blocks as RFC 822 headers, RFC 3464 delivery-status and
 * RFC 5965 feedback reports write them: folded lines joined, blocks split at blank lines.
 * Contract: pure text, no MIME (GMime decoded the part before). Names compare
 * case-insensitively. A block holds at most MF_MAX fields (the rest are dropped) and values
 * are cut at MF_VALUE_MAX bytes, so hostile input costs bounded memory.
 * Ownership: struct mf_block is the caller's (mf_init / mf_release); mf_get returns a string
 * borrowed from the block until the next mf_next or mf_release. Threads: one block, one
 * thread; nothing else is shared. */
#ifndef SH_IMPORT_MAIL_FIELDS_H
#define SH_IMPORT_MAIL_FIELDS_H

#include <stddef.h>

#include "util/strbuf.h"

#define MF_MAX 64
#define MF_VALUE_MAX 4096

struct mf_block {
	struct strbuf buf;          /* owned: "name\0value\0" per field */
	size_t name_off[MF_MAX];
	size_t value_off[MF_MAX];
	int n;
};

void mf_init(struct mf_block *b);
void mf_release(struct mf_block *b);
/* Reads the next block from *p (advanced past it and the blank lines after). Returns the
 * number of fields: 0 for a block without any (lines that are not fields are skipped) and
 * at the end of the text. */
int mf_next(struct mf_block *b, const char **p, const char *end);
/* The value of the first field called name (trimmed, folds joined by one space), or NULL. */
const char *mf_get(const struct mf_block *b, const char *name);
/* "rfc822; a@b" -> "a@b": the value after a "type;" prefix, trimmed (the input when none). */
const char *mf_untyped(const char *value);

#endif
