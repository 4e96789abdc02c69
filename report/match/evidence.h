/* evidence.h - reads a failure reply the way a deliverability expert does: every word and
 * code in the whole text that says what kind of failure it is (block lists and reputation,
 * volume and rate, SPF/DKIM/DMARC/PTR, recipient existence, mailbox full, content/virus/
 * size, TLS, relaying, greylisting, login, From:, HELO/EHLO, …) adds weight to a category;
 * strong evidence outweighs weak words ("connection refused") and generic codes (X.0.0,
 * X.7.0). The receiving provider is recognised from the text, and the codes providers
 * document (Microsoft 5.7.5xx/5.7.6xx and S3xxx, Yahoo TSSxx/BLxx, GoDaddy IBxxx) are read
 * as such. When nothing certain is said the answer is CATEGORY_UNKNOWN.
 * Contract: static rule tables, no state: thread-safe; results point into static data. */
#ifndef SH_REPORT_MATCH_EVIDENCE_H
#define SH_REPORT_MATCH_EVIDENCE_H

#include <stddef.h>

#include "model/taxonomy.h"

/* One kind of evidence: a word, phrase or code and what it says. */
struct evidence_rule {
	const char *needle;        /* lowercase; a word or phrase of the normalised text, or a
				    * stem when it ends in '*' */
	enum sh_category category;
	int weight;                /* 1 weak … 10 decisive */
	const char *kind;          /* what it is, for people: "block list", "volume", … */
};

#define EVIDENCE_MAX_HITS 8
/* Total weight a category needs before the evidence is certain enough to decide. */
#define EVIDENCE_CERTAIN 4

struct evidence {
	enum sh_category category;  /* the heaviest category, or CATEGORY_UNKNOWN */
	int score;                  /* its total weight */
	int runner_up;              /* the next category's total weight */
	int totals[CATEGORY_COUNT]; /* weight per category */
	const char *provider;       /* static: receiving provider named in the text, or NULL */
	int sender_stage;           /* 1: the reply answered MAIL FROM (the envelope sender), so
				     * "no such user/domain" is about the sender, not the recipient */
	const struct evidence_rule *hits[EVIDENCE_MAX_HITS]; /* static, heaviest first */
	size_t nhits;
};

/* Weighs norm (the text in matcher_normalize's form: lowercase, spaces folded), the
 * reply code (0: none) and the enhanced code ("5.7.1" or NULL). Always fills out. */
void evidence_weigh(const char *norm, int smtp_code, const char *enhanced, struct evidence *out);

/* The static rule naming the MAIL FROM stage in a result's evidence (matcher). */
extern const struct evidence_rule evidence_mail_from_stage;
/* The static rule naming a final failure whose reason was temporary (matcher: expired). */
extern const struct evidence_rule evidence_final_failure;

/* When ev says the reply answered MAIL FROM, moves the weight totals (indexed by
 * category) gave recipient_invalid to dns_auth. Pure; thread-safe. */
void evidence_sender_stage(const struct evidence *ev, int *totals);

/* The static rule with this needle and kind (as a saved report names it), or NULL. */
const struct evidence_rule *evidence_rule_find(const char *needle, const char *kind);
/* The static provider name equal to name, or NULL. */
const char *evidence_provider_find(const char *name);

#endif
