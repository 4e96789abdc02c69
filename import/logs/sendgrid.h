/* sendgrid.h - SendGrid Event Webhook events and suppression-list items to records.
 * Contract: a jsonstream handler; one record per object. An object with "event" is a
 * webhook event; one with "created" (bounces, blocks, invalid_emails, spam_reports) or our
 * fetcher's "sendhealth_list" is a suppression item. Required: a timestamp and "email".
 * Threads: the format is static data, sendgrid_event is pure; each reader belongs to one
 * logread (import/reader.h). */
#ifndef SH_IMPORT_LOGS_SENDGRID_H
#define SH_IMPORT_LOGS_SENDGRID_H

#include "import/logs/jsonstream.h"
#include "model/record.h"

extern const struct js_format sendgrid_format;

/* The event kind of a SendGrid event name ("bounce", "spam report", "group_unsubscribe",
 * any case, spaces or underscores) refined by the bounce type ("blocked"), and the
 * severity SendGrid implies; EV_OTHER for names it does not know. */
enum sh_event sendgrid_event(const char *name, size_t len, const char *type, size_t type_len,
			     enum sh_severity *sev);

#endif
