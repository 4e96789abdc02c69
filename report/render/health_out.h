/* health_out.h - what `health` prints: the verdict table per sending domain (rates and
 * reasons) and per client, or the report's health array as JSON. The English column
 * names and verdict ids are an interface (monitors and scripts read them), not UI text.
 * Contract: writes to a caller's stream, never fails itself (the caller checks the
 * stream); thread-safe for distinct streams. */
#ifndef SH_REPORT_RENDER_HEALTH_OUT_H
#define SH_REPORT_RENDER_HEALTH_OUT_H

#include <jansson.h>
#include <stddef.h>
#include <stdio.h>

/* doc's (borrowed) domains, only the one named only when not NULL, then its clients when
 * it has any. Returns the domain rows written. */
size_t health_out_table(const json_t *doc, const char *only, FILE *fp);
/* doc's health array, indented JSON; 0, or -1 when a write failed. */
int health_out_json(const json_t *doc, FILE *fp);

#endif
