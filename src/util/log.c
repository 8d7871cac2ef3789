/*
 * A GLib log writer that prints exactly one line per message to stderr:
 * "statuswatch: warning: source 'azure': ..." on a terminal, or
 * "<4>source 'azure': ..." when stderr is the journal (JOURNAL_STREAM), so that
 * journald records the priority.  The verbosity is the only mutable global in
 * the program (besides curl's global init); it is set once by cli_main().
 */
#include "util/log.h"

#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "util/terminal.h"

static LogVerbosity verbosity = LOG_VERBOSITY_NORMAL;
static gboolean to_journal;

static int
syslog_priority(GLogLevelFlags level)
{
	/* Same mapping as GLib's own journal writer. */
	if (level & G_LOG_LEVEL_ERROR) {
		return 3;
	}
	if (level & G_LOG_LEVEL_CRITICAL) {
		return 4;
	}
	if (level & G_LOG_LEVEL_WARNING) {
		return 4;
	}
	if (level & G_LOG_LEVEL_MESSAGE) {
		return 5;
	}
	if (level & G_LOG_LEVEL_INFO) {
		return 6;
	}
	return 7;
}

static const char *
level_word(GLogLevelFlags level)
{
	if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL)) {
		return "error: ";
	}
	if (level & G_LOG_LEVEL_WARNING) {
		return "warning: ";
	}
	if (level & G_LOG_LEVEL_DEBUG) {
		return "debug: ";
	}
	return "";
}

static gboolean
level_enabled(GLogLevelFlags level)
{
	if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING)) {
		return TRUE;
	}
	if (level & G_LOG_LEVEL_MESSAGE) {
		return verbosity >= LOG_VERBOSITY_NORMAL;
	}
	if (level & G_LOG_LEVEL_INFO) {
		return verbosity >= LOG_VERBOSITY_VERBOSE;
	}
	return verbosity >= LOG_VERBOSITY_DEBUG;
}

static GLogWriterOutput
writer(GLogLevelFlags level, const GLogField *fields, gsize n_fields, gpointer user_data)
{
	const char *message = NULL;

	if (!level_enabled(level)) {
		return G_LOG_WRITER_HANDLED;
	}
	for (gsize i = 0; i < n_fields; i++) {
		if (strcmp(fields[i].key, "MESSAGE") == 0) {
			message = fields[i].value;
			break;
		}
	}
	if (message == NULL) {
		return G_LOG_WRITER_UNHANDLED;
	}
	/* One event, one line: fold any newline a message might carry, and show other control
	 * characters (a server's reason phrase may hold terminal escapes, C1 ones too) as '?'. */
	g_autofree char *line = terminal_safe(message, true);
	if (to_journal) {
		fprintf(stderr, "<%d>%s\n", syslog_priority(level), line);
	} else {
		fprintf(stderr, "statuswatch: %s%s\n", level_word(level), line);
	}
	fflush(stderr);
	return G_LOG_WRITER_HANDLED;
}

void
log_setup(LogVerbosity v)
{
	static gboolean installed;

	verbosity = v;
	to_journal = g_getenv("JOURNAL_STREAM") != NULL;
	if (!installed) {
		g_log_set_writer_func(writer, NULL, NULL);
		installed = TRUE;
	}
}
