/*
 * The desktop notifier (src/notify/desktop.c) against a recording
 * org.freedesktop.Notifications server (tests/integration/notification_server.py)
 * on a private session bus; tests/integration/test-desktop.sh runs this inside
 * dbus-run-session.  The test starts the server itself, after checking that
 * sending without one fails as a retryable error and that the same notifier
 * delivers once the server has appeared.
 *
 * What is checked is what a user would see: summary, body (services, impact
 * window, advisory ids), urgency, icon, the desktop-entry hint, the buttons
 * offered, one notification per incident replaced in place (replaces_id on the
 * later alerts), and that pressing "Mute 4h" mutes the incident in the store
 * and "Open" opens the advisory's page.
 *
 * /desktop/no-bus is run on its own with DBUS_SESSION_BUS_ADDRESS naming no bus.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "model/alert.h"
#include "notify/desktop.h"
#include "notify/notifier.h"
#include "store/store.h"
#include "util/error.h"

#define T0 1782900000 /* 2026-07-01 10:00 UTC */

static GSubprocess *server;
static char *tmpdir;

/* ---- the server ---- */

static GVariant *
control(const char *method, GVariant *params, const char *reply_type)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GDBusConnection) bus = g_bus_get_sync(G_BUS_TYPE_SESSION, NULL, &error);
	GVariant *reply;

	g_assert_no_error(error);
	reply = g_dbus_connection_call_sync(bus, "org.freedesktop.Notifications",
					    "/org/freedesktop/Notifications",
					    "org.statuswatch.Test", method, params,
					    reply_type != NULL ? G_VARIANT_TYPE(reply_type) : NULL,
					    G_DBUS_CALL_FLAGS_NONE, 10000, NULL, &error);
	g_assert_no_error(error);
	return reply;
}

/* The @i-th recorded Notify call (negative: from the end).  Caller deletes. */
static cJSON *
recorded(int i)
{
	g_autoptr(GVariant) reply = control("Recorded", NULL, "(s)");
	const char *json;
	cJSON *all, *one;

	g_variant_get(reply, "(&s)", &json);
	all = cJSON_Parse(json);
	g_assert_nonnull(all);
	if (i < 0) {
		i += cJSON_GetArraySize(all);
	}
	g_assert_cmpint(i, >=, 0);
	g_assert_cmpint(i, <, cJSON_GetArraySize(all));
	one = cJSON_DetachItemFromArray(all, i);
	cJSON_Delete(all);
	return one;
}

static int
n_recorded(void)
{
	g_autoptr(GVariant) reply = control("Recorded", NULL, "(s)");
	const char *json;
	cJSON *all;
	int n;

	g_variant_get(reply, "(&s)", &json);
	all = cJSON_Parse(json);
	n = cJSON_GetArraySize(all);
	cJSON_Delete(all);
	return n;
}

static const char *
str(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	g_assert_true(cJSON_IsString(v));
	return v->valuestring;
}

static int
num(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	g_assert_true(cJSON_IsNumber(v));
	return v->valueint;
}

static int
hint_num(const cJSON *o, const char *key)
{
	return num(cJSON_GetObjectItemCaseSensitive(o, "hints"), key);
}

static const char *
hint_str(const cJSON *o, const char *key)
{
	const cJSON *v =
		cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(o, "hints"), key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* The icon the server was asked to show: libnotify sends it as the image-path hint
 * (spec >= 1.2) or as app_icon (older servers). */
static const char *
icon(const cJSON *o)
{
	const char *path = hint_str(o, "image-path");

	return path != NULL ? path : str(o, "app_icon");
}

/* The action labels by key: "Open" for "open", NULL when not offered. */
static const char *
action(const cJSON *o, const char *key)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(o, "actions");
	int n = cJSON_GetArraySize(a);

	for (int i = 0; i + 1 < n; i += 2) {
		if (strcmp(cJSON_GetArrayItem(a, i)->valuestring, key) == 0) {
			return cJSON_GetArrayItem(a, i + 1)->valuestring;
		}
	}
	return NULL;
}

static void
on_server_appeared(GDBusConnection *c, const char *name, const char *owner, gpointer data)
{
	*(bool *)data = true;
}

/* Iterates the main context until *@flag or 10 s passed. */
static void
wait_for(const bool *flag, const char *what)
{
	gint64 end = g_get_monotonic_time() + 10 * G_USEC_PER_SEC;

	while (!*flag && g_get_monotonic_time() < end) {
		g_main_context_iteration(NULL, FALSE);
		g_usleep(2000);
	}
	if (!*flag) {
		g_error("timed out waiting for %s", what);
	}
}

static void
on_server_vanished(GDBusConnection *c, const char *name, gpointer data)
{
	*(bool *)data = true;
}

/* Starts the recording server announcing @caps (NULL: its default, actions body
 * body-markup). */
static void
start_server_with(const char *caps)
{
	g_autoptr(GError) error = NULL;
	const char *py = g_getenv("SW_PYTHON");
	bool up = false;
	guint watch;

	server = g_subprocess_new(G_SUBPROCESS_FLAGS_NONE, &error, py != NULL ? py : "python3",
				  g_getenv("NOTIFICATION_SERVER"), caps, NULL);
	g_assert_no_error(error);
	watch = g_bus_watch_name(G_BUS_TYPE_SESSION, "org.freedesktop.Notifications",
				 G_BUS_NAME_WATCHER_FLAGS_NONE, on_server_appeared, NULL, &up, NULL);
	wait_for(&up, "the notification server");
	g_bus_unwatch_name(watch);
}

static void
start_server(void)
{
	start_server_with(NULL);
}

/* Stops the server and waits until its name is gone from the bus. */
static void
stop_server(void)
{
	bool gone = false;
	guint watch = g_bus_watch_name(G_BUS_TYPE_SESSION, "org.freedesktop.Notifications",
				       G_BUS_NAME_WATCHER_FLAGS_NONE, NULL, on_server_vanished,
				       &gone, NULL);

	g_subprocess_force_exit(server);
	g_subprocess_wait(server, NULL, NULL);
	g_clear_object(&server);
	wait_for(&gone, "the notification server to go");
	g_bus_unwatch_name(watch);
}

static guint32
capability_calls(void)
{
	g_autoptr(GVariant) reply = control("CapabilityCalls", NULL, "(u)");
	guint32 n = 0;

	g_variant_get(reply, "(u)", &n);
	return n;
}

/* ---- alerts ---- */

static Advisory *
advisory(const char *id, AdvisorySeverity severity, const char *service, const char *title)
{
	Advisory *a = advisory_new("m365", id);

	a->title = g_strdup(title);
	a->severity = severity;
	a->status = ADVISORY_STATUS_INVESTIGATING;
	a->start = T0;
	a->url = g_strdup_printf("https://status.example.test/%s", id);
	advisory_add_service(a, service);
	return a;
}

/* An alert about incident @inc_id with members @ids (NULL-terminated). */
static Alert *
incident_alert(AlertKind kind, const char *inc_id, AdvisorySeverity severity, const char *title,
	       const char *const *ids, const char *thread_ref)
{
	Alert *alert = alert_new(kind, "key", "desk", T0 + 600);
	Incident *inc = incident_new(inc_id);

	for (guint i = 0; ids[i] != NULL; i++) {
		Advisory *a = advisory(ids[i], severity, "Exchange Online", title);
		if (kind == ALERT_KIND_RESOLVED) {
			a->status = ADVISORY_STATUS_RESOLVED;
			a->end = T0 + 3000;
		}
		incident_add_member(inc, a);
		advisory_unref(a);
	}
	alert->incident = inc;
	alert->thread_ref = g_strdup(thread_ref);
	return alert;
}

static Notifier *
desktop_notifier(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GHashTable) keys = g_hash_table_new(g_str_hash, g_str_equal);
	Notifier *n = notifier_new("desk", "desktop", keys, &error);

	g_assert_no_error(error);
	g_assert_true(notifier_ops(n)->main_thread);
	return n;
}

static char *
send_ok(Notifier *n, const Alert *alert)
{
	g_autoptr(GError) error = NULL;
	NotifyResult r = {0};
	char *ref;

	g_assert_true(notifier_send(n, alert, &r, &error));
	g_assert_no_error(error);
	g_assert_nonnull(r.thread_ref);
	ref = g_steal_pointer(&r.thread_ref);
	notify_result_clear(&r);
	return ref;
}

/* ---- tests ---- */

static void
test_no_bus(void)
{
	g_autoptr(Notifier) n = desktop_notifier();
	const char *ids[] = {"EX1", NULL};
	g_autoptr(Alert) alert =
		incident_alert(ALERT_KIND_OPENED, "INC-A", ADVISORY_SEVERITY_MAJOR, "t", ids, NULL);
	g_autoptr(GError) error = NULL;
	NotifyResult r = {0};

	g_assert_false(notifier_send(n, alert, &r, &error));
	g_assert_error(error, SW_ERROR, SW_ERROR_TEMPORARY);
	g_assert_nonnull(strstr(error->message, "notifier 'desk': no session bus"));
	g_assert_null(r.thread_ref);
}

/* No server: a temporary error naming the problem.  Then the server appears and the
 * same notifier (the same libnotify proxy) delivers. */
static void
test_server_appears(void)
{
	g_autoptr(Notifier) n = desktop_notifier();
	const char *ids[] = {"EX0", NULL};
	g_autoptr(Alert) alert = incident_alert(ALERT_KIND_OPENED, "INC-0",
						ADVISORY_SEVERITY_MINOR, "t", ids, NULL);
	g_autoptr(GError) error = NULL;
	g_autofree char *ref = NULL;
	NotifyResult r = {0};

	g_assert_false(notifier_send(n, alert, &r, &error));
	g_assert_error(error, SW_ERROR, SW_ERROR_TEMPORARY);
	g_assert_cmpstr(error->message, ==,
			"notifier 'desk': no notification server on the session bus (nobody "
			"owns org.freedesktop.Notifications)");
	start_server();
	ref = send_ok(n, alert);
	g_assert_cmpint(n_recorded(), ==, 1);
}

static void
test_in_place(void)
{
	g_autoptr(Notifier) n = desktop_notifier();
	const char *one[] = {"EX649175", NULL};
	const char *two[] = {"EX649175", "EX648815", NULL};
	g_autoptr(Alert) opened = incident_alert(ALERT_KIND_OPENED, "INC-A",
						 ADVISORY_SEVERITY_MAJOR,
						 "Users can't send email", one, NULL);
	g_autofree char *ref = send_ok(n, opened);
	cJSON *rec = recorded(-1);

	/* The first alert: a new notification. */
	g_assert_cmpint(num(rec, "replaces_id"), ==, 0);
	g_assert_cmpint(atoi(ref), ==, num(rec, "id"));
	g_assert_cmpstr(str(rec, "app_name"), ==, "statuswatch");
	g_assert_cmpstr(str(rec, "summary"), ==, "OPEN: Exchange Online, 1 advisory");
	g_assert_cmpstr(str(rec, "body"), ==,
			"Users can't send email\n"
			"Services: Exchange Online\n"
			"Impact: since 2026-07-01 10:00 UTC (ongoing)\n"
			"Advisory: EX649175");
	g_assert_cmpint(hint_num(rec, "urgency"), ==, 1);
	g_assert_cmpstr(icon(rec), ==, "statuswatch-major");
	g_assert_cmpstr(hint_str(rec, "desktop-entry"), ==, "statuswatch");
	g_assert_cmpstr(action(rec, "open"), ==, "Open");
	g_assert_null(action(rec, "mute-4h")); /* no mute function given: not offered */
	cJSON_Delete(rec);

	/* It grows: the outbox hands the id back, the same notification is replaced. */
	g_autoptr(Alert) grew = incident_alert(ALERT_KIND_GREW, "INC-A", ADVISORY_SEVERITY_MAJOR,
					       "Users can't send email", two, ref);
	alert_add_change(grew, "EX648815 joined");
	g_autofree char *ref2 = send_ok(n, grew);
	rec = recorded(-1);
	g_assert_cmpstr(ref2, ==, ref);
	g_assert_cmpint(num(rec, "replaces_id"), ==, atoi(ref));
	g_assert_cmpint(num(rec, "id"), ==, atoi(ref));
	g_assert_cmpstr(str(rec, "summary"), ==, "UPDATED: Exchange Online, 2 advisories");
	g_assert_nonnull(strstr(str(rec, "body"), "Advisories: EX649175, EX648815\n"
					       "Changed: EX648815 joined"));
	cJSON_Delete(rec);

	/* It resolves: same notification, low urgency, the ok icon. */
	g_autoptr(Alert) resolved = incident_alert(ALERT_KIND_RESOLVED, "INC-A",
						   ADVISORY_SEVERITY_MAJOR,
						   "Users can't send email", two, ref);
	g_autofree char *ref3 = send_ok(n, resolved);
	rec = recorded(-1);
	g_assert_cmpstr(ref3, ==, ref);
	g_assert_cmpint(num(rec, "replaces_id"), ==, atoi(ref));
	g_assert_cmpstr(str(rec, "summary"), ==, "RESOLVED: Exchange Online, 2 advisories");
	g_assert_nonnull(strstr(str(rec, "body"),
				"Impact: 2026-07-01 10:00 UTC – 2026-07-01 10:50 UTC"));
	g_assert_cmpint(hint_num(rec, "urgency"), ==, 0);
	g_assert_cmpstr(icon(rec), ==, "statuswatch-ok");
	cJSON_Delete(rec);

	/* A restarted daemon has a new notifier and only the stored id: still in place. */
	g_autoptr(Notifier) again = desktop_notifier();
	g_autoptr(Alert) reminder = incident_alert(ALERT_KIND_REMINDER, "INC-A",
						   ADVISORY_SEVERITY_MAJOR,
						   "Users can't send email", two, ref);
	g_autofree char *ref4 = send_ok(again, reminder);
	rec = recorded(-1);
	g_assert_cmpint(num(rec, "replaces_id"), ==, atoi(ref));
	g_assert_cmpstr(ref4, ==, ref);
	cJSON_Delete(rec);

	/* Another incident is another notification. */
	const char *other[] = {"MO1", NULL};
	g_autoptr(Alert) b = incident_alert(ALERT_KIND_OPENED, "INC-B", ADVISORY_SEVERITY_MINOR,
					    "Teams calls drop", other, NULL);
	g_autofree char *ref5 = send_ok(n, b);
	g_assert_cmpstr(ref5, !=, ref);
	rec = recorded(-1);
	g_assert_cmpint(num(rec, "replaces_id"), ==, 0);
	g_assert_cmpstr(icon(rec), ==, "statuswatch-minor");
	cJSON_Delete(rec);
}

/* The server's capabilities are asked once per notifier and server, not per alert (a
 * blocking D-Bus round trip each); a new server is asked again. */
static void
test_caps_asked_once(void)
{
	g_autoptr(Notifier) n = desktop_notifier();
	const char *ids[] = {"EX7", NULL};
	g_autoptr(Alert) a = incident_alert(ALERT_KIND_OPENED, "INC-7", ADVISORY_SEVERITY_MINOR,
					    "t", ids, NULL);
	guint32 before = capability_calls();

	for (int i = 0; i < 4; i++) {
		g_autofree char *ref = send_ok(n, a);
	}
	g_assert_cmpuint(capability_calls() - before, ==, 1);

	stop_server();
	start_server();
	g_autofree char *ref = send_ok(n, a);
	g_assert_cmpuint(capability_calls(), ==, 1);
}

static void
test_critical_and_markup(void)
{
	g_autoptr(Notifier) n = desktop_notifier();
	const char *ids[] = {"AZ1", NULL};
	g_autoptr(Alert) alert =
		incident_alert(ALERT_KIND_OPENED, "INC-C", ADVISORY_SEVERITY_CRITICAL,
			       "<b>Azure</b> & friends\ndown", ids, NULL);
	g_autofree char *ref = send_ok(n, alert);
	cJSON *rec = recorded(-1);

	g_assert_cmpint(hint_num(rec, "urgency"), ==, 2);
	g_assert_cmpstr(icon(rec), ==, "statuswatch-critical");
	/* body-markup announced: feed text is escaped, and stays on its line. */
	g_assert_true(g_str_has_prefix(str(rec, "body"),
				       "&lt;b&gt;Azure&lt;/b&gt; &amp; friends down\n"));
	cJSON_Delete(rec);

	/* Another server, without body-markup and without actions: plain text, no buttons
	 * (the same notifier asks the new server what it can do). */
	stop_server();
	start_server_with("body");
	g_autofree char *ref2 = send_ok(n, alert);
	rec = recorded(-1);
	stop_server();
	start_server();
	g_assert_true(g_str_has_prefix(str(rec, "body"), "<b>Azure</b> & friends down\n"));
	g_assert_cmpint(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(rec, "actions")), ==,
			0);
	cJSON_Delete(rec);
}

typedef struct {
	Store *store;
	bool called;
	char *incident_id;
	gint64 seconds;
} MuteCall;

static void
on_mute(const char *incident_id, gint64 seconds, gpointer user_data)
{
	MuteCall *m = user_data;
	g_autoptr(GError) error = NULL;

	m->called = true;
	m->incident_id = g_strdup(incident_id);
	m->seconds = seconds;
	/* What the daemon does: `statuswatch mute INCIDENT --for 4h`. */
	g_assert_true(store_mute_incident(m->store, incident_id, T0 + seconds, &error));
	g_assert_no_error(error);
}

static void
test_mute_action(void)
{
	g_autoptr(Notifier) n = desktop_notifier();
	g_autoptr(GError) error = NULL;
	g_autofree char *dir = g_build_filename(tmpdir, "state", NULL);
	MuteCall m = {0};
	const char *ids[] = {"EX1", NULL};
	gint64 until = 0;

	m.store = store_open(dir, &error);
	g_assert_no_error(error);
	g_assert_true(store_incident_muted_until(m.store, "INC-M", &until, &error));
	g_assert_cmpint(until, ==, SW_TIME_NONE);

	g_assert_true(desktop_notifier_set_mute_func(n, on_mute, &m));
	g_autoptr(Alert) alert = incident_alert(ALERT_KIND_OPENED, "INC-M",
						ADVISORY_SEVERITY_MAJOR, "Mail down", ids, NULL);
	g_autofree char *ref = send_ok(n, alert);
	cJSON *rec = recorded(-1);
	g_assert_cmpstr(action(rec, "mute-4h"), ==, "Mute 4h");
	cJSON_Delete(rec);

	g_autoptr(GVariant) r = control("Invoke", g_variant_new("(us)", atoi(ref), "mute-4h"),
					NULL);
	wait_for(&m.called, "the Mute 4h action");
	g_assert_cmpstr(m.incident_id, ==, "INC-M");
	g_assert_cmpint(m.seconds, ==, 4 * 3600);
	g_assert_true(store_incident_muted_until(m.store, "INC-M", &until, &error));
	g_assert_no_error(error);
	g_assert_cmpint(until, ==, T0 + 4 * 3600);

	/* A resolved incident has nothing left to mute. */
	g_autoptr(Alert) resolved = incident_alert(ALERT_KIND_RESOLVED, "INC-M",
						   ADVISORY_SEVERITY_MAJOR, "Mail down", ids, ref);
	g_autofree char *ref2 = send_ok(n, resolved);
	rec = recorded(-1);
	g_assert_null(action(rec, "mute-4h"));
	g_assert_cmpstr(action(rec, "open"), ==, "Open");
	cJSON_Delete(rec);

	g_free(m.incident_id);
	store_close(m.store);
}

/* "Open" launches the default handler for https URLs; the test installs one (a
 * .desktop file in XDG_DATA_HOME, chosen in XDG_CONFIG_HOME/mimeapps.list) that writes
 * the URL it was given to a file. */
static void
test_open_action(void)
{
	g_autoptr(Notifier) n = desktop_notifier();
	g_autofree char *opened = g_build_filename(tmpdir, "opened.txt", NULL);
	const char *ids[] = {"EX77", NULL};
	g_autoptr(Alert) alert = incident_alert(ALERT_KIND_OPENED, "INC-O",
						ADVISORY_SEVERITY_MINOR, "Slow", ids, NULL);
	g_autofree char *ref = send_ok(n, alert);
	g_autofree char *contents = NULL;
	bool done = false;
	gint64 end = g_get_monotonic_time() + 10 * G_USEC_PER_SEC;

	g_autoptr(GVariant) r = control("Invoke", g_variant_new("(us)", atoi(ref), "open"), NULL);
	while (!done && g_get_monotonic_time() < end) {
		g_main_context_iteration(NULL, FALSE);
		g_usleep(5000);
		g_clear_pointer(&contents, g_free);
		done = g_file_get_contents(opened, &contents, NULL, NULL) &&
		       strchr(contents, '\n') != NULL;
	}
	g_assert_true(done);
	g_assert_cmpstr(contents, ==, "https://status.example.test/EX77\n");
}

/* The user closed the popup: the next alert asks to replace the stored id, and the
 * server's answer (a new id) becomes the incident's new thread_ref. */
static void
test_dismissed(void)
{
	g_autoptr(Notifier) n = desktop_notifier();
	const char *ids[] = {"EX9", NULL};
	g_autoptr(Alert) alert = incident_alert(ALERT_KIND_OPENED, "INC-D",
						ADVISORY_SEVERITY_MINOR, "Flaky", ids, NULL);
	g_autofree char *ref = send_ok(n, alert);
	g_autoptr(GVariant) r = control("Dismiss", g_variant_new("(u)", atoi(ref)), NULL);
	int before = n_recorded();

	/* The server emitted NotificationClosed before it answered Dismiss, on the connection
	 * libnotify shares, so the signal is queued on the main context now: dispatch it.  (Had
	 * the notifier kept the closed notification, libnotify would have reset its id to 0 and
	 * the next alert would not ask to replace anything.) */
	while (g_main_context_pending(NULL)) {
		g_main_context_iteration(NULL, FALSE);
	}
	g_autoptr(Alert) grew = incident_alert(ALERT_KIND_CHANGED, "INC-D",
					       ADVISORY_SEVERITY_MINOR, "Flaky", ids, ref);
	g_autofree char *ref2 = send_ok(n, grew);
	cJSON *rec = recorded(-1);
	g_assert_cmpint(n_recorded(), ==, before + 1);
	g_assert_cmpint(num(rec, "replaces_id"), ==, atoi(ref));
	g_assert_cmpstr(ref2, !=, ref);
	cJSON_Delete(rec);
}

static void
install_url_handler(void)
{
	g_autofree char *apps = g_build_filename(tmpdir, "data", "applications", NULL);
	g_autofree char *conf = g_build_filename(tmpdir, "config", NULL);
	g_autofree char *desktop = g_build_filename(apps, "sw-test-browser.desktop", NULL);
	g_autofree char *mimeapps = g_build_filename(conf, "mimeapps.list", NULL);
	g_autofree char *opened = g_build_filename(tmpdir, "opened.txt", NULL);
	g_autofree char *entry = g_strdup_printf(
		"[Desktop Entry]\nType=Application\nName=test browser\n"
		"Exec=/bin/sh -c 'echo \"$0\" > %s' %%u\n"
		"MimeType=x-scheme-handler/https;\n",
		opened);

	g_assert_cmpint(g_mkdir_with_parents(apps, 0700), ==, 0);
	g_assert_cmpint(g_mkdir_with_parents(conf, 0700), ==, 0);
	g_assert_true(g_file_set_contents(desktop, entry, -1, NULL));
	g_assert_true(g_file_set_contents(
		mimeapps, "[Default Applications]\nx-scheme-handler/https=sw-test-browser.desktop\n",
		-1, NULL));
	g_autofree char *data = g_build_filename(tmpdir, "data", NULL);
	g_autofree char *none = g_build_filename(tmpdir, "none", NULL);
	g_setenv("XDG_DATA_HOME", data, TRUE);
	g_setenv("XDG_CONFIG_HOME", conf, TRUE);
	g_setenv("XDG_DATA_DIRS", none, TRUE);
}

int
main(int argc, char **argv)
{
	int rc;

	tmpdir = g_dir_make_tmp("sw-desktop-XXXXXX", NULL);
	install_url_handler();
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/desktop/no-bus", test_no_bus);
	g_test_add_func("/desktop/server-appears", test_server_appears);
	g_test_add_func("/desktop/in-place", test_in_place);
	g_test_add_func("/desktop/caps-asked-once", test_caps_asked_once);
	g_test_add_func("/desktop/critical-and-markup", test_critical_and_markup);
	g_test_add_func("/desktop/mute-action", test_mute_action);
	g_test_add_func("/desktop/open-action", test_open_action);
	g_test_add_func("/desktop/dismissed", test_dismissed);
	rc = g_test_run();
	if (server != NULL) {
		g_subprocess_force_exit(server);
		g_subprocess_wait(server, NULL, NULL);
		g_object_unref(server);
	}
	g_autofree char *cmd = g_strdup_printf("rm -rf '%s'", tmpdir);
	(void)!system(cmd);
	g_free(tmpdir);
	return rc;
}
