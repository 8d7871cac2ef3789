/*
 * The email channel (type = email): alerts as RFC 5322 messages over SMTP
 * (libcurl), multipart/alternative with a text and an HTML part, threaded per
 * incident (In-Reply-To/References to the first mail's Message-ID, which is
 * the thread_ref).  Also the document API the digest uses to send its own
 * mail through a configured email notifier.
 *
 * Keys: smtp_url (smtp://host:587 with STARTTLS, smtps://host:465),
 * smtp_user, smtp_password (secret), from, to (comma-separated),
 * starttls = required|optional|off (default required; off only for a
 * loopback host).
 *
 * Used error codes: SW_ERROR_CONFIG (create: a bad key, named), SW_ERROR_TEMPORARY
 * (connection failures, timeouts, TLS handshake, SMTP 4xx, a dropped connection that
 * curl reports with a stale 250), SW_ERROR_PERMANENT (SMTP 5xx, with the server's reply
 * verbatim: "550 5.1.1 <x@example.com>: Recipient address rejected: User unknown";
 * STARTTLS required but not offered; certificate not trusted).
 */
#ifndef SW_NOTIFY_EMAIL_H
#define SW_NOTIFY_EMAIL_H

#include <glib.h>
#include <stdbool.h>

#include "notify/notifier.h"

typedef struct {
	const char *subject;        /* UTF-8, one line; encoded per RFC 2047 when not ASCII */
	const char *text;           /* the text/plain part (UTF-8), required */
	const char *html;           /* the text/html part (UTF-8); NULL = a text-only message */
	const char *to;             /* comma-separated recipients; NULL = the notifier's `to` */
	const char *const *headers; /* extra "Name: value" lines, NULL-terminated, may be NULL;
				     * a line holding CR or LF is refused (header injection) */
} EmailDocument;

/*
 * Sends @doc through @n, which must be an email notifier (SW_ERROR_CONFIG otherwise).
 * On success @result->answer holds the server's last reply ("250 2.0.0 Ok: queued as
 * 4F2") and @result->thread_ref the Message-ID ("<...@...>").  Errors as above.
 */
bool email_send_document(Notifier *n, const EmailDocument *doc, NotifyResult *result,
			 GError **error);

/*
 * The complete RFC 5322 message @doc becomes (CRLF line ends, what the SMTP DATA phase
 * carries before dot-stuffing), with From: @from, To: @to (comma-separated; NULL =
 * doc->to), Date of @now (Unix seconds) and a fresh Message-ID; for `digest --dry-run`.
 * Returns NULL with SW_ERROR_CONFIG when @from or the recipients are missing or a header
 * holds CR/LF.  Caller frees.
 */
char *email_build_document(const EmailDocument *doc, const char *from, const char *to,
			   gint64 now, GError **error);

#endif
