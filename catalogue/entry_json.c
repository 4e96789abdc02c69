/* entry_json.c - catalogue entries as JSON objects and their language fallbacks. */
#include "catalogue/entry_json.h"

#include "catalogue/layers.h"

const char *entry_display_code(const struct cat_entry *e)
{
	if (*e->f[CAT_HTTP_STATUS])
		return e->f[CAT_HTTP_STATUS];
	if (*e->f[CAT_OUTLOOK_CODE])
		return e->f[CAT_OUTLOOK_CODE];
	if (*e->f[CAT_SMTP_CODE])
		return e->f[CAT_SMTP_CODE];
	return e->f[CAT_ENHANCED_CODE];
}

const char *entry_text(const struct cat_entry *e, enum cat_field en_field, enum sh_lang lang)
{
	/* the German columns sit three places before the English ones */
	enum cat_field de_field = (enum cat_field)(en_field - 3);
	const char *want = e->f[lang == LANG_DE ? de_field : en_field];
	const char *other = e->f[lang == LANG_DE ? en_field : de_field];

	return *want ? want : other;
}

json_t *entry_to_json(const struct cat_entry *e, enum sh_lang lang)
{
	json_t *o = json_object();
	static const enum cat_field plain[] = { CAT_ID, CAT_PROVIDER, CAT_SECTION, CAT_HTTP_STATUS,
						CAT_SMTP_CODE, CAT_ENHANCED_CODE, CAT_OUTLOOK_CODE,
						CAT_MESSAGE, CAT_PATTERN, CAT_SEVERITY };
	size_t i;

	for (i = 0; i < sizeof(plain) / sizeof(plain[0]); i++)
		json_object_set_new(o, catalogue_field_name(plain[i]), json_string(e->f[plain[i]]));
	json_object_set_new(o, "code", json_string(entry_display_code(e)));
	json_object_set_new(o, "meaning", json_string(entry_text(e, CAT_MEANING_EN, lang)));
	json_object_set_new(o, "solution", json_string(entry_text(e, CAT_SOLUTION_EN, lang)));
	json_object_set_new(o, "glossary", json_string(entry_text(e, CAT_GLOSSARY_EN, lang)));
	json_object_set_new(o, "category", json_string(e->f[CAT_CATEGORY]));
	json_object_set_new(o, "action", json_string(e->f[CAT_ACTION]));
	json_object_set_new(o, "layer", json_string(catalogue_layer_name(e->layer)));
	return o;
}
