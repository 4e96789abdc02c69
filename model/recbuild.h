/* recbuild.h - builds one struct sh_record per event in a reused arena, for every reader.
 * Contract: reset at each event; set/append copy the bytes (invalid UTF-8 replaced by
 * U+FFFD, NUL bytes dropped), so readers may pass parser buffers that die right after.
 * Fields live as offsets until recbuild_finish resolves them into the record's slices, which
 * stay valid until the next set, append or reset. No allocation once the arena has grown
 * to the largest event.
 * Ownership: the struct is the caller's (init/release); the slices recbuild_get and
 * recbuild_finish give, and the record recbuild_finish returns (rb->rec), are borrowed from rb
 * as said above; recbuild_token returns out; recbuild_esp_from_* return static strings.
 * Threads: one recbuild, one thread; the esp_from_* functions are pure. */
#ifndef SH_MODEL_RECBUILD_H
#define SH_MODEL_RECBUILD_H

#include <stddef.h>

#include "model/record.h"
#include "util/strbuf.h"

enum rb_field {
	RBF_ESP,
	RBF_SENDING_DOMAIN,
	RBF_SENDER,
	RBF_RECIPIENT,
	RBF_RECIPIENT_DOMAIN,
	RBF_RECIPIENT_PROVIDER,
	RBF_MESSAGE,
	RBF_DESCRIPTION,
	RBF_ESP_REASON,
	RBF_BOUNCE_CLASS,
	RBF_MESSAGE_ID,
	RBF_EVENT_ID,
	RBF_TAGS,
	RBF_SUBACCOUNT,
	RBF_FILE,
	RBF_ESP_EVENT, /* the ESP's own event name, when it tells more than the kind (dedupe) */
	/* reader-specific scratch (header From, event name…) */
	RBF_X1,
	RBF_X2,
	RBF_X3,
	RBF_X4,
	RBF_COUNT
};

struct rb_ref {
	size_t off, len;
};

struct recbuild {
	struct strbuf arena;         /* owned; every string of the current event */
	struct rb_ref f[RBF_COUNT];
	unsigned char has[RBF_COUNT]; /* the field was given (possibly empty) */
	struct sh_record rec;        /* readers fill the non-string members directly */
	int repaired;                /* invalid UTF-8 or NUL bytes were replaced in this event */
};

void recbuild_init(struct recbuild *rb);
void recbuild_release(struct recbuild *rb);
/* Starts a new event: empties the arena and zeroes the record. */
void recbuild_reset(struct recbuild *rb);

/* Copies s into the arena and returns where it went (not bound to a field). */
struct rb_ref recbuild_store(struct recbuild *rb, const char *s, size_t len);
void recbuild_put(struct recbuild *rb, enum rb_field f, struct rb_ref ref);
void recbuild_set(struct recbuild *rb, enum rb_field f, const char *s, size_t len);
/* Appends to a field with sep between values (tags, categories). */
void recbuild_append(struct recbuild *rb, enum rb_field f, char sep, const char *s, size_t len);
/* Sets f to the bare address of s: the first <…> of "Name <a@b>", else s up to a comma. */
void recbuild_set_address(struct recbuild *rb, enum rb_field f, const char *s, size_t len);

/* Sets rec.timestamp from any form time_parse takes; plain epoch seconds ("1529692198",
 * "1529692198.641821") without its copy and strtod, to the same double. 0, or -1. */
int recbuild_time(struct recbuild *rb, const char *s, size_t len);

/* A short token (event name, severity) lowercased into out, truncated to size-1. */
const char *recbuild_token(char *out, size_t size, const char *s, size_t len);

/* The sending ESP named by a provider column or SMTP host ("Google Workspace",
 * "smtp.office365.com", "mailgun"): "gmail", "outlook", "mailgun", "sendgrid", or NULL. */
const char *recbuild_esp_from_hint(const char *s);
/* The ESP a sender's domain implies (gmail.com, googlemail.com; outlook.com, hotmail.*,
 * live.*, msn.com), or NULL: custom Workspace / Microsoft 365 domains cannot be told. */
const char *recbuild_esp_from_domain(const char *domain);

/* The field; its ptr is also NUL-terminated ("" when unset or empty). */
struct slice recbuild_get(const struct recbuild *rb, enum rb_field f);

/* Resolves the fields into rb->rec and derives what the reader left empty: recipient and
 * sending domains from the addresses (lowercased), the enhanced code and the SMTP code from
 * the message text. May be called again after changing fields (one record per recipient). */
const struct sh_record *recbuild_finish(struct recbuild *rb);

#endif
