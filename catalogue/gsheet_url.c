/* gsheet_url.c - the Google Sheets URL forms (esp-formats.md section 3). A link is split
 * into host, path, query and fragment once; the path decides the form, the query and
 * fragment only supply gid and single. */
#include "catalogue/gsheet_url.h"

#include <ctype.h>
#include <string.h>

#include "net/http_url.h"
#include "util/text.h"

/* A URL split into (pointer, length) parts of the caller's string. */
struct url_parts {
	const char *host, *path, *query, *frag;
	size_t host_len, path_len, query_len, frag_len;
};

static int id_char(int c)
{
	return isalnum(c) || c == '-' || c == '_';
}

static size_t id_span(const char *s)
{
	size_t n = 0;

	while (s[n] && id_char((unsigned char)s[n]))
		n++;
	return n;
}

int gsheet_is_sheet_id(const char *s)
{
	size_t n = id_span(s);

	return s[n] == '\0' && n >= 25 && n <= 100;
}

/* Splits "scheme://host/path?query#frag"; "docs.google.com/..." without a scheme is
 * taken as https. Returns -1 for anything that is not http(s). */
static int split_url(const char *s, struct url_parts *u)
{
	const char *p;

	memset(u, 0, sizeof(*u));
	if (text_istarts(s, "https://"))
		p = s + 8;
	else if (text_istarts(s, "http://"))
		p = s + 7;
	else if (text_istarts(s, "docs.google.com/"))
		p = s;
	else
		return -1;
	u->host = p;
	u->host_len = strcspn(p, "/?#");
	if (!u->host_len)
		return -1;
	p += u->host_len;
	u->path = p;
	u->path_len = strcspn(p, "?#");
	p += u->path_len;
	if (*p == '?') {
		u->query = ++p;
		u->query_len = strcspn(p, "#");
		p += u->query_len;
	}
	if (*p == '#') {
		u->frag = ++p;
		u->frag_len = strlen(p);
	}
	return 0;
}

/* The value of key in an "a=1&b=2" list, as (pointer, length); NULL when absent. */
static const char *param(const char *s, size_t len, const char *key, size_t *vlen)
{
	size_t klen = strlen(key), i = 0;

	while (s && i < len) {
		size_t n = 0;
		while (i + n < len && s[i + n] != '&')
			n++;
		if (n > klen && s[i + klen] == '=' && !strncmp(s + i, key, klen)) {
			*vlen = n - klen - 1;
			return s + i + klen + 1;
		}
		i += n + 1;
	}
	return NULL;
}

/* gid from the fragment (what the browser shows) or else the query; "" when absent.
 * -1 when a gid is there but not a number. */
static int find_gid(const struct url_parts *u, char *gid, size_t size)
{
	size_t n = 0, i;
	const char *v = param(u->frag, u->frag_len, "gid", &n);

	if (!v)
		v = param(u->query, u->query_len, "gid", &n);
	gid[0] = '\0';
	if (!v)
		return 0;
	if (n == 0 || n >= size || n > 12)
		return -1;
	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)v[i]))
			return -1;
	memcpy(gid, v, n);
	gid[n] = '\0';
	return 0;
}

/* A link to Google: anything on docs.google.com, and sheet paths on the host of an
 * overridden base (a proxy, a test server), whose other paths are plain CSV URLs. */
static int is_google_link(const struct url_parts *u, const char *base)
{
	struct url_parts b;

	if (text_ieqn(u->host, u->host_len, "docs.google.com"))
		return 1;
	return split_url(base, &b) == 0 && b.host_len == u->host_len &&
	       !strncmp(b.host, u->host, u->host_len) && !strncmp(u->path, "/spreadsheet", 12);
}

static void add_base(struct strbuf *out, const char *base)
{
	size_t n = strlen(base);

	while (n && base[n - 1] == '/')
		n--;
	strbuf_add(out, base, n);
}

static void build_id_url(struct strbuf *out, const char *base, const char *id, size_t id_len,
			 const char *tab, const char *gid)
{
	add_base(out, base);
	strbuf_adds(out, "/spreadsheets/d/");
	strbuf_add(out, id, id_len);
	if (tab) {
		/* headers=1: without it Google guesses and may merge rows into the header */
		strbuf_adds(out, "/gviz/tq?tqx=out:csv&headers=1&sheet=");
		http_url_encode(out, tab);
	} else {
		strbuf_addf(out, "/export?format=csv&gid=%s", *gid ? gid : "0");
	}
}

static int bad_input(const char *input, const char *why, struct sh_error *err)
{
	return sh_error_set(err, SH_ERR_USAGE, NULL, 0, "'%.120s' %s", input, why);
}

/* A URL goes to libcurl as it is: a space or control character inside is never part of
 * one link (it is two pasted together, or a stray line break). */
static int has_blank_or_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s <= ' ' || *s == 0x7f)
			return 1;
	return 0;
}

/* A docs.google.com path: /spreadsheets/[u/N/]d/ID/..., /spreadsheets/d/e/PUBID/...,
 * or the legacy /spreadsheet/ccc?key=ID. */
static int rewrite_google(const char *input, const struct url_parts *u, const char *tab,
			  const char *base, struct strbuf *out, enum gsheet_kind *kind,
			  struct sh_error *err)
{
	char path[1024], gid[16];
	const char *p = path, *id;
	size_t id_len, n;

	if (u->path_len >= sizeof(path))
		return bad_input(input, "is too long for a sheet link", err);
	memcpy(path, u->path, u->path_len);
	path[u->path_len] = '\0';
	if (find_gid(u, gid, sizeof(gid)) != 0)
		return bad_input(input, "has a gid that is not a number", err);
	if (!strcmp(path, "/spreadsheet/ccc") || !strcmp(path, "/spreadsheet/pub")) {
		id = param(u->query, u->query_len, "key", &id_len);
		if (!id || !id_len || id_span(id) < id_len)
			return bad_input(input, "has no sheet key", err);
		*kind = tab ? GSHEET_GVIZ : GSHEET_EXPORT;
		build_id_url(out, base, id, id_len, tab, gid);
		return 0;
	}
	if (strncmp(p, "/spreadsheets/", 14))
		return bad_input(input, "is a Google link but not to a spreadsheet", err);
	p += 14;
	if (!strncmp(p, "u/", 2)) { /* /spreadsheets/u/1/d/ID: the signed-in account's number */
		p += 2;
		while (isdigit((unsigned char)*p))
			p++;
		if (*p++ != '/')
			return bad_input(input, "is not a sheet link", err);
	}
	if (strncmp(p, "d/", 2))
		return bad_input(input, "is not a link to one sheet", err);
	p += 2;
	if (!strncmp(p, "e/", 2)) {
		size_t v_len = 0;
		p += 2;
		n = id_span(p);
		if (!n)
			return bad_input(input, "has no published sheet id", err);
		if (tab)
			return bad_input(input,
					 "is a published-to-web link: --tab needs the sheet's "
					 "own link or id",
					 err);
		*kind = GSHEET_PUBLISHED;
		add_base(out, base);
		strbuf_adds(out, "/spreadsheets/d/e/");
		strbuf_add(out, p, n);
		strbuf_adds(out, "/pub?output=csv");
		if (*gid)
			strbuf_addf(out, "&gid=%s", gid);
		id = param(u->query, u->query_len, "single", &v_len);
		if (id && v_len == 4 && !strncmp(id, "true", 4))
			strbuf_adds(out, "&single=true");
		return 0;
	}
	id = p;
	id_len = id_span(p);
	if (!id_len || (id[id_len] && id[id_len] != '/'))
		return bad_input(input, "has no sheet id after /d/", err);
	if (!tab && !strncmp(id + id_len, "/gviz/", 6)) {
		/* already a query URL: keep its path and parameters, only move it onto base */
		*kind = GSHEET_GVIZ;
		add_base(out, base);
		strbuf_add(out, u->path, u->path_len + (u->query ? u->query_len + 1 : 0));
		return 0;
	}
	*kind = tab ? GSHEET_GVIZ : GSHEET_EXPORT;
	build_id_url(out, base, id, id_len, tab, gid);
	return 0;
}

int gsheet_url_rewrite(const char *input, const char *tab, const char *base, struct strbuf *out,
		       enum gsheet_kind *kind, struct sh_error *err)
{
	struct url_parts u;
	enum gsheet_kind k = GSHEET_PLAIN;
	const char *s = input;
	char buf[2048];
	size_t len = strlen(input);

	text_trim(&s, &len);
	if (!len || len >= sizeof(buf))
		return bad_input(input, "is not a sheet link, sheet id or URL", err);
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (!base)
		base = GSHEET_DEFAULT_BASE;
	if (tab && !*tab)
		return sh_error_set(err, SH_ERR_USAGE, NULL, 0, "--tab needs a tab name");
	if (gsheet_is_sheet_id(buf)) {
		k = tab ? GSHEET_GVIZ : GSHEET_EXPORT;
		build_id_url(out, base, buf, len, tab, "");
	} else if (split_url(buf, &u) != 0) {
		return bad_input(input, "is not a Google Sheets link, a sheet id or an http(s) URL",
				 err);
	} else if (has_blank_or_control(buf)) {
		return bad_input(input, "is not one URL: it contains a space or a control character",
				 err);
	} else if (is_google_link(&u, base)) {
		if (rewrite_google(input, &u, tab, base, out, &k, err) != 0)
			return -1;
	} else if (tab) {
		return bad_input(input, "is not a Google Sheets link: --tab needs one", err);
	} else {
		strbuf_add(out, buf, len);
	}
	if (kind)
		*kind = k;
	return 0;
}

int gsheet_check_base(const char *base, struct sh_error *err)
{
	struct url_parts u;

	if (split_url(base, &u) != 0 || text_istarts(base, "docs.google.com") || u.query || u.frag ||
	    has_blank_or_control(base))
		return sh_error_set(err, SH_ERR_USAGE, NULL, 0,
				    "the Google base '%.120s' must be an http(s) URL without query "
				    "or fragment",
				    base);
	return 0;
}

int gsheet_looks_like_html(const char *content_type, const char *body, size_t len)
{
	size_t i = 0;

	if (content_type && (text_istarts(content_type, "text/html") ||
			     text_istarts(content_type, "application/xhtml")))
		return 1;
	if (len >= 3 && !memcmp(body, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < len && isspace((unsigned char)body[i]))
		i++;
	return i < len && body[i] == '<';
}
