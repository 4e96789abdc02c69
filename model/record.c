/* record.c - the stable names of a record's enums (the JSON Lines keys' values, report
 * filters) and which events count as failures. Names never change once written: files
 * written by `sendhealth import` are read back by name. */
#include "model/record.h"

#include <string.h>

#include "util/text.h"

static const char *const source_names[] = {
	"unknown",
	"mailgun_events",
	"mailgun_webhook",
	"mailgun_logs",
	"sendgrid_webhook",
	"sendgrid_suppression",
	"sendgrid_activity_csv",
	"csv",
	"nodemailer",
	"records",
	"mail",
};
_Static_assert(sizeof(source_names) / sizeof(source_names[0]) == SRC_COUNT, "source names");

static const char *const event_names[] = {
	"unknown", "accepted", "delivered", "failed", "bounce", "blocked", "deferred",
	"dropped", "rejected", "complained", "unsubscribed", "opened", "clicked", "other",
};
_Static_assert(sizeof(event_names) / sizeof(event_names[0]) == EV_COUNT, "event names");

static const char *const severity_names[] = { "unknown", "permanent", "temporary" };

const char *record_source_name(enum sh_source s)
{
	return (unsigned)s < SRC_COUNT ? source_names[s] : source_names[SRC_UNKNOWN];
}

const char *record_event_name(enum sh_event e)
{
	return (unsigned)e < EV_COUNT ? event_names[e] : event_names[EV_UNKNOWN];
}

const char *record_severity_name(enum sh_severity s)
{
	return (unsigned)s <= SEV_TEMPORARY ? severity_names[s] : severity_names[SEV_UNKNOWN];
}

int record_source_from_name(const char *s)
{
	int i;

	for (i = 0; i < SRC_COUNT; i++)
		if (text_ieq(s, source_names[i]))
			return i;
	return -1;
}

int record_severity_from_name(const char *s)
{
	int i;

	for (i = 0; i <= SEV_TEMPORARY; i++)
		if (text_ieq(s, severity_names[i]))
			return i;
	return -1;
}

/* The names people and the ESPs use for the same kinds, accepted on input only. */
static const struct {
	const char *name;
	enum sh_event ev;
} event_aliases[] = {
	{ "bounced", EV_BOUNCE },      { "processed", EV_ACCEPTED },  { "spamreport", EV_COMPLAINED },
	{ "complaint", EV_COMPLAINED }, { "open", EV_OPENED },       { "click", EV_CLICKED },
	{ "unsubscribe", EV_UNSUBSCRIBED }, { "fail", EV_FAILED },   { "deferral", EV_DEFERRED },
};

int record_event_from_name(const char *s)
{
	size_t i;

	for (i = 0; i < EV_COUNT; i++)
		if (text_ieq(s, event_names[i]))
			return (int)i;
	for (i = 0; i < sizeof(event_aliases) / sizeof(event_aliases[0]); i++)
		if (text_ieq(s, event_aliases[i].name))
			return (int)event_aliases[i].ev;
	return -1;
}

int record_is_failure(const struct sh_record *r)
{
	switch (r->event) {
	case EV_FAILED:
	case EV_BOUNCE:
	case EV_BLOCKED:
	case EV_DEFERRED:
	case EV_DROPPED:
	case EV_REJECTED:
		return 1;
	default:
		return 0;
	}
}
