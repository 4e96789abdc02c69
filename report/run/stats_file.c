/* stats_file.c - Mailgun and SendGrid stats documents summed over their periods. */
#include "report/run/stats_file.h"

#include <jansson.h>
#include <stdlib.h>

#include "util/readfile.h"

static long get(const json_t *o, const char *a, const char *b)
{
	json_t *v = json_object_get(json_object_get(o, a), b);
	return json_is_integer(v) ? (long)json_integer_value(v) : 0;
}

int stats_file_load(const char *path, long *sent, long *delivered, struct sh_error *err)
{
	size_t len, i, j;
	char *buf = read_whole_file(path, (size_t)64 << 20, &len, err);
	json_error_t jerr;
	json_t *root, *v, *s;
	int rc = -1;

	if (!buf)
		return -1;
	root = json_loadb(buf, len, 0, &jerr);
	free(buf);
	*sent = *delivered = 0;
	if (!root) {
		sh_error_set(err, SH_ERR_DATA, path, jerr.line, "'%s' is not JSON: %s", path, jerr.text);
		return -1;
	}
	if (json_is_object(root) && json_is_array(json_object_get(root, "stats"))) {
		/* Mailgun: {"stats": [{"accepted": {"outgoing", "total"}, "delivered": {"total"}}]} */
		json_array_foreach(json_object_get(root, "stats"), i, v) {
			long out = get(v, "accepted", "outgoing");
			*sent += out ? out : get(v, "accepted", "total");
			*delivered += get(v, "delivered", "total");
		}
		rc = 0;
	} else if (json_is_array(root)) {
		/* SendGrid: [{"date", "stats": [{"metrics": {"processed", "delivered"}}]}] */
		json_array_foreach(root, i, v) {
			json_array_foreach(json_object_get(v, "stats"), j, s) {
				long p = get(s, "metrics", "processed");
				*sent += p ? p : get(s, "metrics", "requests");
				*delivered += get(s, "metrics", "delivered");
			}
		}
		rc = 0;
	}
	if (rc != 0)
		sh_error_set(err, SH_ERR_DATA, path, 0,
			     "'%s' is neither Mailgun stats/total nor SendGrid stats JSON", path);
	json_decref(root);
	return rc;
}
