/*
 * Internal to sources/: the words providers use for an advisory's state when
 * the format has no status field (Statuspage update labels inside the entry
 * HTML, AWS title prefixes, Google Cloud "RESOLVED:" titles), mapped to the
 * normalized AdvisoryStatus / AdvisorySeverity / AdvisoryKind.  One sorted
 * table, searched with bsearch (sfeed's rsstags[] model).
 */
#ifndef SW_SOURCES_STATUS_WORDS_H
#define SW_SOURCES_STATUS_WORDS_H

#include <glib.h>
#include <stdbool.h>

#include "model/advisory.h"

typedef struct {
	const char *word;          /* lower case; the key the table is sorted by */
	AdvisoryStatus status;     /* UNKNOWN: the word carries no state ("Update") */
	AdvisorySeverity severity; /* UNKNOWN unless the word implies one (AWS) */
	AdvisoryKind kind;         /* UNKNOWN unless the word implies one (maintenance) */
} StatusWord;

/* The entry for @word (@len bytes, any case, surrounding spaces ignored), or NULL. */
const StatusWord *status_word_lookup(const char *word, gsize len);

/* The level a status-message feed gives an item in a word of its own (GitHub's
 * "good", "minor", "major", as a category), any case, surrounding spaces ignored: good
 * is resolved (info), minor degraded, major an outage; NULL for any other word.  Not in
 * the table above: "Major" or "Good" before a colon in a title is no status label. */
const StatusWord *status_level_lookup(const char *word, gsize len);

/* Sets the status, severity and kind @w implies on @adv (fields @w leaves UNKNOWN stay). */
void status_word_apply(Advisory *adv, const StatusWord *w);

/* True when @title (may be NULL) ends in a bracketed word saying it is over: "Contact
 * forms not sending (fixed)", "Login errors [Solved]", "... (resolved)".  A blog's way
 * of closing a post it keeps. */
bool status_words_title_closed(const char *title);

/*
 * What the title of a feed item tells, the one rule of every format without a status or
 * kind field (RSS, RDF, Atom, JSON Feed).  When @status_from_title (not for an entry
 * whose body lists Statuspage updates, which carry their own words): a word of the table
 * before a colon in the first 40 bytes ("Resolved: ...", "RESOLVED: ...", AWS "Service
 * disruption: ...") sets what status_word_apply() sets and becomes raw_status (as
 * written, spaces trimmed); then "[resolved]" anywhere or a closing word in brackets at
 * the end (status_words_title_closed()) wins over it ("Investigating: ... (fixed)" was
 * closed after the label was written): resolved, raw_status "RESOLVED" unless a word gave
 * one.  A resolved item is over: its end is its last update, so call this once
 * adv->updated is set.  In any case an incident whose title announces planned work (it
 * holds "maintenance" or "scheduled", any case: "Scheduled maintenance: database
 * upgrade") becomes maintenance.  @adv->title may be NULL.
 */
void status_words_title_apply(Advisory *adv, bool status_from_title);

/* The table itself, for the sorted-order test.  Borrowed; @ret_n gets its length. */
const StatusWord *status_words_table(gsize *ret_n);

#endif
