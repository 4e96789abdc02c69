/* meta.h - what one bounce says about itself and about the message it returns: the state
 * mail.c's walk fills (struct mctx) and the header readings (the bounce's From, To,
 * Subject, Message-ID, Date, X-Failed-Recipients, RFC 3834 marks; the original's From, To,
 * Message-ID, Date from a message/rfc822 part or from header text).
 * Contract: internal to import/mail. Strings are copied into the struct (bounded).
 * Ownership: struct mctx is mail_read's, on its stack; the strbufs are owned by it; rb, out
 * and info are borrowed for one mail_read. Threads: one mctx, one thread. */
#ifndef SH_IMPORT_MAIL_META_H
#define SH_IMPORT_MAIL_META_H

#include <stddef.h>

#include <gmime/gmime.h>

#include "import/mail/mail.h"
#include "util/strbuf.h"

struct mctx {
	struct recbuild *rb;      /* borrowed */
	struct mail_emit out;
	struct mail_info *info;   /* borrowed */
	struct strbuf dsn, arf;   /* the delivery-status and feedback-report parts */
	struct strbuf text, html; /* the text parts outside the returned original, UTF-8 */
	int parts;
	const char *problem_key;
	char problem[200];

	char from[256], from_name[128], to[256], subject[512], msgid[256], failed[1024];
	double date;
	int autoreply;            /* 2: an out-of-office subject; 1: only RFC 3834 marks
				     (which some bounces carry too) */
	int report;               /* multipart/report */
	int feedback;             /* multipart/report; report-type=feedback-report */
	int mdn;                  /* multipart/report; report-type=disposition-notification */
	int machine;              /* made by a program: null Return-Path, Auto-Submitted, no From */
	const char *mailbox_esp;  /* static: the provider whose mailbox holds it, or NULL */
	int list;                 /* sent by a mailing list's manager (List-*, X-ML-* headers) */
	char list_post[256];      /* the list's own address (List-Post), or "" */

	char ofrom[256], oto[256], omsgid[256];
	char orcpt[256];          /* the original's X-HmXmrOriginalRecipient (a feedback loop's
				     note of who complained), or "" */
	double odate;
	int have_orig;
};

void meta_top(struct mctx *m, GMimeMessage *msg);
void meta_original_from_message(struct mctx *m, GMimeMessage *inner);
/* Header text: the first block with a From and a Message-ID, Subject or Date. */
void meta_original_from_text(struct mctx *m, const char *text, size_t len);
/* The sender is a mailer daemon or postmaster (by address or name). */
int meta_from_daemon(const struct mctx *m);
/* The sender, subject or X-Failed-Recipients look like a bounce. */
int meta_is_bounce(const struct mctx *m);
/* A success notice written for people ("Delivered: …", "Your message was successfully
 * delivered to …"; no word of a failure or delay in its subject or text): no failure. */
int meta_success_notice(const struct mctx *m, const char *text);
/* The subject is a delay warning's ("Delayed Mail", "… (Delay)", "Warning: could not send
 * message for past 4 hours", Exim's "Warning: message … delayed"). */
int meta_delay_subject(const struct mctx *m);
/* Unix time of an RFC 5322 date, 0 when it cannot be read. */
double meta_date(const char *s);

#endif
