/* mail_gmime_bench.c - the floor under the bounce-mail reader: an mbox cut at its From_
 * lines (as import/mail/mailreader.c cuts it), each message only parsed by GMime and freed,
 * against our reader (mail_read) on the same messages, so that the cost of our own work
 * per message is visible (as logread_bench's raw YAJL pass is for the logs).
 * Usage: mail_gmime_bench gmime|gmime-copy|gmime-warn|gmime-mbox|mail MBOX [RUNS]
 *   gmime       each message parsed from a stream over the buffer (no copy) and freed
 *   gmime-copy  the same through g_mime_stream_mem_new_with_buffer (which copies it)
 *   gmime-warn  the same with a parser warning callback set, as mail_read sets one (GMime
 *               then decodes every header value to check its RFC 2047 words)
 *   gmime-mbox  GMime cutting the mbox itself (GMIME_FORMAT_MBOX): one stream and one
 *               parser for the whole file, messages parsed and freed
 *   mail        mail_read on each message, records built and dropped
 * Prints the best of RUNS (default 1) by CPU time of the loop alone (the file is read
 * before): messages, seconds, microseconds per message, records. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gmime/gmime.h>

#include "import/mail/mail.h"
#include "model/recbuild.h"
#include "util/readfile.h"

static double cpu_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The next message of the mbox from *pos: its text after the From_ line, up to the next
 * From_ line that follows a blank line (LF or CRLF). 0 at the end. */
static int next_message(const char *buf, size_t len, size_t *pos, const char **msg, size_t *n)
{
	size_t p = *pos, start, line;
	const char *nl;
	int blank = 0;

	if (p >= len)
		return 0;
	if (len - p >= 5 && !memcmp(buf + p, "From ", 5)) {
		nl = memchr(buf + p, '\n', len - p);
		p = nl ? (size_t)(nl - buf) + 1 : len;
	}
	start = p;
	while (p < len) {
		if (blank && len - p >= 5 && !memcmp(buf + p, "From ", 5))
			break;
		line = p;
		nl = memchr(buf + p, '\n', len - p);
		p = nl ? (size_t)(nl - buf) + 1 : len;
		blank = p - line == 1 || (p - line == 2 && buf[line] == '\r');
	}
	*msg = buf + start;
	*n = p - start;
	*pos = p;
	return 1;
}

/* GMime cutting the mbox itself: one stream, one parser; returns the messages. */
static long gmime_mbox(const char *buf, size_t len)
{
	GByteArray *ba = g_byte_array_new_take((guint8 *)buf, len);
	GMimeStream *st = g_mime_stream_mem_new_with_byte_array(ba);
	GMimeParser *p;
	GMimeMessage *m;
	long n = 0;

	g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(st), FALSE);
	p = g_mime_parser_new_with_stream(st);
	g_mime_parser_set_format(p, GMIME_FORMAT_MBOX);
	while (!g_mime_parser_eos(p) && (m = g_mime_parser_construct_message(p, NULL)) != NULL) {
		n++;
		g_object_unref(m);
	}
	g_object_unref(p);
	g_object_unref(st);
	g_byte_array_free(ba, FALSE);
	return n;
}

static void count_warning(gint64 offset, GMimeParserWarning w, const gchar *item, gpointer ctx)
{
	(void)offset;
	(void)w;
	(void)item;
	(*(long *)ctx)++;
}

/* copy: 1 the stream copies the message; warnings: non-NULL sets a warning callback that
 * counts GMime's warnings there. */
static void gmime_one(const char *msg, size_t n, int copy, long *warnings)
{
	GMimeStream *st;
	GByteArray *ba = NULL;
	GMimeParser *p;
	GMimeMessage *m;
	GMimeParserOptions *po = NULL;

	if (copy) {
		st = g_mime_stream_mem_new_with_buffer(msg, n);
	} else {
		/* a byte array over our buffer, not owned by the stream: nothing copied */
		ba = g_byte_array_new_take((guint8 *)msg, n);
		st = g_mime_stream_mem_new_with_byte_array(ba);
		g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(st), FALSE);
	}
	p = g_mime_parser_new_with_stream(st);
	g_mime_parser_set_format(p, GMIME_FORMAT_MESSAGE);
	if (warnings) {
		po = g_mime_parser_options_new();
		g_mime_parser_options_set_warning_callback(po, count_warning, warnings);
	}
	m = g_mime_parser_construct_message(p, po);
	if (po)
		g_mime_parser_options_free(po);
	if (m)
		g_object_unref(m);
	g_object_unref(p);
	g_object_unref(st);
	if (ba)
		g_byte_array_free(ba, FALSE);
}

static int count_record(void *ctx, struct recbuild *rb)
{
	(void)rb;
	(*(long *)ctx)++;
	return 0;
}

static long one_pass(const char *mode, const char *buf, size_t len, long *messages)
{
	struct recbuild rb;
	long records = 0;
	struct mail_emit out = { count_record, &records };
	struct mail_info info;
	size_t pos = 0, n;
	const char *msg;
	int mail = !strcmp(mode, "mail"), copy = !strcmp(mode, "gmime-copy");
	long warnings = 0, *warn = !strcmp(mode, "gmime-warn") ? &warnings : NULL;

	recbuild_init(&rb);
	*messages = 0;
	if (!strcmp(mode, "gmime-mbox")) {
		*messages = gmime_mbox(buf, len);
		pos = len; /* nothing left for the loop */
	}
	while (next_message(buf, len, &pos, &msg, &n)) {
		(*messages)++;
		if (mail)
			mail_read(msg, n, &rb, out, &info);
		else
			gmime_one(msg, n, copy, warn);
	}
	if (warn)
		records = warnings; /* printed in the records column */
	recbuild_release(&rb);
	return records;
}

int main(int argc, char **argv)
{
	int runs = argc > 3 ? (int)strtol(argv[3], NULL, 10) : 1, i;
	double best = 1e30;
	long messages = 0, records = 0;
	size_t len;
	char *buf;

	if (argc < 3 || runs < 1 || runs > 100 ||
	    (strcmp(argv[1], "gmime") && strcmp(argv[1], "gmime-copy") && strcmp(argv[1], "mail") &&
	     strcmp(argv[1], "gmime-warn") && strcmp(argv[1], "gmime-mbox")))
		return fprintf(stderr, "usage: mail_gmime_bench gmime|gmime-copy|gmime-warn|"
			       "gmime-mbox|mail MBOX [RUNS]\n"), 2;
	if (!(buf = read_whole_file(argv[2], 1u << 30, &len, NULL)))
		return fprintf(stderr, "mail_gmime_bench: cannot read '%s'\n", argv[2]), 2;
	g_mime_init();
	for (i = 0; i < runs; i++) {
		double t0 = cpu_now(), dt;
		records = one_pass(argv[1], buf, len, &messages);
		dt = cpu_now() - t0;
		if (dt < best)
			best = dt;
	}
	printf("%-10s %ld messages %.3f s CPU %.1f us/message %ld records\n", argv[1], messages,
	       best, messages ? best * 1e6 / messages : 0, records);
	g_mime_shutdown();
	free(buf);
	return 0;
}
