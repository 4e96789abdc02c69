/* layers.h - the catalogue in use as layers: the built-in entries underneath and the
 * agency's sheet (synced or imported) on top. A sheet row overrides the built-in row with
 * the same id, or else the same provider, codes and message; rows the built-in layer does
 * not hold are added; built-in rows the sheet does not hold stay. A cell that differs
 * from the one beneath only in line breaks or runs of spaces is not a change.
 * Contract: pure functions over caller-owned catalogues; thread-safe on distinct data. */
#ifndef SH_CATALOGUE_LAYERS_H
#define SH_CATALOGUE_LAYERS_H

#include "catalogue/catalogue.h"

/* Lays sheet over base in place: overridden entries take the sheet's cells (keeping the
 * built-in id and any cell that differs only in white space) and become CAT_LAYER_SHEET;
 * new rows are appended as CAT_LAYER_SHEET. Fills base->layers. sheet is borrowed. */
void catalogue_layer_over(struct catalogue *base, const struct catalogue *sheet);

/* 1 when a and b are equal once runs of white space (line breaks included) are one space
 * and the ends are trimmed. */
int catalogue_cell_same(const char *a, const char *b);

/* 1 when every cell of a and b is the same in the sense above. */
int catalogue_entry_same(const struct cat_entry *a, const struct cat_entry *b);

/* "built-in", "sheet" or "file": static. */
const char *catalogue_layer_name(enum cat_layer layer);

#endif
