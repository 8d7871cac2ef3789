/*
 * The notifier registry: type name -> channel operations, and the thin
 * Notifier handle the dispatcher holds.  Each channel lives in its own file
 * and exports one NotifierOps; add it to the table below.
 */
#include "notify/notifier.h"

#include <string.h>

#include "build-config.h"
#include "util/error.h"
#include "util/secret.h"

/* Channel ops, defined in their own files.  Declared here rather than in a header
 * each, because nothing but this registry refers to them. */
/* (channels register here as they land) */
extern const NotifierOps discord_ops;
extern const NotifierOps email_ops;
extern const NotifierOps generic_ops;
extern const NotifierOps googlechat_ops;
extern const NotifierOps mattermost_ops;
extern const NotifierOps ntfy_ops;
extern const NotifierOps slack_ops;
extern const NotifierOps teams_ops;
extern const NotifierOps terminal_ops;
#if SW_HAVE_DESKTOP
extern const NotifierOps desktop_notifier_ops;
#endif

/* Searched linearly: a dozen entries, looked up once per notifier at startup. */
static const NotifierOps *const registry[] = {
	&discord_ops,
	&email_ops,
	&generic_ops,
	&googlechat_ops,
	&mattermost_ops,
	&ntfy_ops,
	&slack_ops,
	&teams_ops,
	&terminal_ops,
#if SW_HAVE_DESKTOP
	&desktop_notifier_ops,
#endif
};

struct Notifier {
	char *name;              /* owned */
	const NotifierOps *ops;  /* static */
	gpointer state;          /* owned through ops->destroy */
	GPtrArray *secrets;      /* char *, owned (wiped): secret_list_new() of the secret keys */
};

/* Keep in step with the schema (config_schema.c, notify rows flagged SECRET or
 * INDIRECT); test-secret compares the two.  The SMTP user goes with the password
 * (AUTH PLAIN sends both in one base64 string). */
const char *const notifier_secret_keys[] = {"url", "smtp_url", "smtp_password", "token", NULL};

void
notify_result_clear(NotifyResult *result)
{
	if (result == NULL) {
		return;
	}
	g_clear_pointer(&result->thread_ref, g_free);
	g_clear_pointer(&result->answer, g_free);
	result->retry_after = 0;
}

const NotifierOps *
notifier_lookup(const char *type)
{
	if (type == NULL) {
		return NULL;
	}
	for (gsize i = 0; i < G_N_ELEMENTS(registry); i++) {
		if (registry[i] != NULL && strcmp(registry[i]->type, type) == 0) {
			return registry[i];
		}
	}
	return NULL;
}

Notifier *
notifier_new(const char *name, const char *type, GHashTable *keys, GError **error)
{
	const NotifierOps *ops = notifier_lookup(type);
	gpointer state;
	Notifier *notifier;

	g_return_val_if_fail(name != NULL, NULL);
	if (ops == NULL) {
		g_set_error(error, SW_ERROR, SW_ERROR_UNSUPPORTED,
			    "notifier '%s': type '%s' is not built in this version", name,
			    type != NULL ? type : "(none)");
		return NULL;
	}
	state = ops->create(name, keys, error);
	if (state == NULL) {
		return NULL;
	}
	notifier = g_new0(Notifier, 1);
	notifier->name = g_strdup(name);
	notifier->ops = ops;
	notifier->state = state;
	notifier->secrets = secret_list_new();
	for (const char *const *k = notifier_secret_keys; keys != NULL && *k != NULL; k++) {
		secret_list_add(notifier->secrets, g_hash_table_lookup(keys, *k));
	}
	if (keys != NULL) {
		secret_list_add_login(notifier->secrets, g_hash_table_lookup(keys, "smtp_user"),
				      g_hash_table_lookup(keys, "smtp_password"));
	}
	return notifier;
}

void
notifier_free(Notifier *notifier)
{
	if (notifier == NULL) {
		return;
	}
	if (notifier->ops->destroy != NULL) {
		notifier->ops->destroy(notifier->state);
	}
	g_clear_pointer(&notifier->secrets, g_ptr_array_unref);
	g_free(notifier->name);
	g_free(notifier);
}

const char *
notifier_name(const Notifier *notifier)
{
	return notifier->name;
}

const NotifierOps *
notifier_ops(const Notifier *notifier)
{
	return notifier->ops;
}

gpointer
notifier_state(const Notifier *notifier)
{
	return notifier->state;
}

bool
notifier_send(Notifier *notifier, const Alert *alert, NotifyResult *result, GError **error)
{
	g_return_val_if_fail(notifier != NULL && alert != NULL && result != NULL, false);
	notify_result_clear(result);
	GError *local = NULL;
	bool ok = notifier->ops->send(notifier->state, alert, result, &local);
	notifier_scrub(notifier, result, local);
	if (local != NULL) {
		g_propagate_error(error, local);
	}
	return ok;
}

void
notifier_scrub(const Notifier *notifier, NotifyResult *result, GError *error)
{
	g_return_if_fail(notifier != NULL);
	const char *const *secrets = (const char *const *)notifier->secrets->pdata;

	if (error != NULL && error->message != NULL) {
		char *clean = secret_scrub(error->message, secrets);
		g_free(error->message);
		error->message = clean;
	}
	if (result != NULL && result->answer != NULL) {
		char *clean = secret_scrub(result->answer, secrets);
		g_free(result->answer);
		result->answer = clean;
	}
}
