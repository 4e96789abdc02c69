/* atomic_file.c - temp file + fsync + rename, with temp files removed on signals.
 * The one piece of process-wide mutable state in the program lives here: a signal
 * handler can only reach globals, so the list of live temp paths is a static table. */
#include "util/atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/strbuf.h"

#define CLEANUP_SLOTS 64
/* Lock-free atomics: a slot is claimed by one thread only, and the signal handler may read
 * them at any moment (C11 7.14.1.1 allows lock-free atomic objects there). */
static _Atomic(char *) cleanup_paths[CLEANUP_SLOTS];
_Static_assert(ATOMIC_POINTER_LOCK_FREE == 2, "the signal handler reads the slots");

static int registry_add(char *path)
{
	int i;

	for (i = 0; i < CLEANUP_SLOTS; i++) {
		char *expected = NULL;
		if (atomic_compare_exchange_strong(&cleanup_paths[i], &expected, path))
			return i;
	}
	return -1;
}

static void registry_drop(int slot)
{
	if (slot >= 0 && slot < CLEANUP_SLOTS)
		atomic_store(&cleanup_paths[slot], NULL);
}

static void on_signal(int sig)
{
	int i;

	for (i = 0; i < CLEANUP_SLOTS; i++) {
		char *p = atomic_load(&cleanup_paths[i]);
		if (p)
			unlink(p);
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

void atomic_file_install_signal_cleanup(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	/* past a file-size limit (ulimit -f) a write fails with EFBIG and is reported like a
	 * full disk, instead of the signal killing the run with its temp file left behind */
	signal(SIGXFSZ, SIG_IGN);
}

int atomic_file_track(char *path)
{
	return registry_add(path);
}

void atomic_file_untrack(int slot)
{
	registry_drop(slot);
}

int atomic_file_is_special(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode);
}

/* A target that is not a regular file (/dev/null, a FIFO, a terminal) is written in place:
 * a rename would replace it. */
static int open_in_place(struct atomic_file *af, const char *path, struct sh_error *err)
{
	af->fp = fopen(path, "w");
	if (af->fp)
		return 0;
	sh_error_set(err, SH_ERR_IO, path, 0, "cannot write '%s': %s", path, strerror(errno));
	free(af->path);
	af->path = NULL;
	return -1;
}

/* The mkstemp template beside path: DIR/.NAME.tmp.XXXXXX (owned by the caller). */
static char *temp_template(const char *path)
{
	struct strbuf tmp;
	const char *slash = strrchr(path, '/');

	strbuf_init(&tmp);
	if (slash) {
		strbuf_add(&tmp, path, (size_t)(slash - path) + 1);
		strbuf_addf(&tmp, ".%s.tmp.XXXXXX", slash + 1);
	} else {
		strbuf_addf(&tmp, ".%s.tmp.XXXXXX", path);
	}
	return strbuf_detach(&tmp, NULL);
}

/* Creates af->tmp and registers it; returns its descriptor, or -1 with af emptied. */
static int create_temp(struct atomic_file *af, const char *path, struct sh_error *err)
{
	mode_t um;
	int fd;

	af->tmp = temp_template(path);
	/* registered before it exists: mkstemp fills in the name in this very buffer, so a
	 * signal at any moment after the file is created finds it */
	af->slot = registry_add(af->tmp);
	fd = mkstemp(af->tmp);
	if (fd < 0) {
		sh_error_set(err, SH_ERR_IO, path, 0, "cannot create a temporary file beside '%s': %s",
			     path, strerror(errno));
		registry_drop(af->slot);
		af->slot = -1;
		free(af->tmp);
		af->tmp = NULL;
		free(af->path);
		af->path = NULL;
		return -1;
	}
	/* mkstemp makes 0600; reports are meant to be shared, so honour the umask. */
	um = umask(0);
	umask(um);
	fchmod(fd, 0666 & ~um);
	return fd;
}

int atomic_file_open(struct atomic_file *af, const char *path, struct sh_error *err)
{
	int fd;

	memset(af, 0, sizeof(*af));
	af->slot = -1;
	af->path = xstrdup(path);
	if (!strcmp(path, "-")) {
		af->fp = stdout;
		return 0;
	}
	if (atomic_file_is_special(path))
		return open_in_place(af, path, err);
	if ((fd = create_temp(af, path, err)) < 0)
		return -1;
	af->fp = fdopen(fd, "w");
	if (!af->fp) {
		close(fd);
		sh_error_set(err, SH_ERR_IO, path, 0, "cannot write '%s': %s", path, strerror(errno));
		atomic_file_abort(af);
		return -1;
	}
	return 0;
}

/* Standard output or a special file: only the flush (and close) can fail. */
static int commit_in_place(struct atomic_file *af, struct sh_error *err)
{
	int bad = fflush(af->fp) != 0 || ferror(af->fp);

	if (af->fp != stdout) {
		bad |= fclose(af->fp) != 0;
		af->fp = NULL;
	}
	if (bad)
		return sh_error_set(err, SH_ERR_IO, NULL, 0, "cannot write to %s: %s",
				    strcmp(af->path, "-") ? af->path : "standard output",
				    strerror(errno ? errno : EIO));
	return 0;
}

/* The temp file: flushed, synced, closed and renamed over the target, each step checked. */
static int commit_temp(struct atomic_file *af, struct sh_error *err)
{
	if (fflush(af->fp) != 0 || ferror(af->fp) || fsync(fileno(af->fp)) != 0)
		return sh_error_set(err, SH_ERR_IO, af->path, 0, "cannot write '%s': %s", af->path,
				    strerror(errno ? errno : EIO));
	if (fclose(af->fp) != 0) {
		af->fp = NULL;
		return sh_error_set(err, SH_ERR_IO, af->path, 0, "cannot write '%s': %s", af->path,
				    strerror(errno));
	}
	af->fp = NULL;
	if (rename(af->tmp, af->path) != 0)
		return sh_error_set(err, SH_ERR_IO, af->path, 0,
				    "cannot rename the temporary file to '%s': %s", af->path,
				    strerror(errno));
	registry_drop(af->slot);
	af->slot = -1;
	free(af->tmp);
	af->tmp = NULL;
	return 0;
}

int atomic_file_commit(struct atomic_file *af, struct sh_error *err)
{
	int rc;

	if (!af->fp)
		return sh_error_set(err, SH_ERR_IO, af->path, 0, "'%s' is not open",
				    af->path ? af->path : "?");
	rc = af->tmp ? commit_temp(af, err) : commit_in_place(af, err);
	if (rc == 0) {
		free(af->path);
		af->path = NULL;
		af->fp = NULL;
	} else {
		atomic_file_abort(af);
	}
	return rc;
}

void atomic_file_abort(struct atomic_file *af)
{
	if (!af)
		return;
	if (af->fp && af->fp != stdout)
		fclose(af->fp);
	af->fp = NULL;
	if (af->tmp) {
		unlink(af->tmp);
		registry_drop(af->slot);
		free(af->tmp);
		af->tmp = NULL;
	}
	af->slot = -1;
	free(af->path);
	af->path = NULL;
}

int atomic_file_mkdir_parents(const char *path, struct sh_error *err)
{
	char *dir = xstrdup(path);
	char *p;
	int rc = 0;

	for (p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
			rc = sh_error_set(err, SH_ERR_IO, path, 0, "cannot create the directory '%s': %s",
					  dir, strerror(errno));
			break;
		}
		*p = '/';
	}
	free(dir);
	return rc;
}

int atomic_file_open_path(struct atomic_file *af, const char *path, struct sh_error *err)
{
	if (!strcmp(path, "-")) {
		memset(af, 0, sizeof(*af));
		af->slot = -1;
		return sh_error_set(err, SH_ERR_USAGE, NULL, 0,
				    "this format cannot be written to standard output; name a file");
	}
	if (atomic_file_open(af, path, err) != 0)
		return -1;
	/* The writer opens af->tmp by name; our stream is not needed, the file stays. */
	if (fclose(af->fp) != 0) {
		af->fp = NULL;
		sh_error_set(err, SH_ERR_IO, path, 0, "cannot write '%s': %s", path, strerror(errno));
		atomic_file_abort(af);
		return -1;
	}
	af->fp = NULL;
	return 0;
}

int atomic_file_commit_path(struct atomic_file *af, struct sh_error *err)
{
	int fd;

	if (!af->tmp && af->path) { /* written in place */
		free(af->path);
		af->path = NULL;
		return 0;
	}
	if (!af->tmp || !af->path) {
		sh_error_set(err, SH_ERR_IO, af->path, 0, "'%s' is not open", af->path ? af->path : "?");
		atomic_file_abort(af);
		return -1;
	}
	fd = open(af->tmp, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fsync(fd) != 0) {
		sh_error_set(err, SH_ERR_IO, af->path, 0, "cannot write '%s': %s", af->path,
			     strerror(errno));
		if (fd >= 0)
			close(fd);
		atomic_file_abort(af);
		return -1;
	}
	if (close(fd) != 0 || rename(af->tmp, af->path) != 0) {
		sh_error_set(err, SH_ERR_IO, af->path, 0, "cannot rename the temporary file to '%s': %s",
			     af->path, strerror(errno));
		atomic_file_abort(af);
		return -1;
	}
	registry_drop(af->slot);
	af->slot = -1;
	free(af->tmp);
	af->tmp = NULL;
	free(af->path);
	af->path = NULL;
	return 0;
}
