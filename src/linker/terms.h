/*
 * Internal to linker/: turns advisory text into the normalised terms the
 * linker compares (words, two- and three-word phrases), the advisory ids a
 * text names (with whether it says they are related or not), cloud regions,
 * and whether the text blames an upstream provider.  Pure, no allocation
 * beyond what the callbacks keep.
 */
#ifndef SW_LINKER_TERMS_H
#define SW_LINKER_TERMS_H

#include <glib.h>
#include <string.h>
#include <stdbool.h>

/* How a sentence talks about an id it names. */
typedef enum {
	TERMS_REF_POSITIVE = 0, /* "the delays we're communicating under EX648815" */
	TERMS_REF_TENTATIVE,    /* "investigating whether this is connected to MO502273" */
	TERMS_REF_NEGATIVE,     /* "this issue wasn't related to MO502273" */
} TermsRefPolarity;

/*
 * A dictionary of the words scanned so far (see TermsSink.words): each word as
 * written gets a number once, with its stem and whether it breaks phrases, so
 * a word seen again costs one lookup and a phrase is a few numbers, not a
 * string to build and hash.  Grows with the vocabulary; never forgets.
 */
typedef struct TermsWords TermsWords;

/* An empty dictionary; free with terms_words_free() (NULL is a no-op). */
TermsWords *terms_words_new(void);
void terms_words_free(TermsWords *tw);
/* Word @word's normalised form (stem) and surface (as written, lower case),
 * @ret_len bytes, NUL-terminated; borrowed until the dictionary next grows. */
const char *terms_words_stem(const TermsWords *tw, guint32 word, gsize *ret_len);
const char *terms_words_surface(const TermsWords *tw, guint32 word, gsize *ret_len);

/* Words longer than this are cut (URLs, base64): no real cause term is longer. */
#define TERMS_MAX_WORD 48

/* The normalised form (stem) of lower-case @word into @buf (TERMS_MAX_WORD + 1
 * bytes), as terms and TermsWords write it ("restored", "restoration": "restor");
 * returns @buf. */
char *terms_stem(char *buf, const char *word);

/* The longest key terms_words_key() writes. */
#define TERMS_WORD_KEY_MAX 98

/* Word @word of @tw as a key (@buf, TERMS_WORD_KEY_MAX bytes) that another
 * dictionary enters with terms_words_enter() as the same word; returns its length. */
gsize terms_words_key(const TermsWords *tw, guint32 word, char *buf);
/* The number of the word of key @key (@len bytes, from terms_words_key()) in
 * @tw, entered if new. */
guint32 terms_words_enter(TermsWords *tw, const char *key, gsize len);
/* The number in @tw of the word "service" as a vendor's noun ends a phrase in a
 * sentence stating a cause or blame ("our identity service"; a stop word
 * elsewhere), entered if new: a term ending with it is wanted only when it
 * means something (a role of the linker's knowledge). */
guint32 terms_words_vendor_service(TermsWords *tw);
/* How many words @tw holds: words numbered from this on are new since. */
guint32 terms_words_count(const TermsWords *tw);

typedef struct {
	/* A normalised term: @n words (1..3) joined by single spaces, @surface is
	 * the words as written (lower case).  Both borrowed for the call. */
	void (*term)(void *user, const char *norm, const char *surface, int n);
	/* With @words set, terms come here instead of @term, once per word: the
	 * numbers in @words of the last @nwords words of the phrase (1..3, in
	 * order, borrowed for the call); the terms are the last 1, 2, ..., @nwords
	 * of them, in that order.  A term's normalised form is its words' stems
	 * joined by single spaces, its surface their surfaces so joined: what
	 * @term would have been given. */
	TermsWords *words;
	void (*term_words)(void *user, const guint32 *word, int nwords);
	/* An id-like token (letters and digits, >= 5 chars), lower case. */
	void (*ref)(void *user, const char *id_lower, TermsRefPolarity polarity);
	/* A cloud region ("us-east-1" → "us-east-1"; "US-East" → "us-east"). */
	void (*region)(void *user, const char *region);
	/* The start of a sentence, with TermsSentence flags: what follows (terms,
	 * refs, regions) up to the next call is in that sentence.  Optional. */
	void (*sentence)(void *user, unsigned flags);
	void *user;
	/* The sink keeps a document's phrases, and a phrase it already has, told again
	 * in a sentence with flags 0, changes nothing for it (linker_index.c's): then
	 * terms_scan_unique_in() may leave such calls out (see quiet_suffix() in
	 * terms.c).  One sink per TermsSeen and document. */
	bool quiet_repeats;
} TermsSink;

/* What kind of sentence a term is in (TermsSink.sentence). */
typedef enum {
	/* States a cause: "root cause", "caused by", "due to", "because", "we
	 * identified", "a recent change", "triggered by"...; a label naming a
	 * cause ("Root cause: A recent change ...") is one sentence with the
	 * words after it. */
	TERMS_SENTENCE_CAUSE = 1 << 0,
	/* Says something is not related ("unrelated to", "not caused by",
	 * "separate issue"): its words are not evidence for a link, so no terms
	 * come from it (its ids still do, as TERMS_REF_NEGATIVE refs). */
	TERMS_SENTENCE_NEGATIVE = 1 << 1,
	/* Says something is NOT affected or still works ("SMS is not affected",
	 * "users are able to access Gmail", "working normally"): what it names is
	 * what the advisory is not about, so no terms come from it (its ids keep
	 * their polarity).  A sentence that also states a cause keeps its terms. */
	TERMS_SENTENCE_UNAFFECTED = 1 << 2,
	/* Says something else is broken ("Slack is having an outage", "an issue
	 * with Google", "the platform we run on"): a provider it names is blamed,
	 * as in a statement of cause, without the sentence's words counting as one. */
	TERMS_SENTENCE_BLAME = 1 << 3,
	/* With TERMS_SENTENCE_NEGATIVE: the advisory says it is itself separate
	 * from another incident under way ("This issue is unrelated to the ongoing
	 * DNS incident"; see sentence_disclaims() in terms.c). */
	TERMS_SENTENCE_DISCLAIMS = 1 << 4,
	/* The advisory says it shares the cause of another incident under way ("the
	 * same authentication problem affecting multiple services", "related to the
	 * ongoing incident with X"); never with TERMS_SENTENCE_NEGATIVE (see
	 * sentence_shares() in terms.c). */
	TERMS_SENTENCE_SHARES = 1 << 5,
	/* With TERMS_SENTENCE_BLAME: what it blames is something the advisory's service
	 * relies on ("an external DNS service we rely on", "the platform we run on"),
	 * so a vendor's noun that as often names the advisory's own system
	 * ("service", "platform") names a vendor there. */
	TERMS_SENTENCE_RELIES = 1 << 6,
	/* With TERMS_SENTENCE_BLAME: the blamed words are the subject of a state the
	 * page relays as news, with no statement of cause ("Slack has confirmed an
	 * incident", "once Twilio recovers"; see state_span() in terms.c): a blame
	 * weighed below one stated as a cause. */
	TERMS_SENTENCE_RELAY = 1 << 7,
	/* Says the advisory's trouble is its own doing, after "affected by" or
	 * "impacted by" ("Customers hosted on AWS were affected by a bug in our latest
	 * release", "... impacted by a configuration mistake on our side"): no blame,
	 * and a provider it names is where its things run, not what failed. */
	TERMS_SENTENCE_OWN_FAULT = 1 << 14,
} TermsSentence;

/* terms_hash_bytes()'s steps: every whole eight bytes of @s into *@h (returns how
 * many bytes that took), then the last 0-7 bytes as a little-endian number. */
static inline gsize
terms_hash_words8(const char *s, gsize len, guint64 *h)
{
	gsize i = 0;
	for (; i + 8 <= len; i += 8) {
		guint64 v;
		memcpy(&v, s + i, 8);
		*h = (*h ^ v) * 0xff51afd7ed558ccdu;
		*h ^= *h >> 32;
	}
	return i;
}

static inline guint64
terms_hash_tail(guint64 h, guint64 tail)
{
	h = (h ^ tail) * 0xc4ceb9fe1a85ec53u;
	return h ^ (h >> 29);
}

/* The one byte-string hash of the linker (words, sentences, terms): eight bytes a
 * step, multiply-xorshift, from @init (a seed mixed with the length and any kind).
 * Only equal strings need equal hashes, within one process.  The tail is read a byte
 * at a time: a memcpy() of a variable length is a call.  Callers that index a table
 * by its low bits finish with terms_hash_finish(). */
static inline guint64
terms_hash_bytes(const char *s, gsize len, guint64 init)
{
	guint64 h = init;
	gsize i = terms_hash_words8(s, len, &h);
	guint64 tail = 0;
	for (gsize k = len; k > i; k--) {
		tail = tail << 8 | (unsigned char)s[k - 1];
	}
	return terms_hash_tail(h, tail);
}

#define TERMS_HASH_SEED 0x9e3779b97f4a7c15u

/* A final mix: linear probing wants good low bits. */
static inline guint32
terms_hash_finish(guint64 h)
{
	h *= 0xff51afd7ed558ccdu;
	h ^= h >> 32;
	return (guint32)h;
}

/* Feeds every term, reference and region of @text (UTF-8) to @sink. */
void terms_scan(const char *text, const TermsSink *sink);

/* The sentences one document's texts have shown so far (terms_scan_unique()). */
typedef struct TermsSeen TermsSeen;

/* An empty set; free with terms_seen_free() (NULL is a no-op). */
TermsSeen *terms_seen_new(void);
void terms_seen_free(TermsSeen *seen);
/* Empties @seen for the next document, keeping its memory. */
void terms_seen_reset(TermsSeen *seen);

/* terms_scan() of a role phrase of the knowledge file: a stop word that is a role
 * word before a vendor's noun ("monitoring provider", "error tracking vendor") stays
 * in the phrase, as in a sentence stating a cause or blame.  */
void terms_scan_role_phrase(const char *text, const TermsSink *sink);

/* terms_scan(), but a sentence already in @seen (borrowed, updated) is skipped:
 * what it gives depends on the sentence alone, so scanning the texts of one
 * document so gives the same set of terms, refs and regions, each once or
 * more, as scanning all of them (the title key, which needs every word in
 * order, comes from terms_scan()).  @len: @text's length if known, else G_MAXSIZE. */
void terms_scan_unique(const char *text, gsize len, const TermsSink *sink, TermsSeen *seen);

/* The line ends of @text (@len bytes, less than 4 GiB): the offset of each '\n',
 * then @len; the first @cap of them into @ends.  Returns how many there are. */
guint terms_line_ends(const char *text, gsize len, guint32 *ends, guint cap);

/*
 * terms_scan_unique() of @u (@ulen bytes: strlen(@u), or G_MAXSIZE to have it taken
 * here; ignored when @u is NULL), where @seen already holds the sentences of @text
 * (scanned with it) and @ends are @text's terms_line_ends() (@nends
 * of them): the same calls to @sink, but when @u stands whole in @text at a line
 * end (as a Statuspage update's text does in its advisory's text), only up to
 * @u's first sentence ending on a line end or on . ! ? ; before a space: past
 * it, @u is cut into sentences of @text (see terms.c).  Each line end tried spends
 * one of *@probes (the caller's, for all the updates of one text:
 * terms_probe_budget()); with none left @u is read whole, which tells @sink the same,
 * so a text with many line ends and many updates not in it costs linear time.
 */
void terms_scan_unique_in(const char *u, gsize ulen, const char *text, const guint32 *ends,
			  guint nends, gsize *probes, const TermsSink *sink, TermsSeen *seen);

/* The line-end probes terms_scan_unique_in() may spend on the updates of a text of
 * @tlen bytes: 2 * @tlen + 64. */
static inline gsize
terms_probe_budget(gsize tlen)
{
	return 2 * tlen + 64;
}

/* The first place at or after @from (in @hay) where @needle stands as whole words
 * (ASCII letters and digits delimit words: none just before it in @hay, none just
 * after it), or NULL.  Both borrowed, compared byte for byte, so pass them in one
 * case.  The one whole-word match of the linker: terms_has_words(), the provider
 * names in a source's name (linker_knowledge_self()), a suite's consumer words
 * (linker_service_blame()). */
const char *terms_find_words(const char *hay, const char *from, const char *needle);
/* True when @needle occurs in @hay as whole words (terms_find_words()). */
bool terms_has_words(const char *hay, const char *needle);

/* True when @needle (lower case) stands as whole words in a sentence of @lower (the
 * text in lower case) that denies a relation ("This is unrelated to the Atlassian
 * outage", "not caused by the Slack incident": a cue of negative_cues). */
bool terms_denied_in(const char *lower, const char *needle);

/* True when @text blames an upstream / cloud / hosting provider. */
bool terms_blames_upstream(const char *text);

/* Lower-cased, stop words dropped, words stemmed: the title compared for
 * "same title on the same feed".  Caller frees. */
char *terms_title_key(const char *title);

/* True when the built-in tables are sane (stop list sorted).  For tests. */
bool terms_self_check(void);

#endif
