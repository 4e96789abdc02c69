/* reader.h - what a log reader is, and the calls it may make back into the logread that
 * runs it. This header is the readers' whole view of import/: the front door
 * (import/logread.c) includes the readers and implements these calls; a reader includes
 * this header and never logread.h, so the dependency points one way.
 *
 * A reader (import/logs/: JSON formats as a struct js_format on jsonstream, CSV as gcsv;
 * import/mail/: bounce mail) is created by logread with the struct logread it reports to,
 * fed the input's bytes (gzip undone, format known) in chunks of any size, finished at the
 * end and freed. For each event it fills a struct recbuild and calls logread_emit; for
 * each bad one it calls logread_skip. When either returns -1 the reader stops (returns -1
 * from its feed and finish) and is fed nothing more. A reader belongs to one logread and
 * runs on its caller's thread; it holds the struct logread borrowed until it is freed. */
#ifndef SH_IMPORT_READER_H
#define SH_IMPORT_READER_H

struct logread;
struct recbuild;

/* Deduplicates, counts and hands the finished record rb->rec to the logread's callback
 * (its file is filled in when NULL). rb stays the reader's. Returns -1 when reading must
 * stop. */
int logread_emit(struct logread *lr, struct recbuild *rb);
/* Before recbuild_finish, once the fields the duplicate check uses (esp, event id, source,
 * kind, timestamp, RBF_ESP_EVENT) are set and final: their key is taken now, and the check's
 * table starts coming into the cache while the record is finished. The next logread_emit
 * (which must be this record's, those fields unchanged) uses that key. */
void logread_prefetch(struct logread *lr, const struct recbuild *rb);
/* Counts a bad record under reason_key (a static string: the pointer is kept) and reports
 * it as "name:line" (line 0: the input as a whole). Returns -1 when reading must stop
 * (strict mode: the logread's error is set). */
int logread_skip(struct logread *lr, long line, const char *reason_key, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* The input's name for messages: borrowed, valid while the logread lives. */
const char *logread_name(const struct logread *lr);

#endif
