/* api_input.h - `mailgun:DOMAIN` and `sendgrid:[SUBUSER]` as inputs of report and health:
 * the ESP's API read page by page straight into the log reader, no file in between.
 * Keys come from $MAILGUN_API_KEY / $SENDGRID_API_KEY or --api-key-file, as for fetch.
 * `imaps://user@host/MAILBOX` likewise: its bounces (net/imap.h, read-only) reach the log
 * reader one message at a time (logread_message), each named by its UID
 * (imaps://user@host/INBOX;UID=42); the password comes from $SENDHEALTH_IMAP_PASSWORD or
 * --imap-password-file.
 * Ownership: struct api_inputs is the caller's; the client and keys in it are owned and
 * released by api_inputs_release (the keys wiped). */
#ifndef SH_REPORT_RUN_API_INPUT_H
#define SH_REPORT_RUN_API_INPUT_H

#include "import/logread.h"

struct api_inputs {
	/* called after each page with the events read so far from this input (may be NULL) */
	void (*progress)(void *ctx, long events);
	void *progress_ctx;
	const char *key_file;     /* borrowed: --api-key-file, or NULL */
	const char *imap_password_file; /* borrowed: --imap-password-file, or NULL */
	const char *region;       /* "us" or "eu" (Mailgun) */
	double t0, t1;            /* the window asked for; the last 7 days when none */
	struct http_client *http; /* owned, made on first use */
	char *mailgun_key, *sendgrid_key, *imap_password; /* owned */
};

/* Not thread-safe: one struct api_inputs per run, used by the thread that opens inputs. */
void api_inputs_init(struct api_inputs *a);
void api_inputs_release(struct api_inputs *a);
/* The pipeline's open_api hook: fetches spec into lr. 0, or -1 with err set. */
int api_inputs_open(void *ctx, const char *spec, struct logread *lr, struct sh_error *err);

#endif
