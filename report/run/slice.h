/* slice.h - a large JSON Lines file is read by several threads, each a slice of whole
 * lines; this says which files can be cut and where the cuts fall.
 * Contract: only reads the files; a file that cannot be opened or sniffed is not split.
 * Threads: thread-safe (reads files only). */
#ifndef SH_REPORT_RUN_SLICE_H
#define SH_REPORT_RUN_SLICE_H

#include <stdio.h>

#include "import/logread.h"

/* A directory (of mail messages, or a Maildir) is split by file: LR_MAIL.
 * A file that can be split: regular, large, not gzip, and JSON Lines (one object, or one
 * array of events, per line), one JSON document that is an array (*array set to 1: a
 * SendGrid batch saved whole), or a CSV (generic or SendGrid Activity) whose head reads as
 * records.
 * Returns the format its head is detected as (forced when not LR_AUTO), with its size in
 * *size, or LR_AUTO when it should not be split. */
enum logread_format slice_splittable(const char *path, enum logread_format forced, long *size,
				     int *array);
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

/* Where the slices of a file of size bytes that is one top-level JSON array are
 * (starts[k]..ends[k], for k < jobs; both size for a slice left empty): cut at a ',' between
 * two objects of the array ("}" "," "{" with only white space between), skipped by both
 * sides, found by one byte pass from the start that follows strings (with their escapes)
 * and nesting - no parsing - up to the last cut. *open_end is where the array's '[' ends:
 * a slice past the first reads the file's bytes up to there first, and "]" after its own.
 * On a file that is not valid JSON before a cut the cut may be wrong; a slice whose reader
 * gave up (logread_stats' gave_up) marks where a single reader stopped too. Returns 0, or
 * -1 when the file cannot be read or no array opens. */
int slice_array_cuts(FILE *fp, long size, int jobs, long *starts, long *ends, long *open_end);

/* Where the slices of an mbox of size bytes start (starts[k], increasing; size for a slice
 * left empty): at a separator line ("From " after a blank line, as import/mail's reader
 * sees one) at or past the aimed-at offset, found by one pass over the lines up to the last
 * cut. counts[k]: the messages before slice k (mailreader_count_from), so that messages keep
 * their numbers. Returns 0, or -1 when the file cannot be read. */
int slice_mbox_cuts(FILE *fp, long size, int jobs, long *starts, long *counts);

#endif
