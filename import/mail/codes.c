/* codes.c - the status codes of one failed recipient (see codes.h). */
#include "import/mail/codes.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "util/smtp_codes.h"

/* "5.1.1 (user unknown)" -> "5.1.1" when it is an RFC 3463 status. */
static void status_code(const char *s, char out[16])
{
	size_t n = 0;
	int dots = 0;

	out[0] = '\0';
	if (!s || (*s != '2' && *s != '4' && *s != '5'))
		return;
	while (s[n] && (isdigit((unsigned char)s[n]) || s[n] == '.') && n < 15)
		dots += s[n++] == '.';
	if (dots != 2 || s[n - 1] == '.' || s[1] != '.')
		return;
	memcpy(out, s, n);
	out[n] = '\0';
}

/* The SMTP reply code the diagnostic text quotes ("said: 550 …", "<<< 421-…",
 * "[554 5.4.6 …]", "ResponseCode 421"): the first 4xx or 5xx number standing alone (not a
 * part of an address, a date or a port), of the enhanced code's class when there is one;
 * 0 when none. */
static int reply_code(const char *s, size_t n, const char *enhanced)
{
	size_t i;

	for (i = 0; i + 3 <= n; i++) {
		char prev = i ? s[i - 1] : ' ', next = i + 3 < n ? s[i + 3] : ' ';
		int code;
		if ((s[i] != '4' && s[i] != '5') || !isdigit((unsigned char)s[i + 1]) ||
		    !isdigit((unsigned char)s[i + 2]))
			continue;
		/* Exchange's "#550 5.1.1 …##" is a code; "…/DOC-1369#550" in a link is not */
		if (prev == '#' && (i < 2 || s[i - 2] == ' ' || s[i - 2] == '\n'))
			prev = ' ';
		if (isalnum((unsigned char)prev) || (prev && strchr(".-_/@+#", prev)) ||
		    (prev == ':' && i >= 2 && s[i - 2] != ' ')) /* "host:587", not "CODE :550" */
			continue;
		if (!strchr(" -]),;", next))
			continue;
		if (i >= 5 && !strncasecmp(s + i - 5, "port ", 5))
			continue;
		code = (s[i] - '0') * 100 + (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
		if (enhanced[0] && enhanced[0] != s[i])
			continue;
		return code;
	}
	return 0;
}

/* The first place of needle in s[0..n), or NULL. */
static const char *text_find(const char *s, size_t n, const char *needle)
{
	size_t k = strlen(needle), i;

	for (i = 0; k && i + k <= n; i++)
		if (s[i] == needle[0] && !memcmp(s + i, needle, k))
			return s + i;
	return NULL;
}

/* The enhanced code the diagnostic text gives: the first one right after a reply code
 * ("550-'5.7.1", "550 5.1.1"), else the first one; "" when none. */
static void diag_enhanced(const char *s, size_t n, char out[16])
{
	size_t i = 0;
	char first[16] = "";

	while (i < n) {
		const char *at;
		size_t k;
		smtp_find_enhanced(s + i, n - i, out);
		if (!out[0] || !(at = text_find(s + i, n - i, out)))
			break;
		if (!first[0])
			memcpy(first, out, sizeof(first));
		k = (size_t)(at - s);
		while (k > 0 && k + 3 > (size_t)(at - s) && strchr(" -'\"", s[k - 1]))
			k--;
		if (k >= 3 && (s[k - 3] == '4' || s[k - 3] == '5') &&
		    isdigit((unsigned char)s[k - 2]) && isdigit((unsigned char)s[k - 1]))
			return;
		i = (size_t)(at - s) + strlen(out);
	}
	memcpy(out, first, sizeof(first));
}

/* The record's enhanced code: the report's Status, unless that is missing or only says
 * the class (x.0.0) and the diagnostic text gives a closer code of the same class. */
static void enhanced_code(const char *status, const char *diag, size_t dlen, char out[16])
{
	char d[16];

	status_code(status, out);
	if (out[0] && strcmp(out + 1, ".0.0"))
		return;
	diag_enhanced(diag, dlen, d);
	if (d[0] && (!out[0] || d[0] == out[0]))
		memcpy(out, d, sizeof(d));
}

void mail_codes(const char *status, const char *diag, size_t dlen, char enhanced[16],
		int *smtp_code)
{
	enhanced_code(status, diag, dlen, enhanced);
	*smtp_code = reply_code(diag, dlen, enhanced);
}
