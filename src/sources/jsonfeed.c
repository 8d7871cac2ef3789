/*
 * JSON Feed 1.0 and 1.1 (https://www.jsonfeed.org/version/1.1/): each item
 * becomes one advisory.  id (a string; numbers are coerced, as the spec asks
 * readers to) else the item's url; title; text from content_text, else
 * content_html as plain text, else summary; start = date_published, updated =
 * date_modified (else date_published), both RFC 3339; tags → services (else
 * the feed title, else the source name); url made absolute against
 * home_page_url, then feed_url, then the context's base URL.  Authors (1.1
 * "authors", 1.0 "author") have no advisory field and are not read.  JSON Feed
 * has no status field: kind is incident and the title tells the rest by the
 * rule RSS and Atom items follow, status_words_title_apply(): a status word
 * before a colon ("Resolved: ..."), "[Resolved]" or a closing word in brackets
 * at the end ("... (fixed)", which also ends the item at its last update), and
 * planned work ("Scheduled maintenance: ...") making it maintenance.
 *
 * Pure: no I/O, no logging; wrong-typed members are treated as absent.
 */
#include "sources/parsers.h"

#include <string.h>

#include "model/advisory.h"
#include "sources/field_copy.h"
#include "sources/json_util.h"
#include "sources/status_words.h"
#include "util/error.h"
#include "util/text.h"
#include "util/timeparse.h"

typedef struct {
	const SourceContext *ctx;
	SourceResult *result;
	char *base;       /* owned: what relative item urls resolve against, may be NULL */
	char *feed_title; /* owned, may be NULL */
	const char *home; /* home_page_url, else feed_url (absolute): ps.base or NULL */
	GHashTable *seen; /* char * id → NULL, owned keys */
} Parse;

/* @key's time; *@ret_offset gets the zone it was written in when there is one. */
static gint64
get_time(Parse *ps, const cJSON *item, const char *key, const char *id, int *ret_offset)
{
	gint64 t;

	if (json_get_time_zone(item, key, &t, ret_offset)) {
		return t;
	}
	const char *raw = json_get_string(item, key);
	if (raw != NULL && *raw != '\0') {
		g_autofree char *shown = field_copy_line(raw, 64);
		json_warn(ps->result, "item '%s': unparsable %s '%s', ignored", id, key, shown);
	}
	return SW_TIME_NONE;
}

static char *
item_text(const Parse *ps, const cJSON *item)
{
	gsize max = ps->ctx->max_field_bytes;
	const char *text = json_get_string(item, "content_text");

	if (text != NULL && *text != '\0') {
		return field_copy_text(text, max);
	}
	const char *html = json_get_string(item, "content_html");
	if (html != NULL && *html != '\0') {
		g_autofree char *valid = field_copy_text(html, max);
		g_autofree char *plain = text_from_html(valid, max);
		return field_copy_text(plain, max);
	}
	const char *summary = json_get_string(item, "summary");
	if (summary != NULL && *summary != '\0') {
		return field_copy_text(summary, max);
	}
	return NULL;
}

static void
parse_item(Parse *ps, const cJSON *item, int index)
{
	if (!cJSON_IsObject(item)) {
		json_warn(ps->result, "items[%d] is not an object, skipping", index);
		return;
	}
	g_autofree char *url = json_resolve_url(ps->base, json_get_string(item, "url"));
	g_autofree char *id = json_get_id(item, "id");
	if (id == NULL) {
		/* The spec requires an id; the item's permalink identifies it as well. */
		id = g_strdup(url);
	}
	if (id == NULL) {
		json_warn(ps->result, "items[%d] has no id and no url, skipping", index);
		return;
	}
	if (g_hash_table_contains(ps->seen, id)) {
		json_warn(ps->result, "item '%s' listed twice, keeping the first", id);
		return;
	}
	g_hash_table_add(ps->seen, g_strdup(id));

	g_autoptr(Advisory) adv = advisory_new(ps->ctx->source_name, id);
	adv->kind = ADVISORY_KIND_INCIDENT;
	adv->title = field_copy_line(json_get_string(item, "title"), ps->ctx->max_field_bytes);
	adv->text = item_text(ps, item);
	if (adv->title == NULL || adv->title[0] == '\0') {
		/* Title-less (microblog) items: the summary, else the start of the text, one line. */
		const char *summary = json_get_string(item, "summary");
		g_free(adv->title);
		adv->title = field_copy_line(summary != NULL ? summary : adv->text, 200);
	}
	adv->url = g_steal_pointer(&url);
	adv->feed_name = g_strdup(ps->feed_title);
	adv->feed_home = field_copy_home(ps->home);
	/* The zone of the item's own date, its inline updates' clocks read in it: the
	 * date_published's, else the date_modified's (the rule of RSS and Atom items). */
	int start_off = 0;
	int updated_off = 0;
	adv->start = get_time(ps, item, "date_published", id, &start_off);
	adv->updated = get_time(ps, item, "date_modified", id, &updated_off);
	adv->date_offset = adv->start != SW_TIME_NONE     ? start_off
			   : adv->updated != SW_TIME_NONE ? updated_off
							  : ADVISORY_OFFSET_UNKNOWN;
	if (adv->updated == SW_TIME_NONE) {
		adv->updated = adv->start;
	}
	/* Status and kind from the title, once the item's last update (its end if the title
	 * says it is over) is known. */
	status_words_title_apply(adv, true);

	const cJSON *tags = json_get_array(item, "tags");
	const cJSON *tag;
	cJSON_ArrayForEach(tag, tags) {
		if (adv->services->len >= JSON_MAX_SERVICES) {
			break;
		}
		if (cJSON_IsString(tag)) {
			g_autofree char *clean = field_copy_line(tag->valuestring, 256);
			advisory_add_service(adv, clean);
		}
	}
	if (adv->services->len == 0) {
		advisory_add_service(adv, ps->feed_title != NULL && ps->feed_title[0] != '\0'
						  ? ps->feed_title
						  : ps->ctx->source_name);
	}
	g_ptr_array_add(ps->result->advisories, g_steal_pointer(&adv));
}

bool
jsonfeed_parse_tree(const SourceContext *ctx, const cJSON *root, SourceResult *result,
		    GError **error)
{
	const cJSON *items = json_get_array(root, "items");

	if (items == NULL) {
		g_set_error(error, SW_ERROR, SW_ERROR_PARSE, "not a JSON Feed: no \"items\" array");
		return false;
	}
	const char *version = json_get_string(root, "version");
	if (version != NULL && strstr(version, "jsonfeed.org/version/") == NULL) {
		g_autofree char *shown = field_copy_line(version, 64);
		json_warn(result, "unknown JSON Feed version '%s', reading it as 1.1", shown);
	}

	Parse ps = {
		.ctx = ctx,
		.result = result,
		.feed_title = field_copy_line(json_get_string(root, "title"), 256),
		.seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
	};
	/* home_page_url first (the brief's order), then feed_url, then where it was fetched. */
	g_autofree char *feed_url = json_resolve_url(ctx->base_url,
						     json_get_string(root, "feed_url"));
	ps.base = json_resolve_url(feed_url != NULL ? feed_url : ctx->base_url,
				   json_get_string(root, "home_page_url"));
	if (ps.base == NULL) {
		ps.base = feed_url != NULL ? g_strdup(feed_url) : g_strdup(ctx->base_url);
	}
	/* What the feed says it is (not where it was fetched: that is the caller's). */
	ps.home = json_get_string(root, "home_page_url") != NULL || feed_url != NULL ? ps.base
										      : NULL;
	result->format = SOURCE_FORMAT_JSONFEED;

	const cJSON *item;
	int index = 0;
	guint over = 0;
	cJSON_ArrayForEach(item, items) {
		if (result->advisories->len >= ctx->max_items) {
			over++;
		} else {
			parse_item(&ps, item, index);
		}
		index++;
	}
	if (over > 0) {
		json_warn(result, "%u items beyond the limit of %u skipped", over, ctx->max_items);
	}
	g_hash_table_unref(ps.seen);
	g_free(ps.base);
	g_free(ps.feed_title);
	return true;
}
