/*
 * The email channel (see email.h).  Builds the whole RFC 5322 message itself
 * (headers, RFC 2047 subject, multipart/alternative with quoted-printable
 * text and HTML parts) and hands those exact bytes to libcurl's SMTP upload,
 * so `digest --dry-run` (email_build_document()) shows byte for byte what is
 * sent.  curl's MIME API was the first idea; it cannot serialize a message
 * without sending it, which would have meant a second builder for the dry run.
 *
 * Failure classification follows REFERENCE.md §7.3 for curl 7.88.1: curl
 * returns the same CURLcode for SMTP 4xx and 5xx and can report a stale 250
 * after a dropped connection, so the decision comes from the last reply the
 * server really sent (captured from curl's debug stream, incoming lines only;
 * outgoing lines carry AUTH credentials and are never looked at) and from the
 * transport code.  Never logs; the SMTP URL reaches messages only masked.
 */
#include "notify/email.h"

#include <string.h>

#include <curl/curl.h>
#include <gio/gio.h>

#include "model/alert.h"
#include "notify/render.h"
#include "notify/webhook.h"
#include "util/error.h"
#include "util/secret.h"

/* A reply longer than this is not an SMTP reply worth quoting whole. */
#define REPLY_MAX 512
/* RFC 2045: encoded lines at most 76 characters. */
#define QP_LINE 76
/* RFC 2047: an encoded-word is at most 75 characters, and RFC 5322 wants lines of at
 * most 78: 42 bytes of UTF-8 become 56 base64 characters, plus "=?UTF-8?B?" and "?="
 * makes 68, and "Subject: " before the first one makes 77. */
#define EW_BYTES 42

typedef enum {
	STARTTLS_REQUIRED,
	STARTTLS_OPTIONAL,
	STARTTLS_OFF,
} StartTls;

typedef struct {
	char *name;      /* owned */
	char *smtp_url;  /* owned; may carry user:password, so only masked in messages */
	char *masked;    /* owned */
	char *user;      /* owned, may be NULL */
	char *password;  /* owned, may be NULL; wiped on destroy */
	char *from;      /* owned: the From header as configured ("Ops <ops@example.com>") */
	char *to;        /* owned: comma-separated, as configured */
	StartTls starttls;
} Email;

/* ---- addresses ---- */

static bool
has_crlf(const char *s)
{
	return s != NULL && strpbrk(s, "\r\n") != NULL;
}

static bool is_plain_ascii(const char *s);

/* The bare address of "Name <a@b>" or "a@b", or NULL when it does not look like one. */
static char *
envelope_address(const char *mailbox)
{
	g_autofree char *m = g_strstrip(g_strdup(mailbox));
	const char *lt = strrchr(m, '<');
	char *addr;

	if (lt != NULL) {
		const char *gt = strchr(lt, '>');
		if (gt == NULL) {
			return NULL;
		}
		addr = g_strndup(lt + 1, gt - lt - 1);
	} else {
		addr = g_strdup(m);
	}
	const char *at = strchr(addr, '@');
	/* ASCII only: an internationalized address needs SMTPUTF8, which this does not speak. */
	if (at == NULL || at == addr || at[1] == '\0' || strpbrk(addr, " \t\r\n<>,\"") != NULL ||
	    !is_plain_ascii(addr)) {
		g_free(addr);
		return NULL;
	}
	return addr;
}

/* Splits a comma-separated recipient list; NULL when one entry is not an address
 * (@ret_bad gets it, caller frees).  Caller unrefs. */
static GPtrArray *
split_recipients(const char *list, char **ret_bad)
{
	g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func(g_free);
	g_auto(GStrv) parts = g_strsplit(list != NULL ? list : "", ",", -1);

	for (guint i = 0; parts[i] != NULL; i++) {
		g_strstrip(parts[i]);
		if (*parts[i] == '\0') {
			continue;
		}
		char *addr = envelope_address(parts[i]);
		if (addr == NULL) {
			if (ret_bad != NULL) {
				*ret_bad = g_strdup(parts[i]);
			}
			return NULL;
		}
		g_ptr_array_add(out, addr);
	}
	if (out->len == 0) {
		if (ret_bad != NULL) {
			*ret_bad = g_strdup(list != NULL ? list : "");
		}
		return NULL;
	}
	return g_steal_pointer(&out);
}

/* ---- message building ---- */

static void
rfc5322_date(GString *out, gint64 now)
{
	static const char *const days[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
	static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc(now);

	/* English names whatever the locale: the format is fixed by RFC 5322 3.3. */
	g_string_append_printf(out, "%s, %02d %s %04d %02d:%02d:%02d +0000",
			       days[g_date_time_get_day_of_week(dt) - 1],
			       g_date_time_get_day_of_month(dt),
			       months[g_date_time_get_month(dt) - 1], g_date_time_get_year(dt),
			       g_date_time_get_hour(dt), g_date_time_get_minute(dt),
			       g_date_time_get_second(dt));
}

static bool
is_plain_ascii(const char *s)
{
	for (const guchar *p = (const guchar *)s; *p != '\0'; p++) {
		if (*p < 0x20 || *p > 0x7E) {
			return false;
		}
	}
	return true;
}

/* @text (valid UTF-8) as RFC 2047 B encoded-words of at most EW_BYTES bytes each, split at
 * character boundaries, each after the first on a folded line. */
static void
append_encoded_words(GString *out, const char *text)
{
	const char *p = text;
	bool first = true;

	while (*p != '\0') {
		const char *end = p;
		while (*end != '\0') {
			const char *next = g_utf8_next_char(end);
			if ((gsize)(next - p) > EW_BYTES) {
				break;
			}
			end = next;
		}
		g_autofree char *b64 = g_base64_encode((const guchar *)p, end - p);
		g_string_append_printf(out, "%s=?UTF-8?B?%s?=", first ? "" : "\r\n ", b64);
		first = false;
		p = end;
	}
}

/* "Subject: " + @value, as is when printable ASCII, else as encoded-words. */
static void
header_encoded(GString *out, const char *name, const char *value)
{
	g_autofree char *clean = render_clean_line(value, 0);

	g_string_append_printf(out, "%s: ", name);
	if (is_plain_ascii(clean) && strstr(clean, "=?") == NULL) {
		g_string_append_printf(out, "%s\r\n", clean);
		return;
	}
	append_encoded_words(out, clean);
	g_string_append(out, "\r\n");
}

/* "From: " + @mailbox: a display name that is not ASCII ("Störungsmelder <a@b>") is
 * encoded; the address itself must be ASCII (checked by envelope_address()). */
static void
header_mailbox(GString *out, const char *name, const char *mailbox)
{
	const char *lt = strrchr(mailbox, '<');

	if (is_plain_ascii(mailbox) || lt == NULL) {
		g_string_append_printf(out, "%s: %s\r\n", name, mailbox);
		return;
	}
	g_autofree char *raw = g_strndup(mailbox, lt - mailbox);
	g_autofree char *display = render_clean_line(g_strstrip(raw), 200);
	gsize len = strlen(display);
	if (len >= 2 && display[0] == '"' && display[len - 1] == '"') {
		display[len - 1] = '\0';
		memmove(display, display + 1, len - 1);
	}
	g_string_append_printf(out, "%s: ", name);
	append_encoded_words(out, display);
	g_string_append_printf(out, " %s\r\n", lt);
}

/* Quoted-printable (RFC 2045 6.7) of UTF-8 text with "\n" line ends, CRLF out. */
static void
append_qp(GString *out, const char *text)
{
	static const char hex[] = "0123456789ABCDEF";
	guint col = 0;

	for (const guchar *p = (const guchar *)text; *p != '\0'; p++) {
		guchar c = *p;
		char token[4];
		gsize tlen;

		if (c == '\r') {
			continue;
		}
		if (c == '\n') {
			g_string_append(out, "\r\n");
			col = 0;
			continue;
		}
		bool at_eol = p[1] == '\n' || p[1] == '\r' || p[1] == '\0';
		bool literal = (c >= 33 && c <= 126 && c != '=') ||
			       ((c == ' ' || c == '\t') && !at_eol);
		/* A leading '.' is encoded so SMTP dot-stuffing never has to touch the body. */
		if (c == '.' && col == 0) {
			literal = false;
		}
		if (literal) {
			token[0] = (char)c;
			tlen = 1;
		} else {
			token[0] = '=';
			token[1] = hex[c >> 4];
			token[2] = hex[c & 15];
			tlen = 3;
		}
		/* Soft break: leave room for the '=' that ends the line. */
		if (col + tlen > QP_LINE - 1) {
			g_string_append(out, "=\r\n");
			col = 0;
			if (c == '.' && literal) {
				token[0] = '=';
				token[1] = hex[c >> 4];
				token[2] = hex[c & 15];
				tlen = 3;
			}
		}
		g_string_append_len(out, token, (gssize)tlen);
		col += (guint)tlen;
	}
	/* No CRLF of its own at the end: the one before the next boundary belongs to the
	 * boundary (RFC 2046 5.1.1), so the part ends exactly where @text ends. */
}

static char *
message_id_domain(const char *from)
{
	g_autofree char *addr = envelope_address(from);
	const char *at = addr != NULL ? strrchr(addr, '@') : NULL;

	if (at == NULL || at[1] == '\0' || strpbrk(at + 1, "<>()[]\\,;:\"") != NULL) {
		return g_strdup("statuswatch.invalid");
	}
	return g_ascii_strdown(at + 1, -1);
}

static char *
new_message_id(const char *from, gint64 now)
{
	g_autofree char *domain = message_id_domain(from);
	g_autofree char *uuid = g_uuid_string_random();

	return g_strdup_printf("<statuswatch.%" G_GINT64_FORMAT ".%s@%s>", now, uuid, domain);
}

/* A Message-ID as another mail carried it: "<left@right>", nothing that could break a
 * header.  Anything else is not used for threading. */
static bool
is_message_id(const char *s)
{
	gsize len = s != NULL ? strlen(s) : 0;

	if (len < 5 || len > 250 || s[0] != '<' || s[len - 1] != '>' || strchr(s, '@') == NULL) {
		return false;
	}
	for (gsize i = 1; i + 1 < len; i++) {
		guchar c = (guchar)s[i];
		if (c <= 0x20 || c >= 0x7F || c == '<' || c == '>') {
			return false;
		}
	}
	return true;
}

/* Builds the message; @message_id is used as given. */
static char *
build(const EmailDocument *doc, const char *from, const char *to, gint64 now,
      const char *message_id, GError **error)
{
	g_autofree char *bad = NULL;
	g_autofree char *from_addr = from != NULL && !has_crlf(from) ? envelope_address(from) : NULL;

	if (from_addr == NULL) {
		g_set_error(error, SW_ERROR, SW_ERROR_CONFIG, "email: sender '%s' is not an address",
			    from != NULL ? from : "");
		return NULL;
	}
	g_autoptr(GPtrArray) rcpts = has_crlf(to) ? NULL : split_recipients(to, &bad);
	if (rcpts == NULL) {
		g_set_error(error, SW_ERROR, SW_ERROR_CONFIG,
			    "email: recipient '%s' is not an address", bad != NULL ? bad : "");
		return NULL;
	}
	for (guint i = 0; doc->headers != NULL && doc->headers[i] != NULL; i++) {
		if (has_crlf(doc->headers[i]) || strchr(doc->headers[i], ':') == NULL) {
			g_set_error(error, SW_ERROR, SW_ERROR_CONFIG,
				    "email: extra header %u is not one 'Name: value' line", i + 1);
			return NULL;
		}
	}

	GString *m = g_string_new(NULL);
	g_autofree char *uuid = g_uuid_string_random();
	/* "=_" never occurs in quoted-printable text, so the boundary cannot either. */
	g_autofree char *boundary = g_strdup_printf("=_statuswatch_%s", uuid);

	g_string_append(m, "Date: ");
	rfc5322_date(m, now);
	g_string_append(m, "\r\n");
	header_mailbox(m, "From", from);
	g_string_append(m, "To: ");
	for (guint i = 0; i < rcpts->len; i++) {
		g_string_append_printf(m, "%s%s", i > 0 ? ",\r\n " : "", (char *)rcpts->pdata[i]);
	}
	g_string_append(m, "\r\n");
	header_encoded(m, "Subject", doc->subject != NULL ? doc->subject : "(no subject)");
	g_string_append_printf(m, "Message-ID: %s\r\n", message_id);
	for (guint i = 0; doc->headers != NULL && doc->headers[i] != NULL; i++) {
		g_string_append_printf(m, "%s\r\n", doc->headers[i]);
	}
	/* RFC 3834: vacation responders and ticket systems must not answer. */
	g_string_append(m, "Auto-Submitted: auto-generated\r\nMIME-Version: 1.0\r\n");

	g_autofree char *text = g_utf8_make_valid(doc->text != NULL ? doc->text : "", -1);
	if (doc->html == NULL) {
		g_string_append(m, "Content-Type: text/plain; charset=utf-8\r\n"
				   "Content-Transfer-Encoding: quoted-printable\r\n\r\n");
		append_qp(m, text);
		g_string_append(m, "\r\n");
		return g_string_free(m, FALSE);
	}
	g_string_append_printf(m,
			       "Content-Type: multipart/alternative; boundary=\"%s\"\r\n\r\n"
			       "This is a MIME message: a text part and an HTML part.\r\n"
			       "\r\n--%s\r\n"
			       "Content-Type: text/plain; charset=utf-8\r\n"
			       "Content-Transfer-Encoding: quoted-printable\r\n\r\n",
			       boundary, boundary);
	append_qp(m, text);
	g_string_append_printf(m,
			       "\r\n--%s\r\n"
			       "Content-Type: text/html; charset=utf-8\r\n"
			       "Content-Transfer-Encoding: quoted-printable\r\n\r\n",
			       boundary);
	g_autofree char *html = g_utf8_make_valid(doc->html, -1);
	append_qp(m, html);
	g_string_append_printf(m, "\r\n--%s--\r\n", boundary);
	return g_string_free(m, FALSE);
}

char *
email_build_document(const EmailDocument *doc, const char *from, const char *to, gint64 now,
		     GError **error)
{
	g_autofree char *id = new_message_id(from, now);

	g_return_val_if_fail(doc != NULL, NULL);
	return build(doc, from, to != NULL ? to : doc->to, now, id, error);
}

/* ---- SMTP ---- */

typedef struct {
	const char *data;
	gsize len;
	gsize pos;
} Upload;

static size_t
read_cb(char *buffer, size_t size, size_t nitems, void *user)
{
	Upload *u = user;
	gsize n = MIN(size * nitems, u->len - u->pos);

	memcpy(buffer, u->data + u->pos, n);
	u->pos += n;
	return n;
}

typedef struct {
	GString *current; /* lines of the reply being received */
	char *last;       /* the last complete reply, owned */
} Replies;

/* Incoming protocol lines only (CURLINFO_HEADER_IN): outgoing ones hold AUTH secrets. */
static int
debug_cb(CURL *handle, curl_infotype type, char *data, size_t size, void *user)
{
	Replies *r = user;

	(void)handle;
	if (type != CURLINFO_HEADER_IN) {
		return 0;
	}
	g_autofree char *chunk = g_strndup(data, size);
	g_auto(GStrv) lines = g_strsplit(chunk, "\n", -1);
	for (guint i = 0; lines[i] != NULL; i++) {
		g_strchomp(lines[i]);
		gsize len = strlen(lines[i]);
		if (len < 3 || !g_ascii_isdigit(lines[i][0])) {
			continue;
		}
		if (r->current->len > 0) {
			g_string_append_c(r->current, ' ');
		}
		if (r->current->len < REPLY_MAX) {
			g_string_append(r->current, lines[i]);
		}
		/* "250-..." continues a multi-line reply; "250 ..." or "250" ends it. */
		if (len == 3 || lines[i][3] != '-') {
			/* curl says QUIT after a refusal; the 221 goodbye must not hide the 550. */
			if (g_str_has_prefix(r->current->str, "221")) {
				g_string_truncate(r->current, 0);
				continue;
			}
			g_free(r->last);
			r->last = render_clean_line(r->current->str, REPLY_MAX);
			g_string_truncate(r->current, 0);
		}
	}
	return 0;
}

/* See http/fetch.c: the one hook curl offers to stop a transfer from outside. */
static int
xferinfo_cb(void *userdata, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
	    curl_off_t ulnow)
{
	(void)dltotal;
	(void)dlnow;
	(void)ultotal;
	(void)ulnow;
	return g_cancellable_is_cancelled(userdata) ? 1 : 0; /* 1: ABORTED_BY_CALLBACK */
}

static bool
is_transport_failure(CURLcode rc)
{
	switch (rc) {
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
	case CURLE_COULDNT_CONNECT:
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_RECV_ERROR:
		return true;
	default:
		return false;
	}
}

/* Failures no retry can fix: the configuration or the server's TLS must change. */
static bool
is_config_failure(CURLcode rc)
{
	switch (rc) {
	case CURLE_UNSUPPORTED_PROTOCOL:
	case CURLE_URL_MALFORMAT:
	case CURLE_USE_SSL_FAILED:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_NOT_BUILT_IN:
		return true;
	default:
		return false;
	}
}

static bool
smtp_send(Email *e, const char *message, GPtrArray *rcpts, NotifyResult *result, GError **error)
{
	CURL *c = curl_easy_init();
	struct curl_slist *rcpt_list = NULL;
	char errbuf[CURL_ERROR_SIZE] = "";
	Replies replies = {.current = g_string_new(NULL)};
	Upload up = {.data = message, .len = strlen(message)};
	g_autofree char *from_addr = envelope_address(e->from);
	g_autofree char *mail_from = g_strdup_printf("<%s>", from_addr);
	/* The caller's stop (notifier.h): a stopping daemon aborts the exchange. */
	GCancellable *cancel = g_cancellable_get_current();
	bool ok = false;

	if (c == NULL) {
		g_set_error(error, SW_ERROR, SW_ERROR_TEMPORARY, "notifier '%s': curl_easy_init failed",
			    e->name);
		goto out;
	}
	for (guint i = 0; i < rcpts->len; i++) {
		g_autofree char *r = g_strdup_printf("<%s>", (char *)rcpts->pdata[i]);
		rcpt_list = curl_slist_append(rcpt_list, r);
	}
	curl_easy_setopt(c, CURLOPT_URL, e->smtp_url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(c, CURLOPT_USE_SSL,
			 e->starttls == STARTTLS_REQUIRED   ? (long)CURLUSESSL_ALL
			 : e->starttls == STARTTLS_OPTIONAL ? (long)CURLUSESSL_TRY
							    : (long)CURLUSESSL_NONE);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	if (e->user != NULL) {
		curl_easy_setopt(c, CURLOPT_USERNAME, e->user);
		curl_easy_setopt(c, CURLOPT_PASSWORD, e->password != NULL ? e->password : "");
	}
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, mail_from);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt_list);
	/* Without UPLOAD curl sends VRFY instead of a mail (REFERENCE.md 7.3). */
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(c, CURLOPT_READDATA, &up);
	curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, (curl_off_t)up.len);
	/* A submission server answers in seconds; 60 s covers greylisting-slow ones. */
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
	curl_easy_setopt(c, CURLOPT_VERBOSE, 1L);
	curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, debug_cb);
	curl_easy_setopt(c, CURLOPT_DEBUGDATA, &replies);
	if (cancel != NULL) {
		curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
		curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, xferinfo_cb);
		curl_easy_setopt(c, CURLOPT_XFERINFODATA, cancel);
	}

	CURLcode rc = curl_easy_perform(c);
	const char *reply = replies.last;
	char cls = reply != NULL ? reply[0] : '\0';

	if (rc == CURLE_OK) {
		result->answer = g_strdup(reply != NULL ? reply : "250");
		ok = true;
	} else if (rc == CURLE_ABORTED_BY_CALLBACK && g_cancellable_is_cancelled(cancel)) {
		g_set_error(error, SW_ERROR, SW_ERROR_CANCELLED, "notifier '%s': smtp '%s': aborted",
			    e->name, e->masked);
	} else if (is_transport_failure(rc)) {
		/* Whatever reply came before is stale (a dropped connection keeps the last 250). */
		g_set_error(error, SW_ERROR, SW_ERROR_TEMPORARY, "notifier '%s': smtp '%s': %s",
			    e->name, e->masked, errbuf[0] != '\0' ? errbuf : curl_easy_strerror(rc));
	} else if (cls == '4' || cls == '5') {
		g_set_error(error, SW_ERROR, cls == '4' ? SW_ERROR_TEMPORARY : SW_ERROR_PERMANENT,
			    "notifier '%s': smtp '%s': %s", e->name, e->masked, reply);
	} else {
		g_set_error(error, SW_ERROR,
			    is_config_failure(rc) ? SW_ERROR_PERMANENT : SW_ERROR_TEMPORARY,
			    "notifier '%s': smtp '%s': %s", e->name, e->masked,
			    errbuf[0] != '\0' ? errbuf : curl_easy_strerror(rc));
	}
out:
	curl_slist_free_all(rcpt_list);
	if (c != NULL) {
		curl_easy_cleanup(c);
	}
	g_string_free(replies.current, TRUE);
	g_free(replies.last);
	return ok;
}

static char *
list_id(const char *name)
{
	GString *s = g_string_new(NULL);

	for (const char *p = name; *p != '\0'; p++) {
		g_string_append_c(s, g_ascii_isalnum(*p) || *p == '-' ? g_ascii_tolower(*p) : '-');
	}
	g_string_append(s, ".statuswatch.invalid");
	return g_string_free(s, FALSE);
}

static bool
send_document(Email *e, const EmailDocument *doc, const char *thread_ref, gint64 now,
	      NotifyResult *result, GError **error)
{
	g_autofree char *id = new_message_id(e->from, now);
	g_autofree char *lid = list_id(e->name);
	/* The phrase repeats the sanitized id: a notifier name is free text in the config. */
	g_autofree char *phrase = g_strndup(lid, strlen(lid) - strlen(".statuswatch.invalid"));
	g_autofree char *list_hdr = g_strdup_printf("List-Id: statuswatch notifier %s <%s>",
						    phrase, lid);
	g_autoptr(GPtrArray) headers = g_ptr_array_new_with_free_func(g_free);
	const char *to = doc->to != NULL ? doc->to : e->to;
	g_autofree char *bad = NULL;

	if (is_message_id(thread_ref)) {
		g_ptr_array_add(headers, g_strdup_printf("In-Reply-To: %s", thread_ref));
		g_ptr_array_add(headers, g_strdup_printf("References: %s", thread_ref));
	}
	g_ptr_array_add(headers, g_steal_pointer(&list_hdr));
	for (guint i = 0; doc->headers != NULL && doc->headers[i] != NULL; i++) {
		g_ptr_array_add(headers, g_strdup(doc->headers[i]));
	}
	g_ptr_array_add(headers, NULL);
	EmailDocument full = *doc;
	full.headers = (const char *const *)headers->pdata;

	g_autoptr(GError) local = NULL;
	g_autofree char *message = build(&full, e->from, to, now, id, &local);
	if (message == NULL) {
		g_set_error(error, SW_ERROR, local->code, "notifier '%s': %s", e->name,
			    local->message);
		return false;
	}
	g_autoptr(GPtrArray) rcpts = split_recipients(to, &bad);
	if (!smtp_send(e, message, rcpts, result, error)) {
		return false;
	}
	/* The thread stays rooted at the first mail. */
	result->thread_ref = g_strdup(is_message_id(thread_ref) ? thread_ref : id);
	return true;
}

/* ---- NotifierOps ---- */

static const char *
key(GHashTable *keys, const char *name)
{
	const char *v = keys != NULL ? g_hash_table_lookup(keys, name) : NULL;
	return v != NULL && *v != '\0' ? v : NULL;
}

static void email_destroy(gpointer state);

/* curl_easy_init() in a worker thread would run curl's global init there, which is not
 * thread-safe; create() runs where notifiers are built (the main thread, before any
 * delivery), so it is done here, once.  Counted by curl, so http/fetch's own call is
 * harmless. */
static void
curl_init_once(void)
{
	static gsize once = 0;

	if (g_once_init_enter(&once)) {
		curl_global_init(CURL_GLOBAL_DEFAULT);
		g_once_init_leave(&once, 1);
	}
}

static gpointer
email_create(const char *name, GHashTable *keys, GError **error)
{
	const char *url = key(keys, "smtp_url");
	const char *from = key(keys, "from");
	const char *to = key(keys, "to");
	const char *starttls = key(keys, "starttls");
	const char *user = key(keys, "smtp_user");
	const char *password = key(keys, "smtp_password");
	g_autofree char *scheme = NULL;
	g_autofree char *host = NULL;
	g_autofree char *bad = NULL;
	Email *e;

	if (url == NULL) {
		g_set_error(error, SW_ERROR, SW_ERROR_CONFIG,
			    "notifier '%s': key 'smtp_url' is missing", name);
		return NULL;
	}
	g_autofree char *masked = secret_mask(url);
	if (!g_uri_split_network(url, G_URI_FLAGS_NONE, &scheme, &host, NULL, NULL) ||
	    host == NULL || *host == '\0' ||
	    (g_ascii_strcasecmp(scheme, "smtp") != 0 && g_ascii_strcasecmp(scheme, "smtps") != 0)) {
		g_set_error(error, SW_ERROR, SW_ERROR_CONFIG,
			    "notifier '%s': key 'smtp_url': '%s' is not an smtp:// or smtps:// URL",
			    name, masked);
		return NULL;
	}
	if (from == NULL) {
		g_set_error(error, SW_ERROR, SW_ERROR_CONFIG,
			    "notifier '%s': key 'from' is missing%s", name,
			    to != NULL ? " (mail to 'to' needs a sender)" : "");
		return NULL;
	}
	g_autofree char *from_addr = has_crlf(from) ? NULL : envelope_address(from);
	if (from_addr == NULL) {
		g_set_error(error, SW_ERROR, SW_ERROR_CONFIG,
			    "notifier '%s': key 'from': '%s' is not an address", name, from);
		return NULL;
	}
	if (to == NULL) {
		g_set_error(error, SW_ERROR, SW_ERROR_CONFIG, "notifier '%s': key 'to' is missing",
			    name);
		return NULL;
	}
	g_autoptr(GPtrArray) rcpts = has_crlf(to) ? NULL : split_recipients(to, &bad);
	if (rcpts == NULL) {
		g_set_error(error, SW_ERROR, SW_ERROR_CONFIG,
			    "notifier '%s': key 'to': '%s' is not an address", name,
			    bad != NULL ? bad : to);
		return NULL;
	}
	StartTls tls = STARTTLS_REQUIRED;
	if (starttls != NULL) {
		if (strcmp(starttls, "required") == 0) {
			tls = STARTTLS_REQUIRED;
		} else if (strcmp(starttls, "optional") == 0) {
			tls = STARTTLS_OPTIONAL;
		} else if (strcmp(starttls, "off") == 0) {
			tls = STARTTLS_OFF;
		} else {
			g_set_error(error, SW_ERROR, SW_ERROR_CONFIG,
				    "notifier '%s': key 'starttls': '%s' is not one of required, "
				    "optional, off",
				    name, starttls);
			return NULL;
		}
	}
	/* smtps:// is TLS from the first byte; starttls only matters for smtp://. */
	if (tls == STARTTLS_OFF && g_ascii_strcasecmp(scheme, "smtp") == 0 &&
	    !notify_host_is_loopback(host)) {
		g_set_error(error, SW_ERROR, SW_ERROR_CONFIG,
			    "notifier '%s': key 'starttls': 'off' is allowed only for a loopback "
			    "mail server, not '%s' (the password and the mail would cross the "
			    "network in cleartext)",
			    name, host);
		return NULL;
	}
	if (password != NULL && user == NULL) {
		g_set_error(error, SW_ERROR, SW_ERROR_CONFIG,
			    "notifier '%s': key 'smtp_password' is set but 'smtp_user' is not",
			    name);
		return NULL;
	}
	curl_init_once();
	e = g_new0(Email, 1);
	e->name = g_strdup(name);
	e->smtp_url = g_strdup(url);
	e->masked = g_steal_pointer(&masked);
	e->user = g_strdup(user);
	e->password = g_strdup(password);
	e->from = g_strdup(from);
	e->to = g_strdup(to);
	e->starttls = tls;
	return e;
}

static void
email_destroy(gpointer state)
{
	Email *e = state;

	if (e == NULL) {
		return;
	}
	secret_free(e->password);
	secret_free(e->smtp_url);
	g_free(e->name);
	g_free(e->masked);
	g_free(e->user);
	g_free(e->from);
	g_free(e->to);
	g_free(e);
}

static bool
email_send(gpointer state, const Alert *alert, NotifyResult *result, GError **error)
{
	Email *e = state;
	g_autofree char *subject = render_subject(alert);
	g_autofree char *text = render_text(alert);
	g_autofree char *html = render_html(alert);
	g_autofree char *event = g_strdup_printf("X-Statuswatch-Event: %s",
						 alert_kind_to_string(alert->kind));
	g_autofree char *incident = NULL;
	const char *headers[3] = {event, NULL, NULL};

	if (alert->incident != NULL) {
		g_autofree char *id = render_clean_line(alert->incident->id, 200);
		incident = g_strdup_printf("X-Statuswatch-Incident: %s", id);
		headers[1] = incident;
	}
	EmailDocument doc = {
		.subject = subject,
		.text = text,
		.html = html,
		.headers = headers,
	};
	/* The alert's time, not the clock: a retried alert keeps the date it became due,
	 * and tests get a fixed Date header. */
	return send_document(e, &doc, alert->thread_ref, alert->time, result, error);
}

const NotifierOps email_ops = {
	.type = "email",
	.main_thread = false,
	.create = email_create,
	.send = email_send,
	.destroy = email_destroy,
};

bool
email_send_document(Notifier *n, const EmailDocument *doc, NotifyResult *result, GError **error)
{
	g_return_val_if_fail(n != NULL && doc != NULL && result != NULL, false);
	if (notifier_ops(n) != &email_ops) {
		g_set_error(error, SW_ERROR, SW_ERROR_CONFIG,
			    "notifier '%s' is not of type email", notifier_name(n));
		return false;
	}
	notify_result_clear(result);
	GError *local = NULL;
	bool ok = send_document(notifier_state(n), doc, NULL, g_get_real_time() / G_USEC_PER_SEC,
				result, &local);
	/* The server's answer is quoted: scrubbed of the notifier's secrets (notifier.h). */
	notifier_scrub(n, result, local);
	if (local != NULL) {
		g_propagate_error(error, local);
	}
	return ok;
}
