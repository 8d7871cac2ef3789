/*
 * Drives a Tray (src/desktop/tray.c) for tests/integration/test_tray.py: the
 * same calls the daemon makes, with the open incidents read from stdin instead
 * of the store, and every callback written to stdout, so the Python side can
 * play tray host over a real (private) session bus and check what a user sees.
 *
 * stdin, one command per line:
 *   open ID SEVERITY URL TITLE...   add or replace an open incident (URL "-" = none)
 *   resolve ID                      drop it
 *   sync                            answer "synced" (everything before is applied)
 * stdout, one line per event:
 *   notice MESSAGE | open-url ID URL | mute-all SECONDS ID,ID... | open-digest | quit
 * Exits 0 on "Quit" from the menu or at the end of stdin.
 */
#include <stdio.h>
#include <string.h>

#include <gio/gio.h>
#include <gio/gunixinputstream.h>

#include "desktop/tray.h"

typedef struct {
	Tray *tray;
	GMainLoop *loop;
	GDataInputStream *in;
	GPtrArray *open; /* TrayIncident *, strings owned (freed in incident_free) */
} Driver;

static void
say(const char *fmt, ...) G_GNUC_PRINTF(1, 2);

static void
say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

static void
incident_free(gpointer p)
{
	TrayIncident *inc = p;

	g_free((char *)inc->id);
	g_free((char *)inc->title);
	g_free((char *)inc->url);
	g_free(inc);
}

static void
drop(Driver *d, const char *id)
{
	for (guint i = 0; i < d->open->len; i++) {
		if (strcmp(((TrayIncident *)d->open->pdata[i])->id, id) == 0) {
			g_ptr_array_remove_index(d->open, i);
			return;
		}
	}
}

static void
command(Driver *d, const char *line)
{
	g_auto(GStrv) w = g_strsplit(line, " ", 5);
	guint n = g_strv_length(w);

	if (n == 5 && strcmp(w[0], "open") == 0) {
		TrayIncident *inc = g_new0(TrayIncident, 1);
		inc->id = g_strdup(w[1]);
		inc->severity = advisory_severity_from_string(w[2]);
		inc->url = strcmp(w[3], "-") == 0 ? NULL : g_strdup(w[3]);
		inc->title = g_strdup(w[4]);
		drop(d, w[1]);
		g_ptr_array_add(d->open, inc);
		tray_set_incidents(d->tray, d->open);
	} else if (n == 2 && strcmp(w[0], "resolve") == 0) {
		drop(d, w[1]);
		tray_set_incidents(d->tray, d->open);
	} else if (n == 1 && strcmp(w[0], "sync") == 0) {
		say("synced");
	} else {
		say("bad-command %s", line);
	}
}

static void
on_line(GObject *source, GAsyncResult *res, gpointer user_data)
{
	Driver *d = user_data;
	g_autoptr(GError) error = NULL;
	g_autofree char *line =
		g_data_input_stream_read_line_finish_utf8(d->in, res, NULL, &error);

	if (line == NULL) {
		g_main_loop_quit(d->loop);
		return;
	}
	command(d, line);
	g_data_input_stream_read_line_async(d->in, G_PRIORITY_DEFAULT, NULL, on_line, d);
}

static void
on_open_url(const char *id, const char *url, gpointer user_data)
{
	say("open-url %s %s", id, url);
}

static void
on_mute_all(GPtrArray *ids, gint64 seconds, gpointer user_data)
{
	g_autoptr(GString) list = g_string_new(NULL);

	for (guint i = 0; i < ids->len; i++) {
		g_string_append_printf(list, "%s%s", i > 0 ? "," : "", (char *)ids->pdata[i]);
	}
	say("mute-all %" G_GINT64_FORMAT " %s", seconds, list->str);
}

static void
on_open_digest(gpointer user_data)
{
	say("open-digest");
}

static void
on_quit(gpointer user_data)
{
	Driver *d = user_data;

	say("quit");
	g_main_loop_quit(d->loop);
}

static void
on_notice(const char *message, gpointer user_data)
{
	say("notice %s", message);
}

int
main(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GInputStream) raw = g_unix_input_stream_new(0, FALSE);
	const TrayCallbacks cb = {
		.open_url = on_open_url,
		.mute_all = on_mute_all,
		.open_digest = on_open_digest,
		.quit = on_quit,
		.notice = on_notice,
	};
	Driver d = {0};

	d.open = g_ptr_array_new_with_free_func(incident_free);
	d.loop = g_main_loop_new(NULL, FALSE);
	d.tray = tray_new(NULL, "/nonexistent/icons", &cb, &d, &error);
	if (d.tray == NULL) {
		fprintf(stderr, "tray-driver: %s\n", error->message);
		return 1;
	}
	d.in = g_data_input_stream_new(raw);
	g_data_input_stream_read_line_async(d.in, G_PRIORITY_DEFAULT, NULL, on_line, &d);
	g_main_loop_run(d.loop);
	tray_free(d.tray);
	g_object_unref(d.in);
	g_main_loop_unref(d.loop);
	g_ptr_array_unref(d.open);
	return 0;
}
