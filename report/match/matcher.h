/* matcher.h - classifies one failure against the catalogue, most specific first:
 *   1 the sending provider's own entries by message pattern
 *   2 other (receiving-provider) entries by message pattern or Outlook hex code
 *   3 the ESP's own reason (Mailgun old / 602 / suppress-*, SendGrid drops, bounce class)
 *   4 the enhanced status code against the RFC 3463 rows (X.Y.Z, then X.Y.0, X.0.0)
 *   5 the basic code class (4xx temporary, 5xx permanent; from the enhanced code's class
 *     when there is no reply code), which outranks an RFC 3463 row that leaves the
 *     category open (X.0.0 "other or undefined status")
 * then weighs the evidence across the whole text (evidence.h) with the best tier's
 * category: where strong evidence outweighs it, the best candidate entry of the evidence's
 * category wins, or no entry (TIER_EVIDENCE) with that category. An ESP's own message or
 * reason is never overruled. A final failure (input severity permanent) whose reason is
 * temporary by nature (a connection timed out or refused, a delay, "try again later", a 4xx
 * reply) is "expired": the sender retried until it gave up. A candidate that leaves the
 * category open never turns clear evidence or a 4xx into unknown: the next candidate with
 * a category leads instead. matcher_classify's result lists the evidence that decided.
 * Contract: a matcher borrows its catalogue (which must outlive it) and is read-only after
 * matcher_new, so several threads may classify with one matcher. */
#ifndef SH_REPORT_MATCH_MATCHER_H
#define SH_REPORT_MATCH_MATCHER_H

#include <stddef.h>

#include "catalogue/catalogue.h"
#include "model/record.h"
#include "report/match/evidence.h"
#include "model/taxonomy.h"

enum match_tier {
	TIER_NONE = 0,
	TIER_SENDER_PATTERN = 1,
	TIER_RECEIVER_PATTERN = 2,
	TIER_ESP_REASON = 3,
	TIER_ENHANCED_CODE = 4,
	TIER_CODE_CLASS = 5,
	TIER_EXACT_CODE = 6, /* explain only: a bare code such as 0x800CCC0E or 5.2.2 */
	TIER_EVIDENCE = 7,   /* no catalogue entry: the evidence in the text decided */
};
#define TIER_LAST TIER_EVIDENCE
#define MATCH_WHY_MAX 4

struct match_input {
	const char *provider;     /* sending provider (mailgun, sendgrid, gmail…), or NULL */
	int smtp_code;            /* 0 when none */
	const char *enhanced;     /* "5.1.1", "X.1.1" or NULL */
	const char *outlook_code; /* "0x800CCC0E" or NULL */
	const char *text;         /* message (+ description), or NULL */
	const char *esp_reason;   /* Mailgun reason / SendGrid type or drop reason, or NULL */
	const char *bounce_class; /* SendGrid bounce_classification, or NULL */
	/* the record's severity: SEV_PERMANENT when the sender gave up on it (a final
	 * failure), SEV_TEMPORARY for a deferral, SEV_UNKNOWN when not known (explain) */
	enum sh_severity severity;
	int explain;              /* rank for a person's query: exact codes count */
	int bare_code;            /* explain: the query is only codes ("550", "421 4.7.0") */
};

struct match_result {
	const struct cat_entry *entry; /* borrowed from the catalogue; NULL when none matched */
	enum match_tier tier;
	enum sh_category category;
	enum sh_action action;
	enum sh_severity severity;
	int score;                     /* higher is better within a tier */
	/* 1: the candidate lends no category - its entry leaves it open (X.0.0, X.2.0, a
	 * pattern row without one) or shares its code with a row of another category, so the
	 * code alone cannot choose between them */
	int open;
	const char *how;               /* static: how it matched, for people */
	/* the evidence (evidence.h) for the category, heaviest first: static rules */
	const struct evidence_rule *why[MATCH_WHY_MAX];
	unsigned nwhy;
	int weight;                    /* the evidence's total weight for the category */
	const char *seen_provider;     /* static: the receiving provider the text names, or NULL */
};

struct matcher;

struct matcher *matcher_new(const struct catalogue *cat);
void matcher_free(struct matcher *m);

/* The best classification (always filled; tier TIER_NONE means nothing matched and the
 * category is unknown). */
void matcher_classify(const struct matcher *m, const struct match_input *in,
		      struct match_result *out);
/* Every candidate entry, best first, at most max. Returns the number written. */
size_t matcher_candidates(const struct matcher *m, const struct match_input *in,
			  struct match_result *out, size_t max);

/* Parses a pasted error ("550 5.7.26 …", "0x800CCC0E", "5.2.2", "X.2.2", a Nodemailer
 * JSON object) into in, with the strings in buf (caller-owned, at least 64 bytes for the
 * codes). Returns 0, or -1 when text is empty. */
struct match_query {
	char enhanced[16];
	char outlook[20];
	char *text; /* owned */
	char *reason;
};
int matcher_parse_query(const char *text, struct match_query *q, struct match_input *in);
void matcher_query_release(struct match_query *q);

const char *match_tier_name(enum match_tier t);

#endif
