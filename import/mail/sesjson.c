/* sesjson.c - Amazon SES bounce and complaint notifications in a mail body (see sesjson.h). */
#include "import/mail/sesjson.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "util/strbuf.h"
#include "util/text.h"
#include "util/timeparse.h"

static const char *str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

/* A long JSON line folded by a mail server ("\n " inside a string): parsed unfolded. */
static json_t *unfolded(const char *s, size_t len)
{
	char *u = xmalloc(len + 1);
	size_t i, n = 0;
	json_t *j;

	for (i = 0; i < len; i++)
		if (!(s[i] == '\n' && i + 1 < len && (s[i + 1] == ' ' || s[i + 1] == '\t')))
			u[n++] = s[i];
	j = json_loadb(u, n, JSON_DISABLE_EOF_CHECK, NULL);
	free(u);
	return j;
}

/* The notification object: the text's first JSON value, or the "Message" string of an
 * SNS envelope. New reference, or NULL. */
static json_t *notification(const char *text, size_t len)
{
	const char *brace = memchr(text, '{', len < 256 ? len : 256);
	json_t *j, *inner;
	const char *msg;

	if (!brace)
		return NULL;
	j = json_loadb(brace, len - (size_t)(brace - text), JSON_DISABLE_EOF_CHECK, NULL);
	if (!j)
		j = unfolded(brace, len - (size_t)(brace - text));
	if (!j || !json_is_object(j)) {
		json_decref(j);
		return NULL;
	}
	msg = json_string_value(json_object_get(j, "Message"));
	if (msg && (inner = json_loads(msg, 0, NULL)) != NULL) {
		json_decref(j);
		j = inner;
	}
	if (!json_is_object(j) || !json_object_get(j, "notificationType")) {
		json_decref(j);
		return NULL;
	}
	return j;
}

int sesjson_read(const char *text, size_t len, int (*item)(void *ctx, const struct ses_item *it),
		 void *ctx)
{
	json_t *j = notification(text, len), *ev, *list, *mail;
	const char *type;
	struct ses_item it;
	size_t i;
	int n = 0;

	if (!j)
		return 0;
	type = str(j, "notificationType");
	ev = json_object_get(j, text_ieq(type, "complaint") ? "complaint" : "bounce");
	list = json_object_get(ev, text_ieq(type, "complaint") ? "complainedRecipients"
							    : "bouncedRecipients");
	mail = json_object_get(j, "mail");
	memset(&it, 0, sizeof(it));
	it.sender = str(mail, "source");
	it.message_id = str(mail, "messageId");
	it.temporary = text_ieq(str(ev, "bounceType"), "transient");
	if (text_ieq(type, "complaint"))
		it.feedback = *str(ev, "complaintFeedbackType") ? str(ev, "complaintFeedbackType")
							      : "abuse";
	if (time_parse(str(ev, "timestamp"), strlen(str(ev, "timestamp")), &it.timestamp) != 0)
		it.timestamp = 0;
	for (i = 0; i < json_array_size(list) && i < SES_MAX && n >= 0; i++) {
		json_t *r = json_array_get(list, i);
		it.recipient = str(r, "emailAddress");
		it.status = str(r, "status");
		it.diagnostic = str(r, "diagnosticCode");
		if (!*it.recipient)
			continue;
		n = item(ctx, &it) < 0 ? -1 : n + 1;
	}
	json_decref(j);
	return n;
}
