/*
 * Internal to sources/: copies of a document's text into advisory fields,
 * whatever the format (JSON Feed, Statuspage, Graph, RSS, Atom, RDF).  A field
 * is stored, printed and written as JSON: it comes out valid UTF-8, bounded at
 * a character boundary, and, for one-line fields, with its whitespace folded.
 *
 * Pure: no I/O, no logging.
 */
#ifndef SW_SOURCES_FIELD_COPY_H
#define SW_SOURCES_FIELD_COPY_H

#include <glib.h>

/* A copy of @s made valid UTF-8 and cut to at most @max_bytes at a character boundary.
 * NULL gives NULL.  Caller frees. */
char *field_copy_text(const char *s, gsize max_bytes);
/* field_copy_text() with whitespace folded (titles, names).  Caller frees. */
char *field_copy_line(const char *s, gsize max_bytes);
/* A copy of @url (a feed's declared home page, Advisory.feed_home) when it is valid
 * UTF-8 without control characters, else NULL: it is stored and printed as text. */
char *field_copy_home(const char *url);

#endif
