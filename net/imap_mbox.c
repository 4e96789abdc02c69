/* imap_mbox.c - one message as an mboxrd entry. */
#include "net/imap_mbox.h"

#include <string.h>
#include <time.h>

/* ">*From " at the start of a line: one more '>' keeps it from starting an entry and lets
 * a reader take exactly one away again. */
static int is_from_line(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && s[i] == '>')
		i++;
	return n - i >= 5 && !memcmp(s + i, "From ", 5);
}

void imap_mbox_entry(struct strbuf *out, const char *msg, size_t len, double when)
{
	time_t t = (time_t)when;
	struct tm tm;
	char date[32];
	size_t i = 0, n;

	gmtime_r(&t, &tm);
	strftime(date, sizeof(date), "%a %b %e %H:%M:%S %Y", &tm);
	strbuf_addf(out, "From MAILER-DAEMON %s\n", date);
	while (i < len) {
		n = 0;
		while (i + n < len && msg[i + n] != '\n' && msg[i + n] != '\r')
			n++;
		if (is_from_line(msg + i, n))
			strbuf_addch(out, '>');
		strbuf_add(out, msg + i, n);
		strbuf_addch(out, '\n');
		i += n;
		if (i < len && msg[i] == '\r') /* CRLF or a lone CR */
			i++;
		else if (i < len) /* LF */
			i++;
		else
			break;
		if (i < len && msg[i] == '\n' && msg[i - 1] == '\r')
			i++;
	}
	strbuf_addch(out, '\n');
}
