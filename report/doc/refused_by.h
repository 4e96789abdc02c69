/* refused_by.h - who refused the mail of an error row, for the report's Provider column:
 * the receiving mailbox provider when the catalogue entry is one (Gmail's, Outlook's
 * replies) or when the failure is a receiving server's reply and the reply's text or the
 * most affected recipient domain tells whose server it was; else the ESP that reported it
 * (Mailgun's "domain not verified", SendGrid's drops, a CSV log's own SMTP server).
 * Contract: pure; returns a static display name; thread-safe. */
#ifndef SH_REPORT_DOC_REFUSED_BY_H
#define SH_REPORT_DOC_REFUSED_BY_H

#include "report/aggregate/agg.h"

const char *refused_by(const struct err_stat *e);

/* The display name of a provider id ("mailgun" -> "Mailgun", "gmail" -> "Gmail",
 * "outlook" -> "Microsoft", "smtp" -> "SMTP server"); unknown ids as given. */
const char *refused_by_title(const char *provider_id);

#endif
