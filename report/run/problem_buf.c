/* problem_buf.c - record problems buffered per slice or input (see problem_buf.h): the
 * first PROBLEMS_IN_MEMORY in memory, the rest in a temporary file, so that a log full of
 * bad records does not make memory grow with it. */
#include "report/run/problem_buf.h"

#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"

#define PROBLEMS_IN_MEMORY 4096

struct problem {
	const char *file; /* static "<stdin>", or NULL for the path given to problem_buf_flush */
	long line;
	char *key;  /* owned */
	char *text; /* owned */
};

void problem_buf_init(struct problem_buf *b, const char *name)
{
	memset(b, 0, sizeof(*b));
	b->name = name;
}

void problem_buf_release(struct problem_buf *b)
{
	size_t i;

	if (!b)
		return;
	for (i = 0; i < b->n; i++) {
		free(b->p[i].key);
		free(b->p[i].text);
	}
	free(b->p);
	if (b->spill)
		fclose(b->spill);
}

/* A spilled problem: line, which file (0: the path given to problem_buf_flush, 1: <stdin>),
 * the lengths of key and text, then their bytes. */
static int spill_problem(struct problem_buf *b, const char *file, long line, const char *key,
			 const char *text)
{
	long hdr[4];

	if (!b->spill && !(b->spill = tmpfile()))
		return -1;
	hdr[0] = line;
	hdr[1] = file != NULL;
	hdr[2] = (long)strlen(key);
	hdr[3] = (long)strlen(text);
	if (fwrite(hdr, sizeof(hdr), 1, b->spill) != 1 || fwrite(key, 1, (size_t)hdr[2], b->spill) != (size_t)hdr[2] ||
	    fwrite(text, 1, (size_t)hdr[3], b->spill) != (size_t)hdr[3])
		return -1;
	return 0;
}

void problem_buf_record(void *ctx, const char *file, long line, const char *key, const char *text)
{
	struct problem_buf *b = ctx;
	const char *f = NULL;

	if (file && b->name && strcmp(file, b->name))
		f = file[0] == '<' ? "<stdin>" : NULL; /* "-" is read as <stdin> */
	if (b->n >= PROBLEMS_IN_MEMORY && spill_problem(b, f, line, key, text) == 0)
		return;
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 16;
		b->p = xrealloc(b->p, b->cap * sizeof(*b->p));
	}
	b->p[b->n].file = f;
	b->p[b->n].line = line;
	b->p[b->n].key = xstrdup(key);
	b->p[b->n].text = xstrdup(text);
	b->n++;
}

void problem_buf_flush(const struct problem_buf *b, const char *path, long line_offset,
		       const struct sh_sink *sink)
{
	FILE *sp = b->spill;
	struct strbuf key, text;
	long hdr[4];
	size_t i;

	for (i = 0; i < b->n; i++) {
		const struct problem *p = &b->p[i];
		sh_sink_report(sink, p->file ? p->file : path, p->line > 0 ? p->line + line_offset : p->line,
			       p->key, "%s", p->text);
	}
	if (!sp || fflush(sp) != 0 || fseek(sp, 0, SEEK_SET) != 0)
		return;
	strbuf_init(&key);
	strbuf_init(&text);
	while (fread(hdr, sizeof(hdr), 1, sp) == 1 && hdr[2] >= 0 && hdr[3] >= 0) {
		strbuf_reset(&key);
		strbuf_reset(&text);
		strbuf_grow(&key, (size_t)hdr[2]);
		strbuf_grow(&text, (size_t)hdr[3]);
		if (fread(key.buf, 1, (size_t)hdr[2], sp) != (size_t)hdr[2] ||
		    fread(text.buf, 1, (size_t)hdr[3], sp) != (size_t)hdr[3])
			break;
		key.buf[key.len = (size_t)hdr[2]] = '\0';
		text.buf[text.len = (size_t)hdr[3]] = '\0';
		sh_sink_report(sink, hdr[1] ? "<stdin>" : path, hdr[0] > 0 ? hdr[0] + line_offset : hdr[0],
			       key.buf, "%s", text.buf);
	}
	strbuf_release(&key);
	strbuf_release(&text);
}
