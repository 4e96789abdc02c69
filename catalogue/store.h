/* store.h - which catalogue is in use, in the order --catalogue FILE >
 * $SENDHEALTH_CATALOGUE > the built-in one with the synced sheet over it > the built-in one (README "The catalogue").
 * Every function here returns a new catalogue the caller frees with catalogue_free, or
 * NULL with err set. They read the environment and files: call them before threads start. */
#ifndef SH_CATALOGUE_STORE_H
#define SH_CATALOGUE_STORE_H

#include "catalogue/catalogue.h"
#include "util/error.h"

/* The catalogue built into the binary (data/catalogue.csv at build time). */
struct catalogue *catalogue_load_embedded(struct sh_error *err);

/* The built-in entries with the sheet layer read from sheet_path laid over them
 * (catalogue/layers.h); kind CAT_SRC_SYNCED, source sheet_path. */
struct catalogue *catalogue_load_layered(const char *sheet_path, struct sh_error *err);

/* Resolves which catalogue to use: flag > $SENDHEALTH_CATALOGUE > synced copy > embedded.
 * A flag or environment file is a whole catalogue (its entries CAT_LAYER_FILE); the synced
 * copy holds the sheet layer only and is laid over the built-in entries. flag may be NULL. Returns NULL with err set when the chosen file cannot be read. */
struct catalogue *catalogue_load_default(const char *flag, struct sh_error *err);
/* The synced-copy path ($XDG_DATA_HOME or ~/.local/share)/sendhealth/catalogue.csv;
 * caller frees. NULL when neither XDG_DATA_HOME nor HOME is set. */
char *catalogue_synced_path(void);

#endif
