/*
 * A notifier from the configuration (see notifier_setup.h).  Resolves secrets
 * through config_notifier_keys(), hands the keys to notifier_new() and places
 * a refusal in the file.  Never logs: callers decide whether a refusal stops
 * them (check-config, notify test, the digest) or skips one notifier (the
 * daemon, for a type this build lacks).
 */
#include "daemon/notifier_setup.h"

#include <string.h>

Notifier *
notifier_setup(const Config *config, const NotifierConfig *nc, GError **error)
{
	g_autoptr(GHashTable) keys = config_notifier_keys(config, nc, error);
	if (keys == NULL) {
		return NULL;
	}
	g_autoptr(GError) local = NULL;
	Notifier *n = notifier_new(nc->name, nc->type, keys, &local);
	if (n != NULL) {
		return n;
	}
	/* Channels name the key they refuse: "notifier 'mail': key 'starttls': ...". */
	g_autofree char *key = NULL;
	const char *k = strstr(local->message, "key '");
	if (k != NULL) {
		k += strlen("key '");
		key = g_strndup(k, strcspn(k, "'"));
	}
	g_autofree char *group = g_strconcat("notify:", nc->name, NULL);
	g_autofree char *where = config_locate(config, group, key);
	g_set_error(error, local->domain, local->code, "%s: %s", where, local->message);
	return NULL;
}
