/* health_out.c - the fixed-width tables of `health`. */
#include "report/render/health_out.h"

#include <string.h>

#include "report/render/cell.h"
#include "report/render/json_out.h"

/* s left-aligned in width columns (printf pads bytes: "Bäckerei Müller" came out two
 * short), then one space. */
static void put_left(FILE *fp, const char *s, size_t width)
{
	size_t w;

	s = s ? s : "";
	w = cell_width(s, strlen(s));
	fprintf(fp, "%s%*s ", s, (int)(w < width ? width - w : 0), "");
}

static void print_rate(const json_t *rates, const char *id, FILE *fp)
{
	size_t i;
	json_t *r;

	json_array_foreach(rates, i, r) {
		if (strcmp(json_string_value(json_object_get(r, "id")), id))
			continue;
		if (json_is_null(json_object_get(r, "value")))
			fprintf(fp, " %9s", "-");
		else
			fprintf(fp, " %8.2f%%", json_number_value(json_object_get(r, "value")) * 100);
		return;
	}
	fprintf(fp, " %9s", "-");
}

static void domain_row(const json_t *h, FILE *fp)
{
	const char *d = json_string_value(json_object_get(h, "domain"));
	const char *c = json_string_value(json_object_get(h, "client"));
	const json_t *rates = json_object_get(h, "rates"), *reason;
	size_t k;

	put_left(fp, d, 30);
	put_left(fp, c ? c : "-", 18);
	put_left(fp, json_string_value(json_object_get(h, "verdict")), 17);
	fprintf(fp, "%9lld", (long long)json_integer_value(json_object_get(h, "sent")));
	print_rate(rates, "hard_bounce", fp);
	print_rate(rates, "complaint", fp);
	print_rate(rates, "throttle", fp);
	fputc('\n', fp);
	json_array_foreach(json_object_get(h, "reasons"), k, reason)
		fprintf(fp, "    %s\n", json_string_value(reason));
}

static void clients_table(const json_t *clients, FILE *fp)
{
	size_t i;
	json_t *c;

	fprintf(fp, "\n%-30s %-17s %9s\n", "CLIENT", "VERDICT", "SENT");
	json_array_foreach(clients, i, c) {
		const json_t *h = json_object_get(c, "health");
		put_left(fp, json_string_value(json_object_get(c, "client")), 30);
		put_left(fp, json_string_value(json_object_get(h, "verdict")), 17);
		fprintf(fp, "%9lld\n", (long long)json_integer_value(json_object_get(h, "sent")));
	}
}

size_t health_out_table(const json_t *doc, const char *only, FILE *fp)
{
	size_t i, shown = 0;
	json_t *h;

	fprintf(fp, "%-30s %-18s %-17s %9s %9s %9s %9s\n", "DOMAIN", "CLIENT", "VERDICT", "SENT",
		"BOUNCE", "COMPLAINT", "THROTTLE");
	json_array_foreach(json_object_get(doc, "health"), i, h) {
		const char *d = json_string_value(json_object_get(h, "domain"));
		if (only && d && strcmp(d, only))
			continue;
		shown++;
		domain_row(h, fp);
	}
	if (json_array_size(json_object_get(doc, "clients")))
		clients_table(json_object_get(doc, "clients"), fp);
	return shown;
}

int health_out_json(const json_t *doc, FILE *fp)
{
	return json_out_write(json_object_get(doc, "health"), fp);
}
