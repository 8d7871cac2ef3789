/*
 * One writer per state directory (issue 16, defect 8): the daemon, `poll`, `merge` and
 * `split` hold an exclusive lock on DIR/lock for as long as they run, so two processes
 * never both store, link and alert (`merge` and `split` refused the lock only record their
 * decision and leave the relink to the holder: cli_decide.c) (two pollers both logged 649 incidents as "opened":
 * with alerting, a double alert).  Read-only commands take no lock, nor does `digest`
 * (its one write, the claim on a period, is granted once by the database).  The lock is flock(2)
 * on an open file: the kernel drops it when the process ends, however it ends, so a
 * crash never leaves the directory locked.  The file holds "PID COMMAND" of the holder
 * so a refusal can say who it is.
 *
 * Also checks the directory's and state.db's permissions: created 0700 and 0600
 * (store_open()), and anything wider is reported by state_dir_permission_warnings().
 */
#ifndef SW_STORE_STATE_LOCK_H
#define SW_STORE_STATE_LOCK_H

#include <stdbool.h>

#include <glib.h>

typedef struct StateLock StateLock;

/*
 * Creates @dir (0700) if needed and takes the lock, recording @holder ("statuswatch
 * run").  Errors: SW_ERROR_TEMPORARY when another process holds it ("state directory
 * '/x' is in use by statuswatch run (pid 4242)"), SW_ERROR_IO otherwise.  Caller frees
 * with state_lock_release(), which drops the lock; NULL is a no-op.
 */
StateLock *state_lock_acquire(const char *dir, const char *holder, GError **error);
void state_lock_release(StateLock *lock);

/*
 * Who @dir's lock file names as holder: its pid and command ("statuswatch run", made
 * printable), or false when the file is absent, empty or unreadable.  It says nothing of
 * whether the lock is held: call it after state_lock_acquire() was refused.  Caller frees
 * *@ret_command.
 */
bool state_lock_holder(const char *dir, long *ret_pid, char **ret_command);

/*
 * One line per problem, or NULL when there is none: @dir or its state.db readable or
 * writable by group or others ("state directory '/x' is mode 0755: others can read
 * the incident history; chmod 700 it").  Caller frees with g_strfreev().
 */
char **state_dir_permission_warnings(const char *dir);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(StateLock, state_lock_release)

#endif
