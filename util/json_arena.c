/* json_arena.c - see json_arena.h. Each allocation handed to Jansson carries a 16-byte
 * header saying where it came from: the C heap (freed with free) or an arena (freed when
 * the arena ends; Jansson's free is then a no-op). The arena is per thread.
 * Under AddressSanitizer (SAN=1, the fuzzers) the arena keeps ASan's checks: a chunk's
 * free bytes are poisoned, an allocation unpoisons only its own bytes and leaves a
 * redzone after them, a value freed (or a double free) and a chunk after end are poisoned
 * again, and end aborts when a value allocated in the arena was never freed (what the
 * leak checker would report without the arena). Without ASan none of this is compiled. */
#include "util/json_arena.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"

#if defined(__SANITIZE_ADDRESS__)
#define ARENA_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARENA_ASAN 1
#endif
#endif

#ifdef ARENA_ASAN
#include <sanitizer/asan_interface.h>
#define REDZONE 16 /* poisoned bytes after each allocation (ASan's own heap leaves >= 16) */
#define POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define REDZONE 0
#define POISON(p, n) ((void)0)
#define UNPOISON(p, n) ((void)0)
#endif

#define HDR 16 /* keeps malloc's 16-byte alignment */
#define CHUNK (1u << 20)
#define FROM_HEAP 0x48u
#define FROM_ARENA 0x41u

struct chunk {
	struct chunk *next;
	size_t used, cap; /* bytes of data[] */
	_Alignas(16) unsigned char data[];
};

struct arena {
	int open;
#ifdef ARENA_ASAN
	long live; /* values allocated in the arena and not yet freed */
#endif
	struct chunk *head;  /* owned; the newest first */
	struct chunk *spare; /* owned: CHUNK-sized chunks of ended arenas, reused by the next
				(their pages are already mapped: a large document loaded and
				another written costs half the page faults) */
};

static _Thread_local struct arena cur;
static int installed;

static void *from_arena(size_t n)
{
	struct chunk *c = cur.head;

	n = (n + 15) & ~(size_t)15;
	if (!c || c->cap - c->used < n) {
		size_t cap = n > CHUNK / 4 ? n : CHUNK;
		if (cap == CHUNK && cur.spare) {
			c = cur.spare; /* end poisoned what was used, the rest never was unpoisoned */
			cur.spare = c->next;
		} else {
			c = xmalloc(sizeof(*c) + cap);
			POISON(c->data, cap);
		}
		c->used = 0;
		c->cap = cap;
		if (cap == n && cur.head) { /* a big one: keep filling the current chunk */
			c->next = cur.head->next;
			cur.head->next = c;
		} else {
			c->next = cur.head;
			cur.head = c;
		}
	}
	c->used += n;
	return c->data + c->used - n;
}

static void *tagged_malloc(size_t n)
{
	unsigned char *p;

	if (n > (size_t)-1 - 2 * HDR)
		return NULL;
	if (cur.open) {
		p = from_arena(n + HDR + REDZONE);
		UNPOISON(p, n + HDR);
		p[0] = FROM_ARENA;
#ifdef ARENA_ASAN
		memcpy(p + 8, &n, sizeof(n)); /* for the poisoning when it is freed */
		cur.live++;
#endif
	} else {
		if (!(p = malloc(n + HDR)))
			return NULL;
		p[0] = FROM_HEAP;
	}
	return p + HDR;
}

static void tagged_free(void *ptr)
{
	unsigned char *p = ptr;

	if (!p)
		return;
	p -= HDR;
	if (p[0] == FROM_HEAP) {
		free(p);
	} else if (p[0] == FROM_ARENA) {
#ifdef ARENA_ASAN
		size_t n;
		memcpy(&n, p + 8, sizeof(n));
		/* a use after free, or a second free (it reads p[0]), is reported */
		POISON(p, (n + HDR + 15) & ~(size_t)15);
		cur.live--;
#endif
	} else {
		abort(); /* not ours: Jansson got memory from somewhere else */
	}
}

static void free_chunks(struct chunk *c)
{
	struct chunk *next;

	for (; c; c = next) {
		next = c->next;
		free(c);
	}
}

static void free_spare(void)
{
	free_chunks(cur.spare);
	cur.spare = NULL;
}

void json_arena_install(void)
{
	json_set_alloc_funcs(tagged_malloc, tagged_free);
	installed = 1;
	atexit(free_spare); /* the main thread's; other threads' arenas are never opened */
}

void json_arena_begin(void)
{
	if (!installed)
		return;
	if (cur.open)
		abort(); /* no nesting */
	cur.open = 1;
}

void json_arena_end(void)
{
	struct chunk *c, *next;

	if (!installed)
		return;
#ifdef ARENA_ASAN
	if (cur.live != 0)
		abort(); /* a value allocated in the arena was not freed before end: a leak */
#endif
	for (c = cur.head; c; c = next) {
		next = c->next;
		if (c->cap == CHUNK) {
			POISON(c->data, c->used); /* a use after end is reported */
			c->used = 0;
			c->next = cur.spare;
			cur.spare = c;
		} else {
			free(c);
		}
	}
	cur.head = NULL;
	cur.open = 0;
}
