/*
 * Text clean-up for everything a feed calls a description: HTML to plain text
 * (tags stripped, scripts and styles dropped, entities decoded, paragraph
 * breaks kept as "\n\n", other whitespace folded), bounded in time and size so
 * a hostile body cannot make it quadratic.
 */
#ifndef SW_UTIL_TEXT_H
#define SW_UTIL_TEXT_H

#include <glib.h>

/* Plain text of @html (NUL-terminated), at most @max_bytes long (cut at a UTF-8 boundary).
 * Caller frees.  Never NULL. */
char *text_from_html(const char *html, gsize max_bytes);
/* The same for the @len bytes at @html, which need not be NUL-terminated (a NUL byte in
 * text ends the conversion, as it ends a C string).  The result's length goes to @ret_len
 * (may be NULL).  Caller frees.  Never NULL. */
char *text_from_html_len(const char *html, gsize len, gsize max_bytes, gsize *ret_len);
/* Folds runs of whitespace into one space and trims the ends.  Caller frees. */
char *text_fold_whitespace(const char *s);

#endif
