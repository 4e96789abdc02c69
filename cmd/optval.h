/* optval.h - the OPTK_CALL parse functions that several commands' option tables share:
 * each checks one option's argument and stores it in the field the row names.
 * Contract: 0, or -1 with err->msg the whole usage message; pure, thread-safe. */
#ifndef SH_CMD_OPTVAL_H
#define SH_CMD_OPTVAL_H

#include "util/error.h"

/* --input-format: field is an enum logread_format. */
int optval_input_format(void *field, const char *arg, struct sh_error *err);
/* --date-order: field is an int (enum time_date_order): dmy, mdy, ymd or auto. */
int optval_date_order(void *field, const char *arg, struct sh_error *err);
/* --lang: field is an enum sh_lang: en or de. */
int optval_lang(void *field, const char *arg, struct sh_error *err);
/* --provider: field is a const char *, set to arg when it names a catalogue provider. */
int optval_provider(void *field, const char *arg, struct sh_error *err);
/* --api-key: always refuses, saying why and what to use instead (a key in argv shows in
 * ps and in the shell history); field is not touched. */
int optval_refuse_api_key(void *field, const char *arg, struct sh_error *err);

#endif
