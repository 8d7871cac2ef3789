/*
 * `statuswatch link` end to end, through cli_main() as a user runs it: the input is cut
 * at each "\n--8<--\n" into up to four files, written to a private directory, and linked
 * twice (text and --json) with the clock pinned.  Parsing, linking and both renderings
 * run on whatever the files hold; the exit status must be 0 (all parsed) or 1 (some
 * file failed), never a usage error or a crash.  stdout goes to /dev/null.
 */
#include "fuzz.h"

#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "cli.h"

enum { MAX_FILES = 4 };

static char *dir;
static char *conf;

static void
setup_once(void)
{
	if (dir != NULL) {
		return;
	}
	dir = g_dir_make_tmp("sw-fuzz-link-XXXXXX", NULL);
	if (dir == NULL) {
		fuzz_fail("cannot make a temporary directory");
	}
	conf = g_build_filename(dir, "empty.conf", NULL);
	if (!g_file_set_contents_full(conf, "", 0, G_FILE_SET_CONTENTS_NONE, 0600, NULL)) {
		fuzz_fail("cannot write %s", conf);
	}
	g_setenv("STATUSWATCH_NOW", "2025-06-01T00:00:00Z", TRUE);
	if (freopen("/dev/null", "w", stdout) == NULL) {
		fuzz_fail("cannot send stdout to /dev/null");
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char sep[] = "\n--8<--\n";
	char *files[MAX_FILES] = {NULL};
	int n = 0;
	const char *p = (const char *)data;
	const char *end = p + size;

	fuzz_setup();
	setup_once();
	while (n < MAX_FILES) {
		const char *cut = n < MAX_FILES - 1 ? g_strstr_len(p, end - p, sep) : NULL;
		const char *stop = cut != NULL ? cut : end;
		files[n] = g_strdup_printf("%s/%d.feed", dir, n);
		if (!g_file_set_contents_full(files[n], p, stop - p, G_FILE_SET_CONTENTS_NONE,
					      0600, NULL)) {
			fuzz_fail("cannot write %s", files[n]);
		}
		n++;
		if (cut == NULL) {
			break;
		}
		p = cut + strlen(sep);
	}
	for (int json = 0; json <= 1; json++) {
		char *argv[4 + 2 + MAX_FILES + 1];
		int argc = 0;
		argv[argc++] = "statuswatch";
		argv[argc++] = "-q";
		argv[argc++] = "--config";
		argv[argc++] = conf;
		argv[argc++] = "link";
		if (json) {
			argv[argc++] = "--json";
		}
		for (int i = 0; i < n; i++) {
			argv[argc++] = files[i];
		}
		argv[argc] = NULL;
		int rc = cli_main(argc, argv);
		if (rc != 0 && rc != 1) {
			fuzz_fail("statuswatch link exited %d", rc);
		}
	}
	for (int i = 0; i < n; i++) {
		g_unlink(files[i]);
		g_free(files[i]);
	}
	return 0;
}
