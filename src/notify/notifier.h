/*
 * The notifier interface: one delivery back end per channel (terminal,
 * generic webhook, slack, teams, discord, mattermost, googlechat, ntfy, email,
 * desktop).  The dispatcher (alert/, wired by daemon/ and cli) creates one
 * Notifier per [notify:NAME] group and calls notifier_send() for each due
 * alert; a notifier renders the alert for its channel and delivers it.
 *
 * A notifier never decides WHETHER to send (that is the policy's job), never
 * never retries by itself (the outbox does, deciding with error_is_temporary()), and
 * never logs a secret: URLs with tokens and passwords pass through
 * secret_mask() before they reach any message.  What the server answers is quoted
 * verbatim, and a server may echo the request (the URL with its token, the SMTP AUTH
 * exchange), so notifier_send() and email_send_document() also replace every form of
 * the notifier's own secrets (notifier_secret_keys, secret_list_add()) by "***" in
 * the error and the answer they return: whatever the outbox stores, the audit trail
 * keeps or a log line prints is scrubbed once, here.
 */
#ifndef SW_NOTIFY_NOTIFIER_H
#define SW_NOTIFY_NOTIFIER_H

#include <glib.h>
#include <stdbool.h>

typedef struct Alert Alert;
typedef struct Notifier Notifier;

/*
 * What a delivery returned.  All fields are optional outputs, set only on success
 * except retry_after, which a failed delivery sets when the server said how long to
 * wait (HTTP 429/503 Retry-After).
 */
typedef struct {
	char *thread_ref;  /* owned, may be NULL: an id to thread or update later alerts of the
			    * same incident (Discord message id, email Message-ID, desktop
			    * notification id); stored by the outbox and handed back as
			    * Alert.thread_ref on the next alert of that incident */
	char *answer;      /* owned, may be NULL: the server's answer, verbatim, for the audit
			    * trail ("250 2.0.0 Ok: queued as 4F2", "HTTP 204") */
	gint64 retry_after;/* seconds the server asked to wait before the next attempt; 0 = none */
} NotifyResult;

void notify_result_clear(NotifyResult *result);

/*
 * One channel's operations.  Each channel file defines one const NotifierOps and the
 * registry in notifier.c lists them by type name.
 */
typedef struct {
	const char *type; /* the `type =` value: "slack", "email", ... */
	/* When true the dispatcher calls send() on the main thread (the desktop notifier:
	 * libnotify and D-Bus signals live on the main context).  Otherwise send() may run in
	 * a worker thread; it is never called concurrently on one Notifier. */
	bool main_thread;
	/*
	 * Validates @keys and builds the channel's state.  @keys: char * -> char *, the
	 * [notify:NAME] keys merged over [policy], with env:/file: secrets ALREADY RESOLVED by
	 * the caller (borrowed; copy what you keep).  Returns NULL and SW_ERROR_CONFIG
	 * naming the key on a bad value.
	 */
	gpointer (*create)(const char *name, GHashTable *keys, GError **error);
	/*
	 * Delivers @alert (borrowed).  Blocks for at most the channel's timeout.  Returns true
	 * on delivery.  On failure sets SW_ERROR_TEMPORARY (connection failures, timeouts,
	 * HTTP 5xx/408/429, SMTP 4xx: the outbox retries) or SW_ERROR_PERMANENT (other HTTP
	 * 4xx, SMTP 5xx: parked), with the server's answer verbatim in the message and
	 * secrets masked, and may set @result->retry_after.
	 * Stopping: when the calling thread has a current cancellable
	 * (g_cancellable_push_current(); the dispatcher and the digest timer push the
	 * daemon's stop), a network channel aborts its transfer within about a second of
	 * its cancellation and fails with SW_ERROR_CANCELLED: not delivered as far as the
	 * sender knows, to be sent again later (the server may still have taken it).
	 */
	bool (*send)(gpointer state, const Alert *alert, NotifyResult *result, GError **error);
	void (*destroy)(gpointer state);
} NotifierOps;

/* The [notify:NAME] keys whose values are secrets or carry one: every notify-group row
 * of the config schema marked secret or indirect (test-secret checks they agree).
 * NULL-terminated. */
extern const char *const notifier_secret_keys[];

/* The ops for @type, or NULL when this build has no such channel. */
const NotifierOps *notifier_lookup(const char *type);

/* Creates a notifier of @type named @name.  Caller frees with notifier_free().
 * SW_ERROR_CONFIG for bad keys, SW_ERROR_UNSUPPORTED for a type this build lacks. */
Notifier *notifier_new(const char *name, const char *type, GHashTable *keys, GError **error);
void notifier_free(Notifier *notifier);
const char *notifier_name(const Notifier *notifier);
const NotifierOps *notifier_ops(const Notifier *notifier);
/* The channel's state (what ops->create returned), for a channel's own extra API such as
 * email_send_document() or desktop_notifier_set_mute_func().  Borrowed. */
gpointer notifier_state(const Notifier *notifier);
/* Calls ops->send; see NotifierOps.send.  @result is cleared first; the error message
 * and result->answer come back scrubbed of the notifier's secrets. */
bool notifier_send(Notifier *notifier, const Alert *alert, NotifyResult *result, GError **error);
/* Replaces every form of @notifier's secrets in @error's message (may be NULL) and in
 * @result->answer (@result may be NULL) by "***". */
void notifier_scrub(const Notifier *notifier, NotifyResult *result, GError *error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(Notifier, notifier_free)

#endif
