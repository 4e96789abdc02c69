/* matcher_priv.h - the compiled catalogue, shared by matcher.c, which builds it, and
 * matcher_tiers.c, which classifies against it; other modules use matcher.h.
 * Contract: everything here is read-only once matcher_new returns. */
#ifndef SH_REPORT_MATCH_MATCHER_PRIV_H
#define SH_REPORT_MATCH_MATCHER_PRIV_H

#include <stddef.h>

#include "report/match/matcher.h"
#include "util/strbuf.h"

struct glob {
	char **segs; /* owned, normalised literal runs between '*' */
	size_t nsegs;
	size_t literal; /* total literal length: the specificity */
};

struct centry {
	const struct cat_entry *e;
	struct glob *globs; /* owned */
	size_t nglobs;
	int category;       /* -1 when the row leaves it open */
	int action;         /* -1 likewise */
	enum sh_severity severity;
	int smtp, http;
	char enh[16];       /* as written: "5.2.2" or "X.2.2" */
	char *norm_message, *norm_meaning_de, *norm_meaning_en; /* owned */
};

struct matcher {
	const struct catalogue *cat; /* borrowed */
	struct centry *ce;           /* owned, one per catalogue entry */
	size_t n;
	size_t *rfc3463;             /* owned: the indexes of RFC 3463's rows, in order */
	size_t nrfc3463;
};

/* Fills what an entry (or its absence) leaves open: category, action, severity. */
void matcher_finish(struct match_result *r, const struct centry *c, const struct match_input *in);

/* The evidence in norm laid against the ranked candidates (best first) into out
 * (matcher_evidence.c). */
void matcher_weigh(const struct match_input *in, const char *norm, const struct match_result *cands,
		   size_t n, struct match_result *out);

/* The normalisation every text and pattern is compared in; appends to out. */
void matcher_normalize(struct strbuf *out, const char *s, size_t len);

#endif
