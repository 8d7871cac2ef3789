/*
 * Security subjects: what a title about a vulnerability, an attack or a breach
 * names as its subject ("MOVEit Transfer Critical Vulnerability", "Barracuda ESG
 * exploited since October 2022", "Update on the Drift security investigation").
 * Such an event is told for weeks, by its vendor and by everyone who runs the
 * thing, in words that share little but that name: two such titles naming one
 * rare subject within SECURITY_MAX_GAP are one event, as one CVE id is
 * (linker_score_pair()).  Read once per advisory (Doc.sec_terms).
 *
 * Pure: no I/O, no clock, no logging.
 */
#include <string.h>

#include "linker/linker_private.h"

/* Words of a title that make it a security event's, sorted (bsearch); and the
 * two-word phrases that do, first word then second. */
static const char *const security_cue_words[] = {
	"0-day", "attack", "attacks", "backdoor", "breach", "breached", "compromise",
	"compromised", "cyberattack", "exploit", "exploitation", "exploited", "exploits",
	"extortion", "intrusion", "malware", "ransomware", "vulnerabilities", "vulnerability",
	"zero-day",
};
/* The first letters of security_cue_words, and of security_cue_pairs' first words
 * (checked against the lists by /linker-knowledge/security-cue-lists). */
#define SECURITY_CUE_FIRSTS "0abcdeimrsuvz"
#define SECURITY_PAIR_FIRSTS "cdsu"
static const char *const security_cue_pairs[][2] = {
	{"cyber", "attack"},          {"cyber", "incident"},        {"data", "theft"},
	{"security", "advisory"},     {"security", "event"},
	{"security", "incident"},     {"security", "investigation"},
	{"security", "issue"},        {"security", "maintenance"},
	{"security", "notice"},       {"security", "notification"},
	{"security", "update"},       {"suspicious", "activity"},
	{"unauthorised", "access"},   {"unauthorized", "access"},
	{"unusual", "activity"},
};

/* Title words that name no subject: the cues' and an advisory's everyday words. */
static const char *const security_plain[] = {
	"about", "access", "account", "accounts", "action", "active", "actively", "advisory",
	"affected", "affecting", "after", "against", "alert", "all", "and", "any", "application",
	"applications", "attack", "attacks", "breach", "breached", "bulletin", "campaign",
	"check", "claims", "cloud", "compromise", "compromised", "critical", "customer",
	"customers", "cyber", "cyberattack", "data", "detail", "details", "detection", "disabled",
	"email", "emails", "emergency", "event", "evidence", "exploit", "exploitation",
	"exploited", "exploits", "exposed", "file", "files", "findings", "for", "from", "guidance",
	"has", "have", "high", "how", "hunt", "impact", "impacted", "important", "incident",
	"information", "intrusion", "investigating", "investigation", "involving", "issue",
	"issues", "its", "know", "latest", "maintenance", "malware", "may", "more", "need",
	"network", "new", "not", "notice", "notification", "now", "offline", "our", "partner",
	"party", "password", "passwords", "patch", "patched", "patches", "patching", "personal",
	"possible", "potential", "provider", "ransomware", "recent", "recommended", "regarding",
	"release", "released", "remote", "replace", "report", "required", "reset", "response",
	"security", "server", "servers", "service", "services", "since", "software", "statement",
	"steps", "still", "supplier", "system", "systems", "taken", "team", "temporarily", "the",
	"theft", "their", "third", "this", "threat", "unauthorized", "unauthorised",
	"unavailable", "update", "updated", "updates", "urgent", "user", "users", "vendor",
	"vendors", "version", "versions", "vulnerabilities", "vulnerability", "was", "what",
	"when", "with", "your", "zero", "day", "code", "execution", "vulnerable",
	"january", "february", "march", "april", "may", "june", "july", "august", "september",
	"october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
	"friday", "saturday", "sunday", "today", "yesterday", "week", "widespread", "targets",
	"targeted", "targeting", "instances", "instance", "global", "worldwide", "large",
	"scale", "sets", "deadline", "unusual", "suspicious", "activity", "extortion",
	"connected", "integration", "integrations", "stolen", "tokens", "token", "threat",
	"actor", "actors", "group", "gang", "victims", "victim", "disclosed", "disclosure",
	"public", "publicly", "confirmed", "confirms", "warns", "warning", "reports", "reported",
};

/* Acronyms that name no one's product. */
static const char *const security_plain_acronyms[] = {
	"API", "CVE", "DNS", "FAQ", "IT", "SSL", "TLS", "VPN", "SSO", "RCE", "CEO", "CISO", "FBI",
	"CISA", "PII", "URL", "UTC", "GMT", "USA", "US", "UK", "EU", "ID", "IDS",
};

static bool
word_listed(const char *w, gsize n, const char *const *list, gsize count, bool any_case)
{
	for (gsize i = 0; i < count; i++) {
		if (strlen(list[i]) == n &&
		    (any_case ? g_ascii_strncasecmp(list[i], w, n) : strncmp(list[i], w, n)) == 0) {
			return true;
		}
	}
	return false;
}

static int
cmp_word(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

/* Words of a title read: at most this many. */
#define TITLE_WORDS_MAX 24

typedef struct {
	const char *at; /* in the title */
	gsize n;
	char low[TERMS_MAX_WORD + 1]; /* lower case, "" when too long */
} TitleWord;

/* True when the title's words [@w, @w + @nw) are in title case: most words of four
 * letters or more start with a capital, so a capital tells no name. */
static bool
title_cased(const TitleWord *w, guint nw)
{
	guint long_words = 0, capital = 0;
	for (guint i = 0; i < nw; i++) {
		if (w[i].n >= 4) {
			long_words++;
			capital += g_ascii_isupper(w[i].at[0]) != 0;
		}
	}
	return long_words >= 3 && capital * 2 > long_words;
}

guint
linker_security_subjects(const Advisory *a, char out[][TERMS_MAX_WORD + 1], guint max,
			 guint8 *ret_named, guint8 *ret_lead, bool *ret_cue)
{
	const char *t = a != NULL ? a->title : NULL;
	*ret_named = 0;
	*ret_lead = 0;
	*ret_cue = false;
	if (t == NULL || a->kind == ADVISORY_KIND_MAINTENANCE) {
		return 0;
	}
	/* Its words ("zero-day" and "0-day" one word each), once. */
	TitleWord w[TITLE_WORDS_MAX];
	guint nw = 0;
	for (const char *p = t; *p != '\0' && nw < TITLE_WORDS_MAX;) {
		if (!g_ascii_isalnum(*p)) {
			p++;
			continue;
		}
		const char *q = p;
		while (g_ascii_isalnum(*q) || (*q == '-' && g_ascii_isalnum(q[1]) &&
					       (q - p == 1 ? *p == '0' : q - p == 4 &&
						g_ascii_strncasecmp(p, "zero", 4) == 0))) {
			q++;
		}
		TitleWord *x = &w[nw++];
		x->at = p;
		x->n = (gsize)(q - p);
		x->low[0] = '\0';
		if (x->n <= TERMS_MAX_WORD) {
			for (gsize k = 0; k < x->n; k++) {
				char ch = p[k];
				x->low[k] = ch >= 'A' && ch <= 'Z' ? (char)(ch + ('a' - 'A')) : ch;
			}
			x->low[x->n] = '\0';
		}
		p = q;
	}
	bool cue = false;
	for (guint i = 0; i < nw && !cue; i++) {
		/* Only a word whose first letter opens a cue is looked up (a title is
		 * read for every advisory). */
		char first = w[i].low[0];
		if (first == '\0' || strchr(SECURITY_CUE_FIRSTS, first) == NULL) {
			continue;
		}
		cue = bsearch(w[i].low, security_cue_words, G_N_ELEMENTS(security_cue_words),
			      sizeof(security_cue_words[0]), cmp_word) != NULL;
		for (gsize k = 0; k < G_N_ELEMENTS(security_cue_pairs) && !cue && i + 1 < nw &&
				  strchr(SECURITY_PAIR_FIRSTS, first) != NULL;
		     k++) {
			cue = strcmp(w[i].low, security_cue_pairs[k][0]) == 0 &&
			      strcmp(w[i + 1].low, security_cue_pairs[k][1]) == 0;
		}
	}
	if (!cue) {
		return 0;
	}
	*ret_cue = true;
	/* A title in capitals throughout ("SECURITY NOTICE: PHISHING CAMPAIGN") tells no
	 * name by them, as one in title case does not. */
	bool shout = true;
	for (const char *q = t; *q != '\0' && shout; q++) {
		shout = !g_ascii_islower(*q);
	}
	bool cased = shout || title_cased(w, nw);
	guint n = 0;
	for (guint i = 0; i < nw && n < max; i++) {
		const char *p = w[i].at;
		gsize wl = w[i].n;
		bool upper = true, digits = true, letters = false;
		for (gsize k = 0; k < wl; k++) {
			upper &= !g_ascii_islower(p[k]);
			digits &= g_ascii_isdigit(p[k]) != 0;
			letters |= g_ascii_isalpha(p[k]) != 0;
		}
		/* A name: a word of four letters or more that is no plain word, or an
		 * acronym of three or more ("ESG", "VSA"); never a number or a year. */
		bool acronym = upper && letters && wl >= 3 &&
			       !word_listed(p, wl, security_plain_acronyms,
					    G_N_ELEMENTS(security_plain_acronyms), false);
		if (digits || w[i].low[0] == '\0' || (wl < 4 && !acronym) ||
		    word_listed(p, wl, security_plain, G_N_ELEMENTS(security_plain), true)) {
			continue;
		}
		bool seen = false;
		for (guint k = 0; k < n && !seen; k++) {
			seen = strcmp(out[k], w[i].low) == 0;
		}
		if (!seen) {
			/* Written as a name: an acronym, a capital inside ("MOVEit"), or a
			 * capital in a title that is not in title case. */
			bool inner = false;
			for (gsize k = 1; k < wl && !inner; k++) {
				inner = g_ascii_isupper(p[k]) != 0;
			}
			if ((!shout && (acronym || inner)) ||
			    (!cased && i > 0 && g_ascii_isupper(p[0]))) {
				*ret_named |= (guint8)(1u << n);
			} else if (!cased && i == 0 && g_ascii_isupper(p[0])) {
				/* The title's first word: a name or a sentence's capital
				 * ("Drift security notification", "Some school networks
				 * ...") */
				*ret_lead |= (guint8)(1u << n);
			}
			memcpy(out[n++], w[i].low, wl + 1);
		}
	}
	return n;
}

/* Words by which a security notice says the page itself held what the event struck
 * and had to act on it ("The opt-in image ... contained xz 5.6.1. We have withdrawn
 * that image", "we recommend rotating any secrets", "we revoked every token").
 * Beside "our stable images are not affected" they make the denial partial: the
 * notice still tells of trouble of its own. */
static const char *const own_exposure_words[] = {
	"contained", "revoke", "revoked", "revoking", "rotate", "rotated", "rotating",
	"withdrawn", "withdrew",
};

bool
linker_security_own_exposure(const Advisory *a)
{
	if (a == NULL || a->kind == ADVISORY_KIND_MAINTENANCE) {
		return false;
	}
	if (linker_words_hold_any(a->text, own_exposure_words, G_N_ELEMENTS(own_exposure_words))) {
		return true;
	}
	for (guint i = 0; i < a->updates->len; i++) {
		if (linker_words_hold_any(((const AdvisoryUpdate *)a->updates->pdata[i])->text,
					  own_exposure_words, G_N_ELEMENTS(own_exposure_words))) {
			return true;
		}
	}
	return false;
}

/* Substrings one of which a sentence naming a vulnerability holds ("the POODLE
 * vulnerability in SSLv3", "known as POODLE", "dubbed Heartbleed", "CVE-2014-3566,
 * 'POODLE'"), lower case. */
static const char *const vuln_cues[] = {
	"vulnerab", "known as", "dubbed", "flaw", "weakness", "exploit", "cve-",
};
/* Acronyms of four letters or more that name a protocol or format many flaws are
 * in, never one flaw (the two or three letter ones are too short to count). */
static const char *const vuln_plain_acronyms[] = {
	"HTTP", "HTTPS", "HTML", "JSON", "SMTP", "IMAP", "LDAP", "SAML", "OAUTH", "SNMP",
	"REST", "NTLM", "DNSSEC", "TCP", "UDP", "ICMP", "IPV4", "IPV6", "NOTE", "UPDATE",
	"ALERT", "WARNING", "IMPORTANT", "URGENT", "CRITICAL", "HIGH", "MEDIUM", "NOTICE",
	"CISA", "NIST", "OWASP", "CVSS", "TODO", "UTC", "EDT", "EST", "PDT", "PST", "CEST",
};
/* A text is read for vulnerability names only this far (a name is given where a
 * notice starts; a status history runs to many KiB). */
#define VULN_TEXT_MAX 4096

/* True when word [@p, @p + @n) of a sentence naming a vulnerability is written as a
 * name: an acronym of four letters or more ("POODLE"), a capital after a lower-case
 * letter or letters and digits mixed ("SSLv3", "MOVEit", "Log4j"); or, with @after_called
 * (it follows "known as" or "dubbed"), a capital first ("Heartbleed"). */
static bool
vuln_name_written(const char *p, gsize n, bool after_called)
{
	guint letters = 0, upper = 0, digits = 0;
	bool inner = false;
	for (gsize k = 0; k < n; k++) {
		if (g_ascii_isalpha(p[k])) {
			letters++;
			upper += g_ascii_isupper(p[k]) != 0;
			inner |= k > 0 && g_ascii_isupper(p[k]) && g_ascii_islower(p[k - 1]);
		} else {
			digits++;
		}
	}
	if (n < 4 || letters < 2) {
		return false;
	}
	if (upper == letters && digits == 0) {
		return !word_listed(p, n, vuln_plain_acronyms, G_N_ELEMENTS(vuln_plain_acronyms),
				    true);
	}
	if (inner || (digits > 0 && upper > 0)) {
		return true;
	}
	return after_called && g_ascii_isupper(p[0]);
}

/* Adds to @out (holding *@n of @max) the names sentence [@s, @e) gives a
 * vulnerability, not @own (the page's own name, lower case, or ""). */
static void
vuln_sentence_names(const char *s, const char *e, const char *own,
		    char out[][TERMS_MAX_WORD + 1], guint max, guint *n)
{
	bool called = false;
	for (const char *p = s; p < e && *n < max;) {
		if (!g_ascii_isalnum(*p)) {
			p++;
			continue;
		}
		const char *q = p;
		while (q < e && g_ascii_isalnum(*q)) {
			q++;
		}
		gsize wl = (gsize)(q - p);
		bool digits_only = true;
		for (gsize k = 0; k < wl; k++) {
			digits_only &= g_ascii_isdigit(p[k]) != 0;
		}
		bool prefix_cve = p - s >= 4 && g_ascii_strncasecmp(p - 4, "cve-", 4) == 0;
		if (!digits_only && !prefix_cve && wl <= TERMS_MAX_WORD &&
		    g_ascii_strncasecmp(p, "CVE", MIN(wl, 3)) != 0 &&
		    vuln_name_written(p, wl, called)) {
			char low[TERMS_MAX_WORD + 1];
			for (gsize k = 0; k < wl; k++) {
				low[k] = g_ascii_tolower(p[k]);
			}
			low[wl] = '\0';
			bool seen = strcmp(low, own) == 0;
			for (guint k = 0; k < *n && !seen; k++) {
				seen = strcmp(out[k], low) == 0;
			}
			if (!seen) {
				memcpy(out[(*n)++], low, wl + 1);
			}
		}
		called = (wl == 2 && g_ascii_strncasecmp(p, "as", 2) == 0 && p - s >= 6 &&
			  g_ascii_strncasecmp(p - 6, "known ", 6) == 0) ||
			 (wl == 6 && g_ascii_strncasecmp(p, "dubbed", 6) == 0) ||
			 (wl == 6 && g_ascii_strncasecmp(p, "called", 6) == 0);
		p = q;
	}
}

/* The sentence of [@t, @end) around @at: from after the previous sentence's end
 * (". ", "! ", "? " or a line break) to its own. */
static void
sentence_around(const char *t, const char *end, const char *at, const char **ret_s,
		const char **ret_e)
{
	const char *s = at;
	while (s > t && !(s[-1] == '\n' ||
			  (g_ascii_isspace(s[-1]) && s - 1 > t && strchr(".!?", s[-2]) != NULL))) {
		s--;
	}
	const char *e = at;
	while (e < end && *e != '\n' &&
	       !(strchr(".!?", *e) != NULL && (e + 1 == end || g_ascii_isspace(e[1])))) {
		e++;
	}
	*ret_s = s;
	*ret_e = e;
}

/* Adds the vulnerability names of text @t (read up to VULN_TEXT_MAX) to @out. */
static void
text_vuln_names(const char *t, const char *own, char out[][TERMS_MAX_WORD + 1], guint max,
		guint *n)
{
	if (t == NULL) {
		return;
	}
	gsize len = strnlen(t, VULN_TEXT_MAX);
	g_autofree char *low = g_ascii_strdown(t, (gssize)len);
	const char *end = t + len;
	for (gsize c = 0; c < G_N_ELEMENTS(vuln_cues) && *n < max; c++) {
		for (const char *h = strstr(low, vuln_cues[c]); h != NULL && *n < max;
		     h = strstr(h + 1, vuln_cues[c])) {
			const char *s, *e;
			sentence_around(t, end, t + (h - low), &s, &e);
			vuln_sentence_names(s, e, own, out, max, n);
		}
	}
}

bool
linker_security_vuln_word(const char *w, gsize len)
{
	for (gsize c = 0; c < G_N_ELEMENTS(vuln_cues); c++) {
		/* The cue's first word ("known" of "known as", "cve" of "cve-"). */
		const char *cue = vuln_cues[c];
		gsize n = strcspn(cue, " -");
		if (len >= n && g_ascii_strncasecmp(w, cue, n) == 0) {
			return true;
		}
	}
	return false;
}

guint
linker_security_vuln_names(const Advisory *a, char out[][TERMS_MAX_WORD + 1], guint max)
{
	guint n = 0;
	if (a == NULL || a->kind == ADVISORY_KIND_MAINTENANCE) {
		return 0;
	}
	/* The page's own name: the first word of its source ("tillpoint"). */
	char own[TERMS_MAX_WORD + 1] = "";
	gsize ol = 0;
	while (a->source != NULL && g_ascii_isalnum(a->source[ol]) && ol < TERMS_MAX_WORD) {
		own[ol] = g_ascii_tolower(a->source[ol]);
		ol++;
	}
	own[ol] = '\0';
	text_vuln_names(a->title, own, out, max, &n);
	text_vuln_names(a->text, own, out, max, &n);
	for (guint i = 0; i < a->updates->len && n < max; i++) {
		text_vuln_names(((const AdvisoryUpdate *)a->updates->pdata[i])->text, own, out,
				max, &n);
	}
	return n;
}

bool
linker_security_self_check(void)
{
	for (gsize k = 0; k < G_N_ELEMENTS(security_cue_words); k++) {
		if ((k > 0 && strcmp(security_cue_words[k - 1], security_cue_words[k]) >= 0) ||
		    strchr(SECURITY_CUE_FIRSTS, security_cue_words[k][0]) == NULL) {
			return false;
		}
	}
	for (gsize k = 0; k < G_N_ELEMENTS(security_cue_pairs); k++) {
		if (strchr(SECURITY_CUE_FIRSTS, security_cue_pairs[k][0][0]) == NULL ||
		    strchr(SECURITY_PAIR_FIRSTS, security_cue_pairs[k][0][0]) == NULL) {
			return false;
		}
	}
	return true;
}
