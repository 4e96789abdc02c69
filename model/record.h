/* record.h - the one normalized event record every log reader produces.
 * Contract: readers fill a struct sh_record per event and hand it to a callback; every
 * string is a borrowed (ptr, len) slice valid only until the callback returns (readers
 * keep them in a per-event buffer they reuse). Empty slices have len 0 and ptr "".
 * Strings are valid UTF-8 (readers repair invalid input) and contain no NUL bytes.
 * The *_name functions return static strings (never freed); all functions here are pure and
 * thread-safe. */
#ifndef SH_MODEL_RECORD_H
#define SH_MODEL_RECORD_H

#include <stddef.h>

struct slice {
	const char *ptr;
	size_t len;
};

enum sh_source {
	SRC_UNKNOWN,
	SRC_MAILGUN_EVENTS,    /* Events API page(s), arrays, JSON Lines */
	SRC_MAILGUN_WEBHOOK,   /* {"signature":…, "event-data":{…}} */
	SRC_MAILGUN_LOGS,      /* Logs API: items with "@timestamp" */
	SRC_SENDGRID_WEBHOOK,  /* Event Webhook batches */
	SRC_SENDGRID_SUPPRESSION, /* bounces, blocks, invalid_emails, spam_reports */
	SRC_SENDGRID_ACTIVITY_CSV,
	SRC_GENERIC_CSV,       /* any other sender's CSV */
	SRC_NODEMAILER,        /* Nodemailer error objects, JSON Lines */
	SRC_RECORDS,           /* our own normalized JSON Lines (sendhealth import -o) */
	SRC_MAIL,              /* bounce mail: RFC 3464/5965 reports and bounces for people */
	SRC_COUNT
};

enum sh_event {
	EV_UNKNOWN,
	EV_ACCEPTED,   /* Mailgun accepted, SendGrid processed */
	EV_DELIVERED,
	EV_FAILED,     /* Mailgun failed (see severity) */
	EV_BOUNCE,     /* SendGrid bounce type=bounce, suppression bounces */
	EV_BLOCKED,    /* SendGrid bounce type=blocked, blocks list */
	EV_DEFERRED,
	EV_DROPPED,
	EV_REJECTED,   /* Mailgun refused the send request */
	EV_COMPLAINED,
	EV_UNSUBSCRIBED,
	EV_OPENED,
	EV_CLICKED,
	EV_OTHER,
	EV_COUNT
};

enum sh_severity { SEV_UNKNOWN, SEV_PERMANENT, SEV_TEMPORARY };

struct sh_record {
	enum sh_source source;
	enum sh_event event;
	enum sh_severity severity;
	double timestamp;            /* Unix seconds, UTC; 0 when unknown */
	struct slice esp;            /* "mailgun", "sendgrid", "gmail", "outlook", "smtp" */
	struct slice sending_domain; /* lowercase */
	struct slice sender;         /* envelope sender / From address */
	struct slice recipient;
	struct slice recipient_domain; /* lowercase */
	struct slice recipient_provider; /* Mailgun's "recipient-provider" when given */
	int smtp_code;               /* 0 when none; Mailgun internal codes (498, 602, 605…) too */
	char enhanced[16];           /* "5.1.1", from its field or parsed from the text; "" */
	struct slice message;        /* SMTP reply or ESP text */
	struct slice description;    /* Mailgun delivery-status.description, reject.description */
	struct slice esp_reason;     /* Mailgun reason (old, suppress-bounce…), SendGrid type or drop reason */
	struct slice bounce_class;   /* SendGrid bounce_classification */
	struct slice message_id;
	struct slice event_id;       /* Mailgun id, SendGrid sg_event_id (dedupe) */
	struct slice tags;           /* comma-joined tags / categories */
	struct slice subaccount;     /* Mailgun account id / SendGrid subuser */
	const char *file;            /* borrowed: input name, for messages */
	long line;                   /* line (JSON Lines, CSV) or event ordinal */
};

const char *record_source_name(enum sh_source s);
const char *record_event_name(enum sh_event e);
const char *record_severity_name(enum sh_severity s);
/* The value of the name (case-insensitive; events also take the ESPs' own spellings such
 * as "bounced" or "spamreport"), or -1 when unknown. */
int record_event_from_name(const char *s);
int record_source_from_name(const char *s);
int record_severity_from_name(const char *s);

/* 1 for the events that count as a failure in reports. */
int record_is_failure(const struct sh_record *r);

#endif
