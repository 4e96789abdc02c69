/* health.h - the sending-health verdict for one domain or client: each rate with its
 * numerator, denominator and formula, the verdict and the reasons for it.
 * Defaults (../shared/reference/health-thresholds.md): hard-bounce rate (permanent
 * recipient_invalid over sent) warning 2 %, critical 5 %; complaint rate (complaints over
 * delivered) 0.1 % / 0.3 %; rate_limit + expired over sent 1 % / 5 %; any account or
 * dns_auth failure is CRITICAL (the domain cannot send); fewer than 500 sent gives
 * INSUFFICIENT_DATA unless something is already CRITICAL.
 * Contract: pure and thread-safe; the reasons' sentences are model/l10n.h texts. */
#ifndef SH_REPORT_AGGREGATE_HEALTH_H
#define SH_REPORT_AGGREGATE_HEALTH_H

#include <jansson.h>

#include "model/taxonomy.h"
#include "util/error.h"

enum verdict { VERDICT_OK, VERDICT_WARNING, VERDICT_CRITICAL, VERDICT_INSUFFICIENT };

struct thresholds {
	double hard_bounce_warning, hard_bounce_critical;
	double complaint_warning, complaint_critical;
	double throttle_warning, throttle_critical;
	long min_sent;
};

struct health_input {
	long sent, delivered, complaints;
	long hard_bounces;            /* recipient_invalid failures */
	long by_cat[CATEGORY_COUNT];  /* failures per category */
	int sent_from_stats;
	int unknown_domain;           /* the events name no sending domain: no verdict */
};

/* The defaults above into t. */
void thresholds_default(struct thresholds *t);
/* A JSON file {"hard_bounce": {"warning": 0.02, "critical": 0.05}, "complaint": {…},
 * "throttle": {…}, "min_sent": 500}; keys left out keep their defaults. 0, or -1 with err
 * set (SH_ERR_IO: unreadable; SH_ERR_DATA: not such an object, or a value out of range). */
int thresholds_load(const char *path, struct thresholds *t, struct sh_error *err);

/* Sets *obj to a new object (verdict, sent, sent_source, rates, blocking_failures,
 * reasons; a new reference, the caller's to json_decref) and returns the verdict. */
enum verdict health_evaluate(const struct health_input *in, const struct thresholds *t,
			     enum sh_lang lang, json_t **obj);

#endif
