/* generic_csv.c - header mapping (synonyms, --map) and one record per row, on top of
 * import/csvread. */
#include "import/logs/generic_csv.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "util/csvread.h"
#include "import/reader.h"
#include "model/recbuild.h"
#include "util/smtp_codes.h"
#include "util/text.h"
#include "util/timeparse.h"

static const char *const field_names[] = {
	"timestamp", "date", "time", "recipient", "sender", "smtp_code", "enhanced_code",
	"message", "description", "sending_domain", "recipient_domain", "event", "status", "esp",
	"message_id", "event_id", "tags", "subaccount", "esp_reason", "bounce_classification",
	"severity",
};
_Static_assert(sizeof(field_names) / sizeof(field_names[0]) == GF_COUNT, "csv fields");

/* Header names (lowercase, letters and digits only) per field; the first column wins. */
static const struct {
	const char *name;
	enum gcsv_field f;
} synonyms[] = {
	{ "timestamp", GF_TIMESTAMP }, { "datetime", GF_TIMESTAMP }, { "sentat", GF_TIMESTAMP },
	{ "createdat", GF_TIMESTAMP }, { "created", GF_TIMESTAMP }, { "eventtime", GF_TIMESTAMP },
	{ "loggedat", GF_TIMESTAMP }, { "occurredat", GF_TIMESTAMP }, { "zeitstempel", GF_TIMESTAMP },
	{ "sendtime", GF_TIMESTAMP }, { "date", GF_DATE }, { "datum", GF_DATE }, { "day", GF_DATE },
	{ "sentdate", GF_DATE }, { "time", GF_TIME }, { "zeit", GF_TIME }, { "uhrzeit", GF_TIME },
	{ "recipient", GF_RECIPIENT }, { "email", GF_RECIPIENT }, { "to", GF_RECIPIENT },
	{ "emailaddress", GF_RECIPIENT }, { "recipientemail", GF_RECIPIENT },
	{ "recipientaddress", GF_RECIPIENT }, { "toaddress", GF_RECIPIENT }, { "toemail", GF_RECIPIENT },
	{ "rcpt", GF_RECIPIENT }, { "rcptto", GF_RECIPIENT }, { "address", GF_RECIPIENT },
	{ "empfaenger", GF_RECIPIENT }, { "sender", GF_SENDER },
	{ "from", GF_SENDER }, { "fromaddress", GF_SENDER }, { "fromemail", GF_SENDER },
	{ "mailfrom", GF_SENDER }, { "envelopefrom", GF_SENDER }, { "senderemail", GF_SENDER },
	{ "absender", GF_SENDER }, { "smtpcode", GF_SMTP_CODE }, { "code", GF_SMTP_CODE },
	{ "responsecode", GF_SMTP_CODE }, { "replycode", GF_SMTP_CODE }, { "statuscode", GF_SMTP_CODE },
	{ "smtpstatus", GF_SMTP_CODE }, { "errorcode", GF_SMTP_CODE }, { "enhancedcode", GF_ENHANCED },
	{ "enhancedstatus", GF_ENHANCED }, { "enhancedstatuscode", GF_ENHANCED }, { "dsn", GF_ENHANCED },
	{ "response", GF_MESSAGE }, { "message", GF_MESSAGE }, { "error", GF_MESSAGE },
	{ "errormessage", GF_MESSAGE }, { "reason", GF_MESSAGE }, { "smtpresponse", GF_MESSAGE },
	{ "smtpmessage", GF_MESSAGE }, { "smtpreply", GF_MESSAGE }, { "reply", GF_MESSAGE },
	{ "diagnosticcode", GF_MESSAGE }, { "diagnostic", GF_MESSAGE }, { "bouncereason", GF_MESSAGE },
	{ "failurereason", GF_MESSAGE }, { "details", GF_MESSAGE }, { "fehler", GF_MESSAGE },
	{ "fehlermeldung", GF_MESSAGE }, { "meldung", GF_MESSAGE }, { "description", GF_DESCRIPTION },
	{ "domain", GF_SENDING_DOMAIN }, { "sendingdomain", GF_SENDING_DOMAIN },
	{ "senderdomain", GF_SENDING_DOMAIN }, { "recipientdomain", GF_RECIPIENT_DOMAIN },
	{ "event", GF_EVENT }, { "eventtype", GF_EVENT }, { "eventname", GF_EVENT },
	{ "result", GF_EVENT }, { "status", GF_STATUS }, { "type", GF_STATUS },
	{ "deliverystatus", GF_STATUS }, { "state", GF_STATUS }, { "provider", GF_ESP },
	{ "esp", GF_ESP }, { "service", GF_ESP }, { "mailer", GF_ESP }, { "smtphost", GF_ESP },
	{ "smtpserver", GF_ESP }, { "host", GF_ESP }, { "server", GF_ESP }, { "relay", GF_ESP },
	{ "messageid", GF_MESSAGE_ID }, { "msgid", GF_MESSAGE_ID }, { "eventid", GF_EVENT_ID },
	{ "sgeventid", GF_EVENT_ID }, { "tags", GF_TAGS }, { "tag", GF_TAGS },
	{ "categories", GF_TAGS }, { "category", GF_TAGS }, { "campaign", GF_TAGS },
	{ "subaccount", GF_SUBACCOUNT }, { "subuser", GF_SUBACCOUNT }, { "espreason", GF_ESP_REASON },
	{ "bounceclassification", GF_BOUNCE_CLASS }, { "severity", GF_SEVERITY },
	{ "bouncetype", GF_SEVERITY },
};

/* Kinds of header names: a name holding one of these words (checked in order, after the
 * whole names above) is that field's, as "Empfänger-Adresse", "E-Mail-Adresse des
 * Kunden", "Fehlertext", "Antwort des Servers", "Versanddatum" or "Kunde E-Mail" are; the
 * more specific words come first ("Absender-E-Mail" is the sender, "E-Mail-Status" a
 * status). */
static const struct {
	const char *word;
	enum gcsv_field f;
} kinds[] = {
	{ "empfaengerdomain", GF_RECIPIENT_DOMAIN }, { "recipientdomain", GF_RECIPIENT_DOMAIN },
	{ "absenderdomain", GF_SENDING_DOMAIN }, { "senderdomain", GF_SENDING_DOMAIN },
	{ "fehlercode", GF_SMTP_CODE }, { "antwortcode", GF_SMTP_CODE },
	{ "statuscode", GF_SMTP_CODE }, { "smtpcode", GF_SMTP_CODE }, { "errorcode", GF_SMTP_CODE },
	{ "absender", GF_SENDER }, { "sender", GF_SENDER }, { "empfaenger", GF_RECIPIENT },
	{ "recipient", GF_RECIPIENT }, { "emailadress", GF_RECIPIENT },
	{ "mailadress", GF_RECIPIENT }, { "fehler", GF_MESSAGE }, { "antwort", GF_MESSAGE },
	{ "rueckmeldung", GF_MESSAGE }, { "meldung", GF_MESSAGE }, { "response", GF_MESSAGE },
	{ "error", GF_MESSAGE }, { "reason", GF_MESSAGE }, { "grund", GF_MESSAGE },
	{ "zeitstempel", GF_TIMESTAMP }, { "zeitpunkt", GF_TIMESTAMP }, { "timestamp", GF_TIMESTAMP },
	{ "gesendet", GF_TIMESTAMP }, { "versendet", GF_TIMESTAMP }, { "datum", GF_DATE },
	{ "date", GF_DATE }, { "uhrzeit", GF_TIME }, { "ereignis", GF_EVENT },
	{ "anbieter", GF_ESP }, { "status", GF_STATUS }, { "email", GF_RECIPIENT },
};

/* Event words in "event" and "status" columns, normalised like header names. */
static const struct {
	const char *name;
	enum sh_event ev;
	enum sh_severity sev;
} event_words[] = {
	{ "bounce", EV_BOUNCE, SEV_PERMANENT }, { "bounced", EV_BOUNCE, SEV_PERMANENT },
	{ "hardbounce", EV_BOUNCE, SEV_PERMANENT }, { "unzustellbar", EV_BOUNCE, SEV_PERMANENT },
	{ "softbounce", EV_DEFERRED, SEV_TEMPORARY }, { "deferred", EV_DEFERRED, SEV_TEMPORARY },
	{ "delayed", EV_DEFERRED, SEV_TEMPORARY }, { "tempfail", EV_DEFERRED, SEV_TEMPORARY },
	{ "failed", EV_FAILED, SEV_UNKNOWN }, { "failure", EV_FAILED, SEV_UNKNOWN },
	{ "error", EV_FAILED, SEV_UNKNOWN }, { "fehlgeschlagen", EV_FAILED, SEV_UNKNOWN },
	{ "rejected", EV_REJECTED, SEV_PERMANENT }, { "abgelehnt", EV_REJECTED, SEV_PERMANENT },
	{ "blocked", EV_BLOCKED, SEV_TEMPORARY }, { "dropped", EV_DROPPED, SEV_PERMANENT },
	{ "delivered", EV_DELIVERED, SEV_UNKNOWN }, { "sent", EV_DELIVERED, SEV_UNKNOWN },
	{ "success", EV_DELIVERED, SEV_UNKNOWN }, { "zugestellt", EV_DELIVERED, SEV_UNKNOWN },
	{ "accepted", EV_ACCEPTED, SEV_UNKNOWN }, { "processed", EV_ACCEPTED, SEV_UNKNOWN },
	{ "complaint", EV_COMPLAINED, SEV_UNKNOWN }, { "spamreport", EV_COMPLAINED, SEV_UNKNOWN },
	{ "unsubscribed", EV_UNSUBSCRIBED, SEV_UNKNOWN }, { "opened", EV_OPENED, SEV_UNKNOWN },
	{ "clicked", EV_CLICKED, SEV_UNKNOWN },
};

struct gcsv {
	struct logread *lr;
	struct csvread csv;
	struct recbuild rb;
	const struct gcsv_map *map;
	const struct gcsv_dialect *dialect; /* static, or NULL */
	int header_done, dead;
	char delim;                /* 0 for ',' */
	enum time_date_order order; /* --date-order, or what the file's rows settled */
	int order_given;           /* the user named the order */
	int sniffed;               /* the first chunk was read ahead for the date order */
	int order_conflict;        /* rows read ahead fit only day-month and only month-day */
	long rows, recipients;     /* data rows, and those naming a recipient */
	int col[GF_COUNT];         /* column index per field, -1 when none */
	char header[200];          /* the header names, for messages */
};

/* German letters as header names are compared: ä Ä -> ae, ö Ö -> oe, ü Ü -> ue, ß -> ss
 * (the second byte of their UTF-8), so "Empfänger" and "EMPFAENGER" are one name. */
static const char *fold_umlaut(unsigned char b)
{
	switch (b) {
	case 0xA4: case 0x84: return "ae";
	case 0xB6: case 0x96: return "oe";
	case 0xBC: case 0x9C: return "ue";
	case 0x9F: return "ss";
	default: return NULL;
	}
}

/* Lowercase letters and digits (other UTF-8 bytes kept, umlauts folded) of s into out. */
static void normalize(const char *s, size_t len, char *out, size_t size)
{
	size_t i, n = 0;

	for (i = 0; i < len && n + 1 < size; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *f = c == 0xC3 && i + 1 < len ? fold_umlaut((unsigned char)s[i + 1]) : NULL;
		if (f && n + 3 < size) {
			out[n++] = f[0];
			out[n++] = f[1];
			i++;
		} else if (isalnum(c) || c >= 0x80) {
			out[n++] = (char)tolower(c);
		}
	}
	out[n] = '\0';
}

int gcsv_parse_map(const char *spec, struct gcsv_map *map, struct sh_error *err)
{
	const char *p = spec;

	while (*p) {
		const char *comma = strchr(p, ','), *eq = strchr(p, '=');
		size_t end = comma ? (size_t)(comma - p) : strlen(p), flen, clen;
		int f;
		if (!eq || (size_t)(eq - p) >= end)
			return sh_error_set(err, SH_ERR_USAGE, NULL, 0,
					    "--map takes field=column pairs, not '%.*s'", (int)end, p);
		flen = (size_t)(eq - p);
		clen = end - flen - 1;
		for (f = 0; f < GF_COUNT; f++)
			if (text_ieqn(p, flen, field_names[f]))
				break;
		if (f == GF_COUNT && text_ieqn(p, flen, "provider"))
			f = GF_ESP;
		if (f == GF_COUNT)
			return sh_error_set(err, SH_ERR_USAGE, NULL, 0,
					    "--map: unknown field '%.*s' (fields: timestamp, date, time, "
					    "recipient, sender, smtp_code, enhanced_code, message, event, "
					    "status, esp, …)", (int)flen, p);
		if (!clen || clen >= sizeof(map->m[0].column) || map->n >= GCSV_MAX_MAP)
			return sh_error_set(err, SH_ERR_USAGE, NULL, 0,
					    "--map: bad column name for '%s'", field_names[f]);
		map->m[map->n].field = f;
		memcpy(map->m[map->n].column, eq + 1, clen);
		map->m[map->n].column[clen] = '\0';
		map->n++;
		p += end + (comma != NULL);
	}
	return 0;
}

static int by_name(const char *norm, const struct gcsv_dialect *d)
{
	size_t i;

	for (i = 0; d && i < d->ncolumns; i++)
		if (!strcmp(norm, d->columns[i].name))
			return (int)d->columns[i].field;
	for (i = 0; i < sizeof(synonyms) / sizeof(synonyms[0]); i++)
		if (!strcmp(norm, synonyms[i].name))
			return synonyms[i].f;
	for (i = 0; !d && i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strstr(norm, kinds[i].word))
			return kinds[i].f;
	return -1;
}

/* Finds each field's column and keeps the header's names for messages. */
static void map_header(struct gcsv *g, const struct csvread_row *row)
{
	size_t i, have = 0;
	int j;

	g->header[0] = '\0';
	for (j = 0; j < GF_COUNT; j++)
		g->col[j] = -1;
	for (i = 0; i < row->n; i++) {
		char norm[64];
		int f = -1;
		for (j = 0; g->map && j < g->map->n && f < 0; j++)
			if (text_ieq(row->fields[i], g->map->m[j].column))
				f = g->map->m[j].field;
		normalize(row->fields[i], row->lens[i], norm, sizeof(norm));
		if (f < 0)
			f = by_name(norm, g->dialect);
		if (f >= 0 && g->col[f] < 0)
			g->col[f] = (int)i;
		if (have + row->lens[i] + 3 < sizeof(g->header))
			have += (size_t)snprintf(g->header + have, sizeof(g->header) - have, "%s%s",
						 i ? ", " : "", row->fields[i]);
	}
}

static int header(struct gcsv *g, const struct csvread_row *row)
{
	int j;

	g->header_done = 1;
	map_header(g, row);
	for (j = 0; g->map && j < g->map->n; j++) {
		int f = g->map->m[j].field;
		if (g->col[f] < 0 || !text_ieq(row->fields[g->col[f]], g->map->m[j].column)) {
			g->dead = 1;
			return logread_skip(g->lr, row->line, "unmapped_columns",
					    "--map: no column '%s' in the header (%s)",
					    g->map->m[j].column, g->header);
		}
	}
	if (g->col[GF_RECIPIENT] < 0 && g->col[GF_MESSAGE] < 0 && g->col[GF_SMTP_CODE] < 0 &&
	    g->col[GF_ENHANCED] < 0 && g->col[GF_EVENT] < 0 && g->col[GF_STATUS] < 0) {
		g->dead = 1;
		return logread_skip(g->lr, row->line, "unmapped_columns",
				    "cannot tell which columns hold the recipient, the error or the "
				    "event (header: %s); rename them or use --map field=column",
				    g->header);
	}
	return 0;
}

/* The cell of field f in row, trimmed; "" when the CSV has no such column. */
static const char *cell(const struct gcsv *g, const struct csvread_row *row, int f, size_t *len)
{
	const char *s = "";
	size_t n = 0;

	if (g->col[f] >= 0 && (size_t)g->col[f] < row->n) {
		s = row->fields[g->col[f]];
		n = row->lens[g->col[f]];
		text_trim(&s, &n);
	}
	*len = n;
	return s;
}

static int is_enhanced(const char *s, size_t len)
{
	char buf[16];

	if (len >= sizeof(buf))
		return 0;
	smtp_find_enhanced(s, len, buf);
	return strlen(buf) == len;
}

static void event_word(const char *s, size_t len, enum sh_event *ev, enum sh_severity *sev)
{
	char norm[32];
	size_t i;

	normalize(s, len, norm, sizeof(norm));
	for (i = 0; i < sizeof(event_words) / sizeof(event_words[0]); i++) {
		if (!strcmp(norm, event_words[i].name)) {
			*ev = event_words[i].ev;
			if (!*sev)
				*sev = event_words[i].sev;
			return;
		}
	}
	if (!strcmp(norm, "hard") || !strcmp(norm, "permanent"))
		*sev = SEV_PERMANENT;
	else if (!strcmp(norm, "soft") || !strcmp(norm, "temporary") || !strcmp(norm, "transient"))
		*sev = SEV_TEMPORARY;
}

/* A code, status or event cell: "550", "5.1.1", "550 5.1.1 User unknown" or "bounced". */
static void read_status(struct gcsv *g, const char *s, size_t len, enum sh_event *ev,
			enum sh_severity *sev)
{
	struct sh_record *r = &g->rb.rec;
	long v;
	int code;

	if (!len)
		return;
	if (text_parse_longn(s, len, 100, 999, &v) == 0) {
		if (!r->smtp_code)
			r->smtp_code = (int)v;
	} else if (is_enhanced(s, len)) {
		if (!r->enhanced[0])
			memcpy(r->enhanced, s, len + 1);
	} else if ((code = smtp_find_code(s, len)) != 0) {
		if (!r->smtp_code)
			r->smtp_code = code;
		if (!g->rb.f[RBF_MESSAGE].len)
			recbuild_set(&g->rb, RBF_MESSAGE, s, len);
	} else if (!*ev) {
		event_word(s, len, ev, sev);
	}
}

/* The row's time as written: the timestamp cell, or date and time joined (into both). */
static const char *time_text(const struct gcsv *g, const struct csvread_row *row,
			     char both[160], size_t *len)
{
	size_t n, dn, tn;
	const char *s = cell(g, row, GF_TIMESTAMP, &n);
	const char *d = cell(g, row, GF_DATE, &dn), *t = cell(g, row, GF_TIME, &tn);

	if (g->col[GF_TIMESTAMP] < 0 && dn && tn && dn + tn + 2 < 160) {
		n = (size_t)snprintf(both, 160, "%.*s %.*s", (int)dn, d, (int)tn, t);
		s = both;
	} else if (g->col[GF_TIMESTAMP] < 0) {
		s = dn ? d : t;
		n = dn ? dn : tn;
	}
	*len = n;
	return s;
}

/* 0 with the time set (or none to set), 1 when the row was skipped, -1 to stop. */
static int read_time(struct gcsv *g, const struct csvread_row *row)
{
	char both[160];
	unsigned fits = 0;
	size_t n;
	const char *s;
	int rc;

	if (g->col[GF_TIMESTAMP] < 0 && g->col[GF_DATE] < 0 && g->col[GF_TIME] < 0)
		return 0;
	s = time_text(g, row, both, &n);
	if (!n)
		return logread_skip(g->lr, row->line, "missing_timestamp", "a row without a time")
			       ? -1 : 1;
	rc = time_parse_local(s, n, g->order, &g->rb.rec.timestamp, &fits);
	if (rc == TIME_AMBIGUOUS)
		return logread_skip(g->lr, row->line, "ambiguous_date",
				    "ambiguous date '%.*s': day/month or month/day? no row of this "
				    "file settles it; use --date-order dmy or mdy",
				    (int)(n < 40 ? n : 40), s) ? -1 : 1;
	if (rc != 0)
		return logread_skip(g->lr, row->line, "bad_timestamp", "unreadable time '%.*s'",
				    (int)(n < 40 ? n : 40), s) ? -1 : 1;
	if (!g->order_given && !g->order_conflict && (fits == TIME_FITS_DMY || fits == TIME_FITS_MDY))
		g->order = fits == TIME_FITS_DMY ? TIME_ORDER_DMY : TIME_ORDER_MDY;
	return 0;
}

static const struct {
	enum gcsv_field from;
	enum rb_field to;
} copies[] = {
	{ GF_MESSAGE, RBF_MESSAGE }, { GF_DESCRIPTION, RBF_DESCRIPTION },
	{ GF_SENDING_DOMAIN, RBF_SENDING_DOMAIN }, { GF_RECIPIENT_DOMAIN, RBF_RECIPIENT_DOMAIN },
	{ GF_MESSAGE_ID, RBF_MESSAGE_ID }, { GF_EVENT_ID, RBF_EVENT_ID }, { GF_TAGS, RBF_TAGS },
	{ GF_SUBACCOUNT, RBF_SUBACCOUNT }, { GF_ESP_REASON, RBF_ESP_REASON },
	{ GF_BOUNCE_CLASS, RBF_BOUNCE_CLASS },
};

/* A cell holding an error object as a Node.js app logs it (Nodemailer's: {"code":
 * "EENVELOPE", "response": "421 4.3.0 …", "responseCode": 421, "message": …}): the record
 * gets its response text, its code and Nodemailer's own words as the description. */
static void error_object(struct recbuild *rb, const char *s, size_t n)
{
	json_t *o = json_loadb(s, n, JSON_REJECT_DUPLICATES, NULL);
	json_t *resp = json_object_get(o, "response"), *msg = json_object_get(o, "message");
	json_t *code = json_object_get(o, "code"), *rc = json_object_get(o, "responseCode");
	const char *text = json_is_string(resp) ? json_string_value(resp)
			   : json_is_string(msg) ? json_string_value(msg) : NULL;

	if (json_is_object(o) && text) {
		recbuild_set(rb, RBF_MESSAGE, text, strlen(text));
		if (text != json_string_value(msg) && json_is_string(msg))
			recbuild_set(rb, RBF_DESCRIPTION, json_string_value(msg),
				     json_string_length(msg));
		if (json_is_string(code))
			recbuild_set(rb, RBF_ESP_REASON, json_string_value(code),
				     json_string_length(code));
		if (json_is_integer(rc) && json_integer_value(rc) >= 200 &&
		    json_integer_value(rc) <= 599 && !rb->rec.smtp_code)
			rb->rec.smtp_code = (int)json_integer_value(rc);
	}
	json_decref(o);
}

static void read_fields(struct gcsv *g, const struct csvread_row *row, enum sh_event *ev,
			enum sh_severity *sev)
{
	struct recbuild *rb = &g->rb;
	const char *s;
	size_t i, n;

	for (i = 0; i < sizeof(copies) / sizeof(copies[0]); i++) {
		s = cell(g, row, copies[i].from, &n);
		if (n)
			recbuild_set(rb, copies[i].to, s, n);
	}
	s = cell(g, row, GF_MESSAGE, &n);
	if (n > 1 && s[0] == '{' && s[n - 1] == '}')
		error_object(rb, s, n);
	s = cell(g, row, GF_RECIPIENT, &n);
	if (n)
		recbuild_set_address(rb, RBF_RECIPIENT, s, n);
	s = cell(g, row, GF_SENDER, &n);
	if (n)
		recbuild_set_address(rb, RBF_SENDER, s, n);
	s = cell(g, row, GF_SEVERITY, &n);
	event_word(s, n, ev, sev);
	s = cell(g, row, GF_ENHANCED, &n);
	if (n && n < sizeof(rb->rec.enhanced))
		smtp_find_enhanced(s, n, rb->rec.enhanced);
	s = cell(g, row, GF_SMTP_CODE, &n);
	read_status(g, s, n, ev, sev);
	if (!g->dialect) {
		s = cell(g, row, GF_EVENT, &n);
		if (n)
			event_word(s, n, ev, sev);
		s = cell(g, row, GF_STATUS, &n);
		read_status(g, s, n, ev, sev);
	}
}

static const char *row_esp(const struct gcsv *g, const struct csvread_row *row,
			   const struct sh_record *r)
{
	const char *esp = NULL;

	if (g->dialect)
		return g->dialect->esp;
	if (g->col[GF_ESP] >= 0 && (size_t)g->col[GF_ESP] < row->n)
		esp = recbuild_esp_from_hint(row->fields[g->col[GF_ESP]]);
	if (!esp && r->sending_domain.len)
		esp = recbuild_esp_from_domain(r->sending_domain.ptr);
	return esp ? esp : "smtp";
}

static int data_row(struct gcsv *g, const struct csvread_row *row)
{
	struct recbuild *rb = &g->rb;
	struct sh_record *r = &rb->rec;
	enum sh_event ev = EV_UNKNOWN;
	enum sh_severity sev = SEV_UNKNOWN;
	const char *esp;
	size_t n, tn;
	int rc;

	recbuild_reset(rb);
	g->rows++;
	cell(g, row, GF_RECIPIENT, &n);
	g->recipients += n != 0;
	if ((rc = read_time(g, row)) != 0)
		return rc < 0 ? -1 : 0;
	read_fields(g, row, &ev, &sev);
	if (g->dialect) {
		const char *s = cell(g, row, GF_EVENT, &n), *t = cell(g, row, GF_ESP_REASON, &tn);
		ev = g->dialect->event(rb, s, n, t, tn, &sev);
		if (ev == EV_UNKNOWN)
			return logread_skip(g->lr, row->line, "unknown_event", "a row without an event");
	} else if (!rb->f[RBF_RECIPIENT].len && !rb->f[RBF_MESSAGE].len && !r->smtp_code &&
		   !r->enhanced[0] && !ev) {
		return logread_skip(g->lr, row->line, "empty_record",
				    "a row without recipient, code, message or event");
	}
	recbuild_finish(rb);
	if (!ev)
		ev = r->smtp_code >= 200 && r->smtp_code < 300 ? EV_DELIVERED : EV_FAILED;
	if (!sev && record_is_failure(&(struct sh_record){ .event = ev })) {
		char cls = r->smtp_code ? (char)('0' + r->smtp_code / 100) : r->enhanced[0];
		sev = cls == '5' ? SEV_PERMANENT : cls == '4' ? SEV_TEMPORARY : SEV_UNKNOWN;
	}
	r->event = ev;
	r->severity = sev;
	r->source = g->dialect ? g->dialect->source : SRC_GENERIC_CSV;
	esp = row_esp(g, row, r);
	r->esp.ptr = esp;
	r->esp.len = strlen(esp);
	r->line = row->line;
	return logread_emit(g->lr, &g->rb);
}

static int on_row(void *ctx, const struct csvread_row *row)
{
	struct gcsv *g = ctx;
	size_t i;

	if (g->dead)
		return -1;
	if (!g->header_done)
		return header(g, row) != 0 || g->dead ? -1 : 0;
	for (i = 0; i < row->n && !row->lens[i]; i++)
		;
	if (i == row->n)
		return 0; /* a blank row, as spreadsheets leave at the end */
	if (row->unterminated)
		return logread_skip(g->lr, row->line, "unterminated_quote",
				    "a quoted field is not closed; it runs to the end of the file");
	return data_row(g, row);
}

struct gcsv *gcsv_new(struct logread *lr, const struct gcsv_map *map,
		      const struct gcsv_dialect *dialect, char delim)
{
	struct gcsv *g = xcalloc(1, sizeof(*g));
	struct csvread_cb cb = { on_row, g };

	g->lr = lr;
	g->map = map;
	g->dialect = dialect;
	recbuild_init(&g->rb);
	if (csvread_init(&g->csv, logread_name(lr), cb) != 0)
		xoom();
	if (delim)
		csv_set_delim(&g->csv.parser, (unsigned char)delim);
	g->delim = delim;
	return g;
}

void gcsv_free(struct gcsv *g)
{
	if (!g)
		return;
	csvread_release(&g->csv);
	recbuild_release(&g->rb);
	free(g);
}

/* A broken CSV (an unterminated quote running past the field cap): the rest is lost. */
static int broken_csv(struct gcsv *g, const struct sh_error *err)
{
	g->dead = 1;
	return logread_skip(g->lr, err->line, "bad_csv", "%s", err->msg);
}

struct sniff {
	struct gcsv *g;
	int header_seen;
	long dmy, mdy; /* rows whose date fits only that order */
};

static int sniff_row(void *ctx, const struct csvread_row *row)
{
	struct sniff *sn = ctx;
	char both[160];
	unsigned fits = 0;
	double t;
	size_t n;
	const char *s;

	if (!sn->header_seen) {
		sn->header_seen = 1;
		map_header(sn->g, row);
		return 0;
	}
	s = time_text(sn->g, row, both, &n);
	if (n && time_parse_local(s, n, TIME_ORDER_AUTO, &t, &fits) >= 0) {
		sn->dmy += fits == TIME_FITS_DMY;
		sn->mdy += fits == TIME_FITS_MDY;
	}
	return 0;
}

/* Reads the first chunk ahead: the dates of its rows that fit only one order settle the
 * order of the ambiguous ones (05/06/2026) for the whole file. */
static void sniff_order(struct gcsv *g, const char *buf, size_t len)
{
	struct sniff sn = { g, 0, 0, 0 };
	struct csvread_cb cb = { sniff_row, &sn };
	struct sh_error err = { 0 };
	struct csvread r;

	if (csvread_init(&r, logread_name(g->lr), cb) != 0)
		xoom();
	if (g->delim)
		csv_set_delim(&r.parser, (unsigned char)g->delim);
	csvread_feed(&r, buf, len, &err); /* a row cut at the chunk's end is not looked at */
	csvread_release(&r);
	if (sn.dmy && sn.mdy)
		g->order_conflict = 1;
	else if (sn.dmy || sn.mdy)
		g->order = sn.dmy ? TIME_ORDER_DMY : TIME_ORDER_MDY;
}

void gcsv_set_date_order(struct gcsv *g, enum time_date_order order)
{
	g->order = order;
	g->order_given = order != TIME_ORDER_AUTO;
}

void gcsv_slice_of(struct gcsv *g, const char *head, size_t n)
{
	if (!g->sniffed) {
		g->sniffed = 1;
		if (!g->order_given)
			sniff_order(g, head, n);
	}
	g->recipients = 1;
}

int gcsv_feed(struct gcsv *g, const char *buf, size_t len)
{
	struct sh_error err = { 0 };

	if (g->dead)
		return 0;
	if (!g->sniffed) {
		g->sniffed = 1;
		if (!g->order_given)
			sniff_order(g, buf, len);
	}
	if (csvread_feed(&g->csv, buf, len, &err) != 0)
		return broken_csv(g, &err);
	return g->csv.stopped && !g->dead ? -1 : 0;
}

/* Never a silent zero: rows, but not one recipient among them. */
static int no_recipients(struct gcsv *g)
{
	if (g->col[GF_RECIPIENT] >= 0)
		return logread_skip(g->lr, 0, "no_recipients",
				    "none of the %ld rows has a recipient in its recipient column; "
				    "is another column the address? use --map recipient=COLUMN",
				    g->rows);
	return logread_skip(g->lr, 0, "no_recipients",
			    "no column holds the recipient, so none of the %ld rows has one "
			    "(header: %s); name it with --map recipient=COLUMN", g->rows, g->header);
}

int gcsv_finish(struct gcsv *g)
{
	struct sh_error err = { 0 };

	if (g->dead)
		return 0;
	if (csvread_finish(&g->csv, &err) != 0)
		return broken_csv(g, &err);
	if (!g->header_done)
		return logread_skip(g->lr, 0, "empty_file", "a CSV without a header row");
	if (g->rows && !g->recipients && !g->dead)
		return no_recipients(g);
	return g->csv.stopped && !g->dead ? -1 : 0;
}
