/*
 * `notify-test NOTIFIER`: one clearly marked TEST alert through one configured
 * notifier, by the same path the daemon delivers with (config keys with
 * secrets resolved -> notifier_new() -> notifier_send()), so a wrong URL,
 * password or recipient shows up now and not at the first outage.  Nothing is
 * written to the store or the outbox.  Prints what the server answered;
 * exit 0 delivered, 1 delivery failed (temporary or permanent, the server's
 * reply shown), 2 configuration error (file and line named).
 */
#include "cli_private.h"

#include <glib.h>

#include "config.h"
#include "daemon/notifier_setup.h"
#include "model/alert.h"
#include "notify/notifier.h"
#include "notify/render.h"
#include "util/error.h"

static int
cmd_notify_test(CliOptions *o)
{
	g_autoptr(GError) error = NULL;

	if (o->args == NULL || o->args[0] == NULL || o->args[1] != NULL) {
		g_printerr("statuswatch: notify-test takes one NOTIFIER name\n");
		return CLI_EXIT_USAGE;
	}
	const char *name = o->args[0];
	g_autoptr(Config) config = config_load(o->config_path, &error);
	if (config == NULL) {
		return cli_fail(error);
	}
	const NotifierConfig *nc = config_find_notifier(config, name);
	if (nc == NULL) {
		GString *names = g_string_new(NULL);
		for (guint i = 0; i < config->notifiers->len; i++) {
			const NotifierConfig *n = config->notifiers->pdata[i];
			g_string_append_printf(names, "%s'%s'", i > 0 ? ", " : "", n->name);
		}
		g_set_error(&error, SW_ERROR, SW_ERROR_NOT_FOUND,
			    "no notifier '%s' in %s (configured: %s)", name,
			    config->path != NULL ? config->path : "the built-in config",
			    names->len > 0 ? names->str : "none");
		g_string_free(names, TRUE);
		return cli_fail(error);
	}
	g_autoptr(Notifier) notifier = notifier_setup(config, nc, &error);
	if (notifier == NULL) {
		return cli_fail(error);
	}

	gint64 now = cli_now();
	g_autofree char *stamp = g_strdup_printf("%" G_GINT64_FORMAT, now);
	g_autofree char *key = g_strconcat("test/", nc->name, "/", stamp, NULL);
	g_autoptr(Alert) alert = alert_new(ALERT_KIND_TEST, key, nc->name, now);
	g_autofree char *when = render_time(now);
	alert->text = g_strdup_printf("Test alert from statuswatch on %s at %s for notifier '%s' "
				      "(type %s).",
				      g_get_host_name(), when, nc->name, nc->type);

	NotifyResult result = {0};
	if (!notifier_send(notifier, alert, &result, &error)) {
		notify_result_clear(&result);
		g_prefix_error(&error, "test alert not delivered (%s): ",
			       error_is_temporary(error) ? "temporary; the daemon would retry"
							 : "permanent; the daemon would not retry");
		/* A failed delivery is not a configuration error: exit 1, not 2. */
		g_printerr("statuswatch: %s\n", error->message);
		return CLI_EXIT_FAILURE;
	}
	g_print("notifier '%s' (%s): test alert delivered: %s\n", nc->name, nc->type,
		result.answer != NULL ? result.answer : "ok");
	notify_result_clear(&result);
	return CLI_EXIT_OK;
}

const CliCommand cli_command_notify_test = {
	"notify-test", "NOTIFIER", "Send a clearly marked test alert through one notifier", NULL,
	cmd_notify_test,
};
