/* record.c - names of the record's enumerations, as they appear in JSON and reports. */
#include "import/record.h"

#include <string.h>

static const char *const source_names[] = {
	"unknown", "mailgun_events", "mailgun_webhook", "mailgun_logs", "sendgrid_webhook",
	"sendgrid_suppression", "sendgrid_activity_csv", "generic_csv", "nodemailer", "records",
};
_Static_assert(sizeof(source_names) / sizeof(source_names[0]) == SRC_COUNT, "source names");

static const char *const event_names[] = {
	"unknown", "accepted", "delivered", "failed", "bounce", "blocked", "deferred",
	"dropped", "rejected", "complained", "unsubscribed", "opened", "clicked", "other",
};
_Static_assert(sizeof(event_names) / sizeof(event_names[0]) == EV_COUNT, "event names");

const char *record_source_name(enum sh_source s)
{
	return (unsigned)s < SRC_COUNT ? source_names[s] : "unknown";
}

const char *record_event_name(enum sh_event e)
{
	return (unsigned)e < EV_COUNT ? event_names[e] : "unknown";
}

const char *record_severity_name(enum sh_severity s)
{
	return s == SEV_PERMANENT ? "permanent" : s == SEV_TEMPORARY ? "temporary" : "";
}

int record_event_from_name(const char *s)
{
	int i;

	for (i = 0; i < EV_COUNT; i++)
		if (!strcmp(s, event_names[i]))
			return i;
	return -1;
}

int record_is_failure(const struct sh_record *r)
{
	return r->event == EV_FAILED || r->event == EV_BOUNCE || r->event == EV_BLOCKED ||
	       r->event == EV_DEFERRED || r->event == EV_DROPPED || r->event == EV_REJECTED;
}
