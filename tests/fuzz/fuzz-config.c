/*
 * The config reader: the input is written to a private file (mode 0600) and loaded with
 * config_load_file(); a config that loads is described (check-config's output).  A
 * failure must come with an error, a success with a description.
 */
#include "fuzz.h"

#include <glib/gstdio.h>

#include "config.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char *path;
	g_autoptr(GError) error = NULL;

	fuzz_setup();
	if (path == NULL) {
		char *dir = g_dir_make_tmp("sw-fuzz-config-XXXXXX", NULL);
		if (dir == NULL) {
			fuzz_fail("cannot make a temporary directory");
		}
		path = g_build_filename(dir, "statuswatch.conf", NULL);
		g_free(dir);
	}
	if (!g_file_set_contents_full(path, (const char *)data, (gssize)size,
				      G_FILE_SET_CONTENTS_NONE, 0600, &error)) {
		fuzz_fail("cannot write %s: %s", path, error->message);
	}
	g_autoptr(Config) config = config_load_file(path, &error);
	if (config == NULL) {
		if (error == NULL) {
			fuzz_fail("config_load_file failed without an error");
		}
		return 0;
	}
	g_autofree char *text = config_describe(config);
	if (text == NULL) {
		fuzz_fail("config_describe gave NULL");
	}
	return 0;
}
