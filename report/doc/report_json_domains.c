/* report_json_domains.c - the report's domains, health and clients sections: a row and a
 * health verdict per sending domain, most failures first, and per client (by name) its
 * domains summed into one row with a verdict of its own. */
#include "report/doc/report_json_priv.h"

#include <stdlib.h>
#include <string.h>

#include "report/aggregate/clients.h"
#include "util/strbuf.h"

/* A client's domains added up. */
struct client_sum {
	struct dom_stat sum; /* the counts only: subaccount and client stay NULL */
	long sent, delivered;
	int from_stats;      /* some domain's volume came from the stats file */
	json_t *domains;     /* owned until the client's row takes it */
};

struct client_sums {
	struct strmap names;  /* the clients, in the order first seen */
	struct client_sum *c; /* owned: one per name */
	size_t cap;
};

long report_json_domain_sent(const struct dom_stat *d, const char *name,
			     const struct report_meta *m, long *delivered, int *from_stats)
{
	size_t i;

	*delivered = d->delivered;
	*from_stats = 0;
	for (i = 0; i < m->nvolumes; i++) {
		if (!strcmp(m->volumes[i].domain, name) || !strcmp(m->volumes[i].domain, "*")) {
			*from_stats = 1;
			if (m->volumes[i].delivered)
				*delivered = m->volumes[i].delivered;
			return m->volumes[i].sent;
		}
	}
	return report_json_events_sent(report_json_sent_by_accepted(d), d->accepted,
				       d->delivered, d->failures);
}

/* Accepted events count every message handed over; a log without them (or with fewer,
 * as when retries fail temporarily again and again) counts each delivery and failure. */
int report_json_sent_by_accepted(const struct dom_stat *d)
{
	return d->accepted > 0 && d->accepted >= d->delivered + d->failures;
}

long report_json_events_sent(int by_accepted, long accepted, long delivered, long failures)
{
	return by_accepted ? accepted : delivered + failures;
}

static const char *client_of(const struct agg *a, size_t i, const struct report_meta *m)
{
	const struct dom_stat *d = &a->doms[i];
	const char *c;

	if (m->clients) {
		c = clients_lookup(m->clients, a->dom_keys.keys[i], a->dom_keys.lens[i],
				   d->subaccount, d->subaccount ? strlen(d->subaccount) : 0);
		if (c)
			return c;
	}
	return d->client;
}

static void health_input_of(struct health_input *hi, const struct dom_stat *d, long sent,
			    long delivered, int from_stats)
{
	memset(hi, 0, sizeof(*hi));
	hi->sent = sent;
	hi->delivered = delivered;
	hi->complaints = d->complaints;
	hi->hard_bounces = d->by_cat[CATEGORY_RECIPIENT_INVALID];
	memcpy(hi->by_cat, d->by_cat, sizeof(hi->by_cat));
	hi->sent_from_stats = from_stats;
}

static void client_sums_release(struct client_sums *cs)
{
	size_t i;

	for (i = 0; i < cs->names.n; i++)
		json_decref(cs->c[i].domains);
	free(cs->c);
	strmap_release(&cs->names);
}

static void client_sums_add(struct client_sums *cs, const char *client, const char *name,
			    const struct dom_stat *d, long sent, long delivered, int from_stats)
{
	int added, cc;
	size_t c = strmap_intern(&cs->names, client, strlen(client), &added);
	struct client_sum *s;

	if (c >= cs->cap) {
		cs->cap = cs->cap ? cs->cap * 2 : 8;
		cs->c = xrealloc(cs->c, cs->cap * sizeof(*cs->c));
	}
	s = &cs->c[c];
	if (added) {
		memset(s, 0, sizeof(*s));
		s->domains = json_array();
	}
	s->sum.accepted += d->accepted;
	s->sum.delivered += d->delivered;
	s->sum.failures += d->failures;
	s->sum.perm += d->perm;
	s->sum.temp += d->temp;
	s->sum.complaints += d->complaints;
	for (cc = 0; cc < CATEGORY_COUNT; cc++)
		s->sum.by_cat[cc] += d->by_cat[cc];
	s->sent += sent;
	s->delivered += delivered;
	s->from_stats |= from_stats;
	json_array_append_new(s->domains, json_string(name));
}

/* Domain i's row into doms, its verdict into health, and its counts into its client's. */
static void add_domain(const struct agg *a, size_t i, const struct report_meta *m, json_t *doms,
		       json_t *health, struct client_sums *cs)
{
	const struct dom_stat *d = &a->doms[i];
	const char *name = a->dom_keys.keys[i];
	const char *client = client_of(a, i, m);
	long delivered, sent;
	int fs;
	struct health_input hi;
	json_t *j = json_object(), *h;

	sent = report_json_domain_sent(d, name, m, &delivered, &fs);
	json_object_set_new(j, "domain", json_string(name));
	json_object_set_new(j, "client", client ? json_string(client) : json_null());
	report_json_volume_fields(j, sent, d->accepted, delivered, d->failures, d->perm, d->temp,
				  d->complaints);
	json_object_set_new(j, "by_category", report_json_by_category(d->by_cat));
	json_array_append_new(doms, j);

	health_input_of(&hi, d, sent, delivered, fs);
	hi.unknown_domain = !strcmp(name, "(unknown)");
	health_evaluate(&hi, m->thresholds, m->lang, &h);
	json_object_set_new(h, "domain", json_string(name));
	json_object_set_new(h, "client", client ? json_string(client) : json_null());
	json_array_append_new(health, h);

	if (client)
		client_sums_add(cs, client, name, d, sent, delivered, fs);
}

static json_t *client_rows(struct client_sums *cs, const struct report_meta *m)
{
	json_t *clients = json_array();
	struct order *co = report_json_ordered(&cs->names, NULL, 0, 0, 1);
	size_t k;

	for (k = 0; k < cs->names.n; k++) {
		size_t c = co[k].i;
		struct client_sum *s = &cs->c[c];
		struct health_input hi;
		json_t *j = json_object(), *h;
		json_object_set_new(j, "client", json_string(cs->names.keys[c]));
		json_object_set_new(j, "domains", s->domains);
		s->domains = NULL;
		report_json_volume_fields(j, s->sent, s->sum.accepted, s->delivered, s->sum.failures,
					  s->sum.perm, s->sum.temp, s->sum.complaints);
		json_object_set_new(j, "by_category", report_json_by_category(s->sum.by_cat));
		health_input_of(&hi, &s->sum, s->sent, s->delivered, s->from_stats);
		health_evaluate(&hi, m->thresholds, m->lang, &h);
		json_object_set_new(h, "client", json_string(cs->names.keys[c]));
		json_object_set_new(j, "health", h);
		json_array_append_new(clients, j);
	}
	free(co);
	return clients;
}

void report_json_domains(const struct agg *a, const struct report_meta *m, json_t *doc)
{
	json_t *doms = json_array(), *health = json_array();
	struct order *o = report_json_ordered(&a->dom_keys, a->doms, sizeof(*a->doms),
					      offsetof(struct dom_stat, failures), 0);
	struct client_sums cs;
	size_t k;

	memset(&cs, 0, sizeof(cs));
	strmap_init(&cs.names);
	for (k = 0; k < a->dom_keys.n; k++)
		add_domain(a, o[k].i, m, doms, health, &cs);
	json_object_set_new(doc, "domains", doms);
	json_object_set_new(doc, "health", health);
	json_object_set_new(doc, "clients", client_rows(&cs, m));
	client_sums_release(&cs);
	free(o);
}
