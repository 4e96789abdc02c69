/* query.c - turns an error as a person pastes it into a matcher input: a reply line
 * ("550 5.7.26 …"), a bare code ("0x800CCC0E", "5.2.2", "X.2.2", "421"), or a Nodemailer
 * error object ({"code":"EENVELOPE","response":"421 4.3.0 …","responseCode":421}). */
#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/match/matcher.h"
#include "util/strbuf.h"
#include "util/smtp_codes.h"
#include "util/text.h"

static int bare_enhanced(const char *s, char out[16])
{
	size_t n = strlen(s);

	if (n < 5 || n > 11)
		return 0;
	if (s[0] == 'x' || s[0] == 'X') {
		char tmp[16];
		snprintf(tmp, sizeof(tmp), "5%s", s + 1);
		smtp_find_enhanced(tmp, strlen(tmp), out);
		if (!strcmp(out, tmp)) {
			out[0] = 'X';
			return 1;
		}
		out[0] = '\0';
		return 0;
	}
	smtp_find_enhanced(s, n, out);
	if (strcmp(out, s) != 0) {
		out[0] = '\0';
		return 0;
	}
	return 1;
}

static void from_json(const char *text, struct match_query *q, struct match_input *in)
{
	json_t *root = json_loads(text, JSON_DECODE_ANY, NULL);
	const char *resp, *code;
	json_t *rc;

	if (!json_is_object(root)) {
		json_decref(root);
		return;
	}
	resp = json_string_value(json_object_get(root, "response"));
	if (!resp)
		resp = json_string_value(json_object_get(root, "message"));
	code = json_string_value(json_object_get(root, "code"));
	rc = json_object_get(root, "responseCode");
	if (json_is_integer(rc) && json_integer_value(rc) >= 100 && json_integer_value(rc) <= 999)
		in->smtp_code = (int)json_integer_value(rc);
	if (resp) {
		if (!in->smtp_code)
			in->smtp_code = smtp_find_code(resp, strlen(resp));
		smtp_find_enhanced(resp, strlen(resp), q->enhanced);
	}
	if (code) {
		free(q->reason);
		q->reason = xstrdup(code);
		in->esp_reason = q->reason;
	}
	json_decref(root);
}

int matcher_parse_query(const char *text, struct match_query *q, struct match_input *in)
{
	const char *s = text;
	size_t n = strlen(text);

	memset(q, 0, sizeof(*q));
	memset(in, 0, sizeof(*in));
	text_trim(&s, &n);
	if (!n)
		return -1;
	q->text = xstrndup(s, n);
	in->text = q->text;
	in->explain = 1;
	if (q->text[0] == '{')
		from_json(q->text, q, in);
	if (!q->enhanced[0] && !bare_enhanced(q->text, q->enhanced))
		smtp_find_enhanced(q->text, n, q->enhanced);
	if (!in->smtp_code)
		in->smtp_code = smtp_find_code(q->text, n);
	if (q->enhanced[0])
		in->enhanced = q->enhanced;
	in->bare_code = strspn(q->text, "0123456789.,\"' xX") == n;
	return 0;
}

void matcher_query_release(struct match_query *q)
{
	if (!q)
		return;
	free(q->text);
	free(q->reason);
	q->text = q->reason = NULL;
}
