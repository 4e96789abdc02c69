/* fuzz.h - what the libFuzzer targets share (header-only: each target is one .c file built
 * with clang -fsanitize=fuzzer,address,undefined against the library objects).
 * A target must never print, exit or leak for any input; an invariant that does not hold
 * calls FUZZ_CHECK, which aborts so that libFuzzer records the input as a crash. */
#ifndef SH_TESTS_FUZZ_H
#define SH_TESTS_FUZZ_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue/catalogue.h"
#include "import/dedupe.h"
#include "catalogue/store.h"
#include "report/match/matcher.h"
#include "util/error.h"
#include "util/json_arena.h"
#include "util/strbuf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
/* Optional: run once before the first input (libFuzzer, and replay_main.c, call it). */
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* A target that builds report documents defines FUZZ_JSON_ARENA before including this
 * file: Jansson's values then come from util/json_arena as in the product (cmd/main.c
 * installs it; merge and report open an arena around each document), one arena per
 * input (fuzz_arena_begin/end). ASan's checks stay (json_arena.c poisons redzones, freed
 * values and ended chunks, and aborts on a value not freed), but a document costs no ASan
 * malloc, free and quarantine per node: 59 % of fuzz_pipeline's time before. */
#ifdef FUZZ_JSON_ARENA
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	json_arena_install();
	return 0;
}
#endif

#if defined(__clang__) && defined(__has_feature)
#if __has_feature(address_sanitizer)
/* ASan records a stack for every malloc and free, 30 frames deep by default: a third of a
 * run for the targets that allocate a cell or a record at a time (fuzz_catalogue_csv: 16.9 s
 * -> 11.9 s CPU for the same 10,000 runs). Five frames still name the allocating function
 * and its callers in a report; ASAN_OPTIONS=malloc_context_size=30 brings all back. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "malloc_context_size=5";
}
#endif
#endif

#define FUZZ_CHECK(cond)                                                                   \
	do {                                                                               \
		if (!(cond)) {                                                             \
			fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, \
				#cond);                                                    \
			abort();                                                           \
		}                                                                          \
	} while (0)

/* Duplicate filters sized for one fuzz input (at most 64 KiB, so a few thousand records):
 * the readers' default table holds 196,608 keys in 4 MiB, which every run would allocate
 * and clear, most of a run's time. Same code path, same rotation when full. */
#define FUZZ_DEDUPE_CAPACITY 4096

/* The table for one read of data: a plain input of `size` bytes holds at most size / 2
 * records (each takes two bytes at least), so a table that large never rotates, as the
 * 4096 one never does for it, and costs an eighth of it for a 1 KiB input (building and
 * clearing the 4096 one was 4 % of fuzz_logread). A gzip input keeps the 4096 one. */
static inline size_t fuzz_dedupe_capacity(const uint8_t *data, size_t size)
{
	if (size >= 2 && data[0] == 0x1f && data[1] == 0x8b)
		return FUZZ_DEDUPE_CAPACITY;
	return size / 2 + 64 < FUZZ_DEDUPE_CAPACITY ? size / 2 + 64 : FUZZ_DEDUPE_CAPACITY;
}

/* A sink that swallows per-record reports but checks what every report must be: a reason
 * key and a text that are C strings without newlines inside. */
static inline void fuzz_sink_record(void *ctx, const char *file, long line,
				    const char *reason_key, const char *text)
{
	long *n = ctx;

	(void)file;
	FUZZ_CHECK(reason_key && *reason_key && text);
	FUZZ_CHECK(line >= 0);
	FUZZ_CHECK(strlen(text) < 4096);
	(*n)++;
}

/* A document as text (json_dumps); free it with fuzz_json_free: it comes from Jansson's
 * allocator, the arena's while one is open. */
static inline char *fuzz_json_text(const json_t *doc, size_t flags)
{
	char *s = json_dumps(doc, flags);

	FUZZ_CHECK(s != NULL);
	return s;
}

static inline void fuzz_json_free(char *s)
{
	json_free_t f;

	json_get_alloc_funcs(NULL, &f);
	f(s);
}

/* The next part of data up to a NUL byte (or the end), as an owned C string; advances. */
static inline char *fuzz_take(const uint8_t **data, size_t *size)
{
	const uint8_t *nul = memchr(*data, 0, *size);
	size_t n = nul ? (size_t)(nul - *data) : *size;
	char *s = xstrndup((const char *)*data, n);

	*data += nul ? n + 1 : n;
	*size -= nul ? n + 1 : n;
	return s;
}

/* The built-in catalogue and its matcher, loaded once per process (never freed: the
 * leak checker sees them through these statics). */
static inline const struct catalogue *fuzz_catalogue(void)
{
	static struct catalogue *cat;

	if (!cat) {
		cat = catalogue_load_embedded(NULL);
		FUZZ_CHECK(cat != NULL);
	}
	return cat;
}

static inline const struct matcher *fuzz_matcher(void)
{
	static struct matcher *m;

	if (!m)
		m = matcher_new(fuzz_catalogue());
	return m;
}

#endif
