/* csv_dialect.c - separator sniffing over the first lines, quotes respected. */
#include "util/csv_dialect.h"

#include <string.h>

static const char cands[] = { ',', ';', '\t' };
#define NCANDS (sizeof(cands) / sizeof(cands[0]))

/* What a byte is to count_line: 0 nothing, 1..NCANDS that candidate, a quote, a line end. */
enum { K_QUOTE = NCANDS + 1, K_EOL };
static const unsigned char kind[256] = {
	[','] = 1, [';'] = 2, ['\t'] = 3, ['"'] = K_QUOTE, ['\n'] = K_EOL, ['\r'] = K_EOL,
};
_Static_assert(NCANDS == 3, "kind[] names each candidate");

/* Counts each candidate on the line at *p (quotes respected) and moves past it. Returns 0
 * when the line is cut by the end of the buffer. */
static int count_line(const char **p, const char *end, int eof, size_t counts[NCANDS])
{
	const char *s = *p;
	int quoted = 0;

	memset(counts, 0, NCANDS * sizeof(counts[0]));
	for (; s < end; s++) {
		unsigned k = kind[(unsigned char)*s];
		if (!k)
			continue;
		if (k == K_QUOTE)
			quoted = !quoted;
		else if (!quoted && k == K_EOL)
			break;
		else if (!quoted)
			counts[k - 1]++;
	}
	if (s == end && !eof)
		return 0;
	if (s < end && *s == '\r')
		s++;
	if (s < end && *s == '\n')
		s++;
	*p = s;
	return 1;
}

char csv_dialect_delim(const char *buf, size_t len, int eof)
{
	const char *p = buf, *end = buf + len;
	size_t head[NCANDS], c[NCANDS], agree[NCANDS] = { 0 }, j;
	int line;
	char best = 0;
	size_t best_agree = 0, best_head = 0;

	if (len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
		p += 3;
	if (!count_line(&p, end, 1, head))
		return 0;
	for (line = 0; line < CSV_DIALECT_LINES && p < end; line++) {
		if (!count_line(&p, end, eof, c))
			break;
		for (j = 0; j < NCANDS; j++)
			agree[j] += head[j] && c[j] == head[j];
	}
	for (j = 0; j < NCANDS; j++) {
		if (!head[j])
			continue;
		if (!best || agree[j] > best_agree ||
		    (agree[j] == best_agree && head[j] > best_head)) {
			best = cands[j];
			best_agree = agree[j];
			best_head = head[j];
		}
	}
	return best;
}
