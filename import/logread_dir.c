/* logread_dir.c - the message files of a directory or Maildir (cur/ then new/, each in name
 * order; hidden files, subdirectories and tmp/ left out), as logread.h declares: one
 * listing for the single reader and for the threads that split a directory. */
#include "import/logread.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/strbuf.h"

static int is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int not_hidden(const struct dirent *e)
{
	return e->d_name[0] != '.';
}

/* The regular files of dir, in name order, appended to *files (n, cap). */
static int list_messages(const char *dir, char ***files, size_t *n, size_t *cap,
			 struct sh_error *err)
{
	struct dirent **names = NULL;
	int i, count = scandir(dir, &names, not_hidden, alphasort);
	int slash = dir[0] && dir[strlen(dir) - 1] == '/';

	if (count < 0)
		return sh_error_set(err, SH_ERR_IO, NULL, 0, "cannot read the directory '%s': %s",
				    dir, strerror(errno));
	for (i = 0; i < count; i++) {
		size_t size = strlen(dir) + strlen(names[i]->d_name) + 2;
		char *path = xmalloc(size);
		snprintf(path, size, "%s%s%s", dir, slash ? "" : "/", names[i]->d_name);
		if (is_dir(path)) {
			free(path);
		} else {
			if (*n == *cap)
				*files = xrealloc(*files, (*cap = *cap ? *cap * 2 : 64) * sizeof(char *));
			(*files)[(*n)++] = path;
		}
		free(names[i]);
	}
	free(names);
	return 0;
}

char **logread_dir_files(const char *path, size_t *n, int *maildir, struct sh_error *err)
{
	size_t size = strlen(path) + 5, cap = 0;
	char *sub = xmalloc(size), **files = NULL;
	const char *sep = path[0] && path[strlen(path) - 1] == '/' ? "" : "/";
	int rc = 0, cur, new;

	*n = 0;
	snprintf(sub, size, "%s%scur", path, sep);
	cur = is_dir(sub);
	snprintf(sub, size, "%s%snew", path, sep);
	new = is_dir(sub);
	*maildir = cur || new;
	snprintf(sub, size, "%s%scur", path, sep);
	if (cur)
		rc = list_messages(sub, &files, n, &cap, err);
	snprintf(sub, size, "%s%snew", path, sep);
	if (rc == 0 && new)
		rc = list_messages(sub, &files, n, &cap, err);
	if (!*maildir)
		rc = list_messages(path, &files, n, &cap, err);
	free(sub);
	if (rc != 0) {
		logread_dir_files_free(files, *n);
		return NULL;
	}
	return files ? files : xcalloc(1, sizeof(char *));
}

void logread_dir_files_free(char **files, size_t n)
{
	size_t i;

	for (i = 0; files && i < n; i++)
		free(files[i]);
	free(files);
}
