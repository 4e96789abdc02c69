/* fuzz_side_files.c - the small files a report run reads beside the logs: the client map
 * (--clients, `client,domain` CSV), the health thresholds (--thresholds JSON) and the
 * ESP stats exports (--stats JSON). The first byte picks the reader; the rest is the
 * file, written to one temp file per process because the readers take a path.
 * Invariants: a loaded client map answers lookups for any domain; thresholds are ordered
 * numbers in range; stats volumes are never negative. */
#include "tests/fuzz/fuzz.h"

#include <fcntl.h>
#include <unistd.h>

#include "report/aggregate/clients.h"
#include "report/aggregate/health.h"
#include "report/run/stats_file.h"

static const char *temp_path(const uint8_t *data, size_t size)
{
	static char path[64];
	static int fd = -1;

	if (fd < 0) {
		snprintf(path, sizeof(path), "/tmp/fuzz_side_files.XXXXXX");
		fd = mkstemp(path);
		FUZZ_CHECK(fd >= 0);
	}
	FUZZ_CHECK(ftruncate(fd, 0) == 0);
	FUZZ_CHECK(pwrite(fd, data, size, 0) == (ssize_t)size);
	return path;
}

static void lookups(const struct clients *c, const uint8_t *data, size_t size)
{
	static const char *const doms[] = { "mg.client3.com", "a.b.c.d.e.f.example.org", ".", "",
					    "com", "..x..", "subaccount:1" };
	size_t i;

	for (i = 0; i < sizeof(doms) / sizeof(doms[0]); i++)
		(void)clients_lookup(c, doms[i], strlen(doms[i]), "123", 3);
	/* unterminated, as the readers hand out slices */
	(void)clients_lookup(c, (const char *)data, size > 300 ? 300 : size, (const char *)data,
			     size > 20 ? 20 : size);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sh_error err = { 0 };
	struct sh_sink sink;
	long reports = 0, sent = -1, delivered = -1;
	const char *path;
	struct clients *c;
	struct thresholds th;
	unsigned which;

	if (size < 1)
		return 0;
	which = data[0] % 3;
	data++;
	size--;
	path = temp_path(data, size);
	sink.record = fuzz_sink_record;
	sink.ctx = &reports;
	switch (which) {
	case 0:
		if ((c = clients_load(path, &sink, &err)) != NULL) {
			lookups(c, data, size);
			clients_free(c);
		} else {
			FUZZ_CHECK(err.msg[0] != '\0');
		}
		break;
	case 1:
		thresholds_default(&th);
		if (thresholds_load(path, &th, &err) != 0)
			FUZZ_CHECK(err.msg[0] != '\0');
		break;
	default:
		if (stats_file_load(path, &sent, &delivered, &err) == 0)
			FUZZ_CHECK(sent >= 0 && delivered >= 0);
		else
			FUZZ_CHECK(err.msg[0] != '\0');
		break;
	}
	return 0;
}
