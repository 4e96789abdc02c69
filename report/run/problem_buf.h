/* problem_buf.h - record problems held back until it is their input's turn to report: a
 * slice or input read by its own thread buffers them (a slice with slice-local line
 * numbers), and the thread that folds prints them in input order, renumbered.
 * Contract: embedded (problem_buf_init/problem_buf_release); problem_buf_record is an
 * sh_sink callback for one thread at a time; nothing is printed until problem_buf_flush.
 * Threads: a buffer is filled by one thread, then flushed by another after a join (the join
 * orders the two). */
#ifndef SH_REPORT_RUN_PROBLEM_BUF_H
#define SH_REPORT_RUN_PROBLEM_BUF_H

#include <stddef.h>
#include <stdio.h>

#include "util/error.h"

struct problem;

struct problem_buf {
	struct problem *p; /* owned */
	size_t n, cap;
	FILE *spill;       /* owned: the problems past those held in memory, or NULL */
	const char *name;  /* borrowed: the input as named on the command line, or NULL */
};

/* name: as for the field above. */
void problem_buf_init(struct problem_buf *b, const char *name);
void problem_buf_release(struct problem_buf *b);
/* The sink callback; ctx is the struct problem_buf. */
void problem_buf_record(void *ctx, const char *file, long line, const char *key, const char *text);
/* Reports every buffered problem to sink in the order recorded, lines moved down by
 * line_offset; path names the problems recorded under the buffer's own input. */
void problem_buf_flush(const struct problem_buf *b, const char *path, long line_offset,
		       const struct sh_sink *sink);

#endif
