/* imap_url.c - IMAP URLs taken apart by libcurl's URL API (CURLU), checked for what a
 * read-only bounce fetch accepts, and put together again for curl and for messages. */
#include "net/imap_url.h"

#include <curl/curl.h>
#include <stdio.h>
#include <string.h>

#include "net/http_url.h"
#include "util/text.h"

int imap_url_is_imap(const char *spec)
{
	return spec && (text_istarts(spec, "imaps://") || text_istarts(spec, "imap://"));
}

/* Copies part p of h into out; 0 when present, 1 when absent, -1 when too long or not
 * decodable (libcurl refuses to decode %00..%1F). */
static int get_part(CURLU *h, CURLUPart p, unsigned flags, char *out, size_t size)
{
	char *v = NULL;
	CURLUcode uc = curl_url_get(h, p, &v, flags);
	int rc = -1;

	out[0] = '\0';
	if (uc == CURLUE_OK && v) {
		rc = strlen(v) < size ? 0 : -1;
		if (rc == 0)
			memcpy(out, v, strlen(v) + 1);
	} else if (uc == CURLUE_NO_USER || uc == CURLUE_NO_PORT || uc == CURLUE_NO_HOST ||
		   uc == CURLUE_NO_SCHEME) {
		rc = 1;
	}
	curl_free(v);
	return rc;
}

/* True when a part is present (its value is not needed, and not kept: a password). */
static int has_part(CURLU *h, CURLUPart p)
{
	char *v = NULL;
	int yes = curl_url_get(h, p, &v, 0) == CURLUE_OK && v;

	curl_free(v);
	return yes;
}

static int check_mailbox(const char *m, struct sh_error *err)
{
	const unsigned char *p;

	if (strchr(m, ';'))
		return sh_error_set(err, SH_ERR_USAGE, NULL, 0,
				    "the IMAP URL names a message (;UID=...) or other parameters; "
				    "give only the mailbox: imaps://user@host/INBOX");
	for (p = (const unsigned char *)m; *p; p++)
		if (*p < ' ' || *p >= 0x7f || *p == '"' || *p == '\\')
			return sh_error_set(err, SH_ERR_USAGE, NULL, 0,
					    "the mailbox name '%.100s' has a character sendhealth "
					    "does not send to an IMAP server (quote, backslash, "
					    "control or non-ASCII)", m);
	return 0;
}

/* The mailbox from the decoded path: no leading or trailing '/', "INBOX" when empty. */
static int mailbox_from(CURLU *h, struct imap_url *u, struct sh_error *err)
{
	char path[sizeof(u->mailbox) + 16];
	const char *s = path;
	size_t n;

	if (get_part(h, CURLUPART_PATH, CURLU_URLDECODE, path, sizeof(path)) < 0)
		return sh_error_set(err, SH_ERR_USAGE, NULL, 0,
				    "the mailbox name is too long or has a control character");
	while (*s == '/')
		s++;
	n = strlen(s);
	if (n && s[n - 1] == '/')
		n--;
	if (!n) {
		s = "INBOX";
		n = 5;
	}
	if (n >= sizeof(u->mailbox))
		return sh_error_set(err, SH_ERR_USAGE, NULL, 0,
				    "the mailbox name is too long or has a control character");
	memcpy(u->mailbox, s, n);
	u->mailbox[n] = '\0';
	return check_mailbox(u->mailbox, err);
}

/* scheme://user@host[:port]/MAILBOX with the user and path as written. */
static void make_shown(CURLU *h, struct imap_url *u)
{
	char user[sizeof(u->user) * 3], path[sizeof(u->mailbox) * 3];
	struct strbuf sb;

	if (get_part(h, CURLUPART_USER, 0, user, sizeof(user)) != 0)
		snprintf(user, sizeof(user), "%s", u->user);
	if (get_part(h, CURLUPART_PATH, 0, path, sizeof(path)) != 0 || !strcmp(path, "/") ||
	    !path[0])
		snprintf(path, sizeof(path), "/%s", u->mailbox);
	strbuf_init(&sb);
	strbuf_addf(&sb, "%s://%s@%s", u->tls_direct ? "imaps" : "imap", user, u->host);
	if (u->port)
		strbuf_addf(&sb, ":%ld", u->port);
	strbuf_adds(&sb, path);
	snprintf(u->shown, sizeof(u->shown), "%s", sb.buf);
	strbuf_release(&sb);
}

static int parse_parts(CURLU *h, struct imap_url *u, struct sh_error *err)
{
	char scheme[16], port[16];

	if (get_part(h, CURLUPART_SCHEME, 0, scheme, sizeof(scheme)) != 0 ||
	    (strcmp(scheme, "imaps") && strcmp(scheme, "imap")))
		return sh_error_set(err, SH_ERR_USAGE, NULL, 0, "not an imaps:// or imap:// URL");
	u->tls_direct = !strcmp(scheme, "imaps");
	if (has_part(h, CURLUPART_PASSWORD))
		return sh_error_set(err, SH_ERR_USAGE, NULL, 0,
				    "the IMAP URL holds a password: put it in "
				    "$SENDHEALTH_IMAP_PASSWORD or a file (--imap-password-file), "
				    "never on the command line");
	if (has_part(h, CURLUPART_OPTIONS) || has_part(h, CURLUPART_QUERY) ||
	    has_part(h, CURLUPART_FRAGMENT))
		return sh_error_set(err, SH_ERR_USAGE, NULL, 0,
				    "the IMAP URL has options, a query or a fragment; give "
				    "imaps://user@host[:port]/MAILBOX");
	if (get_part(h, CURLUPART_USER, CURLU_URLDECODE, u->user, sizeof(u->user)) != 0 ||
	    !u->user[0])
		return sh_error_set(err, SH_ERR_USAGE, NULL, 0,
				    "the IMAP URL names no user: imaps://user@host/INBOX "
				    "(an address as user is written me%%40example.com)");
	if (get_part(h, CURLUPART_HOST, 0, u->host, sizeof(u->host)) != 0 || !u->host[0])
		return sh_error_set(err, SH_ERR_USAGE, NULL, 0, "the IMAP URL names no host");
	if (get_part(h, CURLUPART_PORT, 0, port, sizeof(port)) == 0 &&
	    text_parse_long(port, 1, 65535, &u->port) != 0)
		return sh_error_set(err, SH_ERR_USAGE, NULL, 0, "the IMAP port is not 1..65535");
	if (mailbox_from(h, u, err) != 0)
		return -1;
	make_shown(h, u);
	return 0;
}

int imap_url_parse(const char *url, struct imap_url *u, struct sh_error *err)
{
	CURLU *h = curl_url();
	int rc = -1;

	memset(u, 0, sizeof(*u));
	if (!h)
		return sh_error_set(err, SH_ERR_USAGE, NULL, 0, "out of memory");
	if (!imap_url_is_imap(url) || curl_url_set(h, CURLUPART_URL, url, 0) != CURLUE_OK)
		sh_error_set(err, SH_ERR_USAGE, NULL, 0,
			     "not an IMAP URL; give imaps://user@host[:port]/MAILBOX");
	else
		rc = parse_parts(h, u, err);
	curl_url_cleanup(h);
	return rc;
}

void imap_url_for_curl(const struct imap_url *u, int with_mailbox, struct strbuf *out)
{
	strbuf_addf(out, "%s://%s", u->tls_direct ? "imaps" : "imap", u->host);
	if (u->port)
		strbuf_addf(out, ":%ld", u->port);
	strbuf_addch(out, '/');
	if (with_mailbox)
		http_url_encode(out, u->mailbox);
}

void imap_url_source(const struct imap_url *u, unsigned long uid, char *out, size_t size)
{
	snprintf(out, size, "%s;UID=%lu", u->shown, uid);
}

void imap_url_quoted_mailbox(const struct imap_url *u, struct strbuf *out)
{
	strbuf_addch(out, '"');
	strbuf_adds(out, u->mailbox);
	strbuf_addch(out, '"');
}
