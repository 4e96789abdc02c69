/* sesjson.h - Amazon SES notifications delivered as mail (SNS e-mail subscriptions): the
 * body is the notification's JSON ({"notificationType":"Bounce"|"Complaint", "bounce":
 * {"bouncedRecipients":[…]}, "mail":{…}}), bare or inside an SNS envelope's "Message"
 * string, maybe followed by SNS's unsubscribe footer.
 * Contract: pure; parses with Jansson; at most SES_MAX recipients are given.
 * Ownership: the strings handed to the callback are borrowed until it returns.
 * Threads: thread-safe (no state). */
#ifndef SH_IMPORT_MAIL_SESJSON_H
#define SH_IMPORT_MAIL_SESJSON_H

#include <stddef.h>

#define SES_MAX 100

struct ses_item {
	const char *recipient;
	const char *status;     /* "5.1.1" or "" */
	const char *diagnostic; /* "smtp; 550 …" or "" */
	const char *feedback;   /* complaints: the feedback type ("abuse"), else NULL */
	int temporary;          /* bounceType Transient */
	const char *sender;     /* mail.source or "" */
	const char *message_id; /* mail.messageId or "" */
	double timestamp;       /* the bounce's or complaint's, 0 when unknown */
};

/* Calls item for each recipient; returns the number of recipients (0: not such a
 * notification), or -1 when item returned -1. */
int sesjson_read(const char *text, size_t len, int (*item)(void *ctx, const struct ses_item *it),
		 void *ctx);

#endif
