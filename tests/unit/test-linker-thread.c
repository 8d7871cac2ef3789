/*
 * One event told in several posts of one feed, and notices that are no incident
 * (linker_doc_thread(), linker_followup() in linker/linker_cluster.c): a carrier's
 * newsroom posts an outage, its progress, its end and its cause as separate items
 * over two days, and a corporate notice between them; a customer's status page
 * blames the carrier.  Checks what a user sees: the posts of the event are one
 * incident with the customer's, in any input order; the notice stays alone and says
 * why; a busy feed's posts of different faults in one template stay apart.
 */
#include <string.h>

#include <glib.h>

#include "linker/linker.h"
#include "model/advisory.h"
#include "model/incident.h"
#include "util/timeparse.h"

static gint64
t(const char *iso)
{
	gint64 v = SW_TIME_NONE;
	g_assert_true(time_parse_rfc3339(iso, &v));
	return v;
}

/* A feed item as a newsroom's RSS gives it: a date, a title, a text; no status, no
 * end, no updates. */
static Advisory *
post(const char *source, const char *id, const char *date, const char *title, const char *text)
{
	Advisory *a = advisory_new(source, id);
	a->start = t(date);
	advisory_set_str(&a->title, title);
	advisory_set_str(&a->text, text);
	return a;
}

static GPtrArray *
carrier_days(void)
{
	GPtrArray *v = g_ptr_array_new_with_free_func((GDestroyNotify)advisory_unref);
	g_ptr_array_add(v, post("telco", "T1", "2024-03-05T12:10:00Z",
				"Some customers are experiencing wireless service interruptions",
				"Some customers cannot make calls or use mobile data on our wireless "
				"network. Our engineers are working to restore wireless service as "
				"quickly as possible."));
	g_ptr_array_add(v, post("telco", "T2", "2024-03-05T17:40:00Z",
				"Update: progress restoring wireless service",
				"Engineers have restored wireless service for most customers affected by "
				"the interruption that began this morning. Mobile data may be slow in "
				"some areas."));
	g_ptr_array_add(v, post("telco", "T3", "2024-03-05T15:00:00Z",
				"Telco to webcast first quarter earnings conference call",
				"Telco will hold a conference call for investors to discuss first quarter "
				"results on April 24. The call will be webcast live on our investor "
				"relations website."));
	g_ptr_array_add(v, post("telco", "T4", "2024-03-06T19:30:00Z",
				"An update on what caused yesterday's wireless outage",
				"Yesterday's wireless outage was caused by a faulty configuration pushed "
				"to our core network. We will credit affected customers' accounts with "
				"one day of wireless service."));
	Advisory *c = advisory_new("shopline", "S1");
	c->start = t("2024-03-05T12:40:00Z");
	c->end = t("2024-03-05T18:00:00Z");
	c->status = ADVISORY_STATUS_RESOLVED;
	advisory_set_str(&c->title, "Card readers offline at some stores");
	advisory_add_update(c, t("2024-03-05T12:40:00Z"), ADVISORY_STATUS_IDENTIFIED,
			    "Card readers that connect over mobile data cannot take payments "
			    "because Telco is having a wireless outage.");
	g_ptr_array_add(v, c);
	return v;
}

static gint
cmp_str_ptr(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sorted members' ids of the incident holding @key, one string ("S1 T1 T2"). */
static char *
members_of(GPtrArray *incs, const char *id)
{
	for (guint i = 0; i < incs->len; i++) {
		const Incident *inc = incs->pdata[i];
		bool has = false;
		g_autoptr(GPtrArray) ids = g_ptr_array_new();
		for (guint k = 0; k < inc->members->len; k++) {
			const Advisory *m = inc->members->pdata[k];
			g_ptr_array_add(ids, m->id);
			has |= strcmp(m->id, id) == 0;
		}
		if (has) {
			g_ptr_array_sort(ids, cmp_str_ptr);
			g_ptr_array_add(ids, NULL);
			return g_strjoinv(" ", (char **)ids->pdata);
		}
	}
	return NULL;
}

static GPtrArray *
link_all(GPtrArray *advs, bool reverse, Linker **ret_l)
{
	Linker *l = linker_new(NULL);
	for (guint i = 0; i < advs->len; i++) {
		linker_add(l, advs->pdata[reverse ? advs->len - 1 - i : i]);
	}
	GPtrArray *incs = linker_incidents(l, 0);
	*ret_l = l;
	return incs;
}

/* The outage's four posts (T3 the notice aside) are one incident with the customer
 * blaming the carrier, in either order; T4, 31 hours after T1 and far past the
 * two-hour gap, joins as a follow-up, and its link says so. */
static void
test_followup_joins(void)
{
	g_autoptr(GPtrArray) advs = carrier_days();
	for (int rev = 0; rev < 2; rev++) {
		Linker *l;
		g_autoptr(GPtrArray) incs = link_all(advs, rev == 1, &l);
		g_autofree char *m = members_of(incs, "T1");
		g_assert_cmpstr(m, ==, "S1 T1 T2 T4");
		g_autoptr(GPtrArray) reasons = g_ptr_array_new_with_free_func(g_free);
		g_assert_cmpfloat(linker_score(l, "telco/T1", "telco/T4", reasons), >=, 8.0);
		bool said = false;
		for (guint k = 0; k < reasons->len; k++) {
			said |= strstr(reasons->pdata[k], "T4 follows up T1 on 'telco'") != NULL;
		}
		g_assert_true(said);
		linker_free(l);
	}
}

/* The earnings webcast reports no trouble: no incident, alone, and `show` says why;
 * the customer's blame lands on the outage's post, not on it. */
static void
test_notice_alone(void)
{
	g_autoptr(GPtrArray) advs = carrier_days();
	Linker *l;
	g_autoptr(GPtrArray) incs = link_all(advs, false, &l);
	g_autofree char *m = members_of(incs, "T3");
	g_assert_cmpstr(m, ==, "T3");
	g_autoptr(GPtrArray) reasons = g_ptr_array_new_with_free_func(g_free);
	g_assert_cmpfloat(linker_score(l, "shopline/S1", "telco/T3", reasons), ==, 0);
	g_assert_cmpuint(reasons->len, ==, 1);
	g_assert_cmpstr(reasons->pdata[0], ==,
			"T3 is not an incident (a notice: it reports no service trouble)");
	linker_free(l);
}

/* A busy feed posting each fault as an item in one template ("We are aware of a
 * problem with ... We will provide an update") within hours: the posts share the
 * template and neither refers back to another, so each stays its own incident;
 * nor does an item with a status of its own (a status page's incident) follow up
 * a post, however it refers back. */
static void
test_busy_feed_apart(void)
{
	g_autoptr(Linker) l = linker_new(NULL);
	const char *what[] = {"sync", "search", "sharing", "exports"};
	const char *cause[] = {
		"Notes do not sync between devices because a database node is overloaded.",
		"Searching returns no results after a faulty rebuild of the search index.",
		"Shared links open an error page after this evening's release.",
		"Exports time out because a storage volume filled up."};
	g_autoptr(GPtrArray) advs = g_ptr_array_new_with_free_func((GDestroyNotify)advisory_unref);
	for (guint i = 0; i < G_N_ELEMENTS(what); i++) {
		g_autofree char *id = g_strdup_printf("N%u", i);
		g_autofree char *date = g_strdup_printf("2024-06-02T1%u:05:00Z", i + 2);
		g_autofree char *title = g_strdup_printf("Problem with Notely %s", what[i]);
		g_autofree char *text = g_strdup_printf(
			"We are aware of a problem with Notely %s affecting a majority of users. "
			"%s We will provide an update on the Notely status page within 60 minutes.",
			what[i], cause[i]);
		Advisory *a = post("notely", id, date, title, text);
		g_ptr_array_add(advs, a);
		linker_add(l, a);
	}
	Advisory *s = advisory_new("notely", "N9");
	s->start = t("2024-06-02T16:00:00Z");
	s->status = ADVISORY_STATUS_INVESTIGATING;
	advisory_set_str(&s->title, "Update: problem with Notely sign-in since yesterday");
	advisory_add_update(s, t("2024-06-02T16:00:00Z"), ADVISORY_STATUS_INVESTIGATING,
			    "We are aware of a problem with Notely sign-in affecting a majority of "
			    "users again since yesterday: an expired certificate on the login "
			    "servers. We will provide an update on the Notely status page.");
	g_ptr_array_add(advs, s);
	linker_add(l, s);
	g_autoptr(GPtrArray) incs = linker_incidents(l, 0);
	g_assert_cmpuint(incs->len, ==, advs->len);
	g_autoptr(GPtrArray) reasons = g_ptr_array_new_with_free_func(g_free);
	linker_score(l, "notely/N0", "notely/N9", reasons);
	for (guint k = 0; k < reasons->len; k++) {
		g_assert_null(strstr(reasons->pdata[k], "follows up"));
	}
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/linker-thread/followup-joins", test_followup_joins);
	g_test_add_func("/linker-thread/notice-alone", test_notice_alone);
	g_test_add_func("/linker-thread/busy-feed-apart", test_busy_feed_apart);
	return g_test_run();
}
