/* slice.h - a large JSON Lines file is read by several threads, each a slice of whole
 * lines; this says which files can be cut and where the cuts fall.
 * Contract: only reads the files; a file that cannot be opened or sniffed is not split.
 * Threads: thread-safe (reads files only). */
#ifndef SH_REPORT_RUN_SLICE_H
#define SH_REPORT_RUN_SLICE_H

#include <stdio.h>

#include "import/logread.h"

/* A file that can be split: regular, large, not gzip, and JSON Lines (one object, or one
 * array of events, per line), or a CSV (generic or SendGrid Activity) whose head reads as
 * records.
 * Returns the format its head is detected as (forced when not LR_AUTO), with its size in
 * *size, or LR_AUTO when it should not be split. */
enum logread_format slice_splittable(const char *path, enum logread_format forced, long *size);
/* Moves offset off of a file of size bytes forward to just after the next newline (0 stays
 * 0; size when there is none). */
long slice_next_line(FILE *fp, long off, long size);
/* Where the slices of a CSV file of size bytes start (starts[0..jobs-1], increasing, size
 * for a slice left empty), at record boundaries found by quote parity (see slice.c), where
 * its header row ends (*header_end) and its first byte that is not ASCII is (*first_high,
 * -1 when none before the last cut). Returns 0, or -1 when the file cannot be read or has
 * no header row end. */
int slice_csv_cuts(FILE *fp, long size, int jobs, long *starts, long *header_end,
		   long *first_high);

#endif
