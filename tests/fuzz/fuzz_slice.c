/* fuzz_slice.c - where one big JSON array, or an mbox, is cut for several threads
 * (report/run/slice.c's passes). The first byte says how many slices (2..5, its low bits)
 * and which (its high bit: an mbox); the rest is the document.
 * Invariants, mbox: every cut past the first starts a "From " line after a blank line, in
 * order, with more messages before it than before the one before. Array: for any bytes the
 * slices lie in order inside the file; when the document is
 * one valid JSON array (as jansson reads it), every slice read the way the pipeline reads
 * it - the bytes up to the array's '[' first, its own bytes, "]" when it is not the last -
 * is a valid JSON array, and their elements together are the whole array's. */
#include "tests/fuzz/fuzz.h"

#include <jansson.h>

#include "report/run/slice.h"

/* The number of elements slice k reads as, or -1 when it is not a valid array. */
static long slice_elements(const char *doc, long size, long open_end, long start, long end,
			   int first)
{
	struct strbuf b;
	json_t *v;
	long n = -1;

	strbuf_init(&b);
	if (!first)
		strbuf_add(&b, doc, (size_t)open_end);
	strbuf_add(&b, doc + start, (size_t)(end - start));
	if (end < size)
		strbuf_add(&b, "]", 1);
	v = json_loadb(b.buf, b.len, 0, NULL);
	if (v && json_is_array(v))
		n = (long)json_array_size(v);
	json_decref(v);
	strbuf_release(&b);
	return n;
}

static void check_mbox(const char *box, long size, int jobs)
{
	long starts[5], counts[5];
	FILE *fp = fmemopen((void *)box, (size_t)size, "rb");
	int k;

	if (!fp)
		return;
	FUZZ_CHECK(slice_mbox_cuts(fp, size, jobs, starts, counts) == 0);
	fclose(fp);
	FUZZ_CHECK(starts[0] == 0 && counts[0] == 0);
	for (k = 1; k < jobs; k++) {
		long s = starts[k];
		FUZZ_CHECK(s >= starts[k - 1] && s <= size);
		if (s == size)
			continue;
		/* the line before is blank: "\n" or "\r\n", after a line end or the file's start */
		FUZZ_CHECK(s >= 1 && s + 5 <= size && !memcmp(box + s, "From ", 5));
		FUZZ_CHECK(box[s - 1] == '\n');
		FUZZ_CHECK(s == 1 || box[s - 2] == '\n' ||
			   (box[s - 2] == '\r' && (s == 2 || box[s - 3] == '\n')));
		FUZZ_CHECK(counts[k] > counts[k - 1]);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	long starts[5], ends[5], open_end = -1, size_doc, whole = -1, sum = 0;
	const char *doc = (const char *)data + 1;
	json_t *v;
	FILE *fp;
	int jobs, k, rc;

	if (size < 2)
		return 0;
	jobs = 2 + data[0] % 4;
	size_doc = (long)size - 1;
	if (data[0] & 0x80) {
		check_mbox(doc, size_doc, jobs);
		return 0;
	}
	if (!(fp = fmemopen((void *)doc, (size_t)size_doc, "rb")))
		return 0;
	rc = slice_array_cuts(fp, size_doc, jobs, starts, ends, &open_end);
	fclose(fp);
	FUZZ_CHECK(starts[0] == 0);
	for (k = 0; k < jobs; k++) {
		FUZZ_CHECK(starts[k] >= 0 && starts[k] <= ends[k] && ends[k] <= size_doc);
		FUZZ_CHECK(k + 1 == jobs || ends[k] <= starts[k + 1]);
	}
	if (rc != 0)
		return 0;
	FUZZ_CHECK(open_end > 0 && open_end <= size_doc);
	v = json_loadb(doc, (size_t)size_doc, 0, NULL);
	if (v && json_is_array(v))
		whole = (long)json_array_size(v);
	json_decref(v);
	if (whole < 0)
		return 0;
	for (k = 0; k < jobs; k++) {
		long n;
		if (k && starts[k] >= ends[k])
			continue;
		n = slice_elements(doc, size_doc, open_end, starts[k], ends[k], k == 0);
		FUZZ_CHECK(n >= 0);
		sum += n;
	}
	FUZZ_CHECK(sum == whole);
	return 0;
}
