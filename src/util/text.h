/*
 * Text clean-up for everything a feed calls a description: HTML to plain text
 * (tags stripped, scripts and styles dropped, entities decoded, paragraph
 * breaks kept as "\n\n", other whitespace folded), bounded in time and size so
 * a hostile body cannot make it quadratic.
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

/* The configuration's booleans: true/yes/on/1 and false/no/off/0, any case.  Sets *ret and
 * returns true, or returns false for anything else.  The one reader of boolean keys. */
bool text_parse_bool(const char *s, bool *ret);

#endif
