/* Helpers shared by the notifier tests (see test-notify-util.h). */
#include "test-notify-util.h"

#include <stdarg.h>

#include "model/advisory.h"
#include "model/incident.h"

static const char *
python(void)
{
	const char *p = g_getenv("SW_PYTHON");
	return p != NULL ? p : "/usr/bin/python3";
}

guint
test_spawn_receiver(const char *script, const char *arg, const char *module,
		    GSubprocess **ret_proc)
{
	g_autoptr(GError) error = NULL;
	g_autofree char *path = g_test_build_filename(G_TEST_DIST, "integration", script, NULL);
	g_autofree char *found = g_find_program_in_path(python());
	int status = 0;

	if (found == NULL) {
		g_test_skip("no python3");
		return 0;
	}
	if (module != NULL) {
		g_autofree char *code = g_strdup_printf("import %s", module);
		const char *argv[] = {found, "-c", code, NULL};
		if (!g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
				  NULL, NULL, &status, NULL) ||
		    !g_spawn_check_wait_status(status, NULL)) {
			g_test_skip("python3 module missing (sh .ci/deps installs it)");
			return 0;
		}
	}
	GSubprocess *proc = g_subprocess_new(
		G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, found, path,
		arg != NULL ? arg : "--exit-on-stdin-eof", "--exit-on-stdin-eof", NULL);
	g_assert_no_error(error);
	g_autoptr(GDataInputStream) in =
		g_data_input_stream_new(g_subprocess_get_stdout_pipe(proc));
	g_autofree char *line = g_data_input_stream_read_line(in, NULL, NULL, &error);
	g_assert_no_error(error);
	g_assert_nonnull(line);
	*ret_proc = proc;
	return (guint)g_ascii_strtoull(line, NULL, 10);
}

void
test_stop_receiver(GSubprocess *proc)
{
	if (proc == NULL) {
		return;
	}
	g_subprocess_force_exit(proc);
	g_subprocess_wait(proc, NULL, NULL);
	g_object_unref(proc);
}

char *
test_run_python(const char *script, const char *arg)
{
	g_autofree char *path = g_test_build_filename(G_TEST_DIST, "integration", script, NULL);
	const char *argv[] = {python(), path, arg, NULL};
	g_autoptr(GError) error = NULL;
	char *out = NULL;
	g_autofree char *err = NULL;
	int status = 0;

	g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
		     &status, &error);
	g_assert_no_error(error);
	if (!g_spawn_check_wait_status(status, NULL)) {
		g_printerr("%s %s failed:\n%s\n", script, arg, err);
		g_assert_not_reached();
	}
	return out;
}

Alert *
test_incident_alert(AlertKind kind, guint members, AdvisoryStatus status, const char *notifier,
		    const char *key)
{
	Alert *alert = alert_new(kind, key, notifier, TEST_T0 + 7200);
	Incident *inc = incident_new("inc-1");

	for (guint i = 0; i < members; i++) {
		g_autofree char *id = g_strdup_printf("EX6491%02u", 75 + i);
		g_autoptr(Advisory) a = advisory_new(i % 2 == 0 ? "m365" : "statuspage", id);
		g_autofree char *title =
			g_strdup_printf("Users can't send mail through Exchange Online (%u)", i);
		g_autofree char *url = g_strdup_printf("https://status.example/%s", id);
		advisory_set_str(&a->title, title);
		advisory_set_str(&a->url, url);
		advisory_add_service(a, "Exchange Online");
		advisory_add_update(a, TEST_T0 + 60, status,
				    "We are investigating reports that users cannot send mail.");
		a->status = status;
		a->severity = ADVISORY_SEVERITY_MAJOR;
		a->start = TEST_T0;
		a->updated = TEST_T0 + 600;
		if (status == ADVISORY_STATUS_RESOLVED) {
			a->end = TEST_T0 + 3600;
		}
		incident_add_member(inc, a);
	}
	if (members >= 2) {
		IncidentLink *l = incident_link_new("m365", "EX649175", "statuspage", "EX649176",
						    0.82);
		incident_link_add_reason(l, "both name 'exchange online'");
		g_ptr_array_add(inc->links, l);
	}
	alert->incident = inc;
	if (kind != ALERT_KIND_OPENED) {
		alert_add_change(alert, "status: investigating -> resolved");
	}
	return alert;
}

GHashTable *
test_keys(const char *first, ...)
{
	GHashTable *keys = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	va_list ap;

	va_start(ap, first);
	for (const char *k = first; k != NULL; k = va_arg(ap, const char *)) {
		const char *v = va_arg(ap, const char *);
		g_hash_table_insert(keys, g_strdup(k), g_strdup(v));
	}
	va_end(ap);
	return keys;
}
