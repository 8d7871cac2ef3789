/*
 * The start-tag guard of the XML feed parser (see xmlfeed.c).  libxml2 2.9.14
 * checks a new attribute against every earlier one of the same element before
 * any SAX callback runs: one element with 400,000 attributes (4 MB) took
 * 152 s, all inside curl's write callback where no timeout can stop it.  So
 * the raw bytes are scanned first (memchr for '<' over text, comments, CDATA
 * and PIs skipped by their terminators, quotes respected) and a tag longer
 * than TAGSCAN_MAX_TAG_BYTES is refused before libxml2 sees it: that bounds
 * the attributes per element to a few thousand.  UTF-16 documents (rare in
 * feeds) are not scanned.
 *
 * Internal to sources/.  Pure: no allocation, no I/O.
 */
#ifndef SW_SOURCES_TAGSCAN_H
#define SW_SOURCES_TAGSCAN_H

#include <glib.h>
#include <stdbool.h>

#define TAGSCAN_MAX_TAG_BYTES (16 * 1024)

typedef enum {
	TAGSCAN_START,   /* the first two bytes decide: UTF-16 turns the guard off */
	TAGSCAN_TEXT,
	TAGSCAN_LT,      /* after '<' */
	TAGSCAN_LT_BANG, /* after "<!" */
	TAGSCAN_TAG,     /* inside a tag, outside quotes */
	TAGSCAN_QUOTE,   /* inside a quoted attribute value */
	TAGSCAN_SPECIAL, /* inside a comment, CDATA section, PI or declaration */
	TAGSCAN_OFF,
} TagScanState;

/* Zero-initialised = ready for the first chunk. */
typedef struct {
	TagScanState state;
	char quote;           /* TAGSCAN_QUOTE: the closing quote */
	const char *term;     /* TAGSCAN_SPECIAL: "-->", "]]>", "?>" or ">" */
	gsize tag_len;        /* bytes of the current tag so far */
	unsigned char prev[2];/* the two bytes before the current chunk */
	guint start_len;      /* TAGSCAN_START: bytes collected in start[] */
	char start[2];
} TagScan;

/* Runs the guard over the next chunk of the document; false when a tag is too long. */
bool tagscan_feed(TagScan *t, const char *data, gsize len);
/*
 * Inside a tag: the first '>', '"' or '\'' in [c, end), or @end.  Sixteen bytes per
 * step where sixteen remain (a byte loop here was most of the guard's time on RSS
 * items, whose every field is a tag).  Also the tag scan of xmlfeed_bypass.c.
 */
const char *tagscan_tag_stop(const char *c, const char *end);
/* Keeps the last two bytes of the chunk [data, data + len) in @prev, the bytes
 * before the next chunk (for terminators a chunk boundary splits). */
void tagscan_keep_prev(unsigned char prev[2], const char *data, gsize len);

#endif
