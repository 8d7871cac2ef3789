/*
 * Building one Advisory when an RSS item or Atom entry ends (xmlfeed.c calls
 * xmlfeed_item_build() from its end-element callback).  The item's slots hold
 * the raw text of each field; here they become the advisory's id, url, title,
 * times, text and status, in the priority order written beside the Slot enum
 * (xmlfeed_private.h), then provider patterns add services
 * (xmlfeed_patterns.c) and a Statuspage body its update list
 * (xmlfeed_statuspage.c).
 *
 * Never does I/O or logs: a bad item is a warning and is skipped.
 */
#include "sources/xmlfeed_private.h"

#include <string.h>

#include "model/advisory.h"
#include "sources/status_words.h"
#include "util/text.h"
#include "util/timeparse.h"

static const char *const slot_names[SLOT_COUNT] = {
	[SLOT_TITLE] = "title",
	[SLOT_GUID] = "guid",
	[SLOT_ATOM_ID] = "id",
	[SLOT_LINK] = "link",
	[SLOT_CONTENT_ENCODED] = "content:encoded",
	[SLOT_ATOM_CONTENT] = "content",
	[SLOT_DESCRIPTION] = "description",
	[SLOT_ATOM_SUMMARY] = "summary",
	[SLOT_PUBLISHED] = "published",
	[SLOT_PUBDATE] = "pubDate",
	[SLOT_DC_DATE] = "dc:date",
	[SLOT_UPDATED] = "updated",
	[SLOT_CATEGORY] = "category",
};

/* A date slot as parsed: its time and the zone it was written in (one parse). */
typedef struct {
	gint64 time; /* SW_TIME_NONE: empty or unparseable */
	int offset;  /* minutes east of UTC, when time is set */
} SlotDate;

static SlotDate
slot_date(XmlFeedParser *p, Slot slot, const char *item_id)
{
	const char *s = p->item.slot[slot]->str;
	SlotDate d = {.time = SW_TIME_NONE, .offset = 0};

	if (s[0] == '\0') {
		return d;
	}
	/* RFC 3339 never starts with a letter ("Tue, ..."): skip straight to RFC 822. */
	if (g_ascii_isalpha(s[0]) ? time_parse_rfc822_zone(s, &d.time, &d.offset)
				  : time_parse_any_zone(s, &d.time, &d.offset)) {
		return d;
	}
	d.time = SW_TIME_NONE;
	xmlfeed_warn(p, "item '%s': unparseable %s '%.64s', ignored", item_id, slot_names[slot], s);
	return d;
}

/* The first of @order's dates that parsed (@dates is indexed from SLOT_PUBLISHED), or NULL. */
static const SlotDate *
first_date(const SlotDate *dates, const Slot *order, gsize n)
{
	for (gsize i = 0; i < n; i++) {
		if (dates[order[i] - SLOT_PUBLISHED].time != SW_TIME_NONE) {
			return &dates[order[i] - SLOT_PUBLISHED];
		}
	}
	return NULL;
}

/* Body: see the slot priority comment beside the Slot enum.  SLOT_NONE when there is none. */
static Slot
item_body_slot(const Item *it)
{
	static const Slot body_order[] = {
		SLOT_CONTENT_ENCODED, SLOT_ATOM_CONTENT, SLOT_DESCRIPTION, SLOT_ATOM_SUMMARY,
	};
	for (gsize i = 0; i < G_N_ELEMENTS(body_order); i++) {
		if (it->slot[body_order[i]]->len > 0) {
			return body_order[i];
		}
	}
	return SLOT_NONE;
}

static char *
item_id(XmlFeedParser *p, const char *url)
{
	Item *it = &p->item;
	const char *guid = it->slot[SLOT_GUID]->str;
	const char *aid = it->slot[SLOT_ATOM_ID]->str;

	if (guid[0] != '\0') {
		return g_strdup(guid);
	}
	if (aid[0] != '\0') {
		return g_strdup(aid);
	}
	if (it->about != NULL && it->about[0] != '\0') {
		return g_strdup(it->about);
	}
	if (url != NULL) {
		return g_strdup(url);
	}
	/* No identity at all: a hash of what a reader sees, stable while it does not change. */
	const char *title = it->slot[SLOT_TITLE]->str;
	const char *date = it->slot[SLOT_PUBDATE]->str;
	for (Slot s = SLOT_PUBLISHED; date[0] == '\0' && s <= SLOT_UPDATED; s++) {
		date = it->slot[s]->str;
	}
	if (title[0] == '\0' && date[0] == '\0') {
		/* RSS 2.0 allows an item with only a description (Atom entries with only
		 * content are common in the wild too): its text is its identity. */
		Slot body = item_body_slot(it);
		if (body == SLOT_NONE) {
			return NULL;
		}
		g_autofree char *sum =
			g_compute_checksum_for_string(G_CHECKSUM_SHA256, it->slot[body]->str, -1);
		return g_strdup_printf("sha256:%.32s", sum);
	}
	g_autofree char *both = g_strconcat(title, "\n", date, NULL);
	g_autofree char *sum = g_compute_checksum_for_string(G_CHECKSUM_SHA256, both, -1);
	return g_strdup_printf("sha256:%.32s", sum);
}

static char *
slot_plain(XmlFeedParser *p, Slot slot)
{
	Item *it = &p->item;
	const char *s = it->slot[slot]->str;

	if (it->type[slot] == TEXT_PLAIN) {
		return g_strdup(s);
	}
	return text_from_html(s, p->max_field_bytes);
}

/* Windows-1252's 0x80..0x9F (0 = undefined there: kept as the C1 control). */
static const gunichar cp1252_c1[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

/*
 * After a recovered encoding error libxml2 hands on the raw bytes: each byte
 * that is not part of valid UTF-8 is read as Windows-1252, as browsers read
 * stray bytes (and as libxml2 itself goes on reading the document).
 */
static void
repair_utf8(GString *s)
{
	const char *end = NULL;
	if (g_utf8_validate_len(s->str, s->len, &end)) {
		return;
	}
	GString *out = g_string_sized_new(s->len + 16);
	const char *c = s->str;
	const char *stop = s->str + s->len;
	while (c < stop) {
		if (!g_utf8_validate_len(c, (gsize)(stop - c), &end)) {
			g_string_append_len(out, c, end - c);
			unsigned char b = (unsigned char)*end;
			gunichar u = b >= 0x80 && b < 0xA0 && cp1252_c1[b - 0x80] != 0
					     ? cp1252_c1[b - 0x80]
					     : (gunichar)b;
			g_string_append_unichar(out, u);
			c = end + 1;
		} else {
			g_string_append_len(out, c, stop - c);
			break;
		}
	}
	g_string_truncate(s, 0);
	g_string_append_len(s, out->str, (gssize)out->len);
	g_string_free(out, TRUE);
}

/* Atom 0.3 mode="base64" text, decoded in place (never longer than its encoding). */
static void
decode_base64(GString *s)
{
	gsize n = 0;

	/* GLib refuses (with a critical) text shorter than two characters, which decodes to
	 * nothing anyway. */
	if (strlen(s->str) < 2) {
		g_string_truncate(s, 0);
		return;
	}
	g_base64_decode_inplace(s->str, &n);
	s->len = n;
	s->str[n] = '\0';
}

/* url: Atom rel=alternate, else RSS <link>, else a permalink guid. */
static char *
item_url(XmlFeedParser *p)
{
	Item *it = &p->item;

	if (it->alt_link != NULL) {
		return g_steal_pointer(&it->alt_link); /* item_reset() would free it next */
	}
	if (it->slot[SLOT_LINK]->len > 0) {
		return xmlfeed_resolve_url(p, it->slot[SLOT_LINK]->str);
	}
	if (it->guid_permalink && g_str_has_prefix(it->slot[SLOT_GUID]->str, "http")) {
		return g_strdup(it->slot[SLOT_GUID]->str);
	}
	return NULL;
}

static char *
item_title(XmlFeedParser *p)
{
	Item *it = &p->item;

	if (it->type[SLOT_TITLE] == TEXT_PLAIN) {
		return text_fold_whitespace(it->slot[SLOT_TITLE]->str);
	}
	g_autofree char *html_title = slot_plain(p, SLOT_TITLE);
	return text_fold_whitespace(html_title);
}


/* Text and status: from the Statuspage update list, or the body's text and the title. */
static void
item_body(XmlFeedParser *p, Advisory *adv)
{
	Item *it = &p->item;
	Slot body = item_body_slot(it);
	char *html = body != SLOT_NONE ? it->slot[body]->str : NULL;
	bool is_markup = body != SLOT_NONE && (body == SLOT_CONTENT_ENCODED ||
					       body == SLOT_DESCRIPTION ||
					       it->type[body] != TEXT_PLAIN);
	bool statuspage = is_markup && xmlfeed_statuspage_body(html);

	if (statuspage) {
		xmlfeed_statuspage_apply(p, adv, html, it->slot[body]->len);
	} else if (html != NULL) {
		adv->text = is_markup ? text_from_html(html, p->max_field_bytes) : g_strdup(html);
	}
	if (adv->text != NULL && adv->text[0] == '\0') {
		g_clear_pointer(&adv->text, g_free);
	}
	status_words_title_apply(adv, !statuspage);
}

/*
 * A title for an item that has none (RSS 2.0 allows description-only items): the
 * first line of its text, cut at a character boundary near 100 bytes, as feed
 * readers show such items.
 */
static char *
title_from_text(const char *text)
{
	const char *eol = strchr(text, '\n');
	gsize n = eol != NULL ? (gsize)(eol - text) : strlen(text);
	bool cut = n > 100;
	if (cut) {
		n = 100;
		while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80) {
			n--;
		}
	}
	g_autofree char *line = g_strndup(text, n);
	g_autofree char *folded = text_fold_whitespace(line);
	if (folded[0] == '\0') {
		return NULL;
	}
	return cut ? g_strconcat(folded, "\u2026", NULL) : g_steal_pointer(&folded);
}

/* Latin-1 declared, UTF-8 sent: "Ã©" pairs in the decoded text give it away. */
static void
check_mojibake(XmlFeedParser *p, const Advisory *adv)
{
	if (!p->latin1_declared || p->warned_mojibake) {
		return;
	}
	const char *texts[] = {adv->title, adv->text};
	for (gsize i = 0; i < G_N_ELEMENTS(texts) && !p->warned_mojibake; i++) {
		const unsigned char *s = (const unsigned char *)texts[i];
		for (; s != NULL && s[0] != '\0' && s[1] != '\0' && s[2] != '\0' && s[3] != '\0';
		     s++) {
			if (s[0] == 0xC3 && s[1] >= 0x82 && s[1] <= 0x9F && s[2] == 0xC2 &&
			    s[3] >= 0x80 && s[3] <= 0xBF) {
				xmlfeed_warn(p, "the feed declares ISO-8859-1 but its bytes look like "
						"UTF-8; text decoded as declared and may be garbled");
				p->warned_mojibake = true;
				break;
			}
		}
	}
}

void
xmlfeed_item_build(XmlFeedParser *p)
{
	Item *it = &p->item;

	for (int i = 0; i < SLOT_COUNT; i++) {
		if ((it->base64 & (1u << i)) != 0) {
			decode_base64(it->slot[i]);
		}
		if (!p->ctxt->wellFormed || (it->base64 & (1u << i)) != 0) {
			repair_utf8(it->slot[i]);
		}
		xmlfeed_gstring_trim(it->slot[i]);
	}
	g_autofree char *url = item_url(p);
	g_autofree char *owned_id = item_id(p, url);
	if (owned_id == NULL) {
		xmlfeed_warn(p, "item at line %d has no guid, id, link, title, date or description, skipping",
			     it->line);
		return;
	}
	if (it->truncated) {
		xmlfeed_warn(p, "item '%s': a field longer than %" G_GSIZE_FORMAT
				" bytes was truncated",
			     owned_id, p->max_field_bytes);
	}

	/* The id is handed over, not copied again by advisory_new(). */
	g_autoptr(Advisory) adv = advisory_new(p->ctx->source_name, NULL);
	adv->id = g_steal_pointer(&owned_id);
	const char *id = adv->id;
	adv->kind = ADVISORY_KIND_INCIDENT;
	/* Only links a person can follow reach people (and, later, notifications): a feed's
	 * "javascript:" or "data:" link is dropped.  file: stays for feeds read from files. */
	if (text_is_web_link(url) ||
	    (url != NULL && g_ascii_strncasecmp(url, "file:///", 8) == 0)) {
		adv->url = g_steal_pointer(&url);
	}
	g_autofree char *title = item_title(p);
	if (title[0] != '\0') {
		adv->title = g_steal_pointer(&title);
	}

	/*
	 * Start: published (Atom), else pubDate (RSS), else dc:date (RDF); updated: Atom's
	 * updated, else the same dates.  The zone of the item's own date is the one its start
	 * came from, else its update's: its inline updates' clocks are read in it.
	 */
	static const Slot start_order[] = {SLOT_PUBLISHED, SLOT_PUBDATE, SLOT_DC_DATE};
	static const Slot updated_order[] = {SLOT_UPDATED, SLOT_PUBDATE, SLOT_DC_DATE,
					     SLOT_PUBLISHED};
	/* (The date slots run together, SLOT_PUBLISHED to SLOT_UPDATED.) */
	G_STATIC_ASSERT(SLOT_PUBDATE == SLOT_PUBLISHED + 1 && SLOT_DC_DATE == SLOT_PUBLISHED + 2 &&
			SLOT_UPDATED == SLOT_PUBLISHED + 3);
	SlotDate dates[SLOT_UPDATED - SLOT_PUBLISHED + 1];
	for (Slot s = SLOT_PUBLISHED; s <= SLOT_UPDATED; s++) {
		dates[s - SLOT_PUBLISHED] = slot_date(p, s, id);
	}
	const SlotDate *start = first_date(dates, start_order, G_N_ELEMENTS(start_order));
	const SlotDate *updated = first_date(dates, updated_order, G_N_ELEMENTS(updated_order));
	const SlotDate *own = start != NULL ? start : updated;
	adv->start = start != NULL ? start->time : SW_TIME_NONE;
	adv->updated = updated != NULL ? updated->time : SW_TIME_NONE;
	adv->date_offset = own != NULL ? own->offset : ADVISORY_OFFSET_UNKNOWN;

	item_body(p, adv);
	if (adv->title == NULL && adv->text != NULL) {
		adv->title = title_from_text(adv->text);
	}
	xmlfeed_item_services(p, adv);
	check_mojibake(p, adv);
	g_ptr_array_add(p->advisories, g_steal_pointer(&adv));
}
