/* jsonstream.h - finds the event objects in a stream of JSON with YAJL's callback parser and
 * hands each event's interesting values to a format handler (Mailgun, SendGrid, …).
 * Contract: an "event" is a top-level object, an element of a top-level array, an element
 * of an "items" array (Events API and Logs API pages) or the value of "event-data"
 * (webhook payloads), in any mix and any number of concatenated values. Inside an event
 * only keys in the handler's table are followed (path = key ids from the event root, array
 * levels transparent); everything else is skipped without copying. Lines mode resynchronises
 * at the next newline after a broken line; stream mode (pretty-printed documents) gives up
 * on the rest of the input after a syntax error. Caps: nesting 64, a string 1 MiB, an
 * event 4 MiB: such events are skipped with a reason. A single value over 4 MiB (which
 * YAJL would have to hold whole) ends the line, or in stream mode the input. Memory stays
 * bounded by a few times the event cap.
 * Ownership: jsonstream_new returns a new stream (freed with jsonstream_free, NULL allowed)
 * that borrows h, hctx and lr until then. Threads: one stream, one thread. */
#ifndef SH_IMPORT_LOGS_JSONSTREAM_H
#define SH_IMPORT_LOGS_JSONSTREAM_H

#include <stddef.h>

struct logread;

enum js_type { JS_STRING, JS_NUMBER, JS_BOOL, JS_NULL };

#define JS_UNKNOWN (-1)
#define JS_MAX_DEPTH 64
#define JS_MAX_STRING (1u << 20)
#define JS_MAX_EVENT (4u << 20)
#define JS_MAX_KEYS 64
#define JS_MAX_KEY_LEN 32

struct js_key {
	const char *name;
	short id; /* >= 0 */
};

/* begin() flags */
enum { JS_WRAPPED = 1 /* the event is the "event-data" of a webhook payload */ };

struct js_handler {
	const struct js_key *keys; /* static table, at most JS_MAX_KEYS */
	size_t nkeys;
	void (*begin)(void *ctx, unsigned flags);
	/* A scalar under path[0..n) (n >= 1); strings are raw bytes, not yet repaired. */
	void (*value)(void *ctx, const short *path, int n, enum js_type t, const char *s,
		      size_t len);
	/* An array or object opens under path[0..n); may be NULL. */
	void (*open)(void *ctx, const short *path, int n, int is_array);
	/* The event is complete; line is where it starts. 0 to go on, -1 to stop. */
	int (*end)(void *ctx, long line);
};

/* A JSON log format: its handler and the per-input state the handler works on. */
struct js_format {
	const struct js_handler *handler;
	void *(*new_reader)(struct logread *lr);
	void (*free_reader)(void *reader);
};

struct jsonstream;

/* How values are laid out on lines. */
enum js_framing {
	JS_STREAM, /* a document (pretty-printed): values span lines */
	JS_LINES,  /* JSON Lines: a line that ends inside a value is broken */
	JS_AUTO,   /* unknown (no complete line seen yet): a document if the first value
		      spans a line break, else JSON Lines */
};

/* first_line: the number of the first line fed. */
struct jsonstream *jsonstream_new(const struct js_handler *h, void *hctx, struct logread *lr,
				  enum js_framing framing, long first_line);
void jsonstream_free(struct jsonstream *js);
/* 0 to go on, -1 when reading must stop (the callback or strict mode said so). */
int jsonstream_feed(struct jsonstream *js, const char *buf, size_t len);
int jsonstream_finish(struct jsonstream *js);
/* 1 once a syntax error or a cap made the stream give up a unit: in stream mode the rest of
 * the input, in lines mode the rest of a line (a slice of one big array read after it would
 * count what a single reader never reaches). */
int jsonstream_gave_up(const struct jsonstream *js);

#endif
