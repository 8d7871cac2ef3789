/*
 * The pipeline against a real store in a temporary directory: what
 * pipeline_store_source() reports as changed, withdrawals on full reads, and
 * the events pipeline_relink() derives (opened, grew, changed, resolved, and
 * nothing when nothing changed).
 */
#include <stdarg.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "linker/linker.h"
#include "model/advisory.h"
#include "model/events.h"
#include "pipeline/pipeline.h"
#include "store/store.h"
#include "util/error.h"

#define T0 1800000000 /* "now" in these tests: 2027-01-15 */

typedef struct {
	char *dir;
	Store *store;
	LinkerOptions opts;
} Fixture;

static void
fixture_setup(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) error = NULL;

	f->dir = g_dir_make_tmp("sw-pipeline-XXXXXX", &error);
	g_assert_no_error(error);
	f->store = store_open(f->dir, &error);
	g_assert_no_error(error);
	linker_options_init(&f->opts);
}

static void
fixture_teardown(Fixture *f, gconstpointer data)
{
	store_close(f->store);
	g_autofree char *db = g_build_filename(f->dir, "state.db", NULL);
	g_autofree char *wal = g_strconcat(db, "-wal", NULL);
	g_autofree char *shm = g_strconcat(db, "-shm", NULL);
	g_unlink(db);
	g_unlink(wal);
	g_unlink(shm);
	g_rmdir(f->dir);
	g_free(f->dir);
}

/* An Exchange mail-flow advisory as two status pages might word it. */
static Advisory *
mail_advisory(const char *source, const char *id, AdvisoryStatus status, gint64 start)
{
	Advisory *a = advisory_new(source, id);

	a->kind = ADVISORY_KIND_INCIDENT;
	advisory_set_str(&a->title, "Mail flow delays in Exchange Online");
	advisory_set_str(&a->text, "Users may see delayed delivery of inbound email in Exchange "
				   "Online; we are investigating the mail flow delays.");
	advisory_add_service(a, "Exchange Online");
	a->status = status;
	a->severity = ADVISORY_SEVERITY_MAJOR;
	a->start = start;
	a->updated = start;
	if (status == ADVISORY_STATUS_RESOLVED) {
		a->end = start + 3600;
		a->updated = a->end;
	}
	advisory_add_update(a, a->updated, status, "Mail flow delays");
	return a;
}

static Advisory *
unrelated_advisory(const char *source, const char *id, gint64 start)
{
	Advisory *a = advisory_new(source, id);

	a->kind = ADVISORY_KIND_MAINTENANCE;
	advisory_set_str(&a->title, "Scheduled database upgrade for billing portal");
	advisory_add_service(a, "Billing");
	a->status = ADVISORY_STATUS_INVESTIGATING;
	a->severity = ADVISORY_SEVERITY_MINOR;
	a->start = start - 5 * 86400;
	a->updated = a->start;
	return a;
}

/* Stores @advisories for @source and returns its changes (never NULL). */
static GPtrArray *
store(Fixture *f, const char *source, gint64 now, int full_read, ...)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func((GDestroyNotify)advisory_unref);
	GPtrArray *changes = NULL;
	va_list ap;

	va_start(ap, full_read);
	for (Advisory *a = va_arg(ap, Advisory *); a != NULL; a = va_arg(ap, Advisory *)) {
		g_ptr_array_add(list, a);
	}
	va_end(ap);
	g_assert_true(pipeline_store_source(f->store, source, list, now, full_read, &changes,
					    &error));
	g_assert_no_error(error);
	g_assert_nonnull(changes);
	return changes;
}

static GPtrArray *
relink(Fixture *f, gint64 now, GPtrArray *changes, GPtrArray **ret_incidents)
{
	g_autoptr(GError) error = NULL;
	GPtrArray *events = NULL;
	GPtrArray *incidents = pipeline_relink(f->store, &f->opts, now, SW_TIME_NONE, changes,
					       &events, &error);

	g_assert_no_error(error);
	g_assert_nonnull(incidents);
	g_assert_nonnull(events);
	if (ret_incidents != NULL) {
		*ret_incidents = incidents;
	} else {
		g_ptr_array_unref(incidents);
	}
	return events;
}

static const Event *
only_event(GPtrArray *events, EventKind kind)
{
	for (guint i = 0; i < events->len; i++) {
		const Event *e = events->pdata[i];
		if (e->kind == kind) {
			return e;
		}
	}
	g_test_message("no %s among %u events", event_kind_to_string(kind), events->len);
	for (guint i = 0; i < events->len; i++) {
		g_autofree char *line = event_describe(events->pdata[i]);
		g_test_message("  %s", line);
	}
	g_assert_not_reached();
	return NULL;
}

static bool
has_key(const Event *e, const char *key)
{
	for (guint i = 0; i < e->keys->len; i++) {
		if (g_strcmp0(e->keys->pdata[i], key) == 0) {
			return true;
		}
	}
	return false;
}

static void
test_store_changes(Fixture *f, gconstpointer data)
{
	g_autoptr(GPtrArray) c1 = store(f, "alpha", T0, false,
					mail_advisory("alpha", "a1", ADVISORY_STATUS_INVESTIGATING, T0),
					NULL);
	g_assert_cmpuint(c1->len, ==, 1);
	PipelineChange *c = c1->pdata[0];
	g_assert_cmpstr(c->key, ==, "alpha/a1");
	g_assert_null(c->before); /* new */

	/* The same content again: nothing changed. */
	g_autoptr(GPtrArray) c2 = store(f, "alpha", T0 + 60, false,
					mail_advisory("alpha", "a1", ADVISORY_STATUS_INVESTIGATING, T0),
					NULL);
	g_assert_cmpuint(c2->len, ==, 0);

	/* Resolved: changed, and `before` is the open version. */
	g_autoptr(GPtrArray) c3 = store(f, "alpha", T0 + 120, false,
					mail_advisory("alpha", "a1", ADVISORY_STATUS_RESOLVED, T0),
					NULL);
	g_assert_cmpuint(c3->len, ==, 1);
	c = c3->pdata[0];
	g_assert_nonnull(c->before);
	g_assert_cmpint(c->before->status, ==, ADVISORY_STATUS_INVESTIGATING);
	g_assert_cmpint(c->touched, ==, T0 + 3600);
}

static void
test_withdrawn_on_full_read(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GPtrArray) c1 =
		store(f, "m365", T0, true, mail_advisory("m365", "EX1", ADVISORY_STATUS_INVESTIGATING, T0),
		      mail_advisory("m365", "EX2", ADVISORY_STATUS_INVESTIGATING, T0), NULL);
	g_assert_cmpuint(c1->len, ==, 2);

	/* A partial (incremental) read that lacks EX2 withdraws nothing... */
	g_autoptr(GPtrArray) c2 =
		store(f, "m365", T0 + 60, false,
		      mail_advisory("m365", "EX1", ADVISORY_STATUS_INVESTIGATING, T0), NULL);
	g_assert_cmpuint(c2->len, ==, 0);
	g_autoptr(Advisory) ex2 = store_get_advisory(f->store, "m365", "EX2", &error);
	g_assert_no_error(error);
	g_assert_false(ex2->withdrawn);

	/* ...a full read does, and keeps the advisory. */
	g_autoptr(GPtrArray) c3 =
		store(f, "m365", T0 + 120, true,
		      mail_advisory("m365", "EX1", ADVISORY_STATUS_INVESTIGATING, T0), NULL);
	g_assert_cmpuint(c3->len, ==, 1);
	g_assert_cmpstr(((PipelineChange *)c3->pdata[0])->key, ==, "m365/EX2");
	g_autoptr(Advisory) gone = store_get_advisory(f->store, "m365", "EX2", &error);
	g_assert_no_error(error);
	g_assert_true(gone->withdrawn);

	/* It comes back: un-withdrawn. */
	g_autoptr(GPtrArray) c4 =
		store(f, "m365", T0 + 180, true,
		      mail_advisory("m365", "EX1", ADVISORY_STATUS_INVESTIGATING, T0),
		      mail_advisory("m365", "EX2", ADVISORY_STATUS_INVESTIGATING, T0), NULL);
	g_assert_cmpuint(c4->len, ==, 1);
	g_autoptr(Advisory) back = store_get_advisory(f->store, "m365", "EX2", &error);
	g_assert_no_error(error);
	g_assert_false(back->withdrawn);
}

static void
test_events_lifecycle(Fixture *f, gconstpointer data)
{
	/* 1. One source reports: opened. */
	g_autoptr(GPtrArray) c1 = store(f, "alpha", T0, false,
					mail_advisory("alpha", "a1", ADVISORY_STATUS_INVESTIGATING, T0),
					NULL);
	g_autoptr(GPtrArray) e1 = relink(f, T0, c1, NULL);
	g_assert_cmpuint(e1->len, ==, 1);
	const Event *opened = only_event(e1, EVENT_INCIDENT_OPENED);
	g_assert_true(has_key(opened, "alpha/a1"));
	g_assert_cmpint(opened->severity, ==, ADVISORY_SEVERITY_MAJOR);
	g_autofree char *id = g_strdup(opened->incident_id);
	g_autofree char *line = event_describe(opened);
	g_assert_true(g_str_has_prefix(line, "incident '"));
	g_assert_nonnull(strstr(line, "opened (major): Mail flow delays in Exchange Online"));

	/* 2. Nothing new: no events, incidents still there. */
	g_autoptr(GPtrArray) incidents = NULL;
	g_autoptr(GPtrArray) e2 = relink(f, T0 + 60, NULL, &incidents);
	g_assert_cmpuint(e2->len, ==, 0);
	g_assert_cmpuint(incidents->len, ==, 1);

	/* 3. A second source reports the same fault: the incident grew, same id. */
	g_autoptr(GPtrArray) c3 =
		store(f, "beta", T0 + 120, false,
		      mail_advisory("beta", "b1", ADVISORY_STATUS_INVESTIGATING, T0 + 300), NULL);
	g_autoptr(GPtrArray) e3 = relink(f, T0 + 120, c3, NULL);
	const Event *grew = only_event(e3, EVENT_INCIDENT_GREW);
	g_assert_cmpstr(grew->incident_id, ==, id);
	g_assert_cmpuint(grew->keys->len, ==, 1);
	g_assert_true(has_key(grew, "beta/b1"));

	/* 4. An unrelated advisory opens its own incident and leaves this one alone. */
	g_autoptr(GPtrArray) c4 =
		store(f, "gamma", T0 + 180, false, unrelated_advisory("gamma", "g1", T0), NULL);
	g_autoptr(GPtrArray) e4 = relink(f, T0 + 180, c4, NULL);
	g_assert_cmpuint(e4->len, ==, 1);
	const Event *other = only_event(e4, EVENT_INCIDENT_OPENED);
	g_assert_cmpstr(other->incident_id, !=, id);

	/* 5. One member resolves, the other is still open: changed. */
	g_autoptr(GPtrArray) c5 = store(f, "alpha", T0 + 240, false,
					mail_advisory("alpha", "a1", ADVISORY_STATUS_RESOLVED, T0),
					NULL);
	g_autoptr(GPtrArray) e5 = relink(f, T0 + 240, c5, NULL);
	g_assert_cmpuint(e5->len, ==, 1);
	const Event *changed = only_event(e5, EVENT_INCIDENT_CHANGED);
	g_assert_cmpstr(changed->incident_id, ==, id);
	g_assert_true(has_key(changed, "alpha/a1"));
	g_assert_true(changed->active);

	/* 6. Both resolved, in a batch of two stores merged: resolved, once. */
	g_autoptr(GPtrArray) batch = pipeline_changes_new();
	g_autoptr(GPtrArray) c6 = store(f, "beta", T0 + 300, false,
					mail_advisory("beta", "b1", ADVISORY_STATUS_RESOLVED, T0 + 300),
					NULL);
	g_autoptr(GPtrArray) c6b =
		store(f, "gamma", T0 + 300, false, unrelated_advisory("gamma", "g1", T0), NULL);
	pipeline_changes_merge(batch, c6);
	pipeline_changes_merge(batch, c6b);
	g_assert_cmpuint(c6->len, ==, 0);
	g_autoptr(GPtrArray) e6 = relink(f, T0 + 300, batch, NULL);
	g_assert_cmpuint(e6->len, ==, 1);
	const Event *resolved = only_event(e6, EVENT_INCIDENT_RESOLVED);
	g_assert_cmpstr(resolved->incident_id, ==, id);
	g_assert_false(resolved->active);

	/* 7. It flares up again: reopened. */
	g_autoptr(GPtrArray) c7 =
		store(f, "beta", T0 + 360, false,
		      mail_advisory("beta", "b1", ADVISORY_STATUS_INVESTIGATING, T0 + 300), NULL);
	g_autoptr(GPtrArray) e7 = relink(f, T0 + 360, c7, NULL);
	const Event *re = only_event(e7, EVENT_INCIDENT_CHANGED);
	g_assert_cmpstr(re->detail, ==, "reopened");
	g_assert_true(re->active);
}

static void
test_history_is_not_opened(Fixture *f, gconstpointer data)
{
	/* A feed read for the first time lists last month's resolved incident: stored and
	 * linked, but nobody is told it "opened". */
	g_autoptr(GPtrArray) c = store(f, "alpha", T0, false,
				       mail_advisory("alpha", "old", ADVISORY_STATUS_RESOLVED,
						     T0 - 30 * 86400),
				       NULL);
	g_autoptr(GPtrArray) incidents = NULL;
	g_autoptr(GPtrArray) e = relink(f, T0, c, &incidents);
	g_assert_cmpuint(e->len, ==, 0);
	g_assert_cmpuint(incidents->len, ==, 1);
	/* And the daemon's window reaches back far enough to link it. */
	g_assert_cmpint(pipeline_since(c, &f->opts, T0), <=, T0 - 30 * 86400);
	g_assert_cmpint(pipeline_since(NULL, &f->opts, T0), ==, T0 - PIPELINE_WINDOW);

	/* An item still "open" (no status, no end) but silent for a month is history too. */
	Advisory *stale = unrelated_advisory("beta", "quiet", T0 - 30 * 86400);
	stale->status = ADVISORY_STATUS_UNKNOWN;
	g_autoptr(GPtrArray) c2 = store(f, "beta", T0, false, stale, NULL);
	g_autoptr(GPtrArray) e2 = relink(f, T0, c2, NULL);
	g_assert_cmpuint(e2->len, ==, 0);
}

static void
test_batch_compares_with_before(Fixture *f, gconstpointer data)
{
	g_autoptr(GPtrArray) c1 = store(f, "alpha", T0, false,
					mail_advisory("alpha", "a1", ADVISORY_STATUS_INVESTIGATING, T0),
					NULL);
	g_autoptr(GPtrArray) e1 = relink(f, T0, c1, NULL);
	g_assert_cmpuint(e1->len, ==, 1);

	/* Two stores of the same advisory in one batch: monitoring, then resolved.  The batch
	 * is judged against the state before it (open), so the incident resolved. */
	g_autoptr(GPtrArray) batch = pipeline_changes_new();
	g_autoptr(GPtrArray) c2 = store(f, "alpha", T0 + 60, false,
					mail_advisory("alpha", "a1", ADVISORY_STATUS_MONITORING, T0),
					NULL);
	g_autoptr(GPtrArray) c3 = store(f, "alpha", T0 + 120, false,
					mail_advisory("alpha", "a1", ADVISORY_STATUS_RESOLVED, T0),
					NULL);
	pipeline_changes_merge(batch, c2);
	pipeline_changes_merge(batch, c3);
	g_autoptr(GPtrArray) e2 = relink(f, T0 + 120, batch, NULL);
	g_assert_cmpuint(e2->len, ==, 1);
	only_event(e2, EVENT_INCIDENT_RESOLVED);
}

static void
test_merge_keeps_oldest(void)
{
	g_autoptr(GPtrArray) into = pipeline_changes_new();
	g_autoptr(GPtrArray) a = pipeline_changes_new();
	g_autoptr(GPtrArray) b = pipeline_changes_new();
	PipelineChange *first = g_new0(PipelineChange, 1);
	PipelineChange *second = g_new0(PipelineChange, 1);

	first->key = g_strdup("s/1");
	first->before = advisory_new("s", "1");
	first->before->status = ADVISORY_STATUS_INVESTIGATING;
	second->key = g_strdup("s/1");
	second->before = advisory_new("s", "1");
	second->before->status = ADVISORY_STATUS_MONITORING;
	g_ptr_array_add(a, first);
	g_ptr_array_add(b, second);
	pipeline_changes_merge(into, a);
	pipeline_changes_merge(into, b);
	g_assert_cmpuint(into->len, ==, 2);
	/* In order, so the first change of a key (the one pipeline_relink() uses) is the oldest. */
	g_assert_cmpint(((PipelineChange *)into->pdata[0])->before->status, ==,
			ADVISORY_STATUS_INVESTIGATING);
	g_assert_cmpuint(a->len, ==, 0);
	g_assert_cmpuint(b->len, ==, 0);
}

static void
test_event_describe(void)
{
	g_autoptr(Event) e = event_new(EVENT_SOURCE_UNREACHABLE, T0, NULL, "azure");

	e->detail = g_strdup("fetch 'https://x/…': 503 Service Unavailable");
	g_autofree char *line = event_describe(e);
	g_assert_cmpstr(line, ==,
			"source 'azure' unreachable: fetch 'https://x/…': 503 Service Unavailable");
	g_autoptr(Event) r = event_new(EVENT_SOURCE_RECOVERED, T0, NULL, "azure");
	g_autofree char *line2 = event_describe(r);
	g_assert_cmpstr(line2, ==, "source 'azure' recovered");
	g_assert_cmpstr(event_kind_to_string(EVENT_INCIDENT_GREW), ==, "incident_grew");
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add("/pipeline/store/changes", Fixture, NULL, fixture_setup, test_store_changes,
		   fixture_teardown);
	g_test_add("/pipeline/store/withdrawn", Fixture, NULL, fixture_setup,
		   test_withdrawn_on_full_read, fixture_teardown);
	g_test_add("/pipeline/relink/lifecycle", Fixture, NULL, fixture_setup,
		   test_events_lifecycle, fixture_teardown);
	g_test_add("/pipeline/relink/history", Fixture, NULL, fixture_setup,
		   test_history_is_not_opened, fixture_teardown);
	g_test_add("/pipeline/relink/batch", Fixture, NULL, fixture_setup,
		   test_batch_compares_with_before, fixture_teardown);
	g_test_add_func("/pipeline/changes/merge", test_merge_keeps_oldest);
	g_test_add_func("/pipeline/events/describe", test_event_describe);
	return g_test_run();
}
