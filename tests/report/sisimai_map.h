/* sisimai_map.h - which of our categories agree with a Sisimai reason for a reply text
 * (../shared/corpus/README.md), and how a row of the reply corpus is read and classified:
 * shared by tests/report/test_corpus.c (the floor) and tests/report/match/eval_classifier.c
 * (make eval). Header-only, for those two programs.
 * Contract: static tables and pure functions; thread-safe. */
#ifndef SH_TESTS_REPORT_SISIMAI_MAP_H
#define SH_TESTS_REPORT_SISIMAI_MAP_H

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/taxonomy.h"
#include "report/match/matcher.h"
#include "util/smtp_codes.h"
#include "util/text.h"

#define C(x) (1u << CATEGORY_##x)
_Static_assert(CATEGORY_COUNT <= sizeof(unsigned) * CHAR_BIT, "category mask fits");

/* What counts as agreement with one Sisimai reason. A reason may have several rules; the
 * accepted set is the union of `accept` over its rules whose cue (if any) is in the text,
 * so "blocked" means reputation_block, and also policy when the server says "policy". */
struct reason_rule {
	const char *reason;
	unsigned accept;
	const char *cues[8]; /* lowercase phrases, NULL-terminated; none: always applies */
};

static const struct reason_rule rules[] = {
	/* the address or its domain does not exist (hasmoved: the user left, no forward) */
	{ "userunknown", C(RECIPIENT_INVALID), { NULL } },
	{ "hostunknown", C(RECIPIENT_INVALID), { NULL } },
	{ "hasmoved", C(RECIPIENT_INVALID), { NULL } },
	/* a disabled or inactive account: retry-then-remove (mailbox unavailable) or remove */
	{ "suspend", C(MAILBOX_FULL) | C(RECIPIENT_INVALID), { NULL } },
	{ "mailboxfull", C(MAILBOX_FULL), { NULL } },
	/* a null MX or a domain refusing all mail: the address is unusable, or a policy */
	{ "notaccept", C(RECIPIENT_INVALID) | C(POLICY), { NULL } },
	/* too big for the server (message) or for this recipient's quota (mailbox) */
	{ "mesgtoobig", C(MESSAGE_INVALID) | C(MAILBOX_FULL), { NULL } },
	{ "exceedlimit", C(MESSAGE_INVALID) | C(MAILBOX_FULL), { NULL } },
	{ "toomanyconn", C(RATE_LIMIT), { NULL } },
	/* Sisimai puts "too many recipients" (in one message) here; for us that is a
	 * request to split, like Mailgun's "too many recipients" */
	{ "toomanyconn", C(MESSAGE_INVALID), { "too many recipients", NULL } },
	{ "speeding", C(RATE_LIMIT), { NULL } },
	{ "ratelimited", C(RATE_LIMIT), { NULL } },
	{ "expired", C(EXPIRED), { NULL } },
	{ "blocked", C(REPUTATION_BLOCK), { NULL } },
	{ "blocked", C(POLICY), { "policy", "not allowed", "not permitted", "relay", NULL } },
	/* Sisimai 4 files sender-DNS refusals under blocked; Sisimai 5 mostly splits them
	 * off (requireptr, authfailure), this catches the ones it did not */
	{ "blocked", C(DNS_AUTH), { "ptr", "reverse dns", "rdns", "spf", "dmarc", NULL } },
	/* bounces/README: blocked "may be dns_auth, policy or rate_limit by the text" */
	{ "blocked", C(RATE_LIMIT), { "rate", "too many", "volume", NULL } },
	{ "spamdetected", C(REPUTATION_BLOCK), { NULL } },
	/* a bare "content rejected" is a content filter: our policy category says that */
	{ "spamdetected", C(POLICY), { "content rejected", NULL } },
	{ "badreputation", C(REPUTATION_BLOCK), { NULL } },
	/* a virus is refused by a content policy; the fix is the same as for spam */
	{ "virusdetected", C(POLICY) | C(REPUTATION_BLOCK), { NULL } },
	/* Sisimai 5: SPF/DKIM/DMARC failures and missing reverse DNS are DNS set-up work */
	{ "authfailure", C(DNS_AUTH), { NULL } },
	{ "requireptr", C(DNS_AUTH), { NULL } },
	/* Sisimai 4 lumps SMTP AUTH, sender authentication and TLS: decided by the text */
	{ "securityerror", C(CREDENTIALS), { NULL } },
	{ "securityerror", C(DNS_AUTH),
	  { "spf", "dkim", "dmarc", "ptr", "reverse dns", "unauthenticated email", NULL } },
	{ "securityerror", C(POLICY), { "tls", "ssl", NULL } },
	/* bounces/README: securityerror, filtered, rejected, norelaying are "policy,
	 * reputation_block, dns_auth or credentials, by the text" */
	{ "securityerror", C(POLICY),
	  { "policy", "not permitted", "not allowed", "whitelist", "allowlist", "relay", NULL } },
	{ "securityerror", C(REPUTATION_BLOCK),
	  { "spam", "reputation", "blacklist", "blocklist", NULL } },
	{ "filtered", C(REPUTATION_BLOCK), { "spam", "blacklist", "blocklist", NULL } },
	{ "filtered", C(DNS_AUTH), { "spf", "dkim", "dmarc", NULL } },
	{ "norelaying", C(DNS_AUTH), { "not verified", NULL } },
	{ "policyviolation", C(POLICY), { NULL } },
	/* header errors are a malformed message; protocol violations the client's doing */
	{ "policyviolation", C(MESSAGE_INVALID), { "header", NULL } },
	{ "policyviolation", C(MESSAGE_INVALID) | C(NETWORK_CLIENT), { "protocol", NULL } },
	/* the envelope sender was refused: a policy, or its domain does not resolve */
	{ "rejected", C(POLICY) | C(DNS_AUTH), { NULL } },
	{ "rejected", C(REPUTATION_BLOCK), { "blacklist", "blocklist", NULL } },
	/* Sisimai's "filtered" is mostly a user-unknown given after DATA */
	{ "filtered", C(POLICY) | C(RECIPIENT_INVALID), { NULL } },
	/* relaying is refused mostly because the client did not log in */
	{ "norelaying", C(POLICY) | C(CREDENTIALS), { NULL } },
	{ "contenterror", C(MESSAGE_INVALID) | C(POLICY), { NULL } },
	{ "notcompliantrfc", C(MESSAGE_INVALID), { NULL } },
	/* SMTP syntax: a bad parameter (message) or the client's protocol (network) */
	{ "syntaxerror", C(MESSAGE_INVALID) | C(NETWORK_CLIENT), { NULL } },
	{ "failedstarttls", C(NETWORK_CLIENT) | C(POLICY), { NULL } },
	{ "systemerror", C(TRANSIENT) | C(NETWORK_CLIENT), { NULL } },
	{ "systemfull", C(TRANSIENT) | C(NETWORK_CLIENT), { NULL } },
	{ "networkerror", C(TRANSIENT) | C(NETWORK_CLIENT), { NULL } },
	/* Sisimai calls a failed MX lookup networkerror until it is sure (hostunknown) */
	{ "networkerror", C(RECIPIENT_INVALID), { "nxdomain", "domain name not found", NULL } },
	/* the recipient host's delivery program failed: its problem, retry */
	{ "mailererror", C(TRANSIENT), { NULL } },
};

/* Sisimai could not decide, or the reply is an auto-reply: not part of the measure. */
static const char *const excluded[] = { "onhold", "undefined", "vacation" };

/* Sisimai 5 reasons that split a Sisimai 4 one (authfailure and requireptr out of
 * blocked/securityerror, notcompliantrfc out of contenterror/policyviolation, …). Where
 * Sisimai 5 only moved a reply between two old reasons we keep Sisimai 4's test-suite
 * label: several of those moves are worse ("Mailbox Full" → userunknown). */
static const char *const finer_v5[] = {
	"authfailure", "badreputation", "requireptr", "speeding", "ratelimited",
	"notcompliantrfc", "failedstarttls",
};

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))
_Static_assert(N_OF(excluded) == 3 && N_OF(finer_v5) == 7, "reason lists");

static int in_list(const char *s, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(s, list[i]))
			return 1;
	return 0;
}

/* The label we measure against; NULL when the reply is excluded. */
static const char *effective_reason(const char *v4, const char *v5)
{
	int v4_open = in_list(v4, excluded, N_OF(excluded));

	if (*v5 && !in_list(v5, excluded, N_OF(excluded)) &&
	    (v4_open || in_list(v5, finer_v5, N_OF(finer_v5))))
		return v5;
	return v4_open || !*v4 ? NULL : v4;
}

/* The accepted categories for reason given text; 0 when no rule names the reason. */
static unsigned accepted(const char *reason, const char *text)
{
	unsigned set = 0;
	size_t i, k;

	for (i = 0; i < N_OF(rules); i++) {
		int hit = !rules[i].cues[0];
		if (strcmp(rules[i].reason, reason))
			continue;
		for (k = 0; !hit && k < N_OF(rules[i].cues) && rules[i].cues[k]; k++)
			hit = text_istr(text, rules[i].cues[k]) != NULL;
		if (hit)
			set |= rules[i].accept;
	}
	return set;
}


/* ---- a row of smtp-replies.tsv: its fields, and the matcher's verdict on it --------- */

enum { F_SMTP, F_ENH, F_MSG, F_V4, F_SOURCE, F_FROM, F_V5, NFIELDS };

/* Cuts line (in place) at its tabs; 0 when it has exactly NFIELDS fields. */
static inline int corpus_split_row(char *line, char *f[NFIELDS])
{
	int n = 0;
	char *p = line;

	line[strcspn(line, "\r\n")] = '\0';
	for (;;) {
		char *tab = strchr(p, '\t');
		if (n == NFIELDS)
			return -1;
		f[n++] = p;
		if (!tab)
			break;
		*tab = '\0';
		p = tab + 1;
	}
	return n == NFIELDS ? 0 : -1;
}

/* Classifies a row as a log would deliver it: the codes from their columns, else from the
 * text. */
static inline void corpus_classify_row(const struct matcher *m, char *const f[NFIELDS], struct match_result *res)
{
	struct match_input in;
	char enh[16];
	long code;

	memset(&in, 0, sizeof(in));
	in.text = f[F_MSG];
	if (*f[F_SMTP] && text_parse_long(f[F_SMTP], 200, 599, &code) == 0)
		in.smtp_code = (int)code;
	else
		in.smtp_code = smtp_find_code(f[F_MSG], strlen(f[F_MSG]));
	if (*f[F_ENH])
		snprintf(enh, sizeof(enh), "%s", f[F_ENH]);
	else
		smtp_find_enhanced(f[F_MSG], strlen(f[F_MSG]), enh);
	in.enhanced = enh[0] ? enh : NULL;
	matcher_classify(m, &in, res);
}


/* Reads the corpus at path (a header line, then rows), handing each row to row(ctx, m, f);
 * a row that is not NFIELDS tab-separated fields is named on stderr after prefix and
 * counted in *bad_lines. -1 when path cannot be opened. */
static inline int corpus_read_rows(const char *path, const char *prefix, const struct matcher *m,
				   void (*row)(void *ctx, const struct matcher *m,
					       char *const f[NFIELDS]),
				   void *ctx, long *bad_lines)
{
	FILE *fp = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	long lineno = 0;

	if (!fp)
		return -1;
	while (getline(&line, &cap, fp) != -1) {
		char *f[NFIELDS];
		if (++lineno == 1)
			continue; /* header */
		if (strlen(line) > 65536 || corpus_split_row(line, f) < 0) {
			fprintf(stderr, "%s%s:%ld: not 7 tab-separated fields\n", prefix, path, lineno);
			(*bad_lines)++;
			continue;
		}
		row(ctx, m, f);
	}
	free(line);
	fclose(fp);
	return 0;
}

#endif
