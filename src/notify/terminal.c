/*
 * The terminal notifier: writes each alert, rendered by render_text(), to
 * standard output (the terminal of `statuswatch run`, or the journal under
 * systemd), framed so consecutive alerts are told apart.  The simplest
 * channel, and the one `replay` and the default configuration fall back to
 * when there is no desktop.  It never fails except when stdout is gone.
 */
#include <stdio.h>
#include <string.h>

#include "model/alert.h"
#include "notify/notifier.h"
#include "notify/render.h"
#include "util/error.h"

static gpointer
terminal_create(const char *name, GHashTable *keys, GError **error)
{
	return g_strdup(name);
}

static bool
terminal_send(gpointer state, const Alert *alert, NotifyResult *result, GError **error)
{
	g_autofree char *subject = render_subject(alert);
	g_autofree char *body = render_text(alert);
	int rc;

	/* One locked write per alert: senders on worker threads never interleave lines. */
	flockfile(stdout);
	rc = fprintf(stdout, "---- %s\n%s%s---- key %s\n", subject, body,
		     g_str_has_suffix(body, "\n") ? "" : "\n", alert->key != NULL ? alert->key : "-");
	if (rc >= 0) {
		rc = fflush(stdout);
	}
	funlockfile(stdout);
	if (rc < 0) {
		g_set_error(error, SW_ERROR, SW_ERROR_TEMPORARY, "notifier '%s': writing to stdout: %s",
			    (const char *)state, g_strerror(errno));
		return false;
	}
	result->answer = g_strdup("written to stdout");
	return true;
}

const NotifierOps terminal_ops = {
	.type = "terminal",
	.main_thread = false,
	.create = terminal_create,
	.send = terminal_send,
	.destroy = g_free,
};
