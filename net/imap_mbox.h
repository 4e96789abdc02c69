/* imap_mbox.h - fetched messages as a Unix mbox stream (mboxrd: a "From " line before
 * each message, ">" added before any line that starts with ">*From "), so that an IMAP
 * mailbox reaches the log reader as the same bytes an mbox export of it would be, and
 * `fetch imap` writes a file any mail tool reads.
 * Contract: pure; appends to the caller's buffer. Threads: thread-safe. */
#ifndef SH_NET_IMAP_MBOX_H
#define SH_NET_IMAP_MBOX_H

#include <stddef.h>

#include "util/strbuf.h"

/* Appends one entry: "From MAILER-DAEMON <asctime of when, UTC>\n", the message with CRLF
 * and lone CR line ends made LF and From_ lines quoted, a final newline if missing, and
 * the blank line that ends an mbox entry. */
void imap_mbox_entry(struct strbuf *out, const char *msg, size_t len, double when);

#endif
