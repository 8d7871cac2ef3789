/*
 * Benchmark of the fetch layer alone: one poll cycle over a list of URLs
 * through one Fetcher (fetcher_run()), bodies streamed to a byte counter as
 * the parser would receive them.  Prints one line: transfers, outcomes, bytes,
 * wall time, CPU time (user + system of this process) and peak RSS.
 *
 * Usage: bench-poll [--if-modified-since DATE] [--max-total N] [--max-per-host N]
 *                   [--cycles N] [--attached] URLFILE
 * URLFILE has one URL per line.  --if-modified-since sends that validator on
 * every request (the "all answer 304" poll).  --cycles N runs N cycles on the
 * same Fetcher (kept-alive connections) and reports the last one.  --attached
 * drives transfers from a GMainContext (curl's socket interface, as the daemon
 * does) instead of curl_multi_poll().
 * Driven by run-poll.sh against a loopback nginx; never registered as a test.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include <glib.h>

#include "http/fetch.h"

typedef struct {
	guint ok;
	guint not_modified;
	guint errors;
	guint64 bytes;
	char *first_error; /* owned */
} Tally;

static bool
count_bytes(const char *data, gsize len, gpointer user_data, GError **error)
{
	Tally *t = user_data;

	t->bytes += len;
	return true;
}

static void
on_done(const FetchResponse *response, const GError *error, gpointer user_data)
{
	Tally *t = user_data;

	if (error != NULL) {
		t->errors++;
		if (t->first_error == NULL) {
			t->first_error = g_strdup(error->message);
		}
	} else if (response->not_modified) {
		t->not_modified++;
	} else {
		t->ok++;
	}
}

static double
cpu_seconds(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
	       (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

int
main(int argc, char **argv)
{
	g_autofree char *ims = NULL;
	gint max_total = 0;
	gint max_per_host = 0;
	gint cycles = 1;
	gboolean attached = FALSE;
	GOptionEntry entries[] = {
		{"if-modified-since", 0, 0, G_OPTION_ARG_STRING, &ims,
		 "Send If-Modified-Since: DATE on every request", "DATE"},
		{"max-total", 0, 0, G_OPTION_ARG_INT, &max_total, "Parallel transfers (64)", "N"},
		{"max-per-host", 0, 0, G_OPTION_ARG_INT, &max_per_host, "Connections per host (6)",
		 "N"},
		{"cycles", 0, 0, G_OPTION_ARG_INT, &cycles, "Poll cycles on one fetcher (1)", "N"},
		{"attached", 0, 0, G_OPTION_ARG_NONE, &attached, "Drive from a GMainContext", NULL},
		{NULL},
	};
	g_autoptr(GOptionContext) octx = g_option_context_new("URLFILE");
	g_autoptr(GError) error = NULL;
	g_autofree char *text = NULL;

	g_option_context_add_main_entries(octx, entries, NULL);
	if (!g_option_context_parse(octx, &argc, &argv, &error) || argc != 2 || cycles < 1) {
		fprintf(stderr, "usage: bench-poll [OPTION...] URLFILE\n");
		return 2;
	}
	if (!g_file_get_contents(argv[1], &text, NULL, &error)) {
		fprintf(stderr, "bench-poll: %s\n", error->message);
		return 2;
	}
	g_auto(GStrv) urls = g_strsplit(g_strstrip(text), "\n", -1);
	guint n = g_strv_length(urls);

	g_autoptr(Fetcher) f = fetcher_new();
	fetcher_set_limits(f, (guint)max_total, (guint)max_per_host);
	g_autoptr(GMainContext) context = g_main_context_new();
	if (attached) {
		fetcher_attach(f, context);
	}
	Tally tally = {0};
	gint64 wall = 0;
	double cpu = 0;
	for (gint c = 0; c < cycles; c++) {
		g_free(tally.first_error);
		tally = (Tally){0};
		gint64 start = g_get_monotonic_time();
		double cpu_start = cpu_seconds();
		for (guint i = 0; i < n; i++) {
			FetchRequest req = {
				.url = urls[i],
				.last_modified = ims,
				.on_data = count_bytes,
				.user_data = &tally,
			};
			fetcher_submit(f, &req, on_done, &tally);
		}
		fetcher_run(f);
		wall = g_get_monotonic_time() - start;
		cpu = cpu_seconds() - cpu_start;
	}

	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	printf("bench-poll: %u urls: %u ok, %u not-modified, %u errors, %.1f MB; "
	       "wall %.3f s, cpu %.3f s, peak RSS %.1f MiB\n",
	       n, tally.ok, tally.not_modified, tally.errors, (double)tally.bytes / 1e6,
	       (double)wall / 1e6, cpu, (double)ru.ru_maxrss / 1024.0);
	if (tally.first_error != NULL) {
		printf("bench-poll: first error: %s\n", tally.first_error);
	}
	g_free(tally.first_error);
	return tally.errors == 0 ? 0 : 1;
}
