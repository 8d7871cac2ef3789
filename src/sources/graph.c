/*
 * Microsoft Graph service communications pages to advisories: a page of
 * GET /admin/serviceAnnouncement/issues (serviceHealthIssue) or .../messages
 * (serviceUpdateMessage), plus the small JSON bodies around them (Graph error
 * bodies, OAuth token responses) so cJSON stays in sources/.
 *
 * Pure: bytes and a context in, advisories or a GError out.  It never does
 * I/O or logs; the m365 client (daemon/m365.c) fetches the pages and follows
 * result->next_link.  Facts it relies on are in REFERENCE.md §1.6-1.9:
 * enum values arrive in camelCase or PascalCase (compared case-insensitively),
 * isResolved (not status) decides open versus closed, highImpact may be null
 * or missing, unknown properties are ignored, post bodies are labelled HTML
 * but are often plain text with "\n" line breaks.
 *
 * The input goes through json_parse_bounded() (json_util.h: nesting depth
 * checked before cJSON sees it), and every string field is bounded by
 * ctx->max_field_bytes.  Member lookups here are case-insensitive, unlike
 * json_util's getters, because Graph's casing varies (REFERENCE §1.6, §1.8).
 */
#include "sources/graph.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "model/advisory.h"
#include "sources/field_copy.h"
#include "sources/json_util.h"
#include "sources/parsers.h"
#include "util/error.h"
#include "util/text.h"
#include "util/timeparse.h"

/* Where an issue or message is shown to a tenant admin (Microsoft 365 admin center). */
#define ISSUE_URL_PREFIX "https://admin.microsoft.com/Adminportal/Home#/servicehealth/:/alerts/"
#define MESSAGE_URL_PREFIX "https://admin.microsoft.com/Adminportal/Home#/MessageCenter/:/messages/"

/*
 * serviceHealthStatus → normalized status, sorted by name (ASCII,
 * case-insensitive) for bsearch; a unit test checks the order.  Every value
 * of the v1.0 enum is here, plus the legacy API's postIncidentReportPublished.
 * Judgement calls:
 *   - investigationSuspended: paused pending customer information, may resume,
 *     still open → investigating.
 *   - the "reserved for future use" values map by their plain meaning
 *     (confirmed → identified, mitigated* → monitoring, reported →
 *     investigating, resolved* → resolved).
 *   - serviceOperational is a healthOverviews value; on an issue it can only
 *     mean nothing is wrong → resolved.
 *   - unknownFutureValue (the OData sentinel) → unknown.
 */
typedef struct {
	const char *name;
	AdvisoryStatus status;
} StatusRow;

static const StatusRow status_table[] = {
	{"confirmed", ADVISORY_STATUS_IDENTIFIED},
	{"extendedRecovery", ADVISORY_STATUS_RESTORING},
	{"falsePositive", ADVISORY_STATUS_FALSE_POSITIVE},
	{"investigating", ADVISORY_STATUS_INVESTIGATING},
	{"investigationSuspended", ADVISORY_STATUS_INVESTIGATING},
	{"mitigated", ADVISORY_STATUS_MONITORING},
	{"mitigatedExternal", ADVISORY_STATUS_MONITORING},
	{"postIncidentReportPublished", ADVISORY_STATUS_RESOLVED},
	{"postIncidentReviewPublished", ADVISORY_STATUS_RESOLVED},
	{"reported", ADVISORY_STATUS_INVESTIGATING},
	{"resolved", ADVISORY_STATUS_RESOLVED},
	{"resolvedExternal", ADVISORY_STATUS_RESOLVED},
	{"restoringService", ADVISORY_STATUS_RESTORING},
	{"serviceDegradation", ADVISORY_STATUS_DEGRADED},
	{"serviceInterruption", ADVISORY_STATUS_OUTAGE},
	{"serviceOperational", ADVISORY_STATUS_RESOLVED},
	{"serviceRestored", ADVISORY_STATUS_RESOLVED},
	{"unknownFutureValue", ADVISORY_STATUS_UNKNOWN},
	{"verifyingService", ADVISORY_STATUS_MONITORING},
};

static int
status_row_cmp(const void *key, const void *row)
{
	return g_ascii_strcasecmp(key, ((const StatusRow *)row)->name);
}

AdvisoryStatus
graph_status_from_string(const char *s)
{
	if (s == NULL) {
		return ADVISORY_STATUS_UNKNOWN;
	}
	const StatusRow *row = bsearch(s, status_table, G_N_ELEMENTS(status_table),
				       sizeof(status_table[0]), status_row_cmp);
	return row != NULL ? row->status : ADVISORY_STATUS_UNKNOWN;
}

guint
graph_status_table_size(void)
{
	return G_N_ELEMENTS(status_table);
}

const char *
graph_status_table_name(guint n)
{
	return n < G_N_ELEMENTS(status_table) ? status_table[n].name : NULL;
}

/* ---- JSON helpers ---- */

/* Case-insensitive member lookup: cJSON_GetObjectItem() ignores case on purpose here
 * ("innerError"/"innererror"); do not "fix" it to the case-sensitive variant. */
static const cJSON *
member(const cJSON *obj, const char *name)
{
	return cJSON_IsObject(obj) ? cJSON_GetObjectItem(obj, name) : NULL;
}

static const char *
member_string(const cJSON *obj, const char *name)
{
	const cJSON *item = member(obj, name);
	return cJSON_IsString(item) ? item->valuestring : NULL;
}

/* A string member made valid UTF-8 and cut to @max bytes at a character boundary (NULL
 * when absent or empty). */
static char *
member_text(const cJSON *obj, const char *name, gsize max)
{
	const char *s = member_string(obj, name);
	if (s == NULL || *s == '\0') {
		return NULL;
	}
	/* Made valid UTF-8 as well as cut: cJSON passes invalid bytes through (fuzzing). */
	return field_copy_text(s, max);
}

/* Bool member; @fallback when absent, null or not a boolean. */
static bool
member_bool(const cJSON *obj, const char *name, bool fallback)
{
	const cJSON *item = member(obj, name);
	if (cJSON_IsBool(item)) {
		return cJSON_IsTrue(item);
	}
	return fallback;
}

static gint64
member_time(const cJSON *obj, const char *name)
{
	gint64 t;
	const char *s = member_string(obj, name);
	if (s != NULL && time_parse_rfc3339(s, &t)) {
		return t;
	}
	return SW_TIME_NONE;
}

/* ---- post bodies ---- */

/*
 * Post bodies say contentType "html" but are mostly plain text with "\n" line
 * breaks and "Label: value" paragraphs (REFERENCE §1.8 item 2).  Real markup
 * goes through text_from_html(); plain text keeps its paragraph breaks ("\n\n")
 * and line breaks, folds other whitespace, and drops the stray backslash some
 * bodies carry before a newline ("\\\n").
 */
static bool
looks_like_html(const char *s)
{
	for (const char *p = strchr(s, '<'); p != NULL; p = strchr(p + 1, '<')) {
		if (g_ascii_isalpha(p[1]) || p[1] == '/' || p[1] == '!') {
			return true;
		}
	}
	return strstr(s, "&amp;") != NULL || strstr(s, "&nbsp;") != NULL ||
	       strstr(s, "&lt;") != NULL || strstr(s, "&#") != NULL;
}

static char *
plain_text_clean(const char *s, gsize max)
{
	GString *out = g_string_new(NULL);
	guint newlines = 0;
	bool space = false;

	for (const char *p = s; *p != '\0' && out->len < max; p++) {
		char c = *p;
		if (c == '\\' && (p[1] == '\n' || (p[1] == '\r' && p[2] == '\n'))) {
			continue;
		}
		if (c == '\n') {
			newlines++;
			space = false;
			continue;
		}
		if (g_ascii_isspace(c)) {
			space = true;
			continue;
		}
		if (out->len > 0) {
			if (newlines >= 2) {
				g_string_append(out, "\n\n");
			} else if (newlines == 1) {
				g_string_append_c(out, '\n');
			} else if (space) {
				g_string_append_c(out, ' ');
			}
		}
		newlines = 0;
		space = false;
		g_string_append_c(out, c);
	}
	if (out->len > max) {
		g_string_truncate(out, max);
	}
	/* A cut may have split a UTF-8 sequence: back off to the last whole character. */
	const char *bad = NULL;
	if (!g_utf8_validate(out->str, (gssize)out->len, &bad)) {
		g_string_truncate(out, (gsize)(bad - out->str));
	}
	return g_string_free(out, FALSE);
}

static char *
body_text(const cJSON *item_body, gsize max)
{
	const char *content = member_string(item_body, "content");
	if (content == NULL || *content == '\0') {
		return NULL;
	}
	const char *type = member_string(item_body, "contentType");
	bool html = looks_like_html(content) && (type == NULL || g_ascii_strcasecmp(type, "text") != 0);
	char *text = html ? text_from_html(content, max) : plain_text_clean(content, max);
	if (*text == '\0') {
		g_free(text);
		return NULL;
	}
	return text;
}

/* ---- serviceHealthIssue ---- */

/*
 * Severity: Graph does not expose Microsoft's own A/B/C severity (REFERENCE
 * §1.1), so it is derived, from the most to the least specific signal:
 *   highImpact == true                               → major
 *   incident, status serviceInterruption             → major  (users cannot use the service)
 *   incident, falsePositive                          → info   (nothing was wrong)
 *   incident, anything else                          → minor
 *   advisory, serviceInterruption/serviceDegradation → minor  (limited but real impact)
 *   advisory, anything else                          → info
 *   classification missing or unknown                → minor  (err on the side of telling)
 */
static AdvisorySeverity
issue_severity(AdvisoryKind kind, AdvisoryStatus status, bool high_impact)
{
	if (high_impact) {
		return ADVISORY_SEVERITY_MAJOR;
	}
	switch (kind) {
	case ADVISORY_KIND_INCIDENT:
		if (status == ADVISORY_STATUS_OUTAGE) {
			return ADVISORY_SEVERITY_MAJOR;
		}
		if (status == ADVISORY_STATUS_FALSE_POSITIVE) {
			return ADVISORY_SEVERITY_INFO;
		}
		return ADVISORY_SEVERITY_MINOR;
	case ADVISORY_KIND_ADVISORY:
		if (status == ADVISORY_STATUS_OUTAGE || status == ADVISORY_STATUS_DEGRADED) {
			return ADVISORY_SEVERITY_MINOR;
		}
		return ADVISORY_SEVERITY_INFO;
	default:
		return ADVISORY_SEVERITY_MINOR;
	}
}

static bool
status_is_closed(AdvisoryStatus status)
{
	return status == ADVISORY_STATUS_RESOLVED || status == ADVISORY_STATUS_FALSE_POSITIVE;
}

static void
add_posts(Advisory *adv, const cJSON *posts, gsize max_field)
{
	const cJSON *post = NULL;

	cJSON_ArrayForEach(post, posts)
	{
		if (!cJSON_IsObject(post)) {
			continue;
		}
		g_autofree char *text = body_text(member(post, "description"), max_field);
		if (text == NULL) {
			continue;
		}
		/* Posts carry no status of their own; the closing post says "Final status:". */
		AdvisoryStatus st = strstr(text, "Final status:") != NULL ? ADVISORY_STATUS_RESOLVED
									  : ADVISORY_STATUS_UNKNOWN;
		advisory_add_update(adv, member_time(post, "createdDateTime"), st, text);
	}
	advisory_sort_updates(adv);
}

static Advisory *
issue_to_advisory(const SourceContext *ctx, const cJSON *item, const char *id, gsize max_field,
		  GPtrArray *warnings)
{
	g_autoptr(Advisory) adv = advisory_new(ctx->source_name, id);

	const char *classification = member_string(item, "classification");
	if (classification != NULL && g_ascii_strcasecmp(classification, "incident") == 0) {
		adv->kind = ADVISORY_KIND_INCIDENT;
	} else if (classification != NULL && g_ascii_strcasecmp(classification, "advisory") == 0) {
		adv->kind = ADVISORY_KIND_ADVISORY;
	} else {
		adv->kind = ADVISORY_KIND_UNKNOWN;
	}

	adv->title = member_text(item, "title", max_field);
	adv->text = member_text(item, "impactDescription", max_field);

	g_autofree char *service = member_text(item, "service", max_field);
	if (service != NULL) {
		advisory_add_service(adv, service);
	}
	/* feature is the finer name; featureGroup stands in when feature is missing. */
	adv->feature = member_text(item, "feature", max_field);
	if (adv->feature == NULL) {
		adv->feature = member_text(item, "featureGroup", max_field);
	}

	adv->raw_status = member_text(item, "status", max_field);
	adv->status = graph_status_from_string(adv->raw_status);
	if (adv->raw_status != NULL && adv->status == ADVISORY_STATUS_UNKNOWN &&
	    g_ascii_strcasecmp(adv->raw_status, "unknownFutureValue") != 0) {
		g_ptr_array_add(warnings, g_strdup_printf("issue '%s': unknown status '%s'", id,
							  adv->raw_status));
	}

	adv->start = member_time(item, "startDateTime");
	adv->end = member_time(item, "endDateTime");
	adv->updated = member_time(item, "lastModifiedDateTime");

	/*
	 * isResolved decides open versus closed (REFERENCE §1.7 design rule): a
	 * resolved issue is resolved whatever its status says, and an open one
	 * never reads as closed (a "restored" status while still open means the
	 * fix is being watched: monitoring; an end time is dropped, because
	 * advisory_is_closed() would take a past one as closed).  Without
	 * isResolved, the status decides.
	 */
	const cJSON *resolved_item = member(item, "isResolved");
	if (cJSON_IsBool(resolved_item)) {
		if (cJSON_IsTrue(resolved_item)) {
			if (!status_is_closed(adv->status)) {
				adv->status = ADVISORY_STATUS_RESOLVED;
			}
			if (adv->end == SW_TIME_NONE) {
				/* Closed with no end given: the last change is the best estimate. */
				adv->end = adv->updated;
			}
		} else {
			if (status_is_closed(adv->status)) {
				adv->status = ADVISORY_STATUS_MONITORING;
			}
			adv->end = SW_TIME_NONE;
		}
	}

	adv->severity = issue_severity(adv->kind, adv->status,
				       member_bool(item, "highImpact", false));
	adv->url = g_strconcat(ISSUE_URL_PREFIX, id, NULL);
	add_posts(adv, member(item, "posts"), max_field);
	if (adv->updated == SW_TIME_NONE && adv->updates->len > 0) {
		const AdvisoryUpdate *last = g_ptr_array_index(adv->updates, adv->updates->len - 1);
		adv->updated = last->time;
	}
	return g_steal_pointer(&adv);
}

/* ---- serviceUpdateMessage (Message Center) ---- */

/* Message Center posts are announcements, not faults: kind informational, severity
 * normal → info, high → minor, critical → major; status unknown unless an end has passed. */
static Advisory *
message_to_advisory(const SourceContext *ctx, const cJSON *item, const char *id, gsize max_field)
{
	g_autoptr(Advisory) adv = advisory_new(ctx->source_name, id);

	adv->kind = ADVISORY_KIND_INFORMATIONAL;
	adv->title = member_text(item, "title", max_field);
	adv->text = body_text(member(item, "body"), max_field);
	adv->raw_status = member_text(item, "category", max_field);
	adv->status = ADVISORY_STATUS_UNKNOWN;

	const char *severity = member_string(item, "severity");
	if (severity != NULL && g_ascii_strcasecmp(severity, "critical") == 0) {
		adv->severity = ADVISORY_SEVERITY_MAJOR;
	} else if (severity != NULL && g_ascii_strcasecmp(severity, "high") == 0) {
		adv->severity = ADVISORY_SEVERITY_MINOR;
	} else {
		adv->severity = ADVISORY_SEVERITY_INFO;
	}

	const cJSON *service = NULL;
	cJSON_ArrayForEach(service, member(item, "services"))
	{
		if (cJSON_IsString(service) && *service->valuestring != '\0') {
			g_autofree char *valid = field_copy_text(service->valuestring, max_field);
			advisory_add_service(adv, valid);
		}
	}
	adv->start = member_time(item, "startDateTime");
	adv->end = member_time(item, "endDateTime");
	adv->updated = member_time(item, "lastModifiedDateTime");
	adv->url = g_strconcat(MESSAGE_URL_PREFIX, id, NULL);
	return g_steal_pointer(&adv);
}

/* ---- the page ---- */

/* Ids become store keys and URL fragments: refuse empty, oversized, control-laden or
 * invalid UTF-8 ones. */
static bool
id_ok(const char *id)
{
	gsize len = strlen(id);
	if (len == 0 || len > 128 || !g_utf8_validate(id, (gssize)len, NULL)) {
		return false;
	}
	for (const char *p = id; *p != '\0'; p++) {
		if ((unsigned char)*p < 0x21 || *p == '/' || *p == '#' || *p == '?') {
			return false;
		}
	}
	return true;
}

static bool
is_message(const cJSON *item)
{
	/* Issues have classification/isResolved/posts; messages have category/body/services. */
	if (member(item, "classification") != NULL || member(item, "isResolved") != NULL ||
	    member(item, "posts") != NULL) {
		return false;
	}
	return member(item, "category") != NULL || member(item, "body") != NULL ||
	       member(item, "services") != NULL;
}

bool
graph_parse(const SourceContext *ctx, const char *data, gsize len, SourceResult *result,
	    GError **error)
{
	SourceContext c = *ctx;

	g_return_val_if_fail(result != NULL, false);
	source_context_apply_defaults(&c);
	if (len > c.max_bytes) {
		g_set_error(error, SW_ERROR, SW_ERROR_LIMIT,
			    "Graph page of %" G_GSIZE_FORMAT " bytes exceeds the %" G_GSIZE_FORMAT
			    "-byte cap", len, c.max_bytes);
		return false;
	}
	cJSON *root = json_parse_bounded(data, len, c.max_depth, error);
	if (root == NULL) {
		return false;
	}
	bool ok = graph_parse_tree(&c, root, result, error);
	cJSON_Delete(root);
	return ok;
}

/* One issue or message of a page into @result; false once max_items is reached. */
static bool
take_item(const SourceContext *ctx, const cJSON *item, guint index, guint *taken,
	  SourceResult *result)
{
	if (!cJSON_IsObject(item)) {
		json_warn(result, "item %u is not an object, skipped", index);
		return true;
	}
	const char *id = member_string(item, "id");
	if (id == NULL || !id_ok(id)) {
		json_warn(result, "item %u has no usable id, skipped", index);
		return true;
	}
	if (*taken >= ctx->max_items) {
		json_warn(result, "more than %u items, the rest skipped", ctx->max_items);
		result->truncated = true;
		return false;
	}
	Advisory *adv = is_message(item)
				? message_to_advisory(ctx, item, id, ctx->max_field_bytes)
				: issue_to_advisory(ctx, item, id, ctx->max_field_bytes, result->warnings);
	g_ptr_array_add(result->advisories, adv);
	(*taken)++;
	return true;
}

bool
graph_parse_tree(const SourceContext *ctx, const cJSON *root, SourceResult *result,
		 GError **error)
{
	g_return_val_if_fail(result != NULL, false);
	if (!cJSON_IsObject(root)) {
		g_set_error(error, SW_ERROR, SW_ERROR_PARSE,
			    "not a Graph collection page (top level is not an object)");
		return false;
	}
	const cJSON *err = member(root, "error");
	if (cJSON_IsObject(err)) {
		const char *code = member_string(err, "code");
		const char *msg = member_string(err, "message");
		g_set_error(error, SW_ERROR, SW_ERROR_PARSE, "Graph returned an error body (%s: %s)",
			    code != NULL ? code : "no code", msg != NULL ? msg : "no message");
		return false;
	}
	const cJSON *value = member(root, "value");
	if (!cJSON_IsArray(value)) {
		g_set_error(error, SW_ERROR, SW_ERROR_PARSE,
			    "not a Graph collection page (no \"value\" array)");
		return false;
	}

	const cJSON *item = NULL;
	guint taken = 0;
	guint index = 0;
	cJSON_ArrayForEach(item, value)
	{
		index++;
		/*
		 * healthOverviews?$expand=issues: one serviceHealth per service, its issues
		 * inside ("issues": [...]).  The overview itself (service, status) is no
		 * advisory; its issues are the same objects /issues returns.
		 */
		const cJSON *inner = cJSON_IsObject(item) ? member(item, "issues") : NULL;
		if (cJSON_IsArray(inner)) {
			const cJSON *issue = NULL;
			cJSON_ArrayForEach(issue, inner)
			{
				if (!take_item(ctx, issue, index, &taken, result)) {
					break;
				}
			}
		} else if (!take_item(ctx, item, index, &taken, result)) {
			break;
		}
		if (result->truncated) {
			break;
		}
	}

	const char *next = member_string(root, "@odata.nextLink");
	g_free(result->next_link);
	result->next_link = next != NULL && *next != '\0' ? g_strdup(next) : NULL;
	result->format = SOURCE_FORMAT_GRAPH;
	return true;
}

/* ---- bodies around the pages ---- */

/* The deepest code and message under innerError/innererror (either spelling, any case). */
static void
inner_error_walk(const cJSON *obj, const char **ret_code, const char **ret_message)
{
	guint guard = 0;

	/* Bounded by the depth pre-check, and by a counter in case that ever changes. */
	for (const cJSON *inner = member(obj, "innerError"); cJSON_IsObject(inner) && guard < 64;
	     inner = member(inner, "innerError"), guard++) {
		const char *code = member_string(inner, "code");
		const char *msg = member_string(inner, "message");
		if (code != NULL && *code != '\0') {
			*ret_code = code;
		}
		if (msg != NULL && *msg != '\0') {
			*ret_message = msg;
		}
	}
}

bool
graph_parse_error_body(const char *data, gsize len, char **ret_code, char **ret_inner_code,
		       char **ret_message)
{
	if (data == NULL || len == 0) {
		return false;
	}
	cJSON *root = json_parse_bounded(data, len, SOURCE_DEFAULT_MAX_DEPTH, NULL);
	if (root == NULL) {
		return false;
	}
	bool ok = false;
	const cJSON *err = member(root, "error");
	if (!cJSON_IsObject(err)) {
		goto out;
	}
	const char *code = member_string(err, "code");
	const char *message = member_string(err, "message");
	const char *inner_code = NULL;
	const char *inner_message = NULL;
	inner_error_walk(err, &inner_code, &inner_message);
	if (code == NULL && message == NULL && inner_code == NULL) {
		goto out;
	}
	if (inner_code != NULL && code != NULL && g_ascii_strcasecmp(inner_code, code) == 0) {
		inner_code = NULL;
	}
	if (message == NULL || *message == '\0') {
		message = inner_message;
	}
	if (ret_code != NULL) {
		*ret_code = g_strdup(code);
	}
	if (ret_inner_code != NULL) {
		*ret_inner_code = g_strdup(inner_code);
	}
	if (ret_message != NULL) {
		*ret_message = message != NULL ? text_fold_whitespace(message) : NULL;
	}
	ok = true;
out:
	cJSON_Delete(root);
	return ok;
}

bool
graph_parse_token_response(const char *data, gsize len, char **ret_token, gint64 *ret_expires_in,
			   GError **error)
{
	cJSON *root = json_parse_bounded(data, len, SOURCE_DEFAULT_MAX_DEPTH, error);
	if (root == NULL) {
		g_prefix_error(error, "token response: ");
		return false;
	}
	bool ok = false;
	const char *token = member_string(root, "access_token");
	const char *type = member_string(root, "token_type");
	if (token == NULL || *token == '\0') {
		g_set_error(error, SW_ERROR, SW_ERROR_PARSE, "token response has no access_token");
		goto out;
	}
	if (type != NULL && g_ascii_strcasecmp(type, "Bearer") != 0) {
		g_set_error(error, SW_ERROR, SW_ERROR_PARSE, "token response has token_type '%s', not Bearer",
			    type);
		goto out;
	}
	/* A token with control characters or spaces would break the Authorization header. */
	for (const char *p = token; *p != '\0'; p++) {
		if ((unsigned char)*p <= 0x20 || (unsigned char)*p == 0x7f) {
			g_set_error(error, SW_ERROR, SW_ERROR_PARSE,
				    "token response carries an unusable access_token");
			goto out;
		}
	}
	/* expires_in is a number in the docs, a string in some older endpoints. */
	gint64 expires = 3600;
	const cJSON *exp = member(root, "expires_in");
	if (cJSON_IsNumber(exp) && exp->valuedouble > 0 && exp->valuedouble < 1e9) {
		expires = (gint64)exp->valuedouble;
	} else if (cJSON_IsString(exp)) {
		gint64 v = g_ascii_strtoll(exp->valuestring, NULL, 10);
		if (v > 0 && v < 1000000000) {
			expires = v;
		}
	}
	*ret_token = g_strdup(token);
	*ret_expires_in = expires;
	ok = true;
out:
	cJSON_Delete(root);
	return ok;
}

bool
graph_parse_oauth_error(const char *data, gsize len, char **ret_error, char **ret_description)
{
	if (data == NULL || len == 0) {
		return false;
	}
	cJSON *root = json_parse_bounded(data, len, SOURCE_DEFAULT_MAX_DEPTH, NULL);
	if (root == NULL) {
		return false;
	}
	bool ok = false;
	const char *err = member_string(root, "error");
	if (err == NULL) {
		goto out;
	}
	const char *desc = member_string(root, "error_description");
	char *first = NULL;
	if (desc != NULL) {
		/* "AADSTS7000215: Invalid client secret provided. ...\r\nTrace ID: ..." → first line. */
		gsize n = strcspn(desc, "\r\n");
		g_autofree char *line = g_strndup(desc, MIN(n, 512));
		first = text_fold_whitespace(line);
	}
	if (ret_error != NULL) {
		*ret_error = g_strdup(err);
	}
	if (ret_description != NULL) {
		*ret_description = first;
	} else {
		g_free(first);
	}
	ok = true;
out:
	cJSON_Delete(root);
	return ok;
}
