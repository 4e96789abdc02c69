/* taxonomy.c - category and action ids, and their texts from data/categories.csv (parsed
 * once, on first use, whichever thread comes first). */
#include "model/taxonomy.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "util/csvread.h"
#include "util/strbuf.h"
#include "util/text.h"

static const char *const category_names[] = {
	"dns_auth", "account", "rate_limit", "expired", "recipient_invalid", "mailbox_full",
	"reputation_block", "policy", "message_invalid", "credentials", "network_client",
	"transient", "suppressed", "unknown",
};
_Static_assert(sizeof(category_names) / sizeof(category_names[0]) == CATEGORY_COUNT,
	       "one name per category");

static const char *const action_names[] = {
	"verify_dns", "contact_support", "clear_error", "reduce_volume", "remove_addresses",
	"fix_request", "fix_credentials", "check_network", "retry_later", "review_content",
	"upgrade_plan", "none",
};
_Static_assert(sizeof(action_names) / sizeof(action_names[0]) == ACTION_COUNT,
	       "one name per action kind");

const char *category_name(enum sh_category c)
{
	return (unsigned)c < CATEGORY_COUNT ? category_names[c] : "unknown";
}

int category_from_name(const char *s)
{
	int i;

	for (i = 0; i < CATEGORY_COUNT; i++)
		if (!strcmp(s, category_names[i]))
			return i;
	return -1;
}

const char *action_name(enum sh_action a)
{
	return (unsigned)a < ACTION_COUNT ? action_names[a] : "none";
}

int action_from_name(const char *s)
{
	int i;

	for (i = 0; i < ACTION_COUNT; i++)
		if (!strcmp(s, action_names[i]))
			return i;
	return -1;
}

/* Generated at build time from data/categories.csv. */
extern const unsigned char sh_embedded_categories_csv[];
extern const unsigned long sh_embedded_categories_csv_len;

enum { CT_ID, CT_TITLE_EN, CT_TITLE_DE, CT_DESC_EN, CT_DESC_DE, CT_KIND, CT_ACTION_EN,
       CT_ACTION_DE, CT_SG_CLASS, CT_NCOLS };

struct category_table {
	struct category_text text[2][CATEGORY_COUNT];
	char *owned[CATEGORY_COUNT][CT_NCOLS];
};

static int table_row(void *ctx, const struct csvread_row *row)
{
	struct category_table *t = ctx;
	int c, i;

	if (row->n < CT_NCOLS || (c = category_from_name(row->fields[CT_ID])) < 0)
		return 0; /* the header, or a row the tests of data/categories.csv catch */
	for (i = 0; i < CT_NCOLS; i++) {
		free(t->owned[c][i]);
		t->owned[c][i] = xstrdup(row->fields[i]);
	}
	for (i = 0; i < 2; i++) {
		struct category_text *ct = &t->text[i][c];
		int a = action_from_name(t->owned[c][CT_KIND]);
		ct->title = t->owned[c][i ? CT_TITLE_DE : CT_TITLE_EN];
		ct->description = t->owned[c][i ? CT_DESC_DE : CT_DESC_EN];
		ct->action = t->owned[c][i ? CT_ACTION_DE : CT_ACTION_EN];
		ct->action_kind = a < 0 ? ACTION_NONE : (enum sh_action)a;
		ct->sendgrid_class = t->owned[c][CT_SG_CLASS];
	}
	return 0;
}

/* Filled once, on the first call from any thread (pthread_once), then only read: the
 * texts live for the whole process. */
static struct category_table table;
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

static void table_load(void)
{
	struct csvread_cb cb = { table_row, &table };
	int c, l;

	for (l = 0; l < 2; l++)
		for (c = 0; c < CATEGORY_COUNT; c++) {
			struct category_text *ct = &table.text[l][c];
			ct->title = ct->description = ct->action = category_names[c];
			ct->action_kind = ACTION_NONE;
			ct->sendgrid_class = "";
		}
	csvread_buffer("categories.csv", (const char *)sh_embedded_categories_csv,
		       sh_embedded_categories_csv_len, cb, NULL);
}

const struct category_text *category_text(enum sh_category c, enum sh_lang lang)
{
	pthread_once(&table_once, table_load);
	if ((unsigned)c >= CATEGORY_COUNT)
		c = CATEGORY_UNKNOWN;
	return &table.text[lang == LANG_DE][c];
}

enum sh_category category_from_sendgrid_class(const char *s)
{
	static const struct {
		const char *prefix;
		enum sh_category c;
	} map[] = {
		{ "invalid", CATEGORY_RECIPIENT_INVALID },
		{ "technical", CATEGORY_NETWORK_CLIENT },
		{ "content", CATEGORY_POLICY },
		{ "reputation", CATEGORY_REPUTATION_BLOCK },
		{ "frequency", CATEGORY_RATE_LIMIT },
		{ "mailbox unavailable", CATEGORY_MAILBOX_FULL },
		{ "unclassified", CATEGORY_UNKNOWN },
	};
	size_t i;

	for (i = 0; s && i < sizeof(map) / sizeof(map[0]); i++)
		if (text_istarts(s, map[i].prefix))
			return map[i].c;
	return CATEGORY_UNKNOWN;
}
