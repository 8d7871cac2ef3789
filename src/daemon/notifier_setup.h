/*
 * A notifier from the configuration: the one place that turns a [notify:NAME]
 * group into a Notifier (secrets resolved, the channel's own checks run).  The
 * daemon's alerting, the digest job, `notify test` and `check-config` all build
 * their notifiers here, so they accept and refuse the same groups with the same
 * message.
 */
#ifndef SW_DAEMON_NOTIFIER_SETUP_H
#define SW_DAEMON_NOTIFIER_SETUP_H

#include <glib.h>

#include "config.h"
#include "notify/notifier.h"

/*
 * notifier_new() for @nc of @config, its env:/file: secrets resolved (and wiped once
 * the notifier has its copy).  A channel's refusal ("notifier 'mail': key 'starttls':
 * ...") is prefixed with "FILE:LINE: " of that key, or of the group.  Errors:
 * SW_ERROR_CONFIG (a secret that cannot be read, a key the channel refuses),
 * SW_ERROR_UNSUPPORTED (a type this build lacks), keeping the channel's code.
 * Caller frees with notifier_free().
 */
Notifier *notifier_setup(const Config *config, const NotifierConfig *nc, GError **error);

#endif
