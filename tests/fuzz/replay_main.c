/* replay_main.c - runs a fuzz target's LLVMFuzzerTestOneInput over files without
 * libFuzzer, so that the normal (and the sanitizer, and the valgrind) test passes replay
 * every crash the fuzzers found (tests/fixtures/regress/<target>/) and the seed corpus.
 * Usage: replay_<target> FILE|DIR...; prints "replayed N inputs" and exits 0, or crashes. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/readfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
/* Defined by the targets that need a start-up step (fuzz.h), called first as libFuzzer
 * does. */
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

static int replay_file(const char *path)
{
	struct sh_error err = { 0 };
	size_t len = 0;
	char *buf = read_whole_file(path, (size_t)64 << 20, &len, &err);
	uint8_t *copy;

	if (!buf) {
		fprintf(stderr, "replay: %s\n", err.msg);
		return -1;
	}
	/* an exact-size copy, so that reading past the end is caught as with libFuzzer */
	copy = malloc(len ? len : 1);
	if (!copy)
		abort();
	memcpy(copy, buf, len);
	free(buf);
	LLVMFuzzerTestOneInput(copy, len);
	free(copy);
	return 0;
}

static int replay(const char *path, long *n)
{
	struct stat st;
	struct dirent **names;
	int i, k, rc = 0;

	if (stat(path, &st) != 0) {
		perror(path);
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		(*n)++;
		return replay_file(path);
	}
	if ((k = scandir(path, &names, NULL, alphasort)) < 0) {
		perror(path);
		return -1;
	}
	for (i = 0; i < k; i++) {
		char sub[4096];
		if (names[i]->d_name[0] != '.') {
			snprintf(sub, sizeof(sub), "%s/%s", path, names[i]->d_name);
			if (replay(sub, n) != 0)
				rc = -1;
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

int main(int argc, char **argv)
{
	long n = 0;
	int i, rc = 0;

	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	for (i = 1; i < argc; i++)
		if (replay(argv[i], &n) != 0)
			rc = 1;
	printf("replayed %ld inputs\n", n);
	return rc;
}
