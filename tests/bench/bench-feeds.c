/*
 * bench-feeds: parses every feed file given (files or directories) through
 * the xmlfeed SAX2 push parser in 16 KiB chunks, as curl would deliver them,
 * into advisories, and prints throughput (MB/s, items/s) and peak RSS
 * (getrusage ru_maxrss).  Never registered as a test; see run-feeds.sh and
 * tests/bench/README.md.
 *
 * usage: bench-feeds [--limit N] [--chunk BYTES] PATH...
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <glib.h>

#include "model/advisory.h"
#include "sources/parsers.h"

static void
collect(const char *path, GPtrArray *files)
{
	if (!g_file_test(path, G_FILE_TEST_IS_DIR)) {
		g_ptr_array_add(files, g_strdup(path));
		return;
	}
	GDir *dir = g_dir_open(path, 0, NULL);
	if (dir == NULL) {
		return;
	}
	const char *name;
	while ((name = g_dir_read_name(dir)) != NULL) {
		if (name[0] == '.') {
			continue; /* run-feeds.sh's completion marker and the like */
		}
		g_ptr_array_add(files, g_build_filename(path, name, NULL));
	}
	g_dir_close(dir);
}

static int
cmp_paths(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
main(int argc, char **argv)
{
	gsize limit = 0;
	gsize chunk = 16 * 1024;
	GPtrArray *files = g_ptr_array_new_with_free_func(g_free);

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--limit") == 0 && i + 1 < argc) {
			limit = (gsize)g_ascii_strtoull(argv[++i], NULL, 10);
		} else if (strcmp(argv[i], "--chunk") == 0 && i + 1 < argc) {
			chunk = (gsize)g_ascii_strtoull(argv[++i], NULL, 10);
		} else {
			collect(argv[i], files);
		}
	}
	if (files->len == 0 || chunk == 0) {
		fprintf(stderr, "usage: bench-feeds [--limit N] [--chunk BYTES] PATH...\n");
		return 2;
	}
	g_ptr_array_sort(files, cmp_paths);
	if (limit > 0 && limit < files->len) {
		g_ptr_array_set_size(files, (guint)limit);
	}

	SourceContext ctx = {.source_name = "bench", .now = 1764300000};
	char *buf = g_malloc(chunk);
	guint64 bytes = 0;
	guint64 items = 0;
	guint64 updates = 0;
	guint failures = 0;
	gint64 t0 = g_get_monotonic_time();

	for (guint i = 0; i < files->len; i++) {
		const char *path = g_ptr_array_index(files, i);
		int fd = open(path, O_RDONLY);
		if (fd < 0) {
			fprintf(stderr, "%s: %s\n", path, g_strerror(errno));
			failures++;
			continue;
		}
		XmlFeedParser *p = xmlfeed_parser_new(&ctx);
		GError *error = NULL;
		bool ok = true;
		for (;;) {
			ssize_t n = read(fd, buf, chunk);
			if (n <= 0) {
				break;
			}
			bytes += (guint64)n;
			if (!xmlfeed_parser_feed(p, buf, (gsize)n, &error)) {
				ok = false;
				break;
			}
		}
		close(fd);
		SourceResult res = {
			.advisories = g_ptr_array_new_with_free_func((GDestroyNotify)advisory_unref),
			.warnings = g_ptr_array_new_with_free_func(g_free),
		};
		if (ok && xmlfeed_parser_finish(p, &res, &error)) {
			items += res.advisories->len;
			for (guint k = 0; k < res.advisories->len; k++) {
				const Advisory *a = g_ptr_array_index(res.advisories, k);
				updates += a->updates->len;
			}
		} else {
			fprintf(stderr, "%s: %s\n", path, error != NULL ? error->message : "?");
			failures++;
		}
		g_clear_error(&error);
		g_ptr_array_unref(res.advisories);
		g_ptr_array_unref(res.warnings);
		xmlfeed_parser_free(p);
	}

	double secs = (double)(g_get_monotonic_time() - t0) / 1e6;
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	printf("bench-feeds: %u files, %.1f MB, %" G_GUINT64_FORMAT " items, %" G_GUINT64_FORMAT
	       " updates, %u failures\n",
	       files->len, (double)bytes / 1e6, items, updates, failures);
	printf("bench-feeds: %.3f s, %.1f MB/s, %.0f items/s, peak RSS %.1f MiB\n", secs,
	       (double)bytes / 1e6 / secs, (double)items / secs, (double)ru.ru_maxrss / 1024.0);
	g_free(buf);
	g_ptr_array_unref(files);
	return failures == 0 ? 0 : 1;
}
