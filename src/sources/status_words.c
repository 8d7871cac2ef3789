/*
 * Status words → normalized status, severity and kind (see status_words.h).
 * Pure tables, no I/O.  Data comes from xmlfeed.c (Statuspage <strong>
 * labels), text_window.c (the words of a post) and the feed item titles of
 * xmlfeed_item.c and jsonfeed.c (status_words_title_apply(), the one reading of
 * a title for both); results go into Advisory fields, the source's own word
 * into raw_status.
 */
#include "sources/status_words.h"

#include <string.h>

#define U ADVISORY_STATUS_UNKNOWN
#define SEV_U ADVISORY_SEVERITY_UNKNOWN
#define KIND_U ADVISORY_KIND_UNKNOWN

/*
 * Sorted by strcmp on the lower-case word (test-xmlfeed checks it; the lookup
 * no longer needs the order, but the table reads better sorted).
 *
 * Statuspage incident labels: investigating, identified, monitoring, update
 * (no state change: the previous status stays), resolved, postmortem (written
 * after resolution, so resolved).  Statuspage maintenance labels: scheduled,
 * in progress (the work is running: the service may be degraded), verifying
 * (like monitoring), completed (resolved).  They also make the advisory a
 * maintenance.
 *
 * AWS Health title prefixes: "Service is operating normally" (resolved, info),
 * "Informational message" (an informational post, info), "Performance issues"
 * (degraded, minor), "Service disruption" (outage, major).
 *
 * Google Cloud titles start with the update kind in capitals ("RESOLVED:",
 * "UPDATE:"), which the same entries cover.
 */
static const StatusWord status_words[] = {
	{"completed", ADVISORY_STATUS_RESOLVED, SEV_U, ADVISORY_KIND_MAINTENANCE},
	{"identified", ADVISORY_STATUS_IDENTIFIED, SEV_U, KIND_U},
	{"in progress", ADVISORY_STATUS_DEGRADED, SEV_U, ADVISORY_KIND_MAINTENANCE},
	{"informational message", U, ADVISORY_SEVERITY_INFO, ADVISORY_KIND_INFORMATIONAL},
	{"investigating", ADVISORY_STATUS_INVESTIGATING, SEV_U, KIND_U},
	{"monitoring", ADVISORY_STATUS_MONITORING, SEV_U, KIND_U},
	{"performance issues", ADVISORY_STATUS_DEGRADED, ADVISORY_SEVERITY_MINOR, KIND_U},
	{"postmortem", ADVISORY_STATUS_RESOLVED, SEV_U, KIND_U},
	{"resolved", ADVISORY_STATUS_RESOLVED, SEV_U, KIND_U},
	{"scheduled", ADVISORY_STATUS_SCHEDULED, SEV_U, ADVISORY_KIND_MAINTENANCE},
	{"service disruption", ADVISORY_STATUS_OUTAGE, ADVISORY_SEVERITY_MAJOR, KIND_U},
	{"service is operating normally", ADVISORY_STATUS_RESOLVED, ADVISORY_SEVERITY_INFO, KIND_U},
	{"update", U, SEV_U, KIND_U},
	{"verifying", ADVISORY_STATUS_MONITORING, SEV_U, ADVISORY_KIND_MAINTENANCE},
};

#undef U
#undef SEV_U
#undef KIND_U

const StatusWord *
status_word_lookup(const char *word, gsize len)
{
	char key[40];
	gsize n = 0;

	if (word == NULL) {
		return NULL;
	}
	while (len > 0 && g_ascii_isspace(*word)) {
		word++;
		len--;
	}
	while (len > 0 && g_ascii_isspace(word[len - 1])) {
		len--;
	}
	if (len == 0 || len >= sizeof key) {
		return NULL;
	}
	/* Inline lower-casing (g_ascii_tolower is a call per byte): this runs once per update. */
	for (n = 0; n < len; n++) {
		char c = word[n];
		key[n] = c >= 'A' && c <= 'Z' ? (char)(c + ('a' - 'A')) : c;
	}
	key[n] = '\0';
	/* Fourteen words: a first-byte filter and an inline compare beat bsearch's strcmp calls. */
	for (gsize i = 0; i < G_N_ELEMENTS(status_words); i++) {
		const char *w = status_words[i].word;
		if (w[0] != key[0]) {
			continue;
		}
		gsize k = 1;
		while (w[k] != '\0' && w[k] == key[k]) {
			k++;
		}
		if (w[k] == key[k]) {
			return &status_words[i];
		}
	}
	return NULL;
}

const StatusWord *
status_words_table(gsize *ret_n)
{
	*ret_n = G_N_ELEMENTS(status_words);
	return status_words;
}

const StatusWord *
status_level_lookup(const char *word, gsize len)
{
	/* GitHub's status site posted one message per change of its status, the level
	 * in a word of its own: good (all is well), minor, major. */
	static const StatusWord levels[] = {
		{"good", ADVISORY_STATUS_RESOLVED, ADVISORY_SEVERITY_INFO, ADVISORY_KIND_UNKNOWN},
		{"major", ADVISORY_STATUS_OUTAGE, ADVISORY_SEVERITY_MAJOR, ADVISORY_KIND_UNKNOWN},
		{"minor", ADVISORY_STATUS_DEGRADED, ADVISORY_SEVERITY_MINOR, ADVISORY_KIND_UNKNOWN},
	};
	while (len > 0 && g_ascii_isspace(*word)) {
		word++;
		len--;
	}
	while (len > 0 && g_ascii_isspace(word[len - 1])) {
		len--;
	}
	for (gsize i = 0; i < G_N_ELEMENTS(levels); i++) {
		if (strlen(levels[i].word) == len && g_ascii_strncasecmp(word, levels[i].word, len) == 0) {
			return &levels[i];
		}
	}
	return NULL;
}

void
status_word_apply(Advisory *adv, const StatusWord *w)
{
	if (w->status != ADVISORY_STATUS_UNKNOWN) {
		adv->status = w->status;
	}
	if (w->severity != ADVISORY_SEVERITY_UNKNOWN) {
		adv->severity = w->severity;
	}
	if (w->kind != ADVISORY_KIND_UNKNOWN) {
		adv->kind = w->kind;
	}
}

bool
status_words_title_closed(const char *title)
{
	static const char *const closed[] = {"fixed", "resolved", "solved"};
	if (title == NULL) {
		return false;
	}
	gsize len = strlen(title);
	while (len > 0 && g_ascii_isspace(title[len - 1])) {
		len--;
	}
	if (len < 3 || (title[len - 1] != ')' && title[len - 1] != ']')) {
		return false;
	}
	char open = title[len - 1] == ')' ? '(' : '[';
	gsize b = len - 1;
	while (b > 0 && title[b - 1] != open && len - b < 16) {
		b--;
	}
	if (b == 0 || title[b - 1] != open) {
		return false;
	}
	gsize n = len - 1 - b;
	for (gsize i = 0; i < G_N_ELEMENTS(closed); i++) {
		if (strlen(closed[i]) == n && g_ascii_strncasecmp(title + b, closed[i], n) == 0) {
			return true;
		}
	}
	return false;
}

/*
 * A title lower-cased once, when a word test first needs it (feed titles are read for up
 * to three words): into the stack buffer, which holds any real title, else a copy.
 * Inline lower-casing: g_ascii_tolower() is a call per byte.
 */
typedef struct {
	const char *title;
	const char *low; /* NULL until low_title_has() first runs */
	char *heap;      /* owned: the copy of a title longer than buf */
	char buf[512];
} LowTitle;

static bool
low_title_has(LowTitle *lt, const char *needle)
{
	if (lt->low == NULL) {
		gsize i = 0;
		for (; i < sizeof lt->buf - 1 && lt->title[i] != '\0'; i++) {
			char c = lt->title[i];
			lt->buf[i] = c >= 'A' && c <= 'Z' ? (char)(c + ('a' - 'A')) : c;
		}
		lt->buf[i] = '\0';
		if (lt->title[i] == '\0') {
			lt->low = lt->buf;
		} else {
			lt->heap = g_ascii_strdown(lt->title, -1);
			lt->low = lt->heap;
		}
	}
	return strstr(lt->low, needle) != NULL;
}

/* True when the title says "planned" of a thing ("Planned downtime Friday night",
 * "Planned work on ..."): a whole word before another, not the "unplanned" of an
 * outage nor "taking longer than planned". */
static bool
low_title_planned(LowTitle *lt)
{
	static const char word[] = "planned";
	const gsize n = sizeof(word) - 1;
	if (!low_title_has(lt, word)) {
		return false;
	}
	for (const char *p = lt->low; (p = strstr(p, word)) != NULL; p++) {
		if ((p == lt->low || !g_ascii_isalnum(p[-1])) && p[n] == ' ' &&
		    g_ascii_isalpha(p[n + 1]) &&
		    !(p - lt->low >= 5 && strncmp(p - 5, "than ", 5) == 0)) {
			return true;
		}
	}
	return false;
}

void
status_words_title_apply(Advisory *adv, bool status_from_title)
{
	if (adv->title == NULL) {
		return;
	}
	LowTitle lt = {.title = adv->title};
	if (status_from_title) {
		const char *colon = strchr(adv->title, ':');
		/* 40: longer than any word in the table, so a colon deep in a sentence is no
		 * label. */
		if (colon != NULL && colon - adv->title <= 40) {
			gsize n = (gsize)(colon - adv->title);
			const StatusWord *w = status_word_lookup(adv->title, n);
			if (w != NULL) {
				status_word_apply(adv, w);
				g_free(adv->raw_status);
				adv->raw_status = g_strstrip(g_strndup(adv->title, n));
			}
		}
		if (low_title_has(&lt, "[resolved]") || status_words_title_closed(adv->title)) {
			adv->status = ADVISORY_STATUS_RESOLVED;
			if (adv->raw_status == NULL) {
				advisory_set_str(&adv->raw_status, "RESOLVED");
			}
		}
		if (adv->status == ADVISORY_STATUS_RESOLVED) {
			adv->end = adv->updated;
		}
	}
	if (adv->kind == ADVISORY_KIND_INCIDENT &&
	    (low_title_has(&lt, "maintenance") || low_title_has(&lt, "scheduled") ||
	     low_title_planned(&lt))) {
		adv->kind = ADVISORY_KIND_MAINTENANCE;
	}
	g_free(lt.heap);
}
