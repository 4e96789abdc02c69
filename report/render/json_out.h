/* json_out.h - a report document as indented JSON, written in large pieces.
 * Contract: returns 0, or -1 when a write failed (errno says why); thread-safe for
 * distinct streams. */
#ifndef SH_REPORT_RENDER_JSON_OUT_H
#define SH_REPORT_RENDER_JSON_OUT_H

#include <jansson.h>
#include <stdio.h>

/* doc (borrowed) to fp, indented by 2, with a final newline; every real in the shortest
 * form that reads back as the same double (0.05). */
int json_out_write(const json_t *doc, FILE *fp);

#endif
