/* json_items.c - yajl's event parser drives a yajl generator for the events inside one
 * item; everything outside the items is only tracked for depth and paging.next. */
#include "net/json_items.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yajl/yajl_gen.h>
#include <yajl/yajl_parse.h>

#define MAX_DEPTH 64
#define MAX_ITEM ((size_t)4 << 20)

enum { KEY_OTHER, KEY_ITEMS, KEY_PAGING, KEY_NEXT };

static int stop(struct json_items *ji, const char *why)
{
	if (!ji->msg[0])
		snprintf(ji->msg, sizeof(ji->msg), "%s", why);
	return 0;
}

/* After one value has been generated: if it completed an item, move it to lines. */
static int item_done(struct json_items *ji)
{
	const unsigned char *buf;
	size_t len;

	yajl_gen_get_buf(ji->gen, &buf, &len);
	strbuf_add(&ji->lines, buf, len);
	strbuf_addch(&ji->lines, '\n');
	ji->n++;
	yajl_gen_clear(ji->gen);
	yajl_gen_reset(ji->gen, NULL);
	ji->in_item = 0;
	return 1;
}

static int gen_ok(struct json_items *ji, yajl_gen_status st)
{
	const unsigned char *buf;
	size_t len;

	if (st != yajl_gen_status_ok)
		return stop(ji, "cannot re-serialise an item");
	yajl_gen_get_buf(ji->gen, &buf, &len);
	if (len > MAX_ITEM)
		return stop(ji, "an item is larger than 4 MiB");
	return 1;
}

/* Where a value event lands: 1 = inside or starting an item, 0 = elsewhere. */
static int at_item(const struct json_items *ji)
{
	return ji->in_item || (ji->items_depth && ji->depth == ji->items_depth);
}

static int scalar(struct json_items *ji, yajl_gen_status st)
{
	if (!gen_ok(ji, st))
		return 0;
	return ji->in_item ? 1 : item_done(ji);
}

static int on_null(void *ctx)
{
	struct json_items *ji = ctx;
	return at_item(ji) ? scalar(ji, yajl_gen_null(ji->gen)) : 1;
}

static int on_bool(void *ctx, int v)
{
	struct json_items *ji = ctx;
	return at_item(ji) ? scalar(ji, yajl_gen_bool(ji->gen, v)) : 1;
}

static int on_number(void *ctx, const char *s, size_t len)
{
	struct json_items *ji = ctx;
	return at_item(ji) ? scalar(ji, yajl_gen_number(ji->gen, s, len)) : 1;
}

static int on_string(void *ctx, const unsigned char *s, size_t len)
{
	struct json_items *ji = ctx;

	if (at_item(ji))
		return scalar(ji, yajl_gen_string(ji->gen, s, len));
	if (ji->depth == 2 && ji->top_key == KEY_PAGING && ji->paging_key == KEY_NEXT) {
		strbuf_reset(&ji->next);
		strbuf_add(&ji->next, s, len);
	}
	return 1;
}

static int key_is(const unsigned char *s, size_t len, const char *k)
{
	return len == strlen(k) && !memcmp(s, k, len);
}

static int on_key(void *ctx, const unsigned char *s, size_t len)
{
	struct json_items *ji = ctx;

	if (ji->in_item)
		return gen_ok(ji, yajl_gen_string(ji->gen, s, len));
	if (ji->depth == 1)
		ji->top_key = ji->array_key && key_is(s, len, ji->array_key) ? KEY_ITEMS
			      : key_is(s, len, "paging")		     ? KEY_PAGING
									     : KEY_OTHER;
	else if (ji->depth == 2 && ji->top_key == KEY_PAGING)
		ji->paging_key = key_is(s, len, "next") ? KEY_NEXT : KEY_OTHER;
	return 1;
}

/* Opens a container; is_map tells which. */
static int open_container(struct json_items *ji, int is_map)
{
	if (ji->depth >= MAX_DEPTH)
		return stop(ji, "nesting deeper than 64 levels");
	if (ji->depth == 0 && (ji->array_key ? !is_map : is_map))
		return stop(ji, ji->array_key ? "expected a JSON object" : "expected a JSON array");
	if (at_item(ji)) {
		if (!ji->in_item) {
			ji->in_item = 1;
			ji->item_base = ji->depth;
		}
		if (!gen_ok(ji, is_map ? yajl_gen_map_open(ji->gen) : yajl_gen_array_open(ji->gen)))
			return 0;
	} else if (!is_map && ((!ji->array_key && ji->depth == 0) ||
			       (ji->depth == 1 && ji->top_key == KEY_ITEMS))) {
		ji->items_depth = ji->depth + 1;
		ji->saw_array = 1;
	}
	ji->depth++;
	return 1;
}

static int close_container(struct json_items *ji, int is_map)
{
	ji->depth--;
	if (ji->in_item) {
		if (is_map && ji->depth == ji->item_base && ji->also_key &&
		    (!gen_ok(ji, yajl_gen_string(ji->gen, (const unsigned char *)ji->also_key,
						 strlen(ji->also_key))) ||
		     !gen_ok(ji, yajl_gen_string(ji->gen, (const unsigned char *)ji->also_value,
						 strlen(ji->also_value)))))
			return 0;
		if (is_map && ji->depth == ji->item_base && ji->extra_key &&
		    (!gen_ok(ji, yajl_gen_string(ji->gen, (const unsigned char *)ji->extra_key,
						 strlen(ji->extra_key))) ||
		     !gen_ok(ji, yajl_gen_string(ji->gen, (const unsigned char *)ji->extra_value,
						 strlen(ji->extra_value)))))
			return 0;
		if (!gen_ok(ji,
			    is_map ? yajl_gen_map_close(ji->gen) : yajl_gen_array_close(ji->gen)))
			return 0;
		if (ji->depth == ji->item_base)
			return item_done(ji);
	} else if (!is_map && ji->depth + 1 == ji->items_depth) {
		ji->items_depth = 0; /* the items array is over */
	}
	return 1;
}

static int on_start_map(void *ctx) { return open_container(ctx, 1); }
static int on_end_map(void *ctx) { return close_container(ctx, 1); }
static int on_start_array(void *ctx) { return open_container(ctx, 0); }
static int on_end_array(void *ctx) { return close_container(ctx, 0); }

static const yajl_callbacks callbacks = {
	on_null,      on_bool, NULL,       NULL,           on_number,   on_string,
	on_start_map, on_key,  on_end_map, on_start_array, on_end_array,
};

void json_items_also_add(struct json_items *ji, const char *key, const char *value)
{
	ji->also_key = key;
	ji->also_value = value ? value : "";
}

void json_items_init(struct json_items *ji, const char *array_key, const char *extra_key,
		     const char *extra_value, const char *name)
{
	memset(ji, 0, sizeof(*ji));
	strbuf_init(&ji->lines);
	strbuf_init(&ji->next);
	ji->array_key = array_key;
	ji->extra_key = extra_key;
	ji->extra_value = extra_value ? extra_value : "";
	ji->name = name ? name : "the response";
	ji->parser = yajl_alloc(&callbacks, NULL, ji);
	ji->gen = yajl_gen_alloc(NULL);
	if (!ji->parser || !ji->gen)
		xoom();
}

static int parse_error(struct json_items *ji, yajl_status st, const char *buf, size_t len,
		       struct sh_error *err)
{
	unsigned char *e;

	if (st == yajl_status_client_canceled)
		return sh_error_set(err, SH_ERR_REMOTE, NULL, 0, "the response from '%s': %s",
				    ji->name, ji->msg);
	e = yajl_get_error(ji->parser, 0, (const unsigned char *)buf, len);
	sh_error_set(err, SH_ERR_REMOTE, NULL, 0, "the response from '%s' is not valid JSON: %.*s",
		     ji->name, e ? (int)strcspn((const char *)e, "\n") : 11,
		     e ? (const char *)e : "parse error");
	if (e)
		yajl_free_error(ji->parser, e);
	return -1;
}

int json_items_feed(struct json_items *ji, const char *buf, size_t len, struct sh_error *err)
{
	yajl_status st = yajl_parse(ji->parser, (const unsigned char *)buf, len);

	return st == yajl_status_ok ? 0 : parse_error(ji, st, buf, len, err);
}

int json_items_finish(struct json_items *ji, struct sh_error *err)
{
	yajl_status st = yajl_complete_parse(ji->parser);

	if (st != yajl_status_ok)
		return parse_error(ji, st, NULL, 0, err);
	if (!ji->saw_array)
		return sh_error_set(err, SH_ERR_REMOTE, NULL, 0,
				    "the response from '%s' has no %s%s%s array", ji->name,
				    ji->array_key ? "'" : "top-level",
				    ji->array_key ? ji->array_key : "", ji->array_key ? "'" : "");
	return 0;
}

void json_items_release(struct json_items *ji)
{
	if (ji->parser)
		yajl_free(ji->parser);
	if (ji->gen)
		yajl_gen_free(ji->gen);
	ji->parser = ji->gen = NULL;
	strbuf_release(&ji->lines);
	strbuf_release(&ji->next);
}
