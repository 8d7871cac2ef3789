/*
 * Alerting benchmark (tests/bench/README.md, "Alerts").  Two parts:
 *
 *   policy: N open incidents (default 10,000) x M notifiers (default 50), every
 *     notifier already told about every incident (its stored state says so, as after
 *     the daemon ran a while).  Times alert_engine_pass() over all of them: a pass
 *     where nothing is due (what every relink costs), then one where 1% of the
 *     incidents changed status (each change queues one alert per notifier, written
 *     to the outbox in the pass's transaction).
 *
 *   drain URL [COUNT]: queues COUNT alerts (default 10,000) for one generic webhook
 *     notifier posting to URL (a loopback receiver with a rate limit, e.g.
 *     tests/integration/alert_receiver.py's /rate/200), runs the real dispatcher
 *     (daemon/alerting.c) on a main loop until the outbox is empty, and samples
 *     RSS once a second: flat memory means it does not grow with what was sent.
 *
 * usage: bench-alerts policy [N] [M]
 *        bench-alerts drain URL [COUNT]
 * Not a test: never registered.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "alert/engine.h"
#include "alert/outbox.h"
#include "config.h"
#include "daemon/alerting.h"
#include "store/store.h"
#include "util/fs.h"

#define T0 G_GINT64_CONSTANT(1764000000)

static double
now_ms(void)
{
	return (double)g_get_monotonic_time() / 1000.0;
}

static long
rss_kib(void)
{
	long pages = 0, resident = 0;
	FILE *f = fopen("/proc/self/statm", "r");

	if (f == NULL) {
		return -1;
	}
	if (fscanf(f, "%ld %ld", &pages, &resident) != 2) {
		resident = -1;
	}
	fclose(f);
	return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

static GPtrArray *
make_incidents(guint n)
{
	GPtrArray *out = g_ptr_array_new_with_free_func((GDestroyNotify)incident_free);
	static const char *const services[] = {"Exchange Online", "Microsoft Teams", "Amazon EC2",
					       "Cloud SQL", "API", "Dashboard"};

	for (guint i = 0; i < n; i++) {
		g_autofree char *id = g_strdup_printf("I-%06u", i);
		g_autofree char *aid = g_strdup_printf("ADV%06u", i);
		Incident *inc = incident_new(id);
		g_autoptr(Advisory) a = advisory_new(i % 2 ? "m365" : "statuspage", aid);
		a->kind = ADVISORY_KIND_INCIDENT;
		a->status = ADVISORY_STATUS_INVESTIGATING;
		a->severity = ADVISORY_SEVERITY_MAJOR;
		a->start = T0 - 3600;
		a->updated = T0 - 600;
		a->title = g_strdup_printf("Users may see errors in %s (%u)", services[i % 6], i);
		advisory_add_service(a, services[i % 6]);
		advisory_add_update(a, T0 - 600, ADVISORY_STATUS_INVESTIGATING, "Investigating.");
		incident_add_member(inc, a);
		g_ptr_array_add(out, inc);
	}
	return out;
}

static char *
temp_dir(void)
{
	g_autoptr(GError) error = NULL;
	char *dir = g_dir_make_tmp("sw-bench-alerts-XXXXXX", &error);

	if (dir == NULL) {
		g_printerr("%s\n", error->message);
		exit(1);
	}
	return dir;
}

static int
bench_policy(guint n, guint m)
{
	g_autofree char *dir = temp_dir();
	g_autoptr(GError) error = NULL;
	Store *store = store_open(dir, &error);
	g_autoptr(GPtrArray) incidents = make_incidents(n);
	g_autoptr(GString) text = g_string_new("[policy]\ngroup_wait = 0\ngroup_interval = 0\n");

	for (guint j = 0; j < m; j++) {
		g_string_append_printf(text, "[notify:n%02u]\ntype = terminal\n", j);
	}
	g_autoptr(Config) config = config_load_data("bench.conf", text->str, &error);
	g_autoptr(GPtrArray) policies = config != NULL ? alerting_policies(config, &error) : NULL;
	if (policies == NULL) {
		g_printerr("%s\n", error->message);
		return 1;
	}

	/* As after a while of running: every notifier was told about every incident. */
	double t = now_ms();
	store_begin(store, NULL);
	for (guint i = 0; i < n; i++) {
		const Incident *inc = incidents->pdata[i];
		g_autoptr(AlertView) v = alert_view_new(inc, T0);
		for (guint j = 0; j < m; j++) {
			const Policy *p = policies->pdata[j];
			AlertState s;
			alert_state_init(&s);
			s.first_seen = T0 - 600;
			s.last_alert = T0 - 600;
			s.revision = 1;
			s.last_kind = ALERT_KIND_OPENED;
			s.sent = v->digest;
			s.sent_updates = v->updates;
			s.reason = (char *)"no change since the last alert";
			if (!store_put_alert_state(store, inc->id, p->notifier, &s, &error)) {
				g_printerr("%s\n", error->message);
				return 1;
			}
		}
	}
	store_commit(store, NULL);
	double t_seed = now_ms() - t;
	g_autoptr(AlertEngine) engine = alert_engine_new(policies);
	t = now_ms();
	alert_engine_load(engine, store, NULL);
	double t_load = now_ms() - t;
	long rss_loaded = rss_kib();

	double best_idle = 1e9;
	for (int round = 0; round < 5; round++) {
		g_autoptr(GPtrArray) queued = NULL;
		store_begin(store, NULL);
		t = now_ms();
		if (!alert_engine_pass(engine, store, incidents, NULL, T0 + 60 + round, &queued, NULL,
				       &error)) {
			g_printerr("%s\n", error->message);
			return 1;
		}
		double dt = now_ms() - t;
		store_commit(store, NULL);
		best_idle = MIN(best_idle, dt);
		printf("policy pass, nothing due:      %8.1f ms  (%u alerts)\n", dt, queued->len);
	}
	/* Of which: the views (computed once per incident, shared by every notifier). */
	t = now_ms();
	for (guint i = 0; i < n; i++) {
		AlertView *v = alert_view_new(incidents->pdata[i], T0 + 60);
		alert_view_free(v);
	}
	printf("  of which views of %u incidents: %.1f ms\n", n, now_ms() - t);
	/* 1% change status: one alert per notifier each. */
	for (guint i = 0; i < n; i += 100) {
		Incident *inc = incidents->pdata[i];
		((Advisory *)inc->members->pdata[0])->status = ADVISORY_STATUS_IDENTIFIED;
	}
	g_autoptr(GPtrArray) queued = NULL;
	store_begin(store, NULL);
	t = now_ms();
	alert_engine_pass(engine, store, incidents, NULL, T0 + 120, &queued, NULL, &error);
	double t_change = now_ms() - t;
	store_commit(store, NULL);
	double t_commit = now_ms() - t;
	printf("policy pass, 1%% changed:       %8.1f ms  (%u alerts queued; with commit %.1f ms)\n",
	       t_change, queued->len, t_commit);
	printf("%u incidents x %u notifiers: best idle pass %.1f ms (target < 50 ms); "
	       "state load %.0f ms, seeding %.0f ms, RSS after load %ld MiB\n",
	       n, m, best_idle, t_load, t_seed, rss_loaded / 1024);
	store_close(store);
	fs_remove_dir(dir);
	return 0;
}

static GMainLoop *drain_loop;

static gboolean
watch_drain(gpointer user_data)
{
	Store *store = user_data;
	g_autoptr(GPtrArray) left = store_outbox_list(store, false, NULL);
	static double start = 0;

	if (start == 0) {
		start = now_ms();
	}
	printf("  t=%5.1f s  pending %6u  RSS %6ld KiB\n", (now_ms() - start) / 1000.0,
	       left != NULL ? left->len : 0, rss_kib());
	fflush(stdout);
	if (left != NULL && left->len == 0) {
		g_main_loop_quit(drain_loop);
	}
	return G_SOURCE_CONTINUE;
}

static int
bench_drain(const char *url, guint count)
{
	g_autofree char *dir = temp_dir();
	g_autofree char *conf = g_build_filename(dir, "statuswatch.conf", NULL);
	g_autofree char *text = g_strdup_printf("[notify:hook]\ntype = generic\nurl = %s\n", url);
	g_autoptr(GError) error = NULL;

	g_file_set_contents(conf, text, -1, NULL);
	g_chmod(conf, 0600);
	g_autoptr(Config) config = config_load_file(conf, &error);
	Store *store = config != NULL ? store_open(dir, &error) : NULL;
	if (store == NULL) {
		g_printerr("%s\n", error->message);
		return 1;
	}
	g_autoptr(GPtrArray) incidents = make_incidents(count);
	/* Queued now (not at T0): give_up_after counts from the queueing time. */
	gint64 queued_at = g_get_real_time() / G_USEC_PER_SEC;
	double t = now_ms();
	store_begin(store, NULL);
	for (guint i = 0; i < count; i++) {
		Incident *inc = incidents->pdata[i];
		g_autofree char *key = outbox_key(inc->id, "hook", 1);
		Alert *a = alert_new(ALERT_KIND_OPENED, key, "hook", queued_at);
		a->incident = inc; /* borrowed for the write */
		outbox_enqueue(store, a, inc->id, 1, STORE_OUTBOX_PENDING, queued_at, NULL);
		a->incident = NULL;
		alert_free(a);
	}
	store_commit(store, NULL);
	g_clear_pointer(&incidents, g_ptr_array_unref);
	printf("queued %u alerts in %.0f ms; RSS %ld KiB\n", count, now_ms() - t, rss_kib());

	Alerting *alerting = alerting_new(config, store, &error);
	if (alerting == NULL) {
		g_printerr("%s\n", error->message);
		return 1;
	}
	drain_loop = g_main_loop_new(NULL, FALSE);
	t = now_ms();
	alerting_start(alerting);
	guint w = g_timeout_add(1000, watch_drain, store);
	g_main_loop_run(drain_loop);
	double dt = now_ms() - t;
	g_source_remove(w);
	printf("drained %u alerts in %.1f s: %.0f alerts/s; RSS at the end %ld KiB\n", count,
	       dt / 1000.0, count / (dt / 1000.0), rss_kib());
	alerting_free(alerting);
	g_main_loop_unref(drain_loop);
	store_close(store);
	fs_remove_dir(dir);
	return 0;
}

int
main(int argc, char **argv)
{
	g_setenv("G_SLICE", "always-malloc", TRUE);
	if (argc >= 2 && strcmp(argv[1], "policy") == 0) {
		return bench_policy(argc > 2 ? (guint)atoi(argv[2]) : 10000,
				    argc > 3 ? (guint)atoi(argv[3]) : 50);
	}
	if (argc >= 3 && strcmp(argv[1], "drain") == 0) {
		return bench_drain(argv[2], argc > 3 ? (guint)atoi(argv[3]) : 10000);
	}
	fprintf(stderr, "usage: bench-alerts policy [N] [M] | bench-alerts drain URL [COUNT]\n");
	return 2;
}
