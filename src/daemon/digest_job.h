/*
 * The digest job: wires the digest together for `statuswatch digest` and for
 * the daemon's daily timer.  Loads the period's incidents, advisories, source
 * health and outages from the store and the watched sources from the config,
 * builds the digest (report/digest.h), renders it, and sends it through the
 * [digest] notifier (an email notifier, notify/email.h), claiming the period in
 * the store first so it goes out at most once however many senders try.
 *
 * Logs nothing: the command line prints and the daemon logs what the job
 * returns.
 */
#ifndef SW_DAEMON_DIGEST_JOB_H
#define SW_DAEMON_DIGEST_JOB_H

#include <glib.h>
#include <stdbool.h>

#include "config.h"
#include "report/digest.h"
#include "store/store.h"

typedef struct DigestJob DigestJob;

/*
 * The scheduled period at @now: from the [digest] time (local time of day) one
 * day before the last one at or before @now, to that last one.  So a run at
 * 08:00:30, at 11:00 or after a reboot at 07:00 the next day (the timer's
 * Persistent=) all name one period each day, and the daemon and the timer agree.
 */
void digest_job_period(const Config *config, gint64 now, gint64 *ret_since, gint64 *ret_until);

/*
 * Loads the input for [since, until) from @store (borrowed) and @config (borrowed,
 * must outlive the job) and builds the digest, judged at @now.
 * Errors: SW_ERROR_IO (the store).  Caller frees with digest_job_free().
 */
DigestJob *digest_job_new(const Config *config, Store *store, gint64 since, gint64 until,
			  gint64 now, GError **error);
void digest_job_free(DigestJob *job);
/* Borrowed; lives as long as the job. */
const Digest *digest_job_digest(const DigestJob *job);

/* Nothing to report: no incident, every source read, no maintenance ahead. */
bool digest_job_is_empty(const DigestJob *job);

/* The recipients: @to_override, else [digest] to, else NULL (the notifier's to). */
const char *digest_job_recipients(const DigestJob *job, const char *to_override);

/*
 * The whole RFC 5322 message (multipart/alternative, CRLF line ends) as it would be
 * sent, From and To from the [digest] notifier (To overridden as
 * digest_job_recipients() says).  Errors: SW_ERROR_CONFIG (no [digest] notifier, not an
 * email notifier, no from or no recipients).  Caller frees.
 */
char *digest_job_message(const DigestJob *job, const char *to_override, GError **error);

typedef enum {
	DIGEST_JOB_SENT,          /* sent now */
	DIGEST_JOB_ALREADY_SENT,  /* this period's digest went out before (or is going out) */
	DIGEST_JOB_SKIPPED_EMPTY, /* nothing to report and [digest] send_empty = false */
} DigestJobOutcome;

/*
 * Claims the period in @store, sends the digest through the [digest] notifier and
 * records it as sent; a failed send gives the claim back so a later run retries.
 * @ret_detail (may be NULL) gets the server's answer when sent, or the time it was
 * sent before ("2023-07-20 08:00:12 UTC"), caller frees.
 * Errors: SW_ERROR_CONFIG (no usable notifier or secret), SW_ERROR_TEMPORARY /
 * SW_ERROR_PERMANENT (from the email notifier, the server's reply verbatim),
 * SW_ERROR_IO (the store).
 */
bool digest_job_send(DigestJob *job, Store *store, const char *to_override, gint64 now,
		     DigestJobOutcome *ret_outcome, char **ret_detail, GError **error);

/*
 * The one line saying what digest_job_send() did, for the command line's output and the
 * daemon's log: "digest SINCE/UNTIL sent (3 incidents): 250 OK", "… was already sent
 * (DETAIL); nothing sent", "…: no incidents, every source read, and [digest] send_empty
 * is false; nothing sent".  @detail is digest_job_send()'s (may be NULL).  Caller frees.
 */
char *digest_job_outcome_line(const DigestJob *job, DigestJobOutcome outcome,
			      const char *detail);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(DigestJob, digest_job_free)

#endif
