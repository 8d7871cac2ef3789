/*
 * `digest`: the daily summary of incidents.  Not built yet: says so and exits 2.
 */
#include "cli_private.h"

#include <glib.h>

static gboolean opt_dry_run;

static const GOptionEntry digest_entries[] = {
	{"dry-run", 'n', 0, G_OPTION_ARG_NONE, &opt_dry_run,
	 "Print the digest instead of sending it", NULL},
	G_OPTION_ENTRY_NULL,
};

static int
cmd_digest(CliOptions *o)
{
	return cli_not_built("digest");
}

const CliCommand cli_command_digest = {
	"digest", "", "Send (or with --dry-run print) the daily digest", digest_entries,
	cmd_digest,
};
