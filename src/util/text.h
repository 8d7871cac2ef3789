/*
 * Text clean-up for everything a feed calls a description: HTML to plain text
 * (tags stripped, scripts and styles dropped, entities decoded, paragraph
 * breaks kept as "\n\n", other whitespace folded), bounded in time and size so
 * a hostile body cannot make it quadratic.  And the way back for renderers:
 * the one HTML escaper and the one "is this a followable link" check.
 */
#ifndef SW_UTIL_TEXT_H
#define SW_UTIL_TEXT_H

#include <glib.h>
#include <stdbool.h>

/* Plain text of @html (NUL-terminated), at most @max_bytes long (cut at a UTF-8 boundary).
 * Caller frees.  Never NULL. */
char *text_from_html(const char *html, gsize max_bytes);
/* The same for the @len bytes at @html, which need not be NUL-terminated (a NUL byte in
 * text ends the conversion, as it ends a C string).  The result's length goes to @ret_len
 * (may be NULL).  Caller frees.  Never NULL. */
char *text_from_html_len(const char *html, gsize len, gsize max_bytes, gsize *ret_len);
/*
 * text_from_html_len() up to the first '<' in text (not inside a tag, comment, script or
 * style) that starts one of @stops (NULL-terminated, e.g. {"</p>", "<small>", NULL}); that
 * position, or html + len, goes to @ret_stop.  The text is what text_from_html_len() gives
 * for [html, *ret_stop).  Returns NULL, allocating nothing, when the answer could differ from
 * a plain byte search for the stops: markup skipped on the way holds a '<' of its own, a
 * script or style element, a NUL, or the output reaching @max_bytes.  Caller frees.
 */
char *text_from_html_until(const char *html, gsize len, gsize max_bytes, const char *const *stops,
			   const char **ret_stop, gsize *ret_len);
/* Folds runs of whitespace into one space and trims the ends.  Caller frees. */
char *text_fold_whitespace(const char *s);

/*
 * @s escaped for HTML text and attribute values: '&', '<', '>' always; with @quotes also
 * '"' as &quot; and '\'' as &#39; (not &apos;, which is not HTML 4 and which Outlook
 * desktop shows literally).  Without @quotes it suits the desktop notification
 * body-markup subset, where quotes are plain text and GNOME Shell shows any entity
 * but the five named ones literally.  Control characters other than tab and line breaks
 * (C0, DEL, C1) become '?'.  NULL gives "".  Caller frees.
 */
char *text_escape_html(const char *s, bool quotes);

/* Whether @url is a link a person can follow from an alert: "http://" or "https://", any
 * case.  A feed's "javascript:" or "data:" URL is not.  NULL gives false.  The one check
 * every renderer and parser uses before making a link. */
bool text_is_web_link(const char *url);

/* The configuration's booleans: true/yes/on/1 and false/no/off/0, any case.  Sets *ret and
 * returns true, or returns false for anything else.  The one reader of boolean keys. */
bool text_parse_bool(const char *s, bool *ret);

#endif
