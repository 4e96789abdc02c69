/* test_layers.c - the sheet laid over the built-in catalogue: what overrides, what is
 * added, what stays, and that white space alone is no change. */
#include <stdio.h>
#include <string.h>

#include "catalogue/layers.h"
#include "tests/testlib.h"

/* A row with the cells a layer test cares about; the rest empty. */
static void add_row(struct catalogue *cat, const char *id, const char *provider,
		    const char *smtp, const char *message, const char *meaning_de)
{
	const char *f[CAT_NFIELDS] = { 0 };

	f[CAT_ID] = id;
	f[CAT_PROVIDER] = provider;
	f[CAT_SMTP_CODE] = smtp;
	f[CAT_MESSAGE] = message;
	f[CAT_MEANING_DE] = meaning_de;
	catalogue_add(cat, f);
}

static struct catalogue *builtin(void)
{
	struct catalogue *cat = catalogue_new();

	add_row(cat, "mg-too-old", "mailgun", "", "Too old", "Zu alt");
	add_row(cat, "gm-quota", "gmail", "452", "Mailbox over quota", "Postfach voll");
	add_row(cat, "gm-auth", "gmail", "550", "Unauthenticated email", "Nicht authentifiziert");
	return cat;
}

static void test_cell_same(void)
{
	static const struct {
		const char *a, *b;
		int want;
	} cases[] = {
		{ "Schritt 1\nSchritt 2", "Schritt 1 Schritt 2", 1 },
		{ "Schritt 1\r\n  Schritt 2 ", "Schritt 1 Schritt 2", 1 },
		{ "  Postfach  voll", "Postfach voll", 1 },
		{ "Postfach voll", "Postfach  leer", 0 },
		{ "Postfachvoll", "Postfach voll", 0 },
		{ "", "   ", 1 },
		{ "a", "", 0 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (catalogue_cell_same(cases[i].a, cases[i].b) != cases[i].want)
			fprintf(stderr, "  case %zu: '%s' vs '%s'\n", i, cases[i].a, cases[i].b);
		CU_ASSERT(catalogue_cell_same(cases[i].a, cases[i].b) == cases[i].want);
	}
}

static void test_sheet_over_builtin(void)
{
	struct catalogue *cat = builtin(), *sheet = catalogue_new();
	const struct cat_entry *e;

	/* same id, new German text: overrides */
	add_row(sheet, "gm-quota", "gmail", "452", "Mailbox over quota", "Speicher voll");
	/* another id, same provider + code + message (line break instead of a space) */
	add_row(sheet, "sheet-row-7", "gmail", "550", "Unauthenticated\nemail", "Nicht  authentifiziert");
	/* new */
	add_row(sheet, "sheet-row-9", "outlook", "554", "Relay denied", "Relais verweigert");
	catalogue_layer_over(cat, sheet);

	TEST_LONG_EQ(cat->n, 4);
	TEST_LONG_EQ(cat->layers.sheet_rows, 3);
	TEST_LONG_EQ(cat->layers.overridden, 2);
	TEST_LONG_EQ(cat->layers.added, 1);
	/* the built-in row the sheet lacks stays, built-in */
	CU_ASSERT_FATAL((e = catalogue_find_id(cat, "mg-too-old")) != NULL);
	CU_ASSERT(e->layer == CAT_LAYER_BUILTIN);
	CU_ASSERT_FATAL((e = catalogue_find_id(cat, "gm-quota")) != NULL);
	TEST_STR_EQ(e->f[CAT_MEANING_DE], "Speicher voll");
	CU_ASSERT(e->layer == CAT_LAYER_SHEET);
	/* matched by provider + codes + message: keeps the built-in id and, where the sheet
	 * differs only in white space, the built-in text */
	CU_ASSERT(catalogue_find_id(cat, "sheet-row-7") == NULL);
	CU_ASSERT_FATAL((e = catalogue_find_id(cat, "gm-auth")) != NULL);
	TEST_STR_EQ(e->f[CAT_MESSAGE], "Unauthenticated email");
	TEST_STR_EQ(e->f[CAT_MEANING_DE], "Nicht authentifiziert");
	CU_ASSERT(e->layer == CAT_LAYER_SHEET);
	CU_ASSERT_FATAL((e = catalogue_find_id(cat, "sheet-row-9")) != NULL);
	CU_ASSERT(e->layer == CAT_LAYER_SHEET);
	TEST_STR_EQ(catalogue_layer_name(e->layer), "sheet");
	catalogue_free(sheet);
	catalogue_free(cat);
}

static void test_whitespace_only_is_no_change(void)
{
	struct catalogue *cat = builtin(), *again = builtin(), *sheet = catalogue_new();
	size_t i;

	add_row(sheet, "gm-quota", "gmail", "452", "Mailbox  over\r\nquota", " Postfach voll\n");
	catalogue_layer_over(cat, sheet);
	TEST_LONG_EQ(cat->layers.overridden, 1);
	TEST_LONG_EQ(cat->layers.same, 1);
	for (i = 0; i < again->n; i++)
		CU_ASSERT(catalogue_entry_same(&cat->entries[i], &again->entries[i]));
	TEST_STR_EQ(catalogue_find_id(cat, "gm-quota")->f[CAT_MESSAGE], "Mailbox over quota");
	catalogue_free(sheet);
	catalogue_free(again);
	catalogue_free(cat);
}

static void test_same_sheet_twice(void)
{
	struct catalogue *once = builtin(), *twice = builtin(), *sheet = catalogue_new();
	size_t i;

	add_row(sheet, "gm-quota", "gmail", "452", "Mailbox over quota", "Speicher voll");
	add_row(sheet, "new-row", "smtp", "421", "Try later", "Später");
	catalogue_layer_over(once, sheet);
	catalogue_layer_over(twice, sheet);
	catalogue_layer_over(twice, sheet);
	TEST_LONG_EQ(twice->n, once->n);
	for (i = 0; i < once->n; i++)
		CU_ASSERT(catalogue_entry_same(&once->entries[i], &twice->entries[i]));
	catalogue_free(sheet);
	catalogue_free(once);
	catalogue_free(twice);
}

static void test_codes_alone_do_not_override(void)
{
	struct catalogue *cat = catalogue_new(), *sheet = catalogue_new();

	/* two rows that share only a code are different errors */
	add_row(cat, "rfc-x11", "rfc3463", "", "", "Adresse ungültig");
	add_row(sheet, "sheet-x11", "rfc3463", "", "", "Andere Zeile");
	catalogue_layer_over(cat, sheet);
	TEST_LONG_EQ(cat->n, 2);
	TEST_LONG_EQ(cat->layers.added, 1);
	catalogue_free(sheet);
	catalogue_free(cat);
}

int main(void)
{
	static const struct test_case tests[] = {
		{ "white space alone is the same cell", test_cell_same },
		{ "a sheet overrides by id or by provider+codes+message, adds the rest",
		  test_sheet_over_builtin },
		{ "a cell differing only in white space is no change",
		  test_whitespace_only_is_no_change },
		{ "laying the same sheet twice changes nothing more", test_same_sheet_twice },
		{ "codes alone do not override", test_codes_alone_do_not_override },
	};
	return test_run("layers", tests, sizeof(tests) / sizeof(tests[0]));
}
