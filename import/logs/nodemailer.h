/* nodemailer.h - Nodemailer error objects (as a CRM logs them, one JSON object per line) to
 * records. Contract: a jsonstream handler. One record per "rejectedErrors" item when
 * present, else one per "rejected" address, else one for the error itself. Every record is
 * EV_FAILED; the severity comes from the SMTP code class, else from the error code
 * (ETIMEDOUT, ESOCKET, ECONNECTION, EDNS: temporary; EAUTH, ENOAUTH, EOAUTH2, ECONFIG:
 * permanent). esp_reason is the error code, description Nodemailer's message. A timestamp
 * ("timestamp", "time", "date", "@timestamp") is used when the log adds one.
 * Threads: the format is static data; each reader it makes belongs to one logread
 * (import/reader.h). */
#ifndef SH_IMPORT_LOGS_NODEMAILER_H
#define SH_IMPORT_LOGS_NODEMAILER_H

#include "import/logs/jsonstream.h"

extern const struct js_format nodemailer_format;

#endif
