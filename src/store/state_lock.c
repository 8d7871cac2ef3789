/*
 * The state directory's lock and permission checks (see state_lock.h).  Plain POSIX
 * files: no SQLite here (SQLite's own locks serialize transactions, not processes).
 */
#include "store/state_lock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "util/error.h"
#include "util/terminal.h"

struct StateLock {
	int fd;     /* holds the flock */
	char *path; /* owned */
};

/* What the holder wrote ("4242 statuswatch run"): false if unreadable or empty. */
static bool
parse_holder(int fd, long *ret_pid, char **ret_command)
{
	char buf[256];
	ssize_t n = pread(fd, buf, sizeof buf - 1, 0);

	if (n <= 0) {
		return false;
	}
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	char *end = NULL;
	long pid = strtol(buf, &end, 10);
	if (pid <= 0 || end == buf || *end != ' ' || end[1] == '\0') {
		return false;
	}
	/* The command is ours, but the file could be anyone's: keep it printable. */
	*ret_command = terminal_safe(end + 1, true);
	*ret_pid = pid;
	return true;
}

/* "statuswatch run (pid 4242)"; NULL if unreadable or empty. */
static char *
read_holder(int fd)
{
	long pid = 0;
	g_autofree char *cmd = NULL;

	if (!parse_holder(fd, &pid, &cmd)) {
		return NULL;
	}
	return g_strdup_printf("%s (pid %ld)", cmd, pid);
}

bool
state_lock_holder(const char *dir, long *ret_pid, char **ret_command)
{
	g_return_val_if_fail(dir != NULL && ret_pid != NULL && ret_command != NULL, false);

	g_autofree char *path = g_build_filename(dir, "lock", NULL);
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0) {
		return false;
	}
	bool ok = parse_holder(fd, ret_pid, ret_command);
	close(fd);
	return ok;
}

StateLock *
state_lock_acquire(const char *dir, const char *holder, GError **error)
{
	g_return_val_if_fail(dir != NULL && holder != NULL, NULL);

	if (g_mkdir_with_parents(dir, 0700) != 0) {
		int err = errno;
		g_set_error(error, SW_ERROR, SW_ERROR_IO,
			    "state directory '%s': cannot create it: %s", dir, g_strerror(err));
		return NULL;
	}
	g_autofree char *path = g_build_filename(dir, "lock", NULL);
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0) {
		int err = errno;
		g_set_error(error, SW_ERROR, SW_ERROR_IO, "state directory '%s': cannot open %s: %s",
			    dir, path, g_strerror(err));
		return NULL;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		int err = errno;
		if (err == EWOULDBLOCK) {
			g_autofree char *who = read_holder(fd);
			g_set_error(error, SW_ERROR, SW_ERROR_TEMPORARY,
				    "state directory '%s' is in use by %s; one process at a time "
				    "polls and stores (read-only commands such as 'incidents' "
				    "work meanwhile)",
				    dir, who != NULL ? who : "another statuswatch");
		} else {
			g_set_error(error, SW_ERROR, SW_ERROR_IO, "state directory '%s': lock %s: %s",
				    dir, path, g_strerror(err));
		}
		close(fd);
		return NULL;
	}
	g_autofree char *line = g_strdup_printf("%ld %s\n", (long)getpid(), holder);
	gsize len = strlen(line);
	if (ftruncate(fd, 0) != 0 || pwrite(fd, line, len, 0) != (ssize_t)len) {
		/* Only the "who" of a later refusal is lost; the lock itself holds. */
		g_debug("state lock %s: cannot record the holder: %s", path, g_strerror(errno));
	}
	StateLock *lock = g_new0(StateLock, 1);
	lock->fd = fd;
	lock->path = g_steal_pointer(&path);
	return lock;
}

void
state_lock_release(StateLock *lock)
{
	if (lock == NULL) {
		return;
	}
	/* Emptied, not removed: unlinking a lock file races with the next taker. */
	if (ftruncate(lock->fd, 0) != 0) {
		g_debug("state lock %s: cannot clear it: %s", lock->path, g_strerror(errno));
	}
	close(lock->fd); /* drops the flock */
	g_free(lock->path);
	g_free(lock);
}

static void
check_mode(GPtrArray *out, const char *what, const char *path, const char *fix)
{
	GStatBuf st;

	if (g_lstat(path, &st) != 0) {
		return;
	}
	mode_t mode = st.st_mode & 0777;
	if ((mode & 077) != 0) {
		g_ptr_array_add(out, g_strdup_printf("%s '%s' is mode %04o: other users can read "
						     "the incident history%s; %s",
						     what, path, (unsigned)mode,
						     (mode & 022) != 0 ? " or change it" : "", fix));
	}
}

char **
state_dir_permission_warnings(const char *dir)
{
	g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func(g_free);
	g_autofree char *db = g_build_filename(dir, "state.db", NULL);

	check_mode(out, "state directory", dir, "chmod 700 it");
	check_mode(out, "state database", db, "chmod 600 it");
	if (out->len == 0) {
		return NULL;
	}
	g_ptr_array_add(out, NULL);
	return (char **)g_ptr_array_free(g_steal_pointer(&out), FALSE);
}
