/* atomic_file.h - write a file so readers only ever see the old or the complete new one.
 * Contract: atomic_file_open creates a temp file beside the target; the caller writes to
 * af->fp; atomic_file_commit flushes, fsyncs and renames (checking every step);
 * atomic_file_abort (also safe after a failed commit, and on a zeroed struct) removes the
 * temp file. "-" means stdout, and a target that is not a regular file (/dev/null, a FIFO)
 * is never renamed over: both are written directly, commit checks the flush.
 * While a temp file exists it is registered so that SIGINT/SIGTERM remove it.
 * Ownership: struct atomic_file is the caller's; af->fp, af->path and af->tmp are owned by it
 * until commit or abort, which release them. Threads: each atomic_file is one thread's; the
 * signal-cleanup registry behind track/untrack and open/commit is safe from any thread and
 * from the signal handler (a fixed array of slots claimed atomically). */
#ifndef SH_UTIL_ATOMIC_FILE_H
#define SH_UTIL_ATOMIC_FILE_H

#include <stdio.h>

#include "util/error.h"

struct atomic_file {
	FILE *fp;    /* write here; owned until commit/abort */
	char *path;  /* owned: the target */
	char *tmp;   /* owned: the temp file, NULL for stdout */
	int slot;    /* index in the signal-cleanup registry, -1 when none */
};

int atomic_file_open(struct atomic_file *af, const char *path, struct sh_error *err);
int atomic_file_commit(struct atomic_file *af, struct sh_error *err);
void atomic_file_abort(struct atomic_file *af);

/* The "path only" variant, for writers that open the file by name themselves (libxlsxwriter):
 * atomic_file_open_path creates and registers the temp file beside path, leaves af->fp NULL
 * and af->tmp naming the file to write; atomic_file_commit_path fsyncs af->tmp and renames it
 * over path; atomic_file_abort removes it. "-" (stdout) is refused: the caller decides. A
 * target that is not a regular file is written in place: af->tmp is NULL then, the writer
 * writes af->path, and commit has nothing to rename. */
int atomic_file_open_path(struct atomic_file *af, const char *path, struct sh_error *err);
int atomic_file_commit_path(struct atomic_file *af, struct sh_error *err);

/* Installs SIGINT/SIGTERM/SIGHUP handlers that unlink registered temp files and then
 * re-raise the signal. Called once by main. */
void atomic_file_install_signal_cleanup(void);

/* For writers with their own temp file (fetch's FILE.part): path (borrowed until
 * untracked) is removed if SIGINT/SIGTERM/SIGHUP arrives. Returns the slot, or -1 when
 * the registry is full. */
int atomic_file_track(char *path);
void atomic_file_untrack(int slot);

/* 1 when path names something that is not a regular file or a directory (/dev/null, a
 * FIFO, a terminal): it is written in place, never replaced by a rename. */
int atomic_file_is_special(const char *path);

/* Creates the directories above path (like mkdir -p of its dirname), mode 0755. */
int atomic_file_mkdir_parents(const char *path, struct sh_error *err);

#endif
