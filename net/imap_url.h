/* imap_url.h - a bounce mailbox named as a URL, `imaps://user@host[:port]/MAILBOX`: its
 * parts (decoded by libcurl's URL parser), the URL libcurl is given (no user info) and the
 * name each fetched message carries (`imaps://user@host/INBOX;UID=42`, never a password).
 * Contract: pure; results go into the caller's struct; errors are SH_ERR_USAGE and quote
 * the URL only without its user info. Threads: thread-safe. */
#ifndef SH_NET_IMAP_URL_H
#define SH_NET_IMAP_URL_H

#include <stddef.h>

#include "util/error.h"
#include "util/strbuf.h"

struct imap_url {
	int tls_direct;     /* imaps:// (TLS from the first byte); 0: imap:// + STARTTLS */
	char user[256];     /* decoded login name */
	char host[256];     /* as written (an IPv6 literal keeps its brackets) */
	long port;          /* 0: the scheme's default (993, 143) */
	char mailbox[256];  /* decoded; "INBOX" when the URL has no path */
	char shown[600];    /* scheme://user@host[:port]/MAILBOX as the user wrote it, for
			       messages and source names (the user part may be %-encoded) */
};

/* True when spec starts with imaps:// or imap:// (case-insensitive): an IMAP input. */
int imap_url_is_imap(const char *spec);

/* Parses url. Refused: another scheme, no user, a password in the URL (it belongs in
 * $SENDHEALTH_IMAP_PASSWORD or a file), a query or fragment, IMAP URL parameters (;UID=,
 * ;AUTH=), a mailbox with a control character, '"' or '\', or not ASCII. */
int imap_url_parse(const char *url, struct imap_url *u, struct sh_error *err);

/* The URL libcurl is given for the mailbox (with_mailbox) or the server alone, without
 * user info; the mailbox %-encoded. Appended to out. */
void imap_url_for_curl(const struct imap_url *u, int with_mailbox, struct strbuf *out);

/* The source name of one message: u->shown + ";UID=" + uid, into out (cut to size). */
void imap_url_source(const struct imap_url *u, unsigned long uid, char *out, size_t size);

/* The mailbox as an IMAP quoted string ("INBOX", "Bounces \"x\"" cannot occur: refused). */
void imap_url_quoted_mailbox(const struct imap_url *u, struct strbuf *out);

#endif
