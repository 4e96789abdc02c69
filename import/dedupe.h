/* dedupe.h - "have we seen this event before?" in bounded memory, shared by every input of
 * a run (overlapping exports, webhook retries).
 * Contract: a record's key is a 64-bit hash of what identifies the event at its ESP:
 *   Mailgun: id + UTC day (Mailgun ids are unique within a day only);
 *   SendGrid: sg_event_id + event name + timestamp (the documentation's own sample reuses the
 *   placeholder "sg_event_id" for different events);
 *   bounce mail: the bounce's Message-ID and recipient (its event id) + event + timestamp;
 *   anything else with an event id: esp + event id + event + timestamp.
 * Records without an event id are never duplicates.
 * Memory is fixed: two generations of an open-addressing table of hashes. When the current
 * generation is 3/4 full, the older one is dropped and a new one started, so the table
 * always remembers at least the last `capacity` distinct keys (and at most twice that);
 * a duplicate further back than that is kept. A table from dedupe_new is for one thread;
 * one from dedupe_new_shared may be checked from several (64 stripes, each remembering at
 * least its 1/64 share of capacity, behind a spinlock), and keeps,
 * per key, which input counted it: inputs read side by side then count what reading them
 * one after the other would (see dedupe_moved).
 * Ownership: dedupe_new and dedupe_new_shared return a new table the caller frees with
 * dedupe_free (NULL allowed). Threads: see above; dedupe_key is pure; dedupe_moved reads a
 * shared table after its inputs are done. */
#ifndef SH_IMPORT_DEDUPE_H
#define SH_IMPORT_DEDUPE_H

#include <stddef.h>
#include <stdint.h>

#include "model/record.h"

/* 2 generations x 256 Ki slots x 8 bytes = 4 MiB; remembers >= 196608 keys. */
#define DEDUPE_DEFAULT_CAPACITY 196608

struct dedupe;

/* capacity: keys each generation holds (rounded so the table stays <= 3/4 full); 0 for
 * the default. */
struct dedupe *dedupe_new(size_t capacity);
/* ninputs: inputs are numbered 0..ninputs-1 in the order one thread would read them. */
struct dedupe *dedupe_new_shared(size_t capacity, size_t ninputs);
void dedupe_free(struct dedupe *d);

/* 0 when the record has no identity to deduplicate on. esp_event is the ESP's own event
 * name when the reader has it (SendGrid "unsubscribe" and "group_unsubscribe" are both
 * EV_UNSUBSCRIBED), else empty and the record's kind stands in. */
uint64_t dedupe_key(const struct sh_record *r, struct slice esp_event);
/* 1 when key was seen before; otherwise remembers it and returns 0. key 0 is never seen.
 * input: the reader's input number (shared tables; ignored otherwise). */
int dedupe_check(struct dedupe *d, uint64_t key, size_t input);
/* A hint, for a reader that knows an event's key before it has finished the record: the
 * key's slots start coming into the cache (a random probe of a 4 MiB table missed it, 4 %
 * of a Mailgun report). Tables from dedupe_new only; nothing changes. */
void dedupe_prefetch(const struct dedupe *d, uint64_t key);
/* Shared tables: how many records input should have counted beyond what it did (and as
 * many fewer duplicates) for its counts to be those of reading the inputs in order; the
 * moves sum to 0. Final for an input once every input before it has been read. */
long dedupe_moved(const struct dedupe *d, size_t input);
/* Bytes the table holds (for the report's "memory" line). */
size_t dedupe_memory(const struct dedupe *d);

#endif
