/* imap.h - bounce mail from an IMAP mailbox (`imaps://user@host[:port]/MAILBOX`) through
 * libcurl's IMAP, read-only: every message the server finds for the bounce search (see
 * net/imap_search.h) in the window goes, whole and as stored, to the caller's callback.
 *
 * Read-only: the mailbox is opened with EXAMINE (libcurl selects it first, as it always
 * does, then sendhealth EXAMINEs it on the same connection, so the server treats it as
 * read-only for the fetches); messages are fetched by UID on that connection only - a
 * socket opened behind our back (libcurl reconnecting on its own) is refused, so a
 * fetch never runs on a read-write selection - and nothing is stored, moved, copied or
 * expunged. A read-only fetch sets no \Seen flag. The one trace left is the session
 * flag \Recent, which any login clears.
 *
 * Consistency: messages are fetched in ascending UID order and each reaches the callback
 * only once completely received. A dropped connection is retried (reconnect, EXAMINE,
 * the same UID again, the UIDVALIDITY checked) under the HTTP client's policy
 * (net/http_retry.h: timeouts, resets and cut-off transfers retry, refusals, TLS and
 * login failures do not); when the tries run out imap_fetch fails with a message naming
 * how far it got, and the messages already given to the callback stay given: they are
 * the first res->fetched candidates by UID, so a later run reads them again (the mail
 * reader's dedupe on Message-ID + recipient counts each bounce once).
 *
 * Secrets: the password goes to libcurl only; it is never in a URL, a source name or a
 * message (messages are redacted with it as well).
 * Contract: nothing prints; errors are SH_ERR_REMOTE (login refused, mailbox missing,
 * connection, TLS, server) or SH_ERR_USAGE (URL, options); the first error wins.
 * Threads: imap_fetch uses its own curl handle: concurrent calls are safe. */
#ifndef SH_NET_IMAP_H
#define SH_NET_IMAP_H

#include <stddef.h>

#include "util/error.h"

/* The environment variable the password comes from (or a file: imap_password_load). */
#define IMAP_PASSWORD_ENV "SENDHEALTH_IMAP_PASSWORD"
/* A CA bundle to trust instead of the system's (a test server's own certificate).
 * Verification itself cannot be switched off. */
#define IMAP_CA_FILE_ENV "SENDHEALTH_CA_FILE"
/* The biggest message read, in bytes (a bigger one is skipped and named). */
#define IMAP_MAX_MESSAGE_ENV "SENDHEALTH_IMAP_MAX_MESSAGE"

struct imap_options {
	long connect_timeout_s; /* TCP + TLS + login, default 15 */
	long idle_timeout_s;    /* abort when no byte arrives for this long, default 30 */
	size_t max_message;     /* a bigger message is skipped (reported), default 64 MiB,
				   $SENDHEALTH_IMAP_MAX_MESSAGE */
	int max_tries;          /* per step incl. the first, default 5 */
	long retry_base_ms;     /* first backoff step, default 1000 */
	long retry_max_wait_s;  /* cap on one wait, default 60 */
	const char *ca_file;    /* borrowed: $SENDHEALTH_CA_FILE, or NULL */
};

/* The defaults above (those of net/http_options.h). */
void imap_options_init(struct imap_options *o);
/* The HTTP client's variables (SENDHEALTH_HTTP_TIMEOUT, SENDHEALTH_CONNECT_TIMEOUT,
 * SENDHEALTH_HTTP_TRIES, SENDHEALTH_RETRY_BASE_MS, SENDHEALTH_RETRY_MAX_WAIT) and
 * $SENDHEALTH_CA_FILE (borrowed from the environment). */
int imap_options_from_env(struct imap_options *o, struct sh_error *err);

/* The password: the first line of key_file (mode 600, as net/secrets.h reads keys) when
 * not NULL, else $SENDHEALTH_IMAP_PASSWORD. Owned: release with secrets_free. */
char *imap_password_load(const char *key_file, struct sh_error *err);

struct imap_fetch_req {
	const char *url;                 /* borrowed: imaps://user@host[:port]/MAILBOX */
	const char *password;            /* borrowed */
	const struct imap_options *opts; /* borrowed; NULL: defaults */
	double since, until;             /* Unix seconds, 0: open (widened to whole days) */
	/* One message: its raw bytes (borrowed until return) and its source name
	 * (imaps://user@host/INBOX;UID=42). 0 goes on; -1 stops imap_fetch, which then
	 * fails (record the reason in the caller's error first: the first error wins). */
	int (*message)(const char *buf, size_t len, const char *source_name, void *ud);
	/* A message not read (too large, gone from the mailbox) and why; may be NULL. */
	void (*skipped)(void *ud, const char *source_name, const char *reason);
	/* After each message: done of total; may be NULL. */
	void (*progress)(void *ud, long done, long total);
	/* Each IMAP command sent (never the login), for --verbose; may be NULL. */
	void (*trace)(void *ud, const char *command);
	void *ud;
};

struct imap_fetch_result {
	long found;     /* candidates the search returned */
	long fetched;   /* messages given to the callback */
	long skipped;   /* messages not read (see req->skipped) */
	int reconnects; /* sessions opened again after a transient failure */
};

/* Fetches the bounce candidates of req->url. 0 when every candidate was given to the
 * callback or skipped; -1 with err set otherwise (res says how far it got). */
int imap_fetch(const struct imap_fetch_req *req, struct imap_fetch_result *res,
	       struct sh_error *err);

#endif
