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
/* the same kinds as other languages word them (evidence_lang.c) */
extern const struct evidence_rule evidence_lang_rules[];
extern const size_t evidence_nlang_rules;
/* more wordings of the same kinds (evidence_phrases.c) */
extern const struct evidence_rule evidence_phrase_rules[];
extern const size_t evidence_nphrase_rules;
/* replies as providers document them (evidence_docs.c) */
extern const struct evidence_rule evidence_doc_rules[];
extern const size_t evidence_ndoc_rules;

/* Every table of text rules, in the order they are weighed. */
struct evidence_table {
	const struct evidence_rule *rules;
	const size_t *n;
};
extern const struct evidence_table evidence_text_tables[];
extern const size_t evidence_ntext_tables;
extern const struct evidence_rule evidence_code_rules[]; /* needle: "X.1.1", or "5.4.7" */
extern const size_t evidence_ncode_rules;
extern const struct evidence_rule evidence_ms_banned_ip;
extern const struct evidence_rule evidence_ms_tenant;       /* 5.7.700-749 */
extern const struct evidence_rule evidence_ms_throttled_ip; /* 4.7.500-699 */
extern const struct evidence_rule evidence_failed_attempts; /* "failed [after] N attempts" */
/* Orange's codes, needle "ofr_nnn": evidence.c reads "OFR_nnn" and "OFRddd_nnn" */
extern const struct evidence_rule evidence_orange_rules[];
extern const size_t evidence_norange_rules;
/* Spectrum's and Cox's AUP# codes, needle "aup#13" (a number's first two digits) or
 * "aup#cxcnct" (a name): evidence.c reads "AUP#In-1310" and "AUP#CXCNCT" */
extern const struct evidence_rule evidence_aup_rules[];
extern const size_t evidence_naup_rules;
extern const struct evidence_provider evidence_providers[];
extern const size_t evidence_nproviders;

#endif
