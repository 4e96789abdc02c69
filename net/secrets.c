/* secrets.c - API keys from the environment or an owner-only key file, and redaction. */
#include "net/secrets.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/text.h"

/* A key's shape: SECRETS_MIN_LEN..SECRETS_MAX_LEN printable ASCII without spaces (a CR or
 * LF would let a key inject HTTP headers). 0 or -1 with err set. */
static int check_key(const char *key, const char *origin, struct sh_error *err)
{
	size_t i, n = strlen(key);

	if (n < SECRETS_MIN_LEN || n > SECRETS_MAX_LEN)
		return sh_error_set(err, SH_ERR_USAGE, NULL, 0,
				    "the API key from %s is %s to be a key (%zu characters)",
				    origin, n < SECRETS_MIN_LEN ? "too short" : "too long", n);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)key[i];
		if (c <= ' ' || c >= 0x7f)
			return sh_error_set(
			    err, SH_ERR_USAGE, NULL, 0,
			    "the API key from %s contains a space or control character "
			    "at position %zu",
			    origin, i + 1);
	}
	return 0;
}

/* Reads the first line of an owner-only file. The mode is checked on the open
 * descriptor, so a file swapped between check and read cannot slip through. */
static char *load_file(const char *path, struct sh_error *err)
{
	char buf[SECRETS_MAX_LEN + 64];
	struct stat st;
	const char *s = buf;
	size_t n = 0, len;
	ssize_t r;
	char *key = NULL;
	int fd = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC);

	if (fd < 0) {
		sh_error_set(err, SH_ERR_IO, NULL, 0, "cannot open the key file '%s': %s", path,
			     strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		sh_error_set(err, SH_ERR_USAGE, NULL, 0, "the key file '%s' is not a regular file",
			     path);
		goto out;
	}
	if (st.st_mode & 077) {
		sh_error_set(err, SH_ERR_USAGE, NULL, 0,
			     "the key file '%s' is open to group or others (mode %04o); "
			     "run 'chmod 600 %s' so that only you can read it",
			     path, (unsigned)(st.st_mode & 07777), path);
		goto out;
	}
	while (n < sizeof(buf) - 1 && (r = read(fd, buf + n, sizeof(buf) - 1 - n)) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			sh_error_set(err, SH_ERR_IO, NULL, 0, "cannot read the key file '%s': %s",
				     path, strerror(errno));
			goto out;
		}
		n += (size_t)r;
	}
	buf[n] = '\0';
	len = strcspn(buf, "\r\n");
	text_trim(&s, &len);
	key = xstrndup(s, len);
	if (check_key(key, "the key file", err) != 0) {
		secrets_free(key);
		key = NULL;
	}
out:
	memset(buf, 0, sizeof(buf));
	close(fd);
	return key;
}

char *secrets_load(const char *env_name, const char *key_file, struct sh_error *err)
{
	const char *v;
	char origin[64];
	char *key;

	if (key_file)
		return load_file(key_file, err);
	v = getenv(env_name);
	if (!v || !*v) {
		sh_error_set(err, SH_ERR_USAGE, NULL, 0,
			     "no API key: set $%s or give --api-key-file FILE", env_name);
		return NULL;
	}
	snprintf(origin, sizeof(origin), "$%s", env_name);
	key = xstrdup(v);
	if (check_key(key, origin, err) != 0) {
		secrets_free(key);
		return NULL;
	}
	return key;
}

void secrets_free(char *key)
{
	volatile char *p = key;

	if (!key)
		return;
	while (*p)
		*p++ = '\0';
	free(key);
}

void secrets_redact(struct strbuf *out, const char *text, const char *secret)
{
	size_t n = secret ? strlen(secret) : 0;
	const char *p;

	if (!n) {
		strbuf_adds(out, text);
		return;
	}
	while ((p = strstr(text, secret)) != NULL) {
		strbuf_add(out, text, (size_t)(p - text));
		strbuf_adds(out, "***");
		text = p + n;
	}
	strbuf_adds(out, text);
}

void secrets_redact_buf(char *buf, size_t size, const char *secret)
{
	struct strbuf sb;

	if (!secret || !*secret || !size || !strstr(buf, secret))
		return;
	strbuf_init(&sb);
	secrets_redact(&sb, buf, secret);
	snprintf(buf, size, "%s", sb.buf);
	strbuf_release(&sb);
}
