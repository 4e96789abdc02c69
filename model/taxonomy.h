/* taxonomy.h - the fixed category and action-kind ids every layer shares, and the
 * per-language texts for them from data/categories.csv (embedded at build time).
 * Contract: ids are stable API (JSON reports, catalogue files). Every string returned here
 * is static (borrowed for the life of the process; never freed by anyone). Every function
 * is thread-safe: category_text parses the embedded table once, on its first call from
 * any thread (pthread_once), and only reads it afterwards. */
#ifndef SH_MODEL_TAXONOMY_H
#define SH_MODEL_TAXONOMY_H

#include "util/error.h"

enum sh_category {
	CATEGORY_DNS_AUTH,
	CATEGORY_ACCOUNT,
	CATEGORY_RATE_LIMIT,
	CATEGORY_EXPIRED,
	CATEGORY_RECIPIENT_INVALID,
	CATEGORY_MAILBOX_FULL,
	CATEGORY_REPUTATION_BLOCK,
	CATEGORY_POLICY,
	CATEGORY_MESSAGE_INVALID,
	CATEGORY_CREDENTIALS,
	CATEGORY_NETWORK_CLIENT,
	CATEGORY_TRANSIENT,
	CATEGORY_SUPPRESSED,
	CATEGORY_UNKNOWN,
	CATEGORY_COUNT
};

enum sh_action {
	ACTION_VERIFY_DNS,
	ACTION_CONTACT_SUPPORT,
	ACTION_CLEAR_ERROR,
	ACTION_REDUCE_VOLUME,
	ACTION_REMOVE_ADDRESSES,
	ACTION_FIX_REQUEST,
	ACTION_FIX_CREDENTIALS,
	ACTION_CHECK_NETWORK,
	ACTION_RETRY_LATER,
	ACTION_REVIEW_CONTENT,
	ACTION_UPGRADE_PLAN,
	ACTION_NONE,
	ACTION_COUNT
};

const char *category_name(enum sh_category c);
/* -1 when s names no category. */
int category_from_name(const char *s);
const char *action_name(enum sh_action a);
int action_from_name(const char *s);

enum sh_lang { LANG_EN, LANG_DE };

struct category_text {
	const char *title;
	const char *description;
	const char *action;             /* the recommended action sentence */
	enum sh_action action_kind;
	const char *sendgrid_class;     /* may be "" */
};

/* Texts for c in lang from the embedded categories table. Never NULL: falls back to the
 * id when the table lacks a text. */
const struct category_text *category_text(enum sh_category c, enum sh_lang lang);
/* Maps a SendGrid bounce_classification (case-insensitive, spelling variants accepted)
 * to a category; CATEGORY_UNKNOWN when unrecognised. */
enum sh_category category_from_sendgrid_class(const char *s);

#endif
