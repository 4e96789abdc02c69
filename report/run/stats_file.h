/* stats_file.h - sent and delivered volume from an ESP's stats export, for health rates
 * when the logs hold only failures: Mailgun `/v3/DOMAIN/stats/total` JSON (accepted,
 * delivered) or SendGrid `/v3/stats` JSON (processed, delivered).
 * Threads: thread-safe; nothing is kept. */
#ifndef SH_REPORT_RUN_STATS_FILE_H
#define SH_REPORT_RUN_STATS_FILE_H

#include "util/error.h"

/* Sums the file's periods. Returns 0, or -1 when the file is neither format. */
int stats_file_load(const char *path, long *sent, long *delivered, struct sh_error *err);

#endif
