/* clients.c - the client map: CSV in, parent-domain lookup out. */
#include "report/aggregate/clients.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/csvread.h"
#include "util/readfile.h"
#include "util/strbuf.h"
#include "util/text.h"

struct load_ctx {
	struct clients *c;
	const char *path;
	const struct sh_sink *sink;
	size_t cap;
};

static int on_row(void *ctx, const struct csvread_row *row)
{
	struct load_ctx *lc = ctx;
	struct clients *c = lc->c;
	const char *name, *dom;
	size_t nlen, dlen, i;
	struct strbuf key;
	int added;

	if (row->unterminated) {
		sh_sink_report(lc->sink, lc->path, row->line, "unterminated_quote",
			       "a quoted cell is not closed; it runs to the end of the file");
		return 0;
	}
	if (row->n < 2) {
		sh_sink_report(lc->sink, lc->path, row->line, "bad_row", "expected two columns: client,domain");
		return 0;
	}
	name = row->fields[0];
	nlen = row->lens[0];
	dom = row->fields[1];
	dlen = row->lens[1];
	text_trim(&name, &nlen);
	text_trim(&dom, &dlen);
	if (row->line == 1 && text_ieqn(name, nlen, "client"))
		return 0; /* header */
	if (!nlen || !dlen) {
		sh_sink_report(lc->sink, lc->path, row->line, "bad_row", "a client name and a domain are needed");
		return 0;
	}
	strbuf_init(&key);
	for (i = 0; i < dlen; i++)
		strbuf_addch(&key, (char)tolower((unsigned char)dom[i]));
	while (key.len && key.buf[key.len - 1] == '.')
		key.buf[--key.len] = '\0';
	i = strmap_intern(&c->domains, key.buf, key.len, &added);
	if (!added) {
		sh_sink_report(lc->sink, lc->path, row->line, "duplicate_domain",
			       "'%s' is listed twice; the first client wins", key.buf);
	} else {
		if (i >= lc->cap) {
			lc->cap = lc->cap ? lc->cap * 2 : 16;
			c->client_of = xrealloc(c->client_of, lc->cap * sizeof(*c->client_of));
		}
		c->client_of[i] = xstrndup(name, nlen);
		strmap_intern(&c->names, name, nlen, NULL);
	}
	strbuf_release(&key);
	return 0;
}

struct clients *clients_load(const char *path, const struct sh_sink *sink, struct sh_error *err)
{
	struct load_ctx lc;
	struct csvread_cb cb;
	size_t len;
	char *buf = read_whole_file(path, (size_t)16 << 20, &len, err);

	if (!buf)
		return NULL;
	memset(&lc, 0, sizeof(lc));
	lc.c = xcalloc(1, sizeof(*lc.c));
	strmap_init(&lc.c->domains);
	strmap_init(&lc.c->names);
	lc.path = path;
	lc.sink = sink;
	cb.row = on_row;
	cb.ctx = &lc;
	if (csvread_buffer(path, buf, len, cb, err) != 0) {
		free(buf);
		clients_free(lc.c);
		return NULL;
	}
	free(buf);
	if (!lc.c->domains.n) {
		sh_error_set(err, SH_ERR_DATA, path, 0, "'%s' maps no domain to a client", path);
		clients_free(lc.c);
		return NULL;
	}
	return lc.c;
}

void clients_free(struct clients *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->domains.n; i++)
		free(c->client_of[i]);
	free(c->client_of);
	strmap_release(&c->domains);
	strmap_release(&c->names);
	free(c);
}

const char *clients_lookup(const struct clients *c, const char *domain, size_t dlen,
			   const char *subaccount, size_t slen)
{
	char key[300];
	long i;

	if (!c)
		return NULL;
	while (dlen) {
		i = strmap_find(&c->domains, domain, dlen);
		if (i >= 0)
			return c->client_of[i];
		{
			const char *dot = memchr(domain, '.', dlen);
			if (!dot)
				break;
			dlen -= (size_t)(dot + 1 - domain);
			domain = dot + 1;
		}
	}
	if (slen && slen < 200) {
		static const char *const prefixes[] = { "subaccount:", "subuser:" };
		size_t p;
		for (p = 0; p < 2; p++) {
			int n = snprintf(key, sizeof(key), "%s%.*s", prefixes[p], (int)slen, subaccount);
			i = strmap_find(&c->domains, key, (size_t)n);
			if (i >= 0)
				return c->client_of[i];
		}
	}
	return NULL;
}
