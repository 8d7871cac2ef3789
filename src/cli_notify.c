/*
 * `notify-test NOTIFIER`: one test notification through one notifier.  Not
 * built yet: says so and exits 2.
 */
#include "cli_private.h"

#include <glib.h>

static int
cmd_notify_test(CliOptions *o)
{
	return cli_not_built("notify-test");
}

const CliCommand cli_command_notify_test = {
	"notify-test", "NOTIFIER", "Send a test notification through one notifier", NULL,
	cmd_notify_test,
};
