/* bodytext.h - the failed recipients and their reasons in a bounce written for people (the
 * bodies Postfix, Sendmail, Exim, qmail, Exchange, Gmail, Yahoo … send without, or beside,
 * an RFC 3464 report). Reads kinds of text, not any server's exact wording: the part before
 * the returned original (cut at a separator line naming the original or a copy of the
 * message, or at its first header line), addresses that open a line (alone, in <>, after
 * "RCPT TO:", before ":"; "a@b <c@d>" gives c@d), each one's reason in the lines up to
 * the next such address. A bounce forwarded as a "> " quote is read without its marks; an
 * id on a Message-ID / References line, or an address to ask for help ("please contact
 * <support@…>"), is never a recipient; non-ASCII text glued to an
 * address's last ASCII label is not part of it.
 * Contract: pure; bounded (at most BT_MAX recipients, reasons cut at BT_REASON_MAX bytes).
 * Ownership: struct bt_result is the caller's (bt_init / bt_release); its strings are owned
 * by it and borrowed by callers until bt_release. Threads: one result, one thread. */
#ifndef SH_IMPORT_MAIL_BODYTEXT_H
#define SH_IMPORT_MAIL_BODYTEXT_H

#include <stddef.h>

#include "util/strbuf.h"

#define BT_MAX 64
#define BT_REASON_MAX 1000
#define BT_ADDR_MAX 254

struct bt_rcpt {
	char addr[BT_ADDR_MAX + 1];
	struct strbuf reason; /* owned: its lines joined by single spaces */
};

struct bt_result {
	struct bt_rcpt r[BT_MAX];
	int n;
	int used;               /* slots whose reason has been set up (n <= used) */
	int strong;             /* the recipients opened lines (else: any address in the text) */
	struct strbuf intro;    /* owned: the text before the first recipient */
	int temporary;          /* the text says the server will retry, not that it gave up */
	int permanent;          /* the text says it gave up */
	int warning;            /* the text says it is only a warning of a delay */
};

void bt_init(struct bt_result *b);
void bt_release(struct bt_result *b);
/* Reads text (UTF-8, any line ends); addresses equal to one of exclude[0..nexclude) (the
 * sender's own, case-insensitive) are never recipients. Fills b afresh. */
void bt_scan(struct bt_result *b, const char *text, size_t len, const char *const *exclude,
	     size_t nexclude);
/* The index of addr among b's recipients, or -1. */
int bt_find(const struct bt_result *b, const char *addr);
/* Finds the first address in s[0..len) at or after *pos: copies it to out (at most
 * BT_ADDR_MAX bytes), sets *pos past it. 1 when found, 0 when none. */
int bt_next_address(const char *s, size_t len, size_t *pos, char *out, size_t *start);

#endif
