/* sendgrid_csv.h - SendGrid's Email Activity CSV export, read by generic_csv through this
 * dialect: "processed" is the time, "type" the bounce type, "username" the subuser,
 * "reason" the message; events are SendGrid's words (import/logs/sendgrid.h), and a
 * dropped row's reason is also its ESP reason. Contract: static data, thread-safe. */
#ifndef SH_IMPORT_LOGS_SENDGRID_CSV_H
#define SH_IMPORT_LOGS_SENDGRID_CSV_H

#include "import/logs/generic_csv.h"

extern const struct gcsv_dialect sendgrid_csv_dialect;

#endif
