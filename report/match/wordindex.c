/* wordindex.c - a 4096-bit set of a text's hashed byte pairs (see wordindex.h). */
#include "report/match/wordindex.h"

#include <string.h>

static unsigned pair(unsigned char a, unsigned char b)
{
	return ((unsigned)a * 67u + b) & 4095u;
}

void wordindex_init(struct wordindex *ix, const char *text)
{
	const unsigned char *s = (const unsigned char *)text;
	unsigned h;

	memset(ix->bits, 0, sizeof(ix->bits));
	for (; s[0] && s[1]; s++) {
		h = pair(s[0], s[1]);
		ix->bits[h >> 6] |= (uint64_t)1 << (h & 63);
	}
}

int wordindex_may_hold(const struct wordindex *ix, const char *needle)
{
	const unsigned char *s = (const unsigned char *)needle;
	unsigned h;

	for (; s[0] && s[1]; s++) {
		if (s[1] == '*' && !s[2])
			break; /* a stem's mark */
		h = pair(s[0], s[1]);
		if (!(ix->bits[h >> 6] >> (h & 63) & 1))
			return 0;
	}
	return 1;
}
