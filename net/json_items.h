/* json_items.h - splits an API response into its items while it streams in: the elements
 * of a top-level array (SendGrid suppression lists) or of the "items" array of a top-level
 * object (Mailgun events pages, whose paging.next is picked up on the way). Each item is
 * re-serialised as one line of compact JSON with numbers exactly as the server wrote them
 * (no double round trip: 1666214138.4046676 stays that), optionally with one extra key.
 * Contract: init, feed any number of chunks, finish; release always, also after an error
 * or to start over (a restarted download). Wrong shape, malformed JSON, nesting deeper
 * than 64 or an item over 4 MiB is an SH_ERR_REMOTE error (first error wins).
 * Threads: one json_items, one thread. The strbufs it fills are owned by ji until
 * json_items_release. */
#ifndef SH_NET_JSON_ITEMS_H
#define SH_NET_JSON_ITEMS_H

#include <stddef.h>

#include "util/error.h"
#include "util/strbuf.h"

struct json_items {
	struct strbuf lines; /* out, owned: one item per line, each ending in '\n' */
	long n;              /* out: items in lines */
	struct strbuf next;  /* out, owned: paging.next ("" when absent); object mode only */
	int saw_array;       /* out: the items array was there */
	/* private */
	const char *array_key, *extra_key, *extra_value, *name;
	const char *also_key, *also_value; /* json_items_also_add's */
	void *parser, *gen; /* yajl_handle, yajl_gen */
	int depth, items_depth, item_base, in_item, top_key, paging_key;
	char msg[200]; /* a callback's reason to stop */
};

/* array_key: NULL for a top-level array, else the key of the array in a top-level
 * object. extra_key/extra_value: added as a string member to every object item, or NULL.
 * name: the source for messages (a URL). All borrowed for the lifetime of ji. */
void json_items_init(struct json_items *ji, const char *array_key, const char *extra_key,
		     const char *extra_value, const char *name);
/* One more string member added to every object item, before extra_key (e.g. the SendGrid
 * subuser the items were read for). Borrowed like the others; call after each init. */
void json_items_also_add(struct json_items *ji, const char *key, const char *value);
int json_items_feed(struct json_items *ji, const char *buf, size_t len, struct sh_error *err);
/* Checks that the document is complete and had the items array. */
int json_items_finish(struct json_items *ji, struct sh_error *err);
void json_items_release(struct json_items *ji);

#endif
