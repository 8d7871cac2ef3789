/*
 * Pieces the chat channels (slack, teams, discord, mattermost, googlechat,
 * ntfy) build their messages from: escaping for each service's markup, member
 * and change lists that stop at a count with "… and N more", and the loop
 * that shrinks a message until it fits the service's size limits.  Every
 * string placed is already cleaned by render_clean_line(); JSON escaping is
 * cJSON's job in each channel.
 */
#ifndef SW_NOTIFY_CHATFMT_H
#define SW_NOTIFY_CHATFMT_H

#include <glib.h>
#include <stdbool.h>

#include "model/alert.h"

typedef enum {
	CHAT_MARKUP_PLAIN,    /* ntfy: no markup */
	CHAT_MARKUP_SLACK,    /* Slack mrkdwn: &amp; &lt; &gt;, links <url|label> */
	CHAT_MARKUP_MARKDOWN, /* Discord, Mattermost, Teams: backslash escapes, [label](url) */
	CHAT_MARKUP_HTML,     /* Google Chat text: &amp; &lt; &gt;, <a href="url">label</a> */
} ChatMarkup;

/* @s cleaned to one line (at most @max bytes, 0 = no cap) and escaped for @m.  Caller frees. */
char *chat_escape(const char *s, gsize max, ChatMarkup m);
/* A link to @url labelled @label (both raw); only http(s) URLs become links, otherwise the
 * escaped label.  Caller frees. */
char *chat_link(const char *url, const char *label, ChatMarkup m);
/* Bold @s (raw) in @m ("*s*", "**s**", "<b>s</b>", or plain).  Caller frees. */
char *chat_bold(const char *s, ChatMarkup m);

/*
 * The body lines of @alert for @m, "\n"-separated, at most @max_items list entries
 * (members, changes, summary items), the rest counted in "… and N more".  Incident
 * alerts: what changed, then one line per member "• <link id> (source) status: title";
 * SUMMARY: one line per item; NOTICE/TEST: the text (a TEST also says it is one).
 * Caller frees.
 */
char *chat_body(const Alert *alert, ChatMarkup m, guint max_items);
/* Number of list entries chat_body() would show with no cap. */
guint chat_item_count(const Alert *alert);

/* The first http(s) link among the members (the click target), or NULL.  Borrowed. */
const char *chat_first_link(const Alert *alert);
/* The header colour of render_html() as 0xRRGGBB. */
guint32 chat_colour(const Alert *alert);

/*
 * Builds with fewer and fewer list entries until @build says the message fits:
 * all entries first, then half, a quarter, ... and finally none.  Returns the first
 * message that fits, or the last one built (which @build must keep within the limits
 * by capping each field).  Caller frees.
 */
typedef char *(*ChatBuildFunc)(gpointer self, const Alert *alert, guint max_items,
			       bool *ret_fits);
char *chat_build_fitting(ChatBuildFunc build, gpointer self, const Alert *alert);

#endif
