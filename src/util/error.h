/*
 * One error domain for the whole program (SW_ERROR) and the single place that
 * decides whether a failure is worth retrying unchanged (error_is_temporary()).
 * Lower modules return a GError with one of these codes; only cli.c, the poller
 * and the daemon print them.
 */
#ifndef SW_UTIL_ERROR_H
#define SW_UTIL_ERROR_H

#include <glib.h>
#include <stdbool.h>

#define SW_ERROR (sw_error_quark())

typedef enum {
	SW_ERROR_CONFIG,      /* bad or unsafe configuration: fix the file, exit 2 */
	SW_ERROR_PARSE,       /* input that is not what it claims to be */
	SW_ERROR_LIMIT,       /* a size, depth, count or time cap was hit */
	SW_ERROR_IO,          /* local files, the database, the filesystem */
	SW_ERROR_SCHEMA,      /* database of a newer or unknown schema, or corrupt */
	SW_ERROR_TEMPORARY,   /* timeouts, 5xx, 408/429, SMTP 4xx: retry later */
	SW_ERROR_PERMANENT,   /* other 4xx, SMTP 5xx: retrying unchanged will not help */
	SW_ERROR_UNSUPPORTED, /* a format, protocol or feature this build lacks */
	SW_ERROR_NOT_FOUND,   /* an id or name that does not exist */
	SW_ERROR_CANCELLED,   /* aborted on purpose (the daemon is stopping): not done, and
			       * doing it again later may succeed (temporary) */
} SwErrorCode;

GQuark sw_error_quark(void);

/*
 * True when retrying the same operation later may succeed: SW_ERROR_TEMPORARY, and
 * SW_ERROR_CANCELLED (the work was cut short, not refused).  The outbox and the
 * poller's backoff both ask this one function (msmtp's net_exitcode() model).
 */
bool error_is_temporary(const GError *error);

#endif
