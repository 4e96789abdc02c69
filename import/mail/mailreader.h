/* mailreader.h - the bounce-mail reader logread runs (import/reader.h): one message (.eml,
 * standard input) or a Unix mbox ("From " separator lines, ">From " unquoted one level, as
 * mboxrd writes it; a gzip mbox is undone by logread before). Each message goes through
 * mail_read; its records to logread_emit, each one's line the line its message starts on;
 * a message that could not be read whole (mail.h's problems, or over MAIL_MAX_BYTES, or
 * no header) is reported through logread_skip as "name:line: message N: reason" and the
 * reading goes on with the next message.
 * Memory: one message held at a time, at most MAIL_MAX_BYTES (the rest of a bigger one
 * is skipped).
 * Ownership: mailreader_new returns a new reader, freed with mailreader_free (NULL ok); it
 * borrows lr until then. Threads: one reader, one thread (mail_read itself is thread-safe). */
#ifndef SH_IMPORT_MAIL_MAILREADER_H
#define SH_IMPORT_MAIL_MAILREADER_H

#include <stddef.h>

struct logread;
struct mailreader;

struct mailreader *mailreader_new(struct logread *lr, int mbox);
/* Returns 0, or -1 when reading must stop (as logread_emit / logread_skip said). */
int mailreader_feed(struct mailreader *r, const char *buf, size_t len);
int mailreader_finish(struct mailreader *r);
/* One whole message from elsewhere (a file of a directory, an IMAP fetch), reported under
 * label (borrowed for the call; NULL: the logread's name). Same returns. */
int mailreader_message(struct mailreader *r, const char *buf, size_t len, const char *label);
/* An mbox read from one of its separator lines on (a slice of a file split across
 * threads): the messages before it, so that the next is "message count + 1". */
void mailreader_count_from(struct mailreader *r, long count);
void mailreader_free(struct mailreader *r);

#endif
