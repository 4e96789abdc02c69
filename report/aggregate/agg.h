/* agg.h - the join and the counting: each record is classified against the catalogue
 * (cached per distinct provider, codes, reason and normalised message) and counted per
 * category, error, sending domain, recipient domain, day and unmatched message.
 * Contract: one struct agg per thread; agg_merge folds another into it (in input order,
 * so "first example seen" is the same as a single-threaded run). The config, matcher and
 * client map are borrowed and must outlive the agg.
 * Ownership: the agg owns its rows and their texts (released by agg_release); the row pointers
 * agg_error, agg_domain, agg_rcpt, agg_day, agg_day_domain and agg_unmatched return are
 * borrowed until the
 * next call that adds a row of that kind (the arrays grow) or agg_release. */
#ifndef SH_REPORT_AGGREGATE_AGG_H
#define SH_REPORT_AGGREGATE_AGG_H

#include <stddef.h>

#include "model/record.h"
#include "model/taxonomy.h"
#include "report/aggregate/addrset.h"
#include "report/aggregate/clients.h"
#include "report/aggregate/counter.h"
#include "report/match/matcher.h"
#include "util/strbuf.h"
#include "util/strmap.h"

struct agg_config {
	const struct matcher *matcher;  /* borrowed */
	const struct catalogue *catalogue; /* borrowed: the matcher's */
	const struct clients *clients;  /* borrowed, may be NULL */
	double since, until;            /* window [since, until); used when have_window */
	int have_window;
	int collect_addresses;          /* keep recipient_invalid addresses (--export-addresses) */
};

struct cat_counts {
	long count, perm, temp;
};

struct err_stat {
	const struct cat_entry *entry; /* borrowed from the catalogue; NULL when unmatched */
	enum sh_category category;
	enum sh_action action;
	enum match_tier tier;
	const char *how;               /* static */
	const struct evidence_rule *why[MATCH_WHY_MAX]; /* static: the evidence that decided */
	unsigned nwhy;
	int weight;                    /* the category's total evidence weight */
	const char *seen_provider;     /* static: the receiving provider the text names */
	char provider[16];             /* the catalogue entry's provider, else the ESP */
	char esp[16];                  /* who reported its first failure (the record's esp) */
	int smtp;
	char enh[16];
	char *example;                 /* owned: first message text seen */
	long count, perm, temp;
	struct counter rcpt;           /* recipient domain -> failures */
	struct counter senders;        /* sending domain -> failures */
};

struct dom_stat {
	long accepted, delivered, failures, perm, temp, complaints;
	long by_cat[CATEGORY_COUNT];
	char *subaccount; /* owned: first seen, for client lookup */
	char *client;     /* owned: client from a saved report (merge), else NULL */
	/* a lookup cache of agg.c: the domain's dd_stat on day row dd_day - 1 (0: none) */
	size_t dd_day, dd_idx;
};

struct rcpt_stat {
	long delivered, failures;
	long by_cat[CATEGORY_COUNT];
	char provider[24]; /* Mailgun's recipient-provider when given */
};

struct day_stat {
	long accepted, delivered, failures, complaints;
	long by_cat[CATEGORY_COUNT];
};

/* One sending domain on one day: the counts its share of the day's sent is made of (the
 * domain's rule, report_json_domain_sent, applied per day, so the days add up to it). */
struct dd_stat {
	long accepted, delivered, failures;
};
#define AGG_DAY_LEN 10 /* "2026-11-16": a dd key is the day, then the domain */

struct unm_stat {
	long count;
	char *example; /* owned */
	char provider[16];
	int smtp;
	char enh[16];
	enum sh_category category;
};

struct cache_val {
	size_t err;          /* index into errs */
	long unm;            /* index into unms, -1 when matched */
	enum sh_severity severity;
};

struct agg {
	const struct agg_config *cfg;
	long by_event[EV_COUNT];
	long records, outside_window;
	long failures, perm, temp, complaints, delivered, accepted, matched, unmatched;
	struct cat_counts cats[CATEGORY_COUNT];
	double first_ts, last_ts; /* 0 when none */
	struct strmap err_keys;
	struct err_stat *errs;
	size_t errs_cap;
	struct strmap dom_keys;
	struct dom_stat *doms;
	size_t doms_cap;
	struct strmap rcpt_keys;
	struct rcpt_stat *rcpts;
	size_t rcpts_cap;
	struct strmap day_keys;
	struct day_stat *days;
	size_t days_cap;
	struct strmap dd_keys;    /* day (AGG_DAY_LEN bytes) + sending domain */
	struct dd_stat *dds;
	size_t dds_cap;
	struct strmap unm_keys;
	struct unm_stat *unms;
	size_t unms_cap;
	struct strmap cache_keys;
	struct cache_val *cache;
	size_t cache_cap;
	struct addrset addresses; /* distinct recipient_invalid addresses (bounded, see addrset.h) */
	long merged_addresses;   /* address counts of merged reports (their lists are not saved) */
	struct strbuf key, norm; /* scratch */
	long day_num;            /* the last record's UTC day number and its index in days */
	size_t day_idx;
	int day_cached;
};

void agg_init(struct agg *a, const struct agg_config *cfg);
void agg_release(struct agg *a);
/* Counts one record. Never fails; records outside the window are only counted as such. */
void agg_add(struct agg *a, const struct sh_record *r);
void agg_merge(struct agg *into, const struct agg *from);

/* Low-level adders for rebuilding an agg from a saved report (merge). */
struct err_stat *agg_error(struct agg *a, const char *key, size_t len, int *added);
struct dom_stat *agg_domain(struct agg *a, const char *dom, size_t len);
struct rcpt_stat *agg_rcpt(struct agg *a, const char *dom, size_t len);
struct day_stat *agg_day(struct agg *a, const char *day, size_t len);
struct unm_stat *agg_unmatched(struct agg *a, const char *norm, size_t len, int *added);
/* day is AGG_DAY_LEN bytes ("2026-11-16"); dom need not be NUL-terminated. */
struct dd_stat *agg_day_domain(struct agg *a, const char *day, const char *dom, size_t len);

#endif
