/*
 * File system chores (see fs.h).  Never logs.
 */
#include "util/fs.h"

#include <glib.h>
#include <glib/gstdio.h>

void
fs_remove_dir(const char *dir)
{
	g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);

	for (const char *n = d != NULL ? g_dir_read_name(d) : NULL; n != NULL;
	     n = g_dir_read_name(d)) {
		g_autofree char *p = g_build_filename(dir, n, NULL);
		g_unlink(p);
	}
	g_rmdir(dir);
}
