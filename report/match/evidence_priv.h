/* evidence_priv.h - the rule tables (evidence_rules.c) the evidence classifier
 * (evidence.c) reads; other modules use evidence.h. Contract: static, read-only. */
#ifndef SH_REPORT_MATCH_EVIDENCE_PRIV_H
#define SH_REPORT_MATCH_EVIDENCE_PRIV_H

#include "report/match/evidence.h"

struct evidence_provider {
	const char *needle; /* lowercase, matched at a word start */
	const char *name;   /* for people */
};

extern const struct evidence_rule evidence_text_rules[];
extern const size_t evidence_ntext_rules;
extern const struct evidence_rule evidence_code_rules[]; /* needle: "X.1.1", or "5.4.7" */
extern const size_t evidence_ncode_rules;
extern const struct evidence_rule evidence_ms_banned_ip;
extern const struct evidence_provider evidence_providers[];
extern const size_t evidence_nproviders;

#endif
