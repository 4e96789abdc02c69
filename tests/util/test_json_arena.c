/* test_json_arena.c - Jansson's values from the arena (what `merge` and a report's
 * documents use, and the fuzz targets that build documents): a document built in an arena
 * is the same document as one built on the heap, values cross between heap and arena, and
 * under AddressSanitizer (`make SAN=1`) the arena still reports what ASan's heap would: a
 * write past a value, a read after its free or after the arena's end, a second free, and a
 * value never freed. Those run in a child process (a death test) whose report is read. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/testlib.h"
#include "util/json_arena.h"
#include "util/strbuf.h"

#if defined(__SANITIZE_ADDRESS__)
#define HAVE_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HAVE_ASAN 1
#endif
#endif

static json_t *sample_doc(void)
{
	json_t *doc = json_object(), *rows = json_array();
	int i;

	for (i = 0; i < 500; i++) {
		json_t *row = json_object();
		char key[32];
		snprintf(key, sizeof(key), "user%d@example.org", i);
		json_object_set_new(row, "recipient", json_string(key));
		json_object_set_new(row, "code", json_integer(550 + i % 3));
		json_object_set_new(row, "rate", json_real(i / 7.0));
		json_array_append_new(rows, row);
	}
	json_object_set_new(doc, "rows", rows);
	json_object_set_new(doc, "note", json_string("Empfänger unbekannt"));
	return doc;
}

static int add_text(const char *buf, size_t len, void *sb)
{
	strbuf_add(sb, buf, len);
	return 0;
}

/* The document as text in malloc'd memory (json_dumps' result comes from Jansson's
 * allocator: the arena's, while one is open). */
static char *dump(const json_t *doc, size_t flags)
{
	struct strbuf sb;

	strbuf_init(&sb);
	CU_ASSERT(json_dump_callback(doc, add_text, &sb, flags) == 0);
	return strbuf_detach(&sb, NULL);
}

/* The same document, built and dumped in an arena or on the heap; a heap value kept past
 * the arena's end and an arena value whose heap child is freed inside. */
static void test_same_document(void)
{
	json_t *heap_doc = sample_doc(), *kept = json_string("kept"), *doc, *back;
	char *want = dump(heap_doc, JSON_SORT_KEYS | JSON_INDENT(1)), *got, *text;

	json_arena_begin();
	doc = sample_doc();
	json_object_set(doc, "kept", kept); /* a heap value referenced from the arena */
	json_object_del(doc, "kept");
	got = dump(doc, JSON_SORT_KEYS | JSON_INDENT(1));
	text = dump(doc, 0);
	back = json_loads(text, 0, NULL);
	CU_ASSERT(json_equal(doc, back));
	json_decref(back);
	json_decref(doc);
	json_arena_end();
	TEST_STR_EQ(got, want);
	TEST_STR_EQ(json_string_value(kept), "kept");
	json_decref(kept);
	json_decref(heap_doc);
	free(got);
	free(want);
	free(text);
}

/* A second arena after the first ended gives the same results (its chunks reused). */
static void test_arena_again(void)
{
	int round;

	for (round = 0; round < 3; round++) {
		json_t *doc;
		char *got;
		json_arena_begin();
		doc = sample_doc();
		got = dump(doc, 0);
		json_decref(doc);
		json_arena_end();
		CU_ASSERT(got && strstr(got, "\"user499@example.org\""));
		free(got);
	}
}

#ifdef HAVE_ASAN
static void bad_overflow(void)
{
	json_t *s;
	volatile char *p;

	json_arena_begin();
	s = json_string("abc"); /* 4 bytes: "abc" and its NUL */
	p = (volatile char *)json_string_value(s);
	p[4] = 'x';
}

static void bad_use_after_free(void)
{
	json_t *s;
	volatile const char *p;

	json_arena_begin();
	s = json_string("abcdefgh");
	p = json_string_value(s);
	json_decref(s);
	(void)p[0];
}

static void bad_use_after_end(void)
{
	json_t *s;
	volatile const char *p;

	json_arena_begin();
	s = json_string("abcdefgh");
	p = json_string_value(s);
	json_decref(s);
	json_arena_end();
	(void)p[1];
}

static void bad_double_free(void)
{
	json_t *s;

	json_arena_begin();
	s = json_string("abcdefgh");
	json_decref(s);
	json_decref(s);
}

static void bad_leak(void)
{
	json_arena_begin();
	(void)json_string("never freed");
	json_arena_end();
}

/* Runs bad() in a child with its stderr piped; returns that output (a static buffer), *died set
 * when the child did not exit 0. */
static char *in_child(void (*bad)(void), int *died)
{
	static char out[8192];
	int fd[2], status = 0;
	size_t len = 0;
	ssize_t r;
	pid_t pid;

	CU_ASSERT_FATAL(pipe(fd) == 0);
	pid = fork();
	CU_ASSERT_FATAL(pid >= 0);
	if (pid == 0) {
		close(fd[0]);
		dup2(fd[1], 2);
		bad();
		_exit(0);
	}
	close(fd[1]);
	while (len < sizeof(out) - 1 && (r = read(fd[0], out + len, sizeof(out) - 1 - len)) > 0)
		len += (size_t)r;
	out[len] = '\0';
	close(fd[0]);
	waitpid(pid, &status, 0);
	*died = !(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	return out;
}

static void test_asan_reports(void)
{
	static const struct {
		const char *name;
		void (*bad)(void);
		const char *want; /* in ASan's report, or NULL: an abort */
	} cases[] = {
		{ "a write one byte past a string", bad_overflow, "use-after-poison" },
		{ "a read after the value's free", bad_use_after_free, "use-after-poison" },
		{ "a read after the arena's end", bad_use_after_end, "use-after-poison" },
		{ "a value freed twice", bad_double_free, "use-after-poison" },
		{ "a value not freed by the end", bad_leak, NULL },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int died = 0;
		const char *out = in_child(cases[i].bad, &died);
		int ok = died && (!cases[i].want || strstr(out, cases[i].want));
		if (!ok)
			fprintf(stderr, "  %s: not reported (%s)\n", cases[i].name, out);
		CU_ASSERT(ok);
	}
}
#else
static void test_asan_reports(void)
{
	fprintf(stderr, "  (no AddressSanitizer in this build: `make SAN=1` runs these)\n");
}
#endif

int main(void)
{
	static const struct test_case tests[] = {
		{ "a document built in an arena is the same as on the heap", test_same_document },
		{ "arenas one after another", test_arena_again },
		{ "ASan reports overflow, use after free or end, and leaks in the arena",
		  test_asan_reports },
	};

	json_arena_install(); /* as main does, before any Jansson value */
	return test_run("json_arena", tests, sizeof(tests) / sizeof(tests[0]));
}
