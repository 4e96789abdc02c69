/* logread.h - reads send-failure logs of any supported format as a stream of normalized
 * records (model/record.h).
 * Contract: push-based. Bytes arrive through logread_feed in chunks of any size (fread,
 * libcurl's write callback), gzip is undone on the fly, the format is detected from the
 * first bytes (up to 64 KiB are held back until it is known), and every event found is
 * handed to the record callback, whose strings are valid until it returns. Memory stays
 * bounded whatever the input size. A bad record is reported to opts->sink as "file:line"
 * with a reason key, counted and skipped; with opts->strict the first one stops the read
 * with an error instead. All state is inside struct logread: readers are independent.
 * Ownership: logread_new returns a new reader the caller frees with logread_free (NULL
 * allowed); logread_stats' pointer is borrowed until then; logread_format_name returns a
 * static string. Threads: one logread, one thread; the callback runs on the thread that feeds. */
#ifndef SH_IMPORT_LOGREAD_H
#define SH_IMPORT_LOGREAD_H

#include <stddef.h>

#include "model/record.h"
#include "util/error.h"

enum logread_format {
	LR_AUTO = 0,     /* detect from the content */
	LR_MAILGUN,      /* Events API pages (also concatenated), arrays, JSON Lines, webhook
			    payloads, Logs API responses */
	LR_SENDGRID,     /* Event Webhook batches / JSON Lines, suppression lists */
	LR_SENDGRID_CSV, /* Email Activity CSV export */
	LR_CSV,          /* any other sender's CSV (Gmail, Outlook, SMTP as a CRM logs it) */
	LR_NODEMAILER,   /* Nodemailer error objects, JSON Lines */
	LR_RECORDS,      /* our own JSON Lines (sendhealth import -o) */
	LR_MAIL,         /* one mail message: a bounce (.eml, standard input) */
	LR_MBOX,         /* a Unix mbox of bounces ("From " lines) */
	LR_FORMAT_COUNT
};

/* "mailgun", "sendgrid", "sendgrid-csv", "csv", "nodemailer", "records", "mail", "mbox",
 * "auto". */
const char *logread_format_name(enum logread_format f);
/* -1 when unknown. */
int logread_format_from_name(const char *s);

struct gcsv_map;
struct dedupe;

struct logread_opts {
	enum logread_format format;   /* LR_AUTO: detect */
	int lines;                    /* JSON: one value per line, without sniffing. With a
					 forced format this starts a reader mid-file (at a line
					 boundary), e.g. one slice of a file split across threads */
	long first_line;              /* line number of the first byte fed; 0 means 1 */
	long first_message;           /* an mbox fed from a separator line mid-file: the
					 messages before it (mailreader_count_from) */
	int strict;                   /* the first bad record is an error */
	const struct gcsv_map *map;   /* borrowed: --map for CSV input, or NULL */
	int date_order;               /* --date-order for CSV dates: enum time_date_order
					 (0: auto, decided per file) */
	struct dedupe *dedupe;        /* borrowed: shared across inputs; NULL for an own one */
	size_t input;                 /* this input's number in a shared dedupe table */
	int no_dedupe;                /* keep duplicates */
	const struct sh_sink *sink;   /* borrowed: bad records go here (may be NULL) */
	/* A slice of a CSV file read mid-file (at a record boundary): the format and the
	 * dialect are detected from these first bytes of the whole file (borrowed, used in
	 * logread_new only), and its first sniff_keep bytes (the header row) are read before
	 * what is fed; NULL when unused. */
	const char *sniff;
	size_t sniff_len, sniff_keep;
	/* With sniff, for a CSV whose head is ASCII: the LOGREAD_CHUNK of the whole file in
	 * which its first other byte came, before this slice (borrowed, logread_new only): the
	 * charset the whole file is read in from there is this slice's too. NULL when none. */
	const char *late_sniff;
	size_t late_sniff_len;
};
/* How many bytes of an input its format and dialect are detected from. */
#define LOGREAD_DETECT_MAX 65536

#define LOGREAD_MAX_REASONS 16

/* How much a caller reading a file should fread at a time before logread_feed: in 64 KiB
 * the kernel copies each read into a buffer still in the CPU cache; with 256 KiB the
 * parsing between reads evicted it and the copy cost 3x the system time (-j 1 on the
 * 1M-event benchmark: 0.71 s -> 0.26 s of system time, 8 % overall). */
#define LOGREAD_CHUNK (64 * 1024)

struct logread_stats {
	enum logread_format format;   /* as detected (LR_AUTO when none could be) */
	int gzip;                     /* the input was gzip-compressed */
	const char *charset;          /* static: the character set converted from to UTF-8
					 ("Windows-1252"), NULL for UTF-8 */
	long records;                 /* handed to the callback */
	long skipped;                 /* bad records (and unreadable inputs) */
	long duplicates;              /* dropped as seen before */
	long repaired;                /* records whose text had invalid UTF-8 replaced */
	unsigned long long bytes_read; /* as fed (compressed) */
	unsigned long long bytes_data; /* after decompression */
	int gave_up;                  /* JSON: a syntax error ended the reading of the rest
					 of the input or of its line (jsonstream_gave_up) */
	struct {
		const char *key;      /* static reason key */
		long count;
	} reasons[LOGREAD_MAX_REASONS];
	int nreasons;
};

/* Returns 0 to go on, -1 to stop reading. */
struct logread_cb {
	int (*record)(void *ctx, const struct sh_record *r);
	void *ctx;
};

struct logread;

/* name is copied; it labels messages and the records' file. opts may be NULL. */
struct logread *logread_new(const char *name, const struct logread_opts *opts,
			    struct logread_cb cb);
/* Returns 0, LOGREAD_STOPPED when the callback asked to stop (further input is ignored),
 * or -1 with err set (strict mode, or an error the caller must see); err->file is then
 * borrowed from lr until logread_free. */
int logread_feed(struct logread *lr, const char *buf, size_t len, struct sh_error *err);
/* End of input: flushes what is held back, reports a truncated last event. Same returns. */
int logread_finish(struct logread *lr, struct sh_error *err);
const struct logread_stats *logread_stats(const struct logread *lr);
/* Adds from's counts to into's (slices of one file): format and gzip stay into's. */
void logread_stats_add(struct logread_stats *into, const struct logread_stats *from);
void logread_free(struct logread *lr);

#define LOGREAD_STOPPED 1

/* One whole mail message from elsewhere (a file of a directory, an IMAP fetch), read as a
 * bounce; label names it in messages and records (NULL: the logread's name). The first call
 * makes lr a mail reader (lr must have been fed nothing else). Same returns as
 * logread_feed. */
int logread_message(struct logread *lr, const char *buf, size_t len, const char *label,
		    struct sh_error *err);

/* A mail message from elsewhere that could not be had (an IMAP message over the size cap,
 * or gone from the mailbox): counted as skipped and reported to opts->sink as "'label'
 * skipped: reason", like a bad message. Same returns as logread_feed. */
int logread_message_skipped(struct logread *lr, const char *label, const char *reason,
			    struct sh_error *err);
/* The message files of a directory, or of a Maildir (*maildir set: cur/ then new/), in the
 * order logread_file reads them: name order, hidden files and subdirectories left out.
 * Returns an array of n paths (freed with logread_dir_files_free), or NULL with err set when
 * a directory cannot be read. Thread-safe. */
char **logread_dir_files(const char *path, size_t *n, int *maildir, struct sh_error *err);
void logread_dir_files_free(char **files, size_t n);
/* One file as one mail message (as logread_file reads each file of a directory): an
 * unreadable one is a bad record "unreadable". Same returns as logread_feed. */
int logread_message_file(struct logread *lr, const char *path, struct sh_error *err);

/* Reads a whole file ("-" is standard input) through a logread, LOGREAD_CHUNK bytes a read.
 * A directory is a directory of mail messages, or a Maildir (its cur/ and new/): each
 * file one message. An unreadable file is an SH_ERR_IO error. stats (may be NULL) is filled
 * in any case. Same returns as logread_feed. */
int logread_file(const char *path, const struct logread_opts *opts, struct logread_cb cb,
		 struct logread_stats *stats, struct sh_error *err);

#endif
