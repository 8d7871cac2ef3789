/*
 * `check-config`: load and validate the configuration, try every secret
 * reference, and print what it sets up (secrets masked).
 */
#include "cli_private.h"

#include <glib.h>

#include "config.h"

static int
cmd_check_config(CliOptions *o)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(Config) config = config_load(o->config_path, &error);

	if (config == NULL) {
		return cli_fail(error);
	}
	/* A secret from env: or file: that cannot be read here may well be readable where the
	 * daemon runs (systemd's Environment=, another user): warn, do not fail. */
	if (!config_check_secrets(config, &error)) {
		g_warning("%s", error->message);
	}
	g_print("%s: OK\n", config->path != NULL ? config->path : "built-in default configuration");
	cli_print_and_free(config_describe(config));
	return CLI_EXIT_OK;
}

const CliCommand cli_command_check_config = {
	"check-config", "", "Validate the configuration and print what it sets up", NULL,
	cmd_check_config,
};
