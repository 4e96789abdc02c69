/* secrets.h - API keys: where they may come from and how they stay out of every output.
 * Contract: a key comes from an environment variable or from the first line of a key
 * file that only its owner can read - never from a command-line value (argv is visible
 * to every user via ps and lands in shell history). Keys are owned by the caller and
 * released with secrets_free, which wipes them. Nothing here prints.
 * Threads: all thread-safe (no state; secrets_load reads the environment, which sendhealth
 * never changes). */
#ifndef SH_NET_SECRETS_H
#define SH_NET_SECRETS_H

#include <stddef.h>

#include "util/error.h"
#include "util/strbuf.h"

/* Shorter keys are refused: redacting a 3-character "key" would shred unrelated text. */
#define SECRETS_MIN_LEN 8
#define SECRETS_MAX_LEN 512

/* Loads the key: from key_file when it is not NULL (first line, trimmed; the file must be
 * a regular file with no group or other permission bits), else from $env_name. Returns
 * an owned key or NULL with err set (SH_ERR_USAGE when no key is configured or the file's
 * mode is too open, SH_ERR_IO when the file cannot be read). The key itself is never
 * quoted in a message. */
char *secrets_load(const char *env_name, const char *key_file, struct sh_error *err);

/* Wipes and frees; NULL is fine. */
void secrets_free(char *key);

/* Appends text to out with every occurrence of secret replaced by "***". A NULL or
 * empty secret copies text unchanged. */
void secrets_redact(struct strbuf *out, const char *text, const char *secret);
/* The same in place on a NUL-terminated buffer of size bytes (the result may be
 * shorter, never longer, since "***" is shorter than any accepted key). */
void secrets_redact_buf(char *buf, size_t size, const char *secret);

#endif
