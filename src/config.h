/*
 * The configuration: an INI file read with GKeyFile, checked against the one
 * schema table in config_schema.c (every group pattern, key, type, default,
 * bounds and secret flag), so unknown groups and keys are errors naming the
 * file, group and key.
 *
 * Groups: [source:NAME] (type = rss|atom|feed|statuspage|m365 ...),
 * [notify:NAME] (type = desktop|terminal|email|slack|teams|discord|mattermost|
 * googlechat|ntfy|generic), [linker], [policy] (defaults for every notifier,
 * which a [notify:NAME] group may override), [digest], [desktop], [store].
 *
 * Search order: --config FILE, $STATUSWATCH_CONFIG,
 * $XDG_CONFIG_HOME/statuswatch/statuswatch.conf, /etc/statuswatch/statuswatch.conf,
 * then the built-in default.  A file holding an inline secret and readable by
 * group or others is refused (as ssh refuses such keys).
 *
 * Secret values stay unresolved ("env:NAME", "file:/path", or inline) in the
 * Config; resolve them with config_secret() when they are used.
 */
#ifndef SW_CONFIG_H
#define SW_CONFIG_H

#include <glib.h>
#include <stdbool.h>

typedef struct {
	char *name;          /* from [source:NAME], owned */
	char *type;          /* owned */
	char *url;           /* owned, NULL for types without one (m365); as written, so it may
			      * be env:NAME or file:/path: resolve with config_secret() */
	char *label;         /* display name (e.g. a tenant's name), owned; defaults to name */
	gint64 interval;     /* seconds between polls, >= 30 */
	gint64 stale_after;  /* seconds of failure before "source unreachable" */
	gsize max_size;      /* decoded response cap, bytes */
	guint max_items;     /* items per feed */
	GHashTable *keys;    /* char * → char *, every key as written in the group */
	gint64 timeout;      /* seconds allowed for one request */
	bool enabled;        /* false: configured (and listed here) but not to be polled */
} SourceConfig;

typedef struct {
	char *name;          /* from [notify:NAME], owned */
	char *type;          /* owned */
	GHashTable *keys;    /* char * → char *, keys of this group merged over [policy] */
} NotifierConfig;

typedef struct {
	char *path;          /* file it was read from, owned; NULL for the built-in default */
	GPtrArray *sources;  /* SourceConfig *, owned, in file order */
	GPtrArray *notifiers;/* NotifierConfig *, owned, in file order */
	GHashTable *values;  /* "GROUP\x1fKEY" → value as validated (stripped), owned; what
			      * config_get_*() read */
	int extra_refs;      /* config_ref() calls not yet matched by config_free(); atomic */
} Config;

/*
 * Finds and loads the configuration by the search order above (@explicit_path
 * first, may be NULL).  Errors: SW_ERROR_CONFIG (unknown group or key, bad
 * value, insecure permissions, unreadable file named explicitly).
 * Caller frees with config_free().
 */
Config *config_load(const char *explicit_path, GError **error);
/* Loads exactly @path.  Same errors. */
Config *config_load_file(const char *path, GError **error);
/* Loads @text as if it were the file @name (messages name it; no permission check, as
 * for the built-in default): for tests and tools that hold a configuration in memory.
 * Same errors. */
Config *config_load_data(const char *name, const char *text, GError **error);
/* The built-in default: well-known public status feeds, desktop notifier if built, else terminal. */
Config *config_load_default(void);
/* Drops one reference (the loader's, or one config_ref() took); the last frees.  NULL is a
 * no-op.  A Config is read-only once loaded, so threads may share one this way (the
 * daemon's digest worker keeps the configuration it started with across a reload). */
void config_free(Config *config);
/* Another reference to @config, dropped with config_free().  Returns @config. */
Config *config_ref(Config *config);

/* Lookups that fall back to the schema default.  @group is "linker", "policy", "digest",
 * "desktop" or "store".
 * Values were validated at load time.  Unset keys without a default give NULL,
 * NAN (config_get_double(), e.g. [linker] threshold: use the linker's own), 0 or false.
 * config_get_int() gives bytes for sizes, seconds for durations and minutes
 * after midnight for [digest] time. */
const char *config_get_string(const Config *config, const char *group, const char *key);
double config_get_double(const Config *config, const char *group, const char *key);
gint64 config_get_int(const Config *config, const char *group, const char *key);
bool config_get_bool(const Config *config, const char *group, const char *key);
/* Durations ("2h") as seconds. */
gint64 config_get_duration(const Config *config, const char *group, const char *key);
/* True when the file sets @key in @group (a schema default does not count). */
bool config_has(const Config *config, const char *group, const char *key);

/* A source or notifier key, falling back to the schema default; NULL when unset.
 * Secret-capable values (source url, client_secret, notifier url, smtp_url,
 * smtp_password) come back as written: pass them through config_secret(). */
const char *config_source_get(const SourceConfig *source, const char *key);
const char *config_notifier_get(const NotifierConfig *notifier, const char *key);
/* Typed forms of the two above, from values validated at load (so no error): durations
 * in seconds (0 when unset), booleans (false when unset), lists split at commas with
 * blanks trimmed and empty words dropped (never NULL; caller frees with g_strfreev()),
 * windows ([policy] quiet_hours) as minutes after midnight: false when unset or off. */
gint64 config_source_get_duration(const SourceConfig *source, const char *key);
bool config_source_get_bool(const SourceConfig *source, const char *key);
gint64 config_notifier_get_duration(const NotifierConfig *notifier, const char *key);
bool config_notifier_get_bool(const NotifierConfig *notifier, const char *key);
char **config_notifier_get_list(const NotifierConfig *notifier, const char *key);
bool config_notifier_get_window(const NotifierConfig *notifier, const char *key, int *ret_start,
				int *ret_end);
const SourceConfig *config_find_source(const Config *config, const char *name);
const NotifierConfig *config_find_notifier(const Config *config, const char *name);

/* Resolves a secret-flagged value (env:/file:/inline).  Errors: SW_ERROR_CONFIG. */
char *config_secret(const char *value, GError **error);

/* The keys of @notifier (merged over [policy]) with every env:/file: secret resolved:
 * what notifier_new() takes.  Errors: SW_ERROR_CONFIG naming the file, group, key and the
 * variable or file.  Caller unrefs (secret values are wiped when the table is freed). */
GHashTable *config_notifier_keys(const Config *config, const NotifierConfig *notifier,
				 GError **error);
/* "FILE:LINE" of @key in [@group] (of the group header when the key is not in the file;
 * "FILE" alone when neither is; "built-in config" without a file).  Caller frees. */
char *config_locate(const Config *config, const char *group, const char *key);

/* Resolves every env:/file: reference in sources and notifiers once, to prove
 * it can be (for `check-config`; the values are wiped and dropped).  Errors:
 * SW_ERROR_CONFIG naming the file, group, key and the variable or file. */
bool config_check_secrets(const Config *config, GError **error);
/* One line per file: secret that group or others may read ("CONFIG: [source:x]
 * 'client_secret': secret file '/p' is mode 0644: ..."), for check-config, run and
 * poll to warn about; NULL when there is none.  Caller frees with g_strfreev(). */
char **config_secret_file_warnings(const Config *config);

/* Prints nothing; returns a one-line-per-item summary for `check-config`.  Caller frees. */
char *config_describe(const Config *config);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(Config, config_free)

#endif
