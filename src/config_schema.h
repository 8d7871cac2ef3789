/*
 * The one table of every configuration key (internal to config.c and its
 * tests).  Modelled on dunst's settings_data.h: each row names the group kind,
 * the key, its value type, default, bounds, the `type =` values it applies to,
 * flags and a one-line doc.  The table drives unknown-key errors, defaults,
 * validation, config_describe() and the test that the example file and the
 * man page mention every key.
 */
#ifndef SW_CONFIG_SCHEMA_H
#define SW_CONFIG_SCHEMA_H

#include <glib.h>
#include <stdbool.h>

typedef enum {
	SCHEMA_GROUP_SOURCE, /* [source:NAME] */
	SCHEMA_GROUP_NOTIFY, /* [notify:NAME]; also takes every SCHEMA_GROUP_POLICY key */
	SCHEMA_GROUP_LINKER, /* [linker] */
	SCHEMA_GROUP_POLICY, /* [policy] */
	SCHEMA_GROUP_DIGEST, /* [digest] */
	SCHEMA_GROUP_DESKTOP, /* [desktop] */
	SCHEMA_GROUP_STORE,   /* [store] */
	SCHEMA_GROUP_COUNT,
} SchemaGroup;

typedef enum {
	SCHEMA_STRING,
	SCHEMA_INT,
	SCHEMA_DOUBLE,
	SCHEMA_BOOL,
	SCHEMA_DURATION, /* "90", "90s", "15m", "2h", "1d" → seconds */
	SCHEMA_SIZE,     /* "8M", "512K", "1G", bytes; K/M/G are powers of 1024 */
	SCHEMA_ENUM,     /* one of SchemaKey.choices ("a|b|c") */
	SCHEMA_LIST,     /* comma-separated words, blanks around commas ignored; with
			  * SchemaKey.choices each word is a glob matching one of them */
	SCHEMA_URL,      /* absolute URL with a host, scheme from SchemaKey.choices */
	SCHEMA_SECRET,   /* a string that is always secret (implies SCHEMA_FLAG_SECRET) */
	SCHEMA_CLOCK,    /* "HH:MM", 24-hour */
	SCHEMA_WINDOW,   /* "HH:MM-HH:MM" (may span midnight; start != end), or "off" */
	SCHEMA_TIMEZONE, /* a time zone identifier: "Europe/Berlin", "UTC", "+02:00" */
	SCHEMA_TYPE_COUNT,
} SchemaType;

typedef enum {
	SCHEMA_FLAG_NONE = 0,
	/* must be present whenever the key applies to the group's type */
	SCHEMA_FLAG_REQUIRED = 1 << 0,
	/* may be written as env:NAME or file:/path; always masked in output */
	SCHEMA_FLAG_INDIRECT = 1 << 1,
	/* a secret: as INDIRECT, and an inline value makes a group- or
	 * world-readable file an error */
	SCHEMA_FLAG_SECRET = 1 << 2,
} SchemaFlags;

typedef struct {
	SchemaGroup group;
	const char *key;
	SchemaType type;
	const char *def;     /* default as it would be written; NULL = unset */
	const char *min;     /* written like a value ("30s", "1K"); NULL = no bound */
	const char *max;
	const char *choices; /* SCHEMA_ENUM: allowed words; SCHEMA_URL: allowed schemes;
			      * SCHEMA_LIST: what each glob must match; "a|b" */
	const char *types;   /* `type =` values the key applies to ("a|b"); NULL = all */
	SchemaFlags flags;
	const char *doc;     /* one line */
} SchemaKey;

/* The table, in documentation order; @ret_count gets its length. */
const SchemaKey *config_schema(gsize *ret_count);

/* The row for @key in @group, or NULL.  For SCHEMA_GROUP_NOTIFY the [policy]
 * rows are found too (a notifier may override any policy key). */
const SchemaKey *config_schema_find(SchemaGroup group, const char *key);

/* True when @word is one of the '|'-separated words in @words (NULL = any). */
bool config_schema_word_in(const char *words, const char *word);

/* "source", "notify", "linker", "policy", "digest", "desktop", "store". */
const char *config_schema_group_name(SchemaGroup group);

/* A short human description of the type ("a duration like 120s, 15m or 2h"). */
const char *config_schema_type_hint(SchemaType type);

#endif
