/*
 * `check-config`: load and validate the configuration, try every secret
 * reference, and print what it sets up (secrets masked).
 */
#include "cli_private.h"

#include <glib.h>

#include "config.h"
#include "daemon/alerting.h"
#include "daemon/daemon.h"
#include "daemon/notifier_setup.h"
#include "notify/notifier.h"

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
	g_auto(GStrv) loose = config_secret_file_warnings(config);
	for (char **w = loose; w != NULL && *w != NULL; w++) {
		g_warning("%s", *w);
	}
	/* Each notifier's policy (quiet_hours, timezone, kinds...), built as the daemon does. */
	g_autoptr(GPtrArray) policies = alerting_policies(config, &error);
	if (policies == NULL) {
		return cli_fail(error);
	}
	/* [linker] knowledge and every depends_on, as the daemon reads them (it only warns). */
	if (!daemon_linker_options_check(config, &error)) {
		return cli_fail(error);
	}
	bool secrets_ok = config_check_secrets(config, &error);
	if (!secrets_ok) {
		g_warning("%s", error->message);
		g_clear_error(&error);
	}
	/* Each notifier's own rules (an http webhook URL off loopback, starttls = off for a
	 * remote mail server, a bad address, an ntfy URL without topic), checked by building
	 * it as the daemon does; only when every secret could be read here. */
	for (guint i = 0; secrets_ok && i < config->notifiers->len; i++) {
		g_autoptr(Notifier) n = notifier_setup(config, config->notifiers->pdata[i], &error);
		if (n == NULL) {
			return cli_fail(error);
		}
	}
	g_print("%s: OK\n", config->path != NULL ? config->path : "built-in default configuration");
	cli_print_and_free(config_describe(config));
	return CLI_EXIT_OK;
}

const CliCommand cli_command_check_config = {
	"check-config", "", "Validate the configuration and print what it sets up", NULL,
	cmd_check_config,
};
