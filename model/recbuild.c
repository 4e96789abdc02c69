/* recbuild.c - the per-reader arena behind each record: copies with UTF-8 repair, address
 * and domain helpers, and the derivations every format shares. Every stored string is
 * followed by a NUL in the arena, so fields are C strings too. */
#include "model/recbuild.h"

#include <ctype.h>
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "util/smtp_codes.h"
#include "util/text.h"
#include "util/timeparse.h"

void recbuild_init(struct recbuild *rb)
{
	memset(rb, 0, sizeof(*rb));
	strbuf_init(&rb->arena);
}

void recbuild_release(struct recbuild *rb)
{
	if (rb)
		strbuf_release(&rb->arena);
}

void recbuild_reset(struct recbuild *rb)
{
	strbuf_reset(&rb->arena);
	memset(rb->f, 0, sizeof(rb->f));
	memset(rb->has, 0, sizeof(rb->has));
	memset(&rb->rec, 0, sizeof(rb->rec));
	rb->repaired = 0;
}

/* A word with a byte >= 0x80 or a NUL in it is not plain. */
static inline int plain64(uint64_t v)
{
	const uint64_t hi = 0x8080808080808080ULL, lo = 0x0101010101010101ULL;
	return !((v & hi) | ((v - lo) & ~v & hi));
}

static inline int plain32(uint32_t v)
{
	return !((v & 0x80808080u) | ((v - 0x01010101u) & ~v & 0x80808080u));
}

/* Copies s to dst and returns 1 when every byte is ASCII and not NUL (the common case), in
 * one pass, with no byte loop or memcpy call for the short fields most are; 0 otherwise
 * (dst then holds some of s, to be overwritten). Checking, then copying with memcpy, was
 * 7 % of a Mailgun report (perf). */
static int copy_plain(char *dst, const char *s, size_t len)
{
	uint64_t x, y;
	uint32_t u, w;
	size_t i;
#if defined(__SSE2__)
	const __m128i zero = _mm_setzero_si128();
	__m128i v;

	if (len >= 16) {
		/* the last step overlaps the one before it: no byte-by-byte tail */
		for (i = 0; i + 16 < len; i += 16) {
			v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
			if (_mm_movemask_epi8(_mm_or_si128(v, _mm_cmpeq_epi8(v, zero))))
				return 0;
			_mm_storeu_si128((__m128i *)(void *)(dst + i), v);
		}
		v = _mm_loadu_si128((const __m128i *)(const void *)(s + len - 16));
		if (_mm_movemask_epi8(_mm_or_si128(v, _mm_cmpeq_epi8(v, zero))))
			return 0;
		_mm_storeu_si128((__m128i *)(void *)(dst + len - 16), v);
		return 1;
	}
#endif
	if (len >= 8) {
		for (i = 0; i + 8 < len; i += 8) {
			memcpy(&x, s + i, 8);
			if (!plain64(x))
				return 0;
			memcpy(dst + i, &x, 8);
		}
		memcpy(&y, s + len - 8, 8);
		if (!plain64(y))
			return 0;
		memcpy(dst + len - 8, &y, 8);
		return 1;
	}
	if (len >= 4) {
		memcpy(&u, s, 4);
		memcpy(&w, s + len - 4, 4);
		if (!plain32(u) || !plain32(w))
			return 0;
		memcpy(dst, &u, 4);
		memcpy(dst + len - 4, &w, 4);
		return 1;
	}
	for (i = 0; i < len; i++) {
		if (!s[i] || (s[i] & 0x80))
			return 0;
		dst[i] = s[i];
	}
	return 1;
}

/* Appends s with room already reserved (see reserve). */
static void add_clean(struct recbuild *rb, const char *s, size_t len)
{
	struct strbuf *a = &rb->arena;

	if (copy_plain(a->buf + a->len, s, len)) {
		a->len += len;
		return;
	}
	if (text_utf8_valid(s, len) && !memchr(s, '\0', len)) {
		memcpy(a->buf + a->len, s, len);
		a->len += len;
		return;
	}
	text_utf8_repair(a, s, len);
	rb->repaired = 1;
}

/* s may point into the arena itself (a field copied or cut from another): grow first so
 * that the copy does not read from a buffer realloc has just freed. Repair can triple the
 * size (one bad byte becomes U+FFFD). */
static const char *reserve(struct recbuild *rb, const char *s, size_t len)
{
	size_t off = (size_t)(s - rb->arena.buf);
	int inside;

	if (rb->arena.len + 3 * len + 3 <= rb->arena.cap)
		return s; /* the room is there: strbuf_grow would do nothing (the usual case) */
	inside = rb->arena.cap && s >= rb->arena.buf && s < rb->arena.buf + rb->arena.cap;
	strbuf_grow(&rb->arena, 3 * len + 2);
	return inside ? rb->arena.buf + off : s;
}

struct rb_ref recbuild_store(struct recbuild *rb, const char *s, size_t len)
{
	struct rb_ref r;

	s = reserve(rb, s, len);
	r.off = rb->arena.len;
	add_clean(rb, s, len);
	r.len = rb->arena.len - r.off;
	rb->arena.buf[rb->arena.len++] = '\0'; /* reserve left room for it and the */
	rb->arena.buf[rb->arena.len] = '\0';   /* strbuf's own terminator */
	return r;
}

void recbuild_put(struct recbuild *rb, enum rb_field f, struct rb_ref ref)
{
	rb->f[f] = ref;
	rb->has[f] = 1;
}

void recbuild_set(struct recbuild *rb, enum rb_field f, const char *s, size_t len)
{
	recbuild_put(rb, f, recbuild_store(rb, s, len));
}

void recbuild_append(struct recbuild *rb, enum rb_field f, char sep, const char *s, size_t len)
{
	struct rb_ref *r = &rb->f[f];

	if (!rb->has[f] || !r->len) {
		recbuild_set(rb, f, s, len);
		return;
	}
	s = reserve(rb, s, len + r->len + 1);
	if (r->off + r->len + 1 != rb->arena.len) {
		/* not the last value stored: move it to the end first */
		size_t off = rb->arena.len;
		strbuf_add(&rb->arena, rb->arena.buf + r->off, r->len);
		r->off = off;
	} else {
		rb->arena.len--; /* drop its NUL */
	}
	strbuf_addch(&rb->arena, sep);
	add_clean(rb, s, len);
	r->len = rb->arena.len - r->off;
	strbuf_addch(&rb->arena, '\0');
}

static void lower_in_place(char *s, size_t len)
{
	size_t i = 0;
#if defined(__SSE2__)
	/* sixteen bytes a step (domains, a record or two each): 'A'..'Z' get 0x20 */
	for (; i + 16 <= len; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		__m128i x = _mm_sub_epi8(v, _mm_set1_epi8('A'));
		__m128i up = _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(25)), x);
		_mm_storeu_si128((__m128i *)(void *)(s + i),
				 _mm_or_si128(v, _mm_and_si128(up, _mm_set1_epi8(0x20))));
	}
#endif
	for (; i < len; i++)
		s[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]); /* ASCII: no locale call */
}

/* The domain of the address in s as a (ptr, len) inside s, or len 0. */
static size_t domain_of(const char *s, size_t len, const char **out)
{
	const char *at = NULL, *p, *end = s + len;

	for (p = end; p > s;)
		if (*--p == '@') {
			at = p;
			break;
		}
	if (!at)
		return 0;
	for (p = at + 1; p < end && *p != '>' && *p != ',' && *p != ';' &&
			 *p != ' ' && (*p < '\t' || *p > '\r') && *p != '"';
	     p++)
		;
	*out = at + 1;
	return (size_t)(p - (at + 1));
}

static struct rb_ref store_domain(struct recbuild *rb, const char *s, size_t len)
{
	const char *d = NULL;
	size_t n = domain_of(s, len, &d);
	struct rb_ref r = { 0, 0 };

	if (!n)
		return r;
	r = recbuild_store(rb, d, n);
	lower_in_place(rb->arena.buf + r.off, r.len);
	return r;
}

void recbuild_set_address(struct recbuild *rb, enum rb_field f, const char *s, size_t len)
{
	const char *lt = memchr(s, '<', len), *gt = NULL;

	if (lt)
		gt = memchr(lt, '>', len - (size_t)(lt - s));
	if (lt && gt) {
		s = lt + 1;
		len = (size_t)(gt - s);
	} else {
		const char *comma = memchr(s, ',', len);
		if (comma)
			len = (size_t)(comma - s);
	}
	text_trim(&s, &len);
	recbuild_set(rb, f, s, len);
}

const char *recbuild_token(char *out, size_t size, const char *s, size_t len)
{
	size_t i, n = len < size - 1 ? len : size - 1;

	for (i = 0; i < n; i++)
		out[i] = (char)tolower((unsigned char)s[i]);
	out[n] = '\0';
	return out;
}

static const struct {
	const char *word;
	const char *esp;
} esp_hints[] = {
	{ "gmail", "gmail" },     { "google", "gmail" },      { "outlook", "outlook" },
	{ "office365", "outlook" }, { "office 365", "outlook" }, { "microsoft", "outlook" },
	{ "hotmail", "outlook" }, { "exchange", "outlook" },  { "mailgun", "mailgun" },
	{ "sendgrid", "sendgrid" },
};

const char *recbuild_esp_from_hint(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof(esp_hints) / sizeof(esp_hints[0]); i++)
		if (text_istr(s, esp_hints[i].word))
			return esp_hints[i].esp;
	return NULL;
}

const char *recbuild_esp_from_domain(const char *domain)
{
	if (text_ieq(domain, "gmail.com") || text_ieq(domain, "googlemail.com"))
		return "gmail";
	if (text_ieq(domain, "outlook.com") || text_istarts(domain, "hotmail.") ||
	    text_istarts(domain, "live.") || text_ieq(domain, "msn.com"))
		return "outlook";
	return NULL;
}

int recbuild_time(struct recbuild *rb, const char *s, size_t len)
{
	uint64_t n = 0;
	size_t i = 0, frac = 0;
	static const double pow10[] = { 1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9 };

	/* "1529692198.641821": digits to one integer, then a single division, which rounds as
	 * strtod does while the integer is exact (< 2^53) */
	while (i < len && i < 12 && s[i] >= '0' && s[i] <= '9')
		n = n * 10 + (uint64_t)(s[i++] - '0');
	if (i && i <= 11 && i < len && s[i] == '.') {
		size_t j = i + 1;
		while (j < len && s[j] >= '0' && s[j] <= '9' && frac < 9) {
			n = n * 10 + (uint64_t)(s[j++] - '0');
			frac++;
		}
		if (j == len && frac && n < ((uint64_t)1 << 53)) {
			rb->rec.timestamp = (double)n / pow10[frac];
			return 0;
		}
	} else if (i == len && i && i <= 11) {
		rb->rec.timestamp = (double)n;
		return 0;
	}
	return time_parse(s, len, &rb->rec.timestamp);
}

struct slice recbuild_get(const struct recbuild *rb, enum rb_field f)
{
	struct slice s;

	s.len = rb->has[f] ? rb->f[f].len : 0;
	s.ptr = s.len ? rb->arena.buf + rb->f[f].off : "";
	return s;
}

/* The codes a log leaves out are often in the message text: the enhanced code from the
 * message or description, the SMTP code from the message. */
static void find_codes(struct sh_record *r)
{
	struct slice msg = r->message;

	if (r->enhanced[0]) {
		/* a log's "enhanced code" field can hold anything (invalid UTF-8 that no JSON
		 * report can carry): keep only the RFC 3463 code in it */
		char code[16];
		smtp_find_enhanced(r->enhanced, strnlen(r->enhanced, sizeof(r->enhanced)), code);
		memcpy(r->enhanced, code, sizeof(code));
	}
	if (!r->enhanced[0] && msg.len)
		smtp_find_enhanced(msg.ptr, msg.len, r->enhanced);
	if (!r->enhanced[0] && r->description.len)
		smtp_find_enhanced(r->description.ptr, r->description.len, r->enhanced);
	if (!r->smtp_code && msg.len)
		r->smtp_code = smtp_find_code(msg.ptr, msg.len);
}

/* A domain field as given (lowercased), else the one of the address field. */
static inline struct rb_ref field_domain(struct recbuild *rb, enum rb_field dom, enum rb_field addr)
{
	struct rb_ref d = rb->f[dom];

	if (d.len)
		lower_in_place(rb->arena.buf + d.off, d.len);
	else if (rb->f[addr].len)
		d = store_domain(rb, rb->arena.buf + rb->f[addr].off, rb->f[addr].len);
	return d;
}

const struct sh_record *recbuild_finish(struct recbuild *rb)
{
	struct sh_record *r = &rb->rec;
	/* derivations first: they may grow (move) the arena */
	struct rb_ref rdom = field_domain(rb, RBF_RECIPIENT_DOMAIN, RBF_RECIPIENT);
	struct rb_ref sdom = field_domain(rb, RBF_SENDING_DOMAIN, RBF_SENDER);

	r->esp = recbuild_get(rb, RBF_ESP);
	r->sender = recbuild_get(rb, RBF_SENDER);
	r->recipient = recbuild_get(rb, RBF_RECIPIENT);
	r->recipient_domain.ptr = rdom.len ? rb->arena.buf + rdom.off : "";
	r->recipient_domain.len = rdom.len;
	r->sending_domain.ptr = sdom.len ? rb->arena.buf + sdom.off : "";
	r->sending_domain.len = sdom.len;
	r->recipient_provider = recbuild_get(rb, RBF_RECIPIENT_PROVIDER);
	r->message = recbuild_get(rb, RBF_MESSAGE);
	r->description = recbuild_get(rb, RBF_DESCRIPTION);
	r->esp_reason = recbuild_get(rb, RBF_ESP_REASON);
	r->bounce_class = recbuild_get(rb, RBF_BOUNCE_CLASS);
	r->message_id = recbuild_get(rb, RBF_MESSAGE_ID);
	r->event_id = recbuild_get(rb, RBF_EVENT_ID);
	r->tags = recbuild_get(rb, RBF_TAGS);
	r->subaccount = recbuild_get(rb, RBF_SUBACCOUNT);
	if (rb->f[RBF_FILE].len)
		r->file = rb->arena.buf + rb->f[RBF_FILE].off;
	find_codes(r);
	return r;
}
