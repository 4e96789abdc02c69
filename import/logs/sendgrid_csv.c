/* sendgrid_csv.c - the Email Activity export's column names and event decoding; the rows
 * themselves are read by generic_csv. */
#include "import/logs/sendgrid_csv.h"

#include "import/logs/sendgrid.h"
#include "model/recbuild.h"

static const struct gcsv_column columns[] = {
	{ "processed", GF_TIMESTAMP }, { "type", GF_ESP_REASON }, { "username", GF_SUBACCOUNT },
	{ "reason", GF_MESSAGE },
};

static enum sh_event activity_event(struct recbuild *rb, const char *ev, size_t n,
				    const char *type, size_t tn, enum sh_severity *sev)
{
	enum sh_event e;

	if (!n)
		return EV_UNKNOWN;
	e = sendgrid_event(ev, n, type, tn, sev);
	recbuild_set(rb, RBF_ESP_EVENT, ev, n);
	if (e == EV_DROPPED) /* "Bounced Address", "Unsubscribed Address": SendGrid's reason */
		recbuild_put(rb, RBF_ESP_REASON, rb->f[RBF_MESSAGE]);
	return e;
}

const struct gcsv_dialect sendgrid_csv_dialect = {
	"sendgrid", SRC_SENDGRID_ACTIVITY_CSV, columns, sizeof(columns) / sizeof(columns[0]),
	activity_event,
};
