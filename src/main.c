/* statuswatch: see README.md.  Everything happens in cli_main(). */
#include <glib.h>

#include "cli.h"

int
main(int argc, char **argv)
{
	/* GLib 2.74's slice allocator never returns memory to the system; plain malloc keeps the
	 * daemon's RSS at its working set (24 MiB instead of 45 MiB with 2,000 sources, see
	 * tests/bench/README.md).  Must run before anything allocates a slice. */
	g_setenv("G_SLICE", "always-malloc", FALSE);
	return cli_main(argc, argv);
}
