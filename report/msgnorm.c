/* msgnorm.c - token-wise placeholder replacement over text_normalize's output. */
#include "report/msgnorm.h"

#include <ctype.h>
#include <string.h>

#include "util/text.h"

static int is_ipv4(const char *s, size_t n)
{
	int parts = 0, digits = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (isdigit((unsigned char)s[i])) {
			if (++digits > 3)
				return 0;
		} else if (s[i] == '.' && digits) {
			parts++;
			digits = 0;
		} else if (s[i] == ':' && parts == 3 && digits) {
			break; /* a port */
		} else {
			return 0;
		}
	}
	return parts == 3 && (digits || i < n);
}

/* A token that identifies one message or session rather than a kind of error. */
static int is_id(const char *s, size_t n)
{
	size_t i, digits = 0, alpha = 0, run = 0, maxrun = 0;

	if (n >= 2 && s[0] == '0' && s[1] == 'x')
		return 0; /* Outlook / Windows codes are the error */
	for (i = 0; i < n; i++) {
		if (isdigit((unsigned char)s[i])) {
			digits++;
			if (++run > maxrun)
				maxrun = run;
		} else {
			run = 0;
			if (isalpha((unsigned char)s[i]))
				alpha++;
		}
	}
	if (maxrun >= 4)
		return 1;
	return n >= 8 && digits >= 2 && alpha >= 2;
}

static void token(struct strbuf *out, const char *t, size_t n)
{
	const char *core = t;
	size_t lead = 0, clen = n;

	if ((n > 7 && !strncmp(t, "http://", 7)) || (n > 8 && !strncmp(t, "https://", 8))) {
		strbuf_add(out, t, n);
		return;
	}
	while (lead < n && strchr("<>()[]{},;:\"'", t[lead]))
		lead++;
	core = t + lead;
	clen = n - lead;
	while (clen && strchr("<>()[]{},;:\"'.", core[clen - 1]))
		clen--;
	strbuf_add(out, t, lead);
	if (clen && memchr(core, '@', clen))
		strbuf_adds(out, "<address>");
	else if (clen && is_ipv4(core, clen))
		strbuf_adds(out, "<ip>");
	else if (clen && is_id(core, clen))
		strbuf_adds(out, "<id>");
	else
		strbuf_add(out, core, clen);
	strbuf_add(out, core + clen, n - lead - clen);
}

void msgnorm(struct strbuf *out, const char *s, size_t len)
{
	struct strbuf tmp;
	const char *p, *end;
	size_t start = out->len;

	strbuf_init(&tmp);
	text_normalize(&tmp, s, len < 4096 ? len : 4096);
	p = tmp.buf;
	end = tmp.buf + tmp.len;
	while (p < end && out->len - start < MSGNORM_MAX) {
		const char *sp = memchr(p, ' ', (size_t)(end - p));
		size_t n = sp ? (size_t)(sp - p) : (size_t)(end - p);
		if (out->len > start)
			strbuf_addch(out, ' ');
		token(out, p, n);
		p += n + (sp ? 1 : 0);
	}
	if (out->len - start > MSGNORM_MAX) {
		/* cut on a UTF-8 boundary */
		size_t cut = start + MSGNORM_MAX;
		while (cut > start && ((unsigned char)out->buf[cut] & 0xC0) == 0x80)
			cut--;
		out->len = cut;
		out->buf[cut] = '\0';
	}
	strbuf_release(&tmp);
}
