/* mail.h - one bounce message (raw RFC 822 bytes) to normalized records, with GMime 3:
 * RFC 3464 delivery-status reports (one record per failed or delayed recipient; delivered,
 * relayed and expanded are no failure), RFC 5965 ARF reports (a complaint), RFC 3834
 * auto-replies and RFC 8098 read receipts (never a failure) and bounces written for people
 * (bodytext.h; a delay warning among them is temporary). The returned
 * original (message/rfc822, text/rfc822-headers, or the headers quoted in the text) gives
 * the sender, its domain, the original Message-ID. A record's event_id is the bounce's own
 * Message-ID and the recipient, so the same bounce read twice (an mbox export and the IMAP
 * box) is one record after dedupe.
 * Limits (hostile mail): MAIL_MAX_PARTS MIME parts and MAIL_MAX_DEPTH levels are read, the
 * rest is reported in info->problem; the caller bounds the message size (MAIL_MAX_BYTES).
 * Ownership: the records are built in the caller's recbuild and borrowed by the emit
 * callback until it returns; info is the caller's. mail_kind_name returns a static string.
 * Threads: thread-safe (GMime is initialised once under pthread_once; no other state). */
#ifndef SH_IMPORT_MAIL_MAIL_H
#define SH_IMPORT_MAIL_MAIL_H

#include <stddef.h>

#include "model/recbuild.h"

#define MAIL_MAX_PARTS 1000
#define MAIL_MAX_DEPTH 40
#define MAIL_MAX_BYTES (64u * 1024 * 1024)

enum mail_kind {
	MAIL_OTHER,      /* not a bounce (no records) */
	MAIL_BOUNCE,     /* failed or delayed recipients */
	MAIL_COMPLAINT,  /* an ARF feedback report */
	MAIL_AUTOREPLY,  /* out of office, vacation, auto-responder: no records */
	MAIL_DELIVERED,  /* a DSN saying delivered / relayed / expanded: no records */
	MAIL_UNREADABLE, /* no header at all */
	MAIL_KIND_COUNT
};

struct mail_info {
	enum mail_kind kind;
	int records;             /* handed to emit */
	const char *problem_key; /* static reason key of something the reader had to give up
				    on (too many parts, too deep, unknown charset), or NULL */
	char problem[200];       /* for people */
};

/* Called per record: rb->rec is finished. Returns -1 to stop. */
struct mail_emit {
	int (*emit)(void *ctx, struct recbuild *rb);
	void *ctx;
};

/* Reads one message. Returns 0, or -1 when emit asked to stop. */
int mail_read(const char *buf, size_t len, struct recbuild *rb, struct mail_emit out,
	      struct mail_info *info);
/* "other", "bounce", "complaint", "autoreply", "delivered", "unreadable". */
const char *mail_kind_name(enum mail_kind k);

#endif
