/*
 * Text renderings are safe on a terminal (issue 16, defect 4): a title, id, service,
 * update or reason holding ESC/BEL/CSI sequences, C1 controls, carriage returns or
 * newlines comes out with every control character replaced, one value per line, while
 * the visible text survives.  terminal_safe() itself is checked byte by byte.
 */
#include <string.h>

#include <glib.h>

#include "model/advisory.h"
#include "model/incident.h"
#include "report/report.h"
#include "util/terminal.h"

/* Window title, colour, bell, a C1 CSI (U+009B), DEL, a carriage return and a forged line. */
#define EVIL "\x1b]0;pwned\x07\x1b[31mRED\xc2\x9b" "2J\x7f\rX\nFORGED line\tend"

static void
assert_terminal_safe(const char *text)
{
	g_assert_true(g_utf8_validate(text, -1, NULL));
	for (const char *p = text; *p != '\0'; p = g_utf8_next_char(p)) {
		gunichar u = g_utf8_get_char(p);
		if (u == '\n') {
			continue;
		}
		if (u < 0x20 || (u >= 0x7f && u <= 0x9f)) {
			g_test_message("control U+%04X at offset %td in:\n%s", u, p - text, text);
			g_assert_not_reached();
		}
	}
	/* The newline inside a value never starts a line of its own. */
	g_assert_null(strstr(text, "\nFORGED"));
	g_assert_nonnull(strstr(text, "RED"));
}

static Incident *
hostile_incident(void)
{
	Incident *inc = incident_new("INC" EVIL);
	g_autoptr(Advisory) a = advisory_new("src" EVIL, "ID1" EVIL);
	g_autoptr(Advisory) b = advisory_new("src2", "ID2");

	advisory_set_str(&a->title, "Title " EVIL);
	advisory_add_service(a, "Svc " EVIL);
	a->start = 1689655500;
	a->end = 1689659100;
	a->status = ADVISORY_STATUS_RESOLVED;
	advisory_add_update(a, 1689655500, ADVISORY_STATUS_INVESTIGATING, "Update " EVIL);
	advisory_add_update(a, 1689657300, ADVISORY_STATUS_UNKNOWN, "Current status: " EVIL);
	advisory_set_str(&b->title, "plain");
	b->start = 1689655600;
	incident_add_member(inc, a);
	incident_add_member(inc, b);
	incident_add_alias(inc, "ALIAS" EVIL);
	IncidentLink *l = incident_link_new(a->source, a->id, b->source, b->id, 0.9);
	incident_link_add_reason(l, "both name " EVIL);
	g_ptr_array_add(inc->links, l);
	return inc;
}

static void
test_renderings_safe(void)
{
	g_autoptr(Incident) inc = hostile_incident();
	g_autoptr(GPtrArray) list = g_ptr_array_new();
	const gint64 now = 1689660000;

	g_ptr_array_add(list, inc);
	g_autofree char *table = report_incidents_text(list, now);
	g_autofree char *explain = report_incident_explain(inc, now);
	g_autofree char *advisories = report_advisories_text(inc->members);

	assert_terminal_safe(table);
	assert_terminal_safe(explain);
	assert_terminal_safe(advisories);
	/* What a person reads is still there. */
	g_assert_nonnull(strstr(table, "Title ?]0;pwned??[31mRED?2J? X FORGED line end"));
	g_assert_nonnull(strstr(explain, "both name ?]0;pwned"));
	g_assert_nonnull(strstr(explain, "Svc ?]0;pwned"));
	g_assert_nonnull(strstr(explain, "ALIAS?]0;pwned"));
	g_assert_nonnull(strstr(explain, "Update ?]0;pwned"));
}

static void
test_terminal_safe_bytes(void)
{
	static const struct {
		const char *in;
		bool one_line;
		const char *out;
	} cases[] = {
		{"plain text", false, "plain text"},
		{"a\x1b[2Jb", false, "a?[2Jb"},
		{"bell\x07", true, "bell?"},
		{"two\nlines\tx", false, "two\nlines\tx"},
		{"two\nlines\tx", true, "two lines x"},
		{"cr\rover", false, "cr over"},
		{"del\x7f", false, "del?"},
		{"c1 \xc2\x9b" "31m \xc2\x85", false, "c1 ?31m ?"},
		{"bad \xff utf8 \xc3", false, "bad \xef\xbf\xbd utf8 \xef\xbf\xbd"},
		{"caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x94\xa5", false, "caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x94\xa5"},
		{"", false, ""},
	};
	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autofree char *got = terminal_safe(cases[i].in, cases[i].one_line);
		g_assert_cmpstr(got, ==, cases[i].out);
	}
	g_assert_null(terminal_safe(NULL, false));
}

/* A listing long enough to be rendered by several threads, in ranges taken in turn, of
 * incidents of unequal size: the objects come out in the listing's order, comma
 * separated, each as it renders alone. */
static void
test_json_listing_threads(void)
{
	g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func((GDestroyNotify)incident_free);
	const gint64 now = 1689660000;

	for (guint i = 0; i < 3001; i++) {
		g_autofree char *id = g_strdup_printf("INC-%04u", i);
		Incident *inc = incident_new(id);
		for (guint k = 0; k <= i % 7; k++) {
			g_autofree char *aid = g_strdup_printf("A%u-%u", i, k);
			g_autoptr(Advisory) a = advisory_new("src", aid);
			advisory_set_str(&a->title, k % 2 == 0 ? "Delays \"sending\" mail" : "Sign-in");
			a->start = 1689655500 + (gint64)i * 60 + k;
			incident_add_member(inc, a);
		}
		g_ptr_array_add(list, inc);
	}
	g_autoptr(GString) want = g_string_new("{\"incidents\":[");
	for (guint i = 0; i < list->len; i++) {
		g_autofree char *one = report_incident_json(list->pdata[i], now);
		g_string_append_printf(want, "%s%s", i > 0 ? "," : "", one);
	}
	g_string_append(want, "]}");

	g_autofree char *got = report_incidents_json(list, NULL, now);
	g_assert_cmpstr(got, ==, want->str);
}

/* `show` lists a note under its own heading, never among the members, and the
 * incident's span and status stay the members'. */
static void
test_explain_notes(void)
{
	g_autoptr(Incident) inc = incident_new("I-1");
	g_autoptr(Advisory) a = advisory_new("ovh", "O1");
	g_autoptr(Advisory) n = advisory_new("plough", "P1");
	const gint64 now = 1689660000;

	advisory_set_str(&a->title, "SBG power outage");
	a->start = 1689655500;
	a->end = 1689659100;
	a->status = ADVISORY_STATUS_RESOLVED;
	advisory_set_str(&n->title, "Not affected: OVH outage");
	n->start = 1689659000;
	incident_add_member(inc, a);
	incident_add_note(inc, n);
	g_autofree char *explain = report_incident_explain(inc, now);
	g_assert_nonnull(strstr(explain, "\nMembers (1):\n  O1 (ovh)"));
	g_assert_nonnull(strstr(explain, "\nNotes (1, not affected):\n  P1 (plough)"));
	g_assert_nonnull(strstr(explain, "Not affected: OVH outage"));
}

/* The table (`link`, `incidents`) counts an incident's notes beside its advisories,
 * and adds nothing for an incident without one (its line stays as it was). */
static void
test_table_notes(void)
{
	g_autoptr(Incident) inc = incident_new("I-1");
	g_autoptr(Advisory) a = advisory_new("ovh", "O1");
	g_autoptr(Advisory) n1 = advisory_new("plough", "P1");
	g_autoptr(Advisory) n2 = advisory_new("tally", "T1");
	g_autoptr(GPtrArray) list = g_ptr_array_new();
	const gint64 now = 1689660000;

	advisory_set_str(&a->title, "SBG power outage");
	a->start = 1689655500;
	a->end = 1689659100;
	a->status = ADVISORY_STATUS_RESOLVED;
	incident_add_member(inc, a);
	g_ptr_array_add(list, inc);
	g_autofree char *none = report_incidents_text(list, now);
	g_assert_cmpstr(none, ==,
			"I-1  resolved unknown  since 2023-07-18 04:45 UTC  [-]  1 advisory\n"
			"    SBG power outage\n");
	incident_add_note(inc, n1);
	g_autofree char *one = report_incidents_text(list, now);
	g_assert_cmpstr(one, ==,
			"I-1  resolved unknown  since 2023-07-18 04:45 UTC  [-]  1 advisory "
			"(+1 note, not affected)\n"
			"    SBG power outage\n");
	incident_add_note(inc, n2);
	g_autofree char *two = report_incidents_text(list, now);
	g_assert_nonnull(strstr(two, "  1 advisory (+2 notes, not affected)\n"));
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/report/terminal-safe/bytes", test_terminal_safe_bytes);
	g_test_add_func("/report/terminal-safe/renderings", test_renderings_safe);
	g_test_add_func("/report/explain/notes", test_explain_notes);
	g_test_add_func("/report/table/notes", test_table_notes);
	g_test_add_func("/report/json/listing-threads", test_json_listing_threads);
	return g_test_run();
}
