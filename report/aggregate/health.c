/* health.c - rates, thresholds and verdicts. */
#include "report/aggregate/health.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/l10n.h"
#include "util/readfile.h"
#include "util/strbuf.h"
#include "util/text.h"

static const char *const verdict_names[] = { "OK", "WARNING", "CRITICAL", "INSUFFICIENT_DATA" };
_Static_assert(sizeof(verdict_names) / sizeof(verdict_names[0]) == VERDICT_INSUFFICIENT + 1,
	       "verdict names");

static const char *verdict_name(enum verdict v)
{
	return (unsigned)v <= VERDICT_INSUFFICIENT ? verdict_names[v] : "INSUFFICIENT_DATA";
}

void thresholds_default(struct thresholds *t)
{
	t->hard_bounce_warning = 0.02;
	t->hard_bounce_critical = 0.05;
	t->complaint_warning = 0.001;
	t->complaint_critical = 0.003;
	t->throttle_warning = 0.01;
	t->throttle_critical = 0.05;
	t->min_sent = 500;
}

static int load_pair(json_t *root, const char *key, double *warn, double *crit, const char *path,
		     struct sh_error *err)
{
	json_t *o = json_object_get(root, key), *w, *c;

	if (!o)
		return 0;
	w = json_object_get(o, "warning");
	c = json_object_get(o, "critical");
	if (!json_is_object(o) || (w && !json_is_number(w)) || (c && !json_is_number(c)))
		return sh_error_set(err, SH_ERR_DATA, path, 0,
				    "'%s': \"%s\" must be an object with numeric \"warning\" and \"critical\"",
				    path, key);
	if (w)
		*warn = json_number_value(w);
	if (c)
		*crit = json_number_value(c);
	if (*warn < 0 || *crit < 0 || *warn > 1 || *crit > 1 || *warn > *crit)
		return sh_error_set(err, SH_ERR_DATA, path, 0,
				    "'%s': \"%s\" needs 0 <= warning <= critical <= 1 (fractions: 0.02 = 2 %%)",
				    path, key);
	return 0;
}

int thresholds_load(const char *path, struct thresholds *t, struct sh_error *err)
{
	size_t len;
	char *buf = read_whole_file(path, 1 << 20, &len, err);
	json_error_t jerr;
	json_t *root, *ms;
	int rc = -1;

	if (!buf)
		return -1;
	root = json_loadb(buf, len, 0, &jerr);
	free(buf);
	if (!json_is_object(root)) {
		sh_error_set(err, SH_ERR_DATA, path, jerr.line > 0 ? jerr.line : 0,
			     "'%s' is not a JSON object: %s", path, root ? "wrong type" : jerr.text);
		goto out;
	}
	if (load_pair(root, "hard_bounce", &t->hard_bounce_warning, &t->hard_bounce_critical, path, err) ||
	    load_pair(root, "complaint", &t->complaint_warning, &t->complaint_critical, path, err) ||
	    load_pair(root, "throttle", &t->throttle_warning, &t->throttle_critical, path, err))
		goto out;
	ms = json_object_get(root, "min_sent");
	if (ms) {
		if (!json_is_integer(ms) || json_integer_value(ms) < 0) {
			sh_error_set(err, SH_ERR_DATA, path, 0, "'%s': \"min_sent\" must be a whole number", path);
			goto out;
		}
		t->min_sent = (long)json_integer_value(ms);
	}
	rc = 0;
out:
	json_decref(root);
	return rc;
}

static const char *level_name(enum verdict v)
{
	return v == VERDICT_CRITICAL ? "CRITICAL" : v == VERDICT_WARNING ? "WARNING" : "OK";
}

/* "2.04%" (en) or "2,04 %" (de), as the writers show rates. */
static void pct(char *buf, size_t n, double v, enum sh_lang lang)
{
	char *dot;

	snprintf(buf, n, "%.2f%s", v * 100.0, l10n(L_PERCENT_SUFFIX, lang));
	if ((dot = strchr(buf, '.')) != NULL)
		*dot = *l10n(L_DECIMAL_POINT, lang);
}

/* "2,260" (en) or "2.260" (de). */
static void count(char out[32], long v, enum sh_lang lang)
{
	text_group_digits(out, v, *l10n(L_DIGIT_GROUP, lang));
}

/* Adds one rate; returns its level (VERDICT_OK when it cannot be judged). */
static enum verdict rate(json_t *rates, json_t *reasons, const char *id, const char *title,
			 long num, long den, const char *formula, double warn, double crit,
			 int judge, enum sh_lang lang)
{
	json_t *r = json_object();
	enum verdict lv = VERDICT_OK;
	double v = den ? (double)num / (double)den : 0;

	json_object_set_new(r, "id", json_string(id));
	json_object_set_new(r, "title", json_string(title));
	json_object_set_new(r, "numerator", json_integer(num));
	json_object_set_new(r, "denominator", json_integer(den));
	json_object_set_new(r, "value", den ? json_real(v) : json_null());
	json_object_set_new(r, "formula", json_string(formula));
	json_object_set_new(r, "warning", json_real(warn));
	json_object_set_new(r, "critical", json_real(crit));
	if (!den || !judge) {
		json_object_set_new(r, "level", json_string("NONE"));
	} else {
		char a[32], b[32];
		lv = v >= crit ? VERDICT_CRITICAL : v >= warn ? VERDICT_WARNING : VERDICT_OK;
		json_object_set_new(r, "level", json_string(level_name(lv)));
		if (lv != VERDICT_OK) {
			struct strbuf line;
			char nums[2][32];
			pct(a, sizeof(a), v, lang);
			pct(b, sizeof(b), lv == VERDICT_CRITICAL ? crit : warn, lang);
			count(nums[0], num, lang);
			count(nums[1], den, lang);
			strbuf_init(&line);
			l10n_fill(&line, L_HEALTH_OVER, lang, title, a, nums[0], nums[1], b, NULL);
			json_array_append_new(reasons, json_string(line.buf));
			strbuf_release(&line);
		}
	}
	json_array_append_new(rates, r);
	return lv;
}

/* A verdict the rates alone do not give, with its reason first or last in reasons. */
static enum verdict verdict_reason(const struct health_input *in, const struct thresholds *t,
				   long blocking, json_t *reasons, enum sh_lang lang)
{
	struct strbuf line;
	char a[32], b[32];
	enum verdict v;

	strbuf_init(&line);
	if (in->unknown_domain) {
		v = VERDICT_INSUFFICIENT;
		l10n_fill(&line, L_HEALTH_NO_DOMAIN, lang, NULL);
		json_array_append_new(reasons, json_string(line.buf));
	} else if (blocking) {
		v = VERDICT_CRITICAL;
		count(a, blocking, lang);
		l10n_fill(&line, blocking == 1 ? L_HEALTH_BLOCKING_1 : L_HEALTH_BLOCKING, lang, a, NULL);
		json_array_insert_new(reasons, 0, json_string(line.buf));
	} else { /* too few sent to judge */
		v = VERDICT_INSUFFICIENT;
		count(a, in->sent, lang);
		count(b, t->min_sent, lang);
		l10n_fill(&line, L_HEALTH_TOO_FEW, lang, a, b, NULL);
		json_array_append_new(reasons, json_string(line.buf));
	}
	strbuf_release(&line);
	return v;
}

enum verdict health_evaluate(const struct health_input *in, const struct thresholds *t,
			     enum sh_lang lang, json_t **obj)
{
	json_t *o = json_object(), *rates = json_array(), *reasons = json_array();
	long blocking = in->by_cat[CATEGORY_ACCOUNT] + in->by_cat[CATEGORY_DNS_AUTH];
	long throttled = in->by_cat[CATEGORY_RATE_LIMIT] + in->by_cat[CATEGORY_EXPIRED];
	int enough = in->sent >= t->min_sent && !in->unknown_domain;
	enum verdict v = VERDICT_OK, lv;
	lv = rate(rates, reasons, "hard_bounce", l10n(L_HEALTH_HARD_BOUNCE, lang),
		  in->hard_bounces, in->sent, "recipient_invalid failures / sent",
		  t->hard_bounce_warning, t->hard_bounce_critical, enough, lang);
	if (lv > v)
		v = lv;
	lv = rate(rates, reasons, "complaint", l10n(L_RATE_COMPLAINT, lang),
		  in->complaints, in->delivered, "complaints / delivered", t->complaint_warning,
		  t->complaint_critical, enough, lang);
	if (lv > v)
		v = lv;
	lv = rate(rates, reasons, "throttle", l10n(L_HEALTH_THROTTLE, lang), throttled,
		  in->sent, "(rate_limit + expired) / sent", t->throttle_warning, t->throttle_critical,
		  enough, lang);
	if (lv > v)
		v = lv;
	if (in->unknown_domain || blocking || !enough)
		v = verdict_reason(in, t, blocking, reasons, lang);
	json_object_set_new(o, "verdict", json_string(verdict_name(v)));
	json_object_set_new(o, "sent", json_integer(in->sent));
	json_object_set_new(o, "sent_source", json_string(in->sent_from_stats ? "stats" : "events"));
	json_object_set_new(o, "rates", rates);
	json_object_set_new(o, "blocking_failures", json_integer(blocking));
	json_object_set_new(o, "reasons", reasons);
	*obj = o;
	return v;
}
