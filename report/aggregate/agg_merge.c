/* agg_merge.c - folds one thread's (or one saved report's) counts into another: the totals
 * add up, each keyed row is found or added by its key, and a row's first-seen texts stay
 * those of the agg merged into, so that merging in input order equals one run in order. */
#include "report/aggregate/agg.h"

#include <string.h>

static void add_cats(long *into, const long *from)
{
	int c;
	for (c = 0; c < CATEGORY_COUNT; c++)
		into[c] += from[c];
}

static void merge_totals(struct agg *into, const struct agg *from)
{
	int c;

	for (c = 0; c < EV_COUNT; c++)
		into->by_event[c] += from->by_event[c];
	into->records += from->records;
	into->outside_window += from->outside_window;
	into->failures += from->failures;
	into->perm += from->perm;
	into->temp += from->temp;
	into->complaints += from->complaints;
	into->delivered += from->delivered;
	into->accepted += from->accepted;
	into->matched += from->matched;
	into->unmatched += from->unmatched;
	for (c = 0; c < CATEGORY_COUNT; c++) {
		into->cats[c].count += from->cats[c].count;
		into->cats[c].perm += from->cats[c].perm;
		into->cats[c].temp += from->cats[c].temp;
	}
	if (from->first_ts && (!into->first_ts || from->first_ts < into->first_ts))
		into->first_ts = from->first_ts;
	if (from->last_ts > into->last_ts)
		into->last_ts = from->last_ts;
	into->merged_addresses += from->merged_addresses;
}

static void merge_errors(struct agg *into, const struct agg *from)
{
	size_t i;
	int added;

	for (i = 0; i < from->err_keys.n; i++) {
		const struct err_stat *f = &from->errs[i];
		struct err_stat *e =
			agg_error(into, from->err_keys.keys[i], from->err_keys.lens[i], &added);
		if (added) {
			e->entry = f->entry;
			e->category = f->category;
			e->action = f->action;
			e->tier = f->tier;
			e->how = f->how;
			memcpy(e->why, f->why, sizeof(e->why));
			e->nwhy = f->nwhy;
			e->weight = f->weight;
			e->seen_provider = f->seen_provider;
			memcpy(e->provider, f->provider, sizeof(e->provider));
			memcpy(e->esp, f->esp, sizeof(e->esp));
			e->smtp = f->smtp;
			memcpy(e->enh, f->enh, sizeof(e->enh));
			e->example = xstrdup(f->example ? f->example : "");
		}
		e->count += f->count;
		e->perm += f->perm;
		e->temp += f->temp;
		counter_merge(&e->rcpt, &f->rcpt);
		counter_merge(&e->senders, &f->senders);
	}
}

static void merge_domains(struct agg *into, const struct agg *from)
{
	size_t i;

	for (i = 0; i < from->dom_keys.n; i++) {
		const struct dom_stat *f = &from->doms[i];
		struct dom_stat *d =
			agg_domain(into, from->dom_keys.keys[i], from->dom_keys.lens[i]);
		d->accepted += f->accepted;
		d->delivered += f->delivered;
		d->failures += f->failures;
		d->perm += f->perm;
		d->temp += f->temp;
		d->complaints += f->complaints;
		add_cats(d->by_cat, f->by_cat);
		if (!d->subaccount && f->subaccount)
			d->subaccount = xstrdup(f->subaccount);
		if (!d->client && f->client)
			d->client = xstrdup(f->client);
	}
}

static void merge_rcpts_days(struct agg *into, const struct agg *from)
{
	size_t i;

	for (i = 0; i < from->rcpt_keys.n; i++) {
		const struct rcpt_stat *f = &from->rcpts[i];
		struct rcpt_stat *r =
			agg_rcpt(into, from->rcpt_keys.keys[i], from->rcpt_keys.lens[i]);
		r->delivered += f->delivered;
		r->failures += f->failures;
		add_cats(r->by_cat, f->by_cat);
		if (!r->provider[0])
			memcpy(r->provider, f->provider, sizeof(r->provider));
	}
	for (i = 0; i < from->day_keys.n; i++) {
		const struct day_stat *f = &from->days[i];
		struct day_stat *d = agg_day(into, from->day_keys.keys[i], from->day_keys.lens[i]);
		d->accepted += f->accepted;
		d->delivered += f->delivered;
		d->failures += f->failures;
		d->complaints += f->complaints;
		add_cats(d->by_cat, f->by_cat);
	}
	for (i = 0; i < from->dd_keys.n; i++) {
		const struct dd_stat *f = &from->dds[i];
		const char *k = from->dd_keys.keys[i];
		struct dd_stat *c = agg_day_domain(into, k, k + AGG_DAY_LEN,
						   from->dd_keys.lens[i] - AGG_DAY_LEN);
		c->accepted += f->accepted;
		c->delivered += f->delivered;
		c->failures += f->failures;
	}
}

static void merge_unmatched(struct agg *into, const struct agg *from)
{
	size_t i;
	int added;

	for (i = 0; i < from->unm_keys.n; i++) {
		const struct unm_stat *f = &from->unms[i];
		struct unm_stat *u = agg_unmatched(into, from->unm_keys.keys[i],
						   from->unm_keys.lens[i], &added);
		if (added) {
			u->example = xstrdup(f->example ? f->example : "");
			memcpy(u->provider, f->provider, sizeof(u->provider));
			u->smtp = f->smtp;
			memcpy(u->enh, f->enh, sizeof(u->enh));
			u->category = f->category;
		}
		u->count += f->count;
	}
}

void agg_merge(struct agg *into, const struct agg *from)
{
	merge_totals(into, from);
	merge_errors(into, from);
	merge_domains(into, from);
	merge_rcpts_days(into, from);
	merge_unmatched(into, from);
	addrset_merge(&into->addresses, &from->addresses);
}
