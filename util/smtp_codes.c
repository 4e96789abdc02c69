/* smtp_codes.c - the SMTP codes in a reply text, for readers that get only the text and
 * for the matcher; see smtp_codes.h. */
#include "util/smtp_codes.h"

#include <ctype.h>
#include <string.h>

#include "util/text.h"

void smtp_find_enhanced(const char *text, size_t len, char out[16])
{
	size_t i;

	out[0] = '\0';
	for (i = 0; i < len; i++) {
		size_t j, d1 = 0, d2 = 0;
		char c = text[i];
		if (!(c == '2' || c == '4' || c == '5'))
			continue;
		if (i > 0 && (isalnum((unsigned char)text[i - 1]) || text[i - 1] == '.'))
			continue;
		j = i + 1;
		if (j >= len || text[j] != '.')
			continue;
		for (j++; j < len && isdigit((unsigned char)text[j]) && d1 < 4; j++)
			d1++;
		if (!d1 || d1 > 3 || j >= len || text[j] != '.')
			continue;
		for (j++; j < len && isdigit((unsigned char)text[j]) && d2 < 4; j++)
			d2++;
		if (!d2 || d2 > 3)
			continue;
		if (j < len && (text[j] == '.' || isalnum((unsigned char)text[j])))
			continue;
		if (j - i < 16) {
			memcpy(out, text + i, j - i);
			out[j - i] = '\0';
			return;
		}
	}
}

int smtp_find_code(const char *text, size_t len)
{
	size_t i = 0;

	while (i < len && (isspace((unsigned char)text[i]) || text[i] == '"'))
		i++;
	if (len - i >= 5 && text_istarts(text + i, "smtp;")) {
		i += 5;
		while (i < len && isspace((unsigned char)text[i]))
			i++;
	}
	if (len - i >= 3 && text[i] >= '2' && text[i] <= '5' && isdigit((unsigned char)text[i + 1]) &&
	    isdigit((unsigned char)text[i + 2]) &&
	    (len - i == 3 || text[i + 3] == ' ' || text[i + 3] == '-' || text[i + 3] == ','))
		return (text[i] - '0') * 100 + (text[i + 1] - '0') * 10 + (text[i + 2] - '0');
	return 0;
}
