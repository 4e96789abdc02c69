/* wordindex.h - which pairs of adjacent bytes a text holds, so that a search for a needle
 * the text cannot contain is skipped without reading the text (the classifier looks for
 * some 800 words and phrases in each reply; a reply holds few of their byte pairs).
 * Contract: wordindex_may_hold answers 0 only when a pair of adjacent bytes of the needle
 * occurs nowhere in the text the index was made from, so that strstr(text, needle) finds
 * nothing; 1 otherwise (maybe: pairs are hashed into 4096 bits). A '*' that ends the
 * needle (a stem's mark in the rule tables) is not part of it. Needles shorter than two
 * bytes: 1.
 * Ownership: the index is the caller's (512 bytes, no allocation); it does not keep text.
 * Threads: both functions are thread-safe on distinct indexes. */
#ifndef SH_REPORT_MATCH_WORDINDEX_H
#define SH_REPORT_MATCH_WORDINDEX_H

#include <stdint.h>

struct wordindex {
	uint64_t bits[64];
};

/* text: NUL-terminated. */
void wordindex_init(struct wordindex *ix, const char *text);
int wordindex_may_hold(const struct wordindex *ix, const char *needle);

#endif
