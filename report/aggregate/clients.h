/* clients.h - which client a sending domain (or Mailgun subaccount / SendGrid subuser)
 * belongs to, from a CSV of `client,domain` rows. A subdomain belongs to the client of
 * its nearest listed parent (mg.client3.com -> client3.com's client). A domain cell of
 * "subaccount:ID" or "subuser:NAME" maps an ESP account instead.
 * Contract: read-only after clients_load, so threads may share one. */
#ifndef SH_REPORT_AGGREGATE_CLIENTS_H
#define SH_REPORT_AGGREGATE_CLIENTS_H

#include <stddef.h>

#include "util/error.h"
#include "util/strmap.h"

struct clients {
	struct strmap domains;  /* domain (lowercase) or "subaccount:x" -> index */
	char **client_of;       /* owned: client name per domain index */
	struct strmap names;    /* distinct client names, in file order */
};

/* Loads path; rows that cannot be used go to sink as file:line. Returns a new map the caller
 * frees with clients_free (NULL allowed), or NULL with err set. */
struct clients *clients_load(const char *path, const struct sh_sink *sink, struct sh_error *err);
void clients_free(struct clients *c);
/* The client for domain (walking up to parent domains), else for the subaccount, else
 * NULL; the name is borrowed from c until clients_free. Neither argument needs to be
 * NUL-terminated. */
const char *clients_lookup(const struct clients *c, const char *domain, size_t dlen,
			   const char *subaccount, size_t slen);

#endif
