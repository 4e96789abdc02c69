/* bodytext.c - recipients and reasons in a bounce's human-readable text (see bodytext.h). */
#include "import/mail/bodytext.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "util/text.h"

/* The recipients' slots are made ready as they are first used (b->used): a bounce names
 * one or two, and setting up all BT_MAX cost more than reading most messages. */
void bt_init(struct bt_result *b)
{
	b->n = b->used = b->strong = b->temporary = b->permanent = b->warning = 0;
	strbuf_init(&b->intro);
}

void bt_release(struct bt_result *b)
{
	int i;

	strbuf_release(&b->intro);
	for (i = 0; i < b->used; i++)
		strbuf_release(&b->r[i].reason);
}

static int local_char(unsigned char c)
{
	return isalnum(c) || (c && strchr(".!#$%&'*+-/=?^_`{|}~", c)) || c >= 0x80;
}

static int domain_char(unsigned char c)
{
	return isalnum(c) || c == '.' || c == '-' || c >= 0x80;
}

/* Text glued to an address ("ann@example.jp您好", "…example.jp。"): a last label that
 * begins in ASCII ends where the non-ASCII bytes begin. An IDN label (all non-ASCII) stays. */
static size_t ascii_tld_end(const char *s, size_t from, size_t d)
{
	size_t dot = d, i;

	while (dot > from && s[dot - 1] != '.')
		dot--;
	if (dot == from || dot >= d || (unsigned char)s[dot] >= 0x80)
		return d;
	for (i = dot; i < d; i++)
		if ((unsigned char)s[i] >= 0x80)
			return i;
	return d;
}

/* The same before the address ("收件人：ann@…", "Empfänger:ann@…"): a local part that ends
 * in ASCII begins after its last non-ASCII byte. One all non-ASCII (EAI) stays. */
static size_t ascii_local_start(const char *s, size_t l, size_t a)
{
	size_t i;

	if (l == a || (unsigned char)s[a - 1] >= 0x80)
		return l;
	for (i = a; i > l; i--)
		if ((unsigned char)s[i - 1] >= 0x80)
			return i;
	return l;
}

int bt_next_address(const char *s, size_t len, size_t *pos, char *out, size_t *start)
{
	size_t i = *pos;

	while (i < len) {
		const char *at = memchr(s + i, '@', len - i);
		size_t a, l, d;
		if (!at)
			break;
		a = (size_t)(at - s);
		l = a;
		if (a > i + 1 && s[a - 1] == '"') { /* a quoted local part: "a..b"@c */
			for (l = a - 1; l > i && s[l - 1] != '"' && s[l - 1] != '\n'; l--)
				;
			l = l > i && s[l - 1] == '"' ? l - 1 : a;
		}
		if (l == a) {
			for (; l > i && local_char((unsigned char)s[l - 1]); l--)
				;
			l = ascii_local_start(s, l, a);
			while (l < a && s[l] == '.')
				l++;
		}
		for (d = a + 1; d < len && domain_char((unsigned char)s[d]); d++)
			;
		d = ascii_tld_end(s, a + 1, d);
		while (d > a + 1 && (s[d - 1] == '.' || s[d - 1] == '-'))
			d--;
		i = a + 1;
		if (l == a || d - l > BT_ADDR_MAX || !memchr(s + a + 1, '.', d - a - 1))
			continue;
		memcpy(out, s + l, d - l);
		out[d - l] = '\0';
		*pos = d;
		if (start)
			*start = l;
		return 1;
	}
	*pos = len;
	return 0;
}

/* A line that separates the report from the returned original. */
static int cut_line(const char *s, size_t n, int first)
{
	static const char *const phrases[] = {
		"original message", "copy of the message", "copy of your message",
		"message headers follow", "returned message", "undelivered message",
		"unsent message", "original text", "headers of the original", "original email",
		"message follows", "text of the message", "original mail", "message header",
		"returned mail", "rfc822", "text follows",
		/* the same in the languages big providers write bounces in */
		"copie du message", "message d'origine", "ursprüngliche nachricht",
		"originalnachricht", "mensaje original", "messaggio originale", "копия", "Копия",
		"исходное сообщение", "原始邮件", "原邮件", "原始郵件", "元のメッセージ",
	};
	static const char *const headers[] = { "received:", "return-path:", "message-id:",
					       "dkim-signature:" };
	char low[160];
	size_t i, k = 0;
	int run = 0, sep = 0;

	for (i = 0; i < n && k + 1 < sizeof(low); i++) {
		char c = (char)tolower((unsigned char)s[i]);
		low[k++] = c;
		run = strchr("-=_*", c) ? run + 1 : 0;
		sep |= run >= 3;
	}
	low[k] = '\0';
	for (i = 0; !first && i < sizeof(headers) / sizeof(headers[0]); i++)
		if (!strncmp(low, headers[i], strlen(headers[i])))
			return 1;
	if (!sep) { /* a sentence of its own, maybe indented (OpenSMTPD's notice) */
		const char *t = low + strspn(low, " \t");
		return text_istarts(t, "below this line") || strstr(t, "original message follows") ||
		       text_istarts(t, "below is a copy of") || strstr(t, "message headers follow") ||
		       text_istarts(t, "original message headers") || /* Exchange */
		       text_istarts(t, "the message headers follow") ||
		       text_istarts(t, "the original message was sent");
	}
	for (i = 0; i < sizeof(phrases) / sizeof(phrases[0]); i++)
		if (strstr(low, phrases[i]))
			return 1;
	return 0;
}

static int excluded(const char *addr, const char *const *ex, size_t nex)
{
	size_t i;

	for (i = 0; i < nex; i++)
		if (ex[i] && text_ieq(addr, ex[i]))
			return 1;
	return 0;
}

/* "a@b <c@d>": an address written as a display name before the real one in <> (as a
 * header held it); the real one replaces out. */
static void display_address(const char *s, size_t n, size_t pos, char *out)
{
	size_t start, i = pos;
	char inner[BT_ADDR_MAX + 1];

	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i == pos || i >= n || s[i] != '<')
		return;
	pos = ++i;
	if (bt_next_address(s, n, &pos, inner, &start) && start == i && pos < n && s[pos] == '>')
		memcpy(out, inner, strlen(inner) + 1);
}

/* The address a line opens with (after blanks, quotes, "RCPT TO:", "To:"…), else "". */
static void opening_address(const char *s, size_t n, char *out)
{
	static const char *const prefixes[] = { ">>> rcpt to:", "rcpt to:", "recipient address:",
						"recipient:", "original-recipient:", "to:",
						"address:", "failed recipient:", "rfc822;" };
	size_t i = 0, k, pos, start;

	out[0] = '\0';
	while (i < n && (isspace((unsigned char)s[i]) || strchr("<\"'(*-", s[i])))
		i++;
	for (k = 0; k < sizeof(prefixes) / sizeof(prefixes[0]); k++) {
		size_t pl = strlen(prefixes[k]);
		if (n - i >= pl && !strncasecmp(s + i, prefixes[k], pl)) {
			i += pl;
			break;
		}
	}
	while (i < n && (isspace((unsigned char)s[i]) || strchr("<\"'", s[i])))
		i++;
	pos = i;
	if (!bt_next_address(s, n, &pos, out, &start) || start != i)
		out[0] = '\0';
	else
		display_address(s, n, pos, out);
}

int bt_find(const struct bt_result *b, const char *addr)
{
	int i;

	for (i = 0; i < b->n; i++)
		if (text_ieq(b->r[i].addr, addr))
			return i;
	return -1;
}

/* Joins a line to sb with one space, squeezing blanks, within BT_REASON_MAX: runs of
 * non-blank bytes are copied whole. */
static void add_line(struct strbuf *sb, const char *s, size_t n)
{
	size_t i = 0, run;

	text_trim(&s, &n);
	if (n && sb->len && sb->len < BT_REASON_MAX && sb->buf[sb->len - 1] != ' ')
		strbuf_addch(sb, ' ');
	while (i < n && sb->len < BT_REASON_MAX) {
		if (isspace((unsigned char)s[i])) {
			if (sb->len && sb->buf[sb->len - 1] != ' ')
				strbuf_addch(sb, ' ');
			i++;
			continue;
		}
		for (run = i; run < n && !isspace((unsigned char)s[run]); run++)
			;
		if (run - i > BT_REASON_MAX - sb->len)
			run = i + (BT_REASON_MAX - sb->len);
		strbuf_add(sb, s + i, run - i);
		i = run;
	}
}

static int add_rcpt(struct bt_result *b, const char *addr)
{
	int i = bt_find(b, addr);

	if (i >= 0 || b->n >= BT_MAX)
		return i;
	if (b->n == b->used) {
		strbuf_init(&b->r[b->n].reason);
		b->used++;
	}
	snprintf(b->r[b->n].addr, sizeof(b->r[b->n].addr), "%s", addr);
	return b->n++;
}

/* The words that say whether the server gave up. A delay warning says so outright ("this
 * is a warning only", "has not yet been delivered", "will retry for 44 more hours") and
 * outweighs what its text says of a later failure ("could not be delivered for more than
 * 3 hours", "you'll be notified if the delivery fails permanently"). */
/* The line quotes a server's reply ("Remote host said: 421 4.7.0 …", "<<< 450-…"): a
 * 4xx or 5xx code standing alone before a blank or a dash. */
static int quotes_reply(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i + 3 < n; i++)
		if ((s[i] == '4' || s[i] == '5') && isdigit((unsigned char)s[i + 1]) &&
		    isdigit((unsigned char)s[i + 2]) && (s[i + 3] == ' ' || s[i + 3] == '-') &&
		    (i == 0 || !isalnum((unsigned char)s[i - 1])))
			return 1;
	return 0;
}

static void severity_words(struct bt_result *b, const char *s, size_t n)
{
	static const char *const temp[] = { "delayed", "will retry", "will be retried",
					    "still trying", "temporar", "not yet been delivered",
					    "will continue", "retry again" };
	static const char *const perm[] = { "permanent", "gave up", "given up", "giving up",
					    "fatal", "could not be delivered", "retry time",
					    "undeliverable" };
	static const char *const warning[] = {
		"warning only", "warning message only", "not need to resend", "still being retried",
		"not yet been delivered", "will keep trying", "will retry for", "delivery incomplete",
		"temporary problem delivering", "still undelivered after",
	};
	char low[512];
	size_t i, k = n < sizeof(low) - 1 ? n : sizeof(low) - 1;

	for (i = 0; i < k; i++)
		low[i] = (char)tolower((unsigned char)s[i]);
	low[k] = '\0';
	for (i = 0; i < sizeof(warning) / sizeof(warning[0]); i++)
		b->warning |= strstr(low, warning[i]) != NULL;
	/* a server's reply is temporary by its code: whether the bouncing server then gave
	 * up is in its own words, not in the reply's ("421 … temporarily deferred") */
	for (i = 0; !b->permanent && !quotes_reply(s, n) && i < sizeof(temp) / sizeof(temp[0]); i++)
		b->temporary |= strstr(low, temp[i]) != NULL;
	for (i = 0; !b->permanent && i < sizeof(perm) / sizeof(perm[0]); i++)
		b->permanent |= strstr(low, perm[i]) != NULL;
}

/* A line of a bounce forwarded as a quote ("> " marks, e-mail style) without its marks. */
static const char *unquoted(const char *p, const char *e)
{
	const char *q = p;

	while (q < e && *q == '>' && q + 1 < e && (q[1] == ' ' || q[1] == '>' || q[1] == '\t'))
		q += 1 + (q[1] == ' ' || q[1] == '\t');
	return q;
}

/* The address at s[start] is a message's id, not a mailbox: inside <> on a line naming
 * message ids (Message-ID, References, In-Reply-To). */
static int message_id_at(const char *s, size_t start)
{
	static const char *const names[] = { "message-id:", "references:", "in-reply-to:" };
	size_t l = start, i;

	while (l > 0 && s[l - 1] != '\n')
		l--;
	while (l < start && (s[l] == '>' || s[l] == ' ' || s[l] == '\t'))
		l++;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (start - l >= strlen(names[i]) && !strncasecmp(s + l, names[i], strlen(names[i])))
			return 1;
	return 0;
}

/* The address at s[start] is one to ask for help ("please contact <support@isp>", "send
 * mail to postmaster@…"): the words before it on its line say so. */
static int help_address_at(const char *s, size_t start)
{
	static const char *const asks[] = { "contact", "assistance", "questions", "send mail to",
					    "write to", "help", "support at", "reach us" };
	char low[200];
	size_t l = start, k = 0, i;

	while (l > 0 && s[l - 1] != '\n' && start - l < sizeof(low) - 1)
		l--;
	for (; l < start; l++)
		low[k++] = (char)tolower((unsigned char)s[l]);
	low[k] = '\0';
	for (i = 0; i < sizeof(asks) / sizeof(asks[0]); i++)
		if (strstr(low, asks[i]))
			return 1;
	return 0;
}

/* Only the addresses found anywhere (no line opened with one): each gets the whole text. */
static void weak_scan(struct bt_result *b, const char *text, size_t len,
		      const char *const *ex, size_t nex)
{
	char addr[BT_ADDR_MAX + 1];
	size_t pos = 0, start = 0;
	int i;

	while (bt_next_address(text, len, &pos, addr, &start)) {
		if (excluded(addr, ex, nex) || message_id_at(text, start) || help_address_at(text, start) ||
		    text_istarts(addr, "mailer-daemon@") ||
		    text_istarts(addr, "postmaster@"))
			continue;
		add_rcpt(b, addr);
	}
	for (i = 0; i < b->n; i++)
		strbuf_add(&b->r[i].reason, b->intro.buf, b->intro.len);
}

void bt_scan(struct bt_result *b, const char *text, size_t len, const char *const *ex,
	     size_t nex)
{
	const char *p = text, *end = text + len, *q;
	size_t body_len;
	int cur = -1, first = 1;
	char addr[BT_ADDR_MAX + 1];
	int i;

	for (i = 0; i < b->n; i++)
		strbuf_reset(&b->r[i].reason);
	strbuf_reset(&b->intro);
	b->n = b->strong = b->temporary = b->permanent = b->warning = 0;
	while (p < end) {
		const char *e = p, *next;
		while (e < end && *e != '\n' && *e != '\r')
			e++;
		next = e < end ? e + 1 : end;
		if (cut_line(p, (size_t)(e - p), first))
			break;
		first = 0;
		q = unquoted(p, e);
		if (!b->warning) /* a warning outweighs all, a word of failure any of delay */
			severity_words(b, q, (size_t)(e - q));
		opening_address(q, (size_t)(e - q), addr);
		if (addr[0] && !excluded(addr, ex, nex))
			cur = add_rcpt(b, addr);
		if (cur >= 0)
			add_line(&b->r[cur].reason, q, (size_t)(e - q));
		else if (b->intro.len < 4 * BT_REASON_MAX)
			add_line(&b->intro, q, (size_t)(e - q));
		p = next;
	}
	body_len = (size_t)(p - text);
	b->strong = b->n > 0;
	if (!b->n)
		weak_scan(b, text, body_len, ex, nex);
	if (b->warning)
		b->permanent = 0;
	b->temporary = b->warning || (b->temporary && !b->permanent);
}
