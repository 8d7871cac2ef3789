/*
 * Logging set-up: one line per event on stderr.  Under systemd (JOURNAL_STREAM
 * set) each line carries a syslog priority prefix such as "<3>" so journald
 * keeps the level.  Only cli.c, the poller and the daemon log at warning and
 * above; lower modules may g_debug().
 */
#ifndef SW_UTIL_LOG_H
#define SW_UTIL_LOG_H

typedef enum {
	LOG_VERBOSITY_QUIET = -1,  /* warnings and errors only */
	LOG_VERBOSITY_NORMAL = 0,  /* + g_message (state changes) */
	LOG_VERBOSITY_VERBOSE = 1, /* + g_info */
	LOG_VERBOSITY_DEBUG = 2,   /* + g_debug */
} LogVerbosity;

/* Installs the writer.  Call once from cli_main(); safe to call again to change level. */
void log_setup(LogVerbosity verbosity);

#endif
