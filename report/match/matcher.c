/* matcher.c - catalogue patterns compiled once (classification by tiers: matcher_tiers.c).
 * Patterns: case-insensitive, white space folded, '*' any run of characters, alternatives
 * separated by "||", matching anywhere in the normalised message text (in which the
 * repeated line prefixes of a multi-line reply, "550-5.7.1 ", are dropped). */
#include "report/match/matcher_priv.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/text.h"

/* Length of an SMTP reply-line prefix at p: "550-5.1.1 ", "550 5.1.1 " (with its space),
 * or "550-" before a word; 0 when p starts none of them. */
static size_t reply_prefix_len(const char *p)
{
	size_t n = 5, d;
	int part;

	if (p[0] < '2' || p[0] > '5' || !isdigit((unsigned char)p[1]) ||
	    !isdigit((unsigned char)p[2]) || (p[3] != '-' && p[3] != ' '))
		return 0;
	if ((p[4] == '2' || p[4] == '4' || p[4] == '5') && p[5] == '.') {
		for (part = 0; part < 2; part++) {
			for (n++, d = 0; isdigit((unsigned char)p[n]) && d < 4; n++)
				d++;
			if (!d || d > 3 || (part == 0 && p[n] != '.'))
				return 0;
		}
		return p[n] == ' ' ? n + 1 : p[n] == '\0' ? n : 0;
	}
	return p[3] == '-' && isalpha((unsigned char)p[4]) ? 4 : 0;
}

/* A multi-line reply folded onto one line repeats its code before every line
 * ("550-5.7.1 Unauthenticated email from x is not accepted due to 550-5.7.1 domain's DMARC
 * policy"); the repeats, after the first, split phrases apart, so they are dropped. */
static void fold_reply_prefixes(struct strbuf *sb)
{
	char *s = sb->buf, prev = ' ', first[3];
	size_t i = 0, o = 0, n;
	int seen = 0;

	while (i < sb->len) {
		n = prev == ' ' ? reply_prefix_len(s + i) : 0;
		if (n && seen && !memcmp(first, s + i, 3)) {
			i += n;
			continue;
		}
		if (n && !seen) {
			memcpy(first, s + i, 3);
			seen = 1;
		}
		prev = s[i];
		s[o++] = s[i++];
	}
	while (o > 0 && s[o - 1] == ' ')
		o--;
	s[o] = '\0';
	sb->len = o;
}

void matcher_normalize(struct strbuf *out, const char *s, size_t len)
{
	text_normalize(out, s, len);
	fold_reply_prefixes(out);
}

static void glob_compile(struct glob *g, const char *alt, size_t len)
{
	struct strbuf norm;
	const char *p, *star;

	memset(g, 0, sizeof(*g));
	strbuf_init(&norm);
	matcher_normalize(&norm, alt, len);
	p = norm.buf;
	for (;;) {
		const char *s;
		size_t n;
		star = strchr(p, '*');
		n = star ? (size_t)(star - p) : strlen(p);
		s = p;
		text_trim(&s, &n);
		if (n) {
			g->segs = xrealloc(g->segs, (g->nsegs + 1) * sizeof(*g->segs));
			g->segs[g->nsegs++] = xstrndup(s, n);
			g->literal += n;
		}
		if (!star)
			break;
		p = star + 1;
	}
	strbuf_release(&norm);
}

static char *normalize_dup(const char *s)
{
	struct strbuf sb;

	strbuf_init(&sb);
	matcher_normalize(&sb, s, strlen(s));
	return strbuf_detach(&sb, NULL);
}

static void compile_entry(struct centry *c, const struct cat_entry *e)
{
	const char *pat = e->f[CAT_PATTERN];
	long v;

	memset(c, 0, sizeof(*c));
	c->e = e;
	while (*pat) {
		const char *bar = strstr(pat, "||");
		size_t n = bar ? (size_t)(bar - pat) : strlen(pat);
		struct glob g;
		glob_compile(&g, pat, n);
		if (g.nsegs) {
			c->globs = xrealloc(c->globs, (c->nglobs + 1) * sizeof(*c->globs));
			c->globs[c->nglobs++] = g;
		}
		if (!bar)
			break;
		pat = bar + 2;
	}
	c->category = *e->f[CAT_CATEGORY] ? category_from_name(e->f[CAT_CATEGORY]) : -1;
	c->action = *e->f[CAT_ACTION] ? action_from_name(e->f[CAT_ACTION]) : -1;
	c->severity = !strcmp(e->f[CAT_SEVERITY], "permanent")   ? SEV_PERMANENT
		      : !strcmp(e->f[CAT_SEVERITY], "temporary") ? SEV_TEMPORARY
								 : SEV_UNKNOWN;
	c->smtp = text_parse_long(e->f[CAT_SMTP_CODE], 100, 999, &v) == 0 ? (int)v : 0;
	c->http = text_parse_long(e->f[CAT_HTTP_STATUS], 100, 999, &v) == 0 ? (int)v : 0;
	snprintf(c->enh, sizeof(c->enh), "%s", e->f[CAT_ENHANCED_CODE]);
	if (c->enh[0] == 'x')
		c->enh[0] = 'X';
	c->norm_message = normalize_dup(e->f[CAT_MESSAGE]);
	c->norm_meaning_de = normalize_dup(e->f[CAT_MEANING_DE]);
	c->norm_meaning_en = normalize_dup(e->f[CAT_MEANING_EN]);
}

struct matcher *matcher_new(const struct catalogue *cat)
{
	struct matcher *m = xcalloc(1, sizeof(*m));
	size_t i;

	m->cat = cat;
	m->n = cat->n;
	m->ce = xcalloc(cat->n ? cat->n : 1, sizeof(*m->ce));
	m->rfc3463 = xcalloc(cat->n ? cat->n : 1, sizeof(*m->rfc3463));
	for (i = 0; i < cat->n; i++) {
		compile_entry(&m->ce[i], &cat->entries[i]);
		if (!strcmp(cat->entries[i].f[CAT_PROVIDER], "rfc3463"))
			m->rfc3463[m->nrfc3463++] = i;
	}
	return m;
}

void matcher_free(struct matcher *m)
{
	size_t i, j, k;

	if (!m)
		return;
	for (i = 0; i < m->n; i++) {
		struct centry *c = &m->ce[i];
		for (j = 0; j < c->nglobs; j++) {
			for (k = 0; k < c->globs[j].nsegs; k++)
				free(c->globs[j].segs[k]);
			free(c->globs[j].segs);
		}
		free(c->globs);
		free(c->norm_message);
		free(c->norm_meaning_de);
		free(c->norm_meaning_en);
	}
	free(m->ce);
	free(m->rfc3463);
	free(m);
}

