/* fields.c - header-style field blocks (see fields.h): one pass, folded lines joined. */
#include "import/mail/fields.h"

#include <ctype.h>
#include <string.h>

#include "util/text.h"

void mf_init(struct mf_block *b)
{
	memset(b, 0, sizeof(*b));
	strbuf_init(&b->buf);
}

void mf_release(struct mf_block *b)
{
	strbuf_release(&b->buf);
}

static const char *line_end(const char *p, const char *end)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));

	return nl ? nl : end;
}

static int blank_line(const char *p, const char *e)
{
	while (p < e && isspace((unsigned char)*p))
		p++;
	return p == e;
}

/* Appends the value text of one physical line, spaces squeezed, within MF_VALUE_MAX. */
static void add_value(struct mf_block *b, const char *s, const char *e)
{
	size_t have = b->buf.len - b->value_off[b->n - 1];

	while (s < e && isspace((unsigned char)*s))
		s++;
	while (e > s && isspace((unsigned char)e[-1]))
		e--;
	if (s == e)
		return;
	if (have && have < MF_VALUE_MAX)
		strbuf_addch(&b->buf, ' ');
	if (have < MF_VALUE_MAX) {
		size_t n = (size_t)(e - s);
		if (n > MF_VALUE_MAX - have)
			n = MF_VALUE_MAX - have;
		strbuf_add(&b->buf, s, n);
	}
}

/* Starts a field from "Name: value"; 0 when the line is not a field. */
static int start_field(struct mf_block *b, const char *p, const char *e)
{
	const char *c = p;

	while (c < e && *c != ':' && (isalnum((unsigned char)*c) || *c == '-' || *c == '_'))
		c++;
	if (c == p || c == e || *c != ':' || b->n >= MF_MAX)
		return 0;
	if (b->n)
		strbuf_addch(&b->buf, '\0');
	b->name_off[b->n] = b->buf.len;
	strbuf_add(&b->buf, p, (size_t)(c - p));
	strbuf_addch(&b->buf, '\0');
	b->value_off[b->n] = b->buf.len;
	b->n++;
	add_value(b, c + 1, e);
	return 1;
}

int mf_next(struct mf_block *b, const char **p, const char *end)
{
	const char *s = *p;
	int in_field = 0;

	strbuf_reset(&b->buf);
	b->n = 0;
	while (s < end && blank_line(s, line_end(s, end)))
		s = line_end(s, end) + (line_end(s, end) < end);
	while (s < end) {
		const char *e = line_end(s, end), *next = e + (e < end);
		if (blank_line(s, e))
			break;
		if ((*s == ' ' || *s == '\t') && in_field)
			add_value(b, s, e);
		else
			in_field = start_field(b, s, e);
		s = next;
	}
	while (s < end && blank_line(s, line_end(s, end)))
		s = line_end(s, end) + (line_end(s, end) < end);
	*p = s;
	if (b->n)
		strbuf_addch(&b->buf, '\0');
	return b->n;
}

const char *mf_get(const struct mf_block *b, const char *name)
{
	int i;

	for (i = 0; i < b->n; i++)
		if (text_ieq(b->buf.buf + b->name_off[i], name))
			return b->buf.buf + b->value_off[i];
	return NULL;
}

const char *mf_untyped(const char *value)
{
	const char *semi = strchr(value, ';');

	if (semi) {
		const char *t = value;
		while (t < semi && (isalnum((unsigned char)*t) || *t == '-'))
			t++;
		while (t < semi && isspace((unsigned char)*t))
			t++;
		if (t == semi && semi != value)
			value = semi + 1;
	}
	while (isspace((unsigned char)*value))
		value++;
	return value;
}
