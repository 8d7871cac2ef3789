/*
 * main() for a fuzz target built without libFuzzer: runs LLVMFuzzerTestOneInput() once
 * on every file named on the command line, and on every file inside a named directory
 * (not recursive), then prints how many ran.  A bug aborts, so `meson test` fails and
 * names the file (printed before each run with -v).  A missing argument is an error:
 * a regression directory that vanished must not pass silently.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "fuzz.h"

static guint runs;

static bool verbose;

static void
run_file(const char *path)
{
	g_autoptr(GError) error = NULL;
	g_autofree char *data = NULL;
	gsize len = 0;

	if (!g_file_get_contents(path, &data, &len, &error)) {
		fprintf(stderr, "replay: %s\n", error->message);
		exit(2);
	}
	if (verbose) {
		fprintf(stderr, "replay: %s\n", path);
	}
	LLVMFuzzerTestOneInput((const uint8_t *)data, len);
	runs++;
}

static gint
compare_paths(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-v") == 0) {
			verbose = true;
			continue;
		}
		if (!g_file_test(argv[i], G_FILE_TEST_IS_DIR)) {
			run_file(argv[i]);
			continue;
		}
		g_autoptr(GError) error = NULL;
		g_autoptr(GDir) d = g_dir_open(argv[i], 0, &error);
		if (d == NULL) {
			fprintf(stderr, "replay: %s\n", error->message);
			return 2;
		}
		g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
		for (const char *name = g_dir_read_name(d); name != NULL; name = g_dir_read_name(d)) {
			g_autofree char *path = g_build_filename(argv[i], name, NULL);
			if (g_file_test(path, G_FILE_TEST_IS_REGULAR) && name[0] != '.') {
				g_ptr_array_add(names, g_steal_pointer(&path));
			}
		}
		g_ptr_array_sort(names, compare_paths);
		for (guint k = 0; k < names->len; k++) {
			run_file(names->pdata[k]);
		}
	}
	printf("replayed %u inputs\n", runs);
	return runs > 0 ? 0 : 1;
}
