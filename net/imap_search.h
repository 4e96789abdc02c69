/* imap_search.h - which messages of a mailbox are asked for: the UID SEARCH command that
 * selects bounce candidates in a time window, and the UIDs read back from its answer.
 * Contract: pure; the caller owns every buffer. Threads: thread-safe. */
#ifndef SH_NET_IMAP_SEARCH_H
#define SH_NET_IMAP_SEARCH_H

#include <stddef.h>

#include "util/error.h"
#include "util/strbuf.h"

/* More UIDs than this in one answer is refused (a bounce box is not that big; a server
 * answering without end must not exhaust memory). */
#define IMAP_MAX_UIDS 10000000L

/* Appends "UID SEARCH [SINCE d] [BEFORE d] OR ... " to out: the senders (MAILER-DAEMON,
 * postmaster), HEADER Content-Type multipart/report (DSNs and ARF complaints) and the
 * usual bounce subjects, any of them. since / until are Unix seconds, 0 for open; IMAP
 * compares dates, so SINCE is since's UTC day and BEFORE the day after until's: the
 * window is widened to whole days, never narrowed (the reader filters exactly). */
void imap_search_command(double since, double until, struct strbuf *out);

struct imap_uids {
	unsigned long *v; /* owned: ascending, without repeats after imap_uids_finish */
	size_t n, cap;
};

void imap_uids_init(struct imap_uids *u);
void imap_uids_release(struct imap_uids *u);

/* Adds the UIDs of every "* SEARCH n n ..." line in text[0..len) (other untagged lines
 * are ignored). A number that is not 1..4294967295 is an SH_ERR_REMOTE error, as is more
 * than IMAP_MAX_UIDS. */
int imap_uids_parse(struct imap_uids *u, const char *text, size_t len, struct sh_error *err);
/* Sorts ascending and drops repeats. */
void imap_uids_finish(struct imap_uids *u);

#endif
