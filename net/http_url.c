/* http_url.c - percent-encoding and message-safe URLs. */
#include "net/http_url.h"

#include <stdio.h>
#include <string.h>

#include "net/secrets.h"
#include "util/text.h"

void http_url_encode(struct strbuf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '.' || c == '_' || c == '~') {
			strbuf_addch(out, (char)c);
		} else {
			strbuf_addch(out, '%');
			strbuf_addch(out, hex[c >> 4]);
			strbuf_addch(out, hex[c & 15]);
		}
	}
}

void http_url_for_message(const char *url, const char *secret, char *out, size_t size)
{
	struct strbuf sb, red;
	const char *p = strstr(url, "://"), *auth, *end, *at;
	size_t plen;

	strbuf_init(&sb);
	strbuf_init(&red);
	if (p) {
		strbuf_add(&sb, url, (size_t)(p - url) + 3);
		auth = p + 3;
		end = auth + strcspn(auth, "/?#");
		/* user info never shows: it may hold a password */
		for (at = end; at > auth && at[-1] != '@'; at--)
			;
		strbuf_add(&sb, at, (size_t)(end - at));
		plen = strcspn(end, "?#");
		strbuf_add(&sb, end, plen);
	} else {
		strbuf_add(&sb, url, strcspn(url, "?#"));
	}
	secrets_redact(&red, sb.buf, secret);
	if (red.len >= size && size > 4)
		snprintf(out, size, "%.*s...", (int)(size - 4), red.buf);
	else
		snprintf(out, size, "%s", red.buf);
	strbuf_release(&sb);
	strbuf_release(&red);
}

const char *http_redirect_protocols(const char *url)
{
	return text_istarts(url, "https://") ? "https" : "http,https";
}
