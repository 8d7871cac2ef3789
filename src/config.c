/*
 * The configuration (see config.h): reads an INI file with GKeyFile, checks
 * every group and key against the schema table (config_schema.c), and builds
 * the Config.  Every error is one line naming the file, the line (found by
 * scanning the text, since GKeyFile keeps no line numbers), the group and the
 * key.  Secret values stay as written (inline, env:NAME, file:/path): they are
 * resolved only by config_secret() when used, and no message built here quotes
 * one (secret_mask() stands in).  This module never prints or logs; cli.c
 * prints what it returns.  The built-in default is a config text run through
 * the same loader, so it obeys the same schema.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "build-config.h"
#include "config_schema.h"
#include "util/error.h"
#include "util/secret.h"
#include "util/text.h"
#include "util/timeparse.h"

/* A config file is a few KiB; refuse to slurp a mistyped path to a large file. */
#define CONFIG_FILE_MAX (1024 * 1024)

typedef struct {
	const char *path; /* for messages; NULL = the built-in default */
	const char *text; /* the file's text, for line numbers */
} LoadCtx;

/* ---- small parsers shared by validation and the getters ---- */

/* The whole of @s as a decimal number: no leading space, nothing after it, in range and
 * finite.  An integer into @ret_int, or (@ret_int NULL) a double into @ret_double. */
static bool
parse_decimal(const char *s, gint64 *ret_int, double *ret_double)
{
	char *end = NULL;
	gint64 i = 0;
	double d = 0;

	if (*s == '\0' || g_ascii_isspace(*s)) {
		return false;
	}
	errno = 0;
	if (ret_int != NULL) {
		i = g_ascii_strtoll(s, &end, 10);
	} else {
		d = g_ascii_strtod(s, &end);
	}
	if (errno != 0 || end == s || *end != '\0' || !isfinite(d)) {
		return false;
	}
	if (ret_int != NULL) {
		*ret_int = i;
	} else {
		*ret_double = d;
	}
	return true;
}

static bool
parse_int(const char *s, gint64 *ret)
{
	return parse_decimal(s, ret, NULL);
}

static bool
parse_double(const char *s, double *ret)
{
	return parse_decimal(s, NULL, ret);
}

/* "8M", "512K", "1G", "4096"; K/M/G are powers of 1024, an optional B may follow. */
static bool
parse_size(const char *s, gint64 *ret)
{
	char *end = NULL;
	if (!g_ascii_isdigit(*s)) {
		return false;
	}
	errno = 0;
	guint64 v = g_ascii_strtoull(s, &end, 10);
	if (errno != 0 || end == s) {
		return false;
	}
	guint64 mult = 1;
	switch (g_ascii_toupper(*end)) {
	case '\0':
		break;
	case 'K':
		mult = 1024;
		end++;
		break;
	case 'M':
		mult = 1024 * 1024;
		end++;
		break;
	case 'G':
		mult = 1024 * 1024 * 1024;
		end++;
		break;
	default:
		break;
	}
	if (mult > 1 && g_ascii_toupper(*end) == 'B') {
		end++;
	}
	if (*end != '\0' || v > (guint64)G_MAXINT64 / mult) {
		return false;
	}
	*ret = (gint64)(v * mult);
	return true;
}

/* "HH:MM", 24-hour; ret = minutes after midnight. */
static bool
parse_clock(const char *s, gint64 *ret)
{
	if (strlen(s) != 5 || !g_ascii_isdigit(s[0]) || !g_ascii_isdigit(s[1]) || s[2] != ':' ||
	    !g_ascii_isdigit(s[3]) || !g_ascii_isdigit(s[4])) {
		return false;
	}
	int h = (s[0] - '0') * 10 + (s[1] - '0');
	int m = (s[3] - '0') * 10 + (s[4] - '0');
	if (h > 23 || m > 59) {
		return false;
	}
	*ret = h * 60 + m;
	return true;
}

/* "HH:MM-HH:MM" (start != end) into minutes after midnight; "off" gives -1 for both. */
static bool
parse_window(const char *s, gint64 *ret_start, gint64 *ret_end)
{
	const char *dash = strchr(s, '-');

	if (strcmp(s, "off") == 0) {
		*ret_start = *ret_end = -1;
		return true;
	}
	if (dash == NULL) {
		return false;
	}
	g_autofree char *first = g_strstrip(g_strndup(s, (gsize)(dash - s)));
	g_autofree char *second = g_strstrip(g_strdup(dash + 1));
	gint64 a = 0, b = 0;
	if (!parse_clock(first, &a) || !parse_clock(second, &b) || a == b) {
		return false;
	}
	*ret_start = a;
	*ret_end = b;
	return true;
}

static bool
valid_timezone(const char *s)
{
	g_autoptr(GTimeZone) tz = g_time_zone_new_identifier(s);

	return tz != NULL;
}

/* Every glob of the list @value matches one of the words @choices ("a|b|c"); the first
 * that does not goes to @ret_bad (caller frees). */
static bool
globs_match_choices(const char *value, const char *choices, char **ret_bad)
{
	g_auto(GStrv) words = g_strsplit(value, ",", -1);
	g_auto(GStrv) allowed = g_strsplit(choices, "|", -1);

	for (char **w = words; *w != NULL; w++) {
		const char *glob = g_strstrip(*w);
		bool hit = *glob == '\0';
		for (char **c = allowed; !hit && *c != NULL; c++) {
			hit = g_pattern_match_simple(glob, *c);
		}
		if (!hit) {
			*ret_bad = g_strdup(glob);
			return false;
		}
	}
	return true;
}

/* A number for bound checks: durations in seconds, sizes in bytes. */
static bool
parse_number(SchemaType type, const char *s, double *ret)
{
	gint64 v = 0;
	switch (type) {
	case SCHEMA_INT:
		if (!parse_int(s, &v)) {
			return false;
		}
		break;
	case SCHEMA_DOUBLE:
		return parse_double(s, ret);
	case SCHEMA_DURATION:
		if (!time_parse_duration(s, &v)) {
			return false;
		}
		break;
	case SCHEMA_SIZE:
		if (!parse_size(s, &v)) {
			return false;
		}
		break;
	default:
		return false;
	}
	*ret = (double)v;
	return true;
}

/* "2h", "90s": the largest unit that divides exactly. */
static char *
format_duration(gint64 s)
{
	if (s > 0 && s % 86400 == 0) {
		return g_strdup_printf("%" G_GINT64_FORMAT "d", s / 86400);
	}
	if (s > 0 && s % 3600 == 0) {
		return g_strdup_printf("%" G_GINT64_FORMAT "h", s / 3600);
	}
	if (s > 0 && s % 60 == 0) {
		return g_strdup_printf("%" G_GINT64_FORMAT "m", s / 60);
	}
	return g_strdup_printf("%" G_GINT64_FORMAT "s", s);
}

/* ---- errors with file and line ---- */

/* Line (1-based) of @key in [@group], or of the [@group] header when @key is
 * NULL; 0 when not found.  The last occurrence of a key wins, as in GKeyFile. */
static guint
find_line(const char *text, const char *group, const char *key)
{
	if (text == NULL) {
		return 0;
	}
	guint found = 0;
	guint lineno = 0;
	bool in_group = false;
	gsize glen = strlen(group);
	gsize klen = key != NULL ? strlen(key) : 0;
	const char *p = text;
	while (*p != '\0') {
		const char *eol = strchr(p, '\n');
		const char *end = eol != NULL ? eol : p + strlen(p);
		lineno++;
		while (p < end && (*p == ' ' || *p == '\t')) {
			p++;
		}
		if (p < end && *p == '[') {
			const char *close = memchr(p, ']', (gsize)(end - p));
			in_group = close != NULL && (gsize)(close - p - 1) == glen &&
				   strncmp(p + 1, group, glen) == 0;
			if (in_group && key == NULL) {
				return lineno;
			}
		} else if (in_group && key != NULL && (gsize)(end - p) > klen &&
			   strncmp(p, key, klen) == 0) {
			const char *q = p + klen;
			while (q < end && (*q == ' ' || *q == '\t')) {
				q++;
			}
			if (q < end && *q == '=') {
				found = lineno;
			}
		}
		if (eol == NULL) {
			break;
		}
		p = eol + 1;
	}
	return found;
}

G_GNUC_PRINTF(5, 6)
static void
set_error(GError **error, const LoadCtx *ctx, const char *group, const char *key,
	  const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	g_autofree char *msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);

	GString *s = g_string_new(ctx->path != NULL ? ctx->path : "built-in config");
	guint line = 0;
	if (group != NULL) {
		line = find_line(ctx->text, group, key);
		if (line == 0 && key != NULL) {
			line = find_line(ctx->text, group, NULL);
		}
	}
	if (line > 0) {
		g_string_append_printf(s, ":%u", line);
	}
	g_string_append(s, ": ");
	if (group != NULL) {
		g_string_append_printf(s, "[%s] ", group);
	}
	g_string_append(s, msg);
	g_set_error_literal(error, SW_ERROR, SW_ERROR_CONFIG, s->str);
	g_string_free(s, TRUE);
}

/* ---- value validation ---- */

static bool
is_masked(const SchemaKey *k)
{
	return k->type == SCHEMA_SECRET ||
	       (k->flags & (SCHEMA_FLAG_INDIRECT | SCHEMA_FLAG_SECRET)) != 0;
}

static bool
is_secret(const SchemaKey *k)
{
	return k->type == SCHEMA_SECRET || (k->flags & SCHEMA_FLAG_SECRET) != 0;
}

/* "a|b|c" → "a, b, c" */
static char *
words_list(const char *words)
{
	g_auto(GStrv) v = g_strsplit(words, "|", -1);
	return g_strjoinv(", ", v);
}

static bool
check_url(const SchemaKey *k, const char *value)
{
	g_autofree char *scheme = NULL;
	g_autofree char *host = NULL;
	if (!g_uri_split(value, G_URI_FLAGS_NONE, &scheme, NULL, &host, NULL, NULL, NULL, NULL,
			 NULL) ||
	    scheme == NULL) {
		return false;
	}
	g_autofree char *lower = g_ascii_strdown(scheme, -1);
	if (!config_schema_word_in(k->choices, lower)) {
		return false;
	}
	/* file:///path has an empty host; every network URL needs one. */
	return strcmp(lower, "file") == 0 || (host != NULL && *host != '\0');
}

static bool
valid_env_name(const char *name)
{
	if (!g_ascii_isalpha(*name) && *name != '_') {
		return false;
	}
	for (const char *p = name; *p != '\0'; p++) {
		if (!g_ascii_isalnum(*p) && *p != '_') {
			return false;
		}
	}
	return true;
}

/* Checks @value against @k.  On failure sets @error naming group and key; a
 * secret-capable value is quoted only through secret_mask(). */
static bool
check_value(const LoadCtx *ctx, const char *group, const SchemaKey *k, const char *value,
	    GError **error)
{
	if (*value == '\0' && k->type != SCHEMA_LIST) {
		set_error(error, ctx, group, k->key,
			  "'%s' is empty; remove the line to use the default", k->key);
		return false;
	}
	/* env:/file: references are resolved when used, not at load time; only
	 * their form is checked here. */
	if (is_masked(k) && !secret_is_inline(value)) {
		if (g_str_has_prefix(value, "env:") && !valid_env_name(value + strlen("env:"))) {
			set_error(error, ctx, group, k->key,
				  "'%s' must be env:NAME with NAME a variable name, got '%s'",
				  k->key, value);
			return false;
		}
		if (g_str_has_prefix(value, "file:") && value[strlen("file:")] == '\0') {
			set_error(error, ctx, group, k->key,
				  "'%s' must be file:/path with a path, got 'file:'", k->key);
			return false;
		}
		return true;
	}
	g_autofree char *shown = is_masked(k) ? secret_mask(value) : g_strdup(value);
	bool ok = true;
	gint64 iv = 0;
	double dv = 0;
	bool bv = false;
	switch (k->type) {
	case SCHEMA_STRING:
	case SCHEMA_SECRET:
		break;
	case SCHEMA_LIST:
		if (k->choices != NULL) {
			g_autofree char *bad = NULL;
			if (!globs_match_choices(value, k->choices, &bad)) {
				g_autofree char *list = words_list(k->choices);
				set_error(error, ctx, group, k->key,
					  "'%s': '%s' matches none of %s", k->key, bad, list);
				return false;
			}
		}
		break;
	case SCHEMA_INT:
		ok = parse_int(value, &iv);
		break;
	case SCHEMA_DOUBLE:
		ok = parse_double(value, &dv);
		break;
	case SCHEMA_BOOL:
		ok = text_parse_bool(value, &bv);
		break;
	case SCHEMA_DURATION:
		ok = time_parse_duration(value, &iv);
		break;
	case SCHEMA_SIZE:
		ok = parse_size(value, &iv);
		break;
	case SCHEMA_CLOCK:
		ok = parse_clock(value, &iv);
		break;
	case SCHEMA_WINDOW: {
		gint64 end = 0;
		ok = parse_window(value, &iv, &end);
		break;
	}
	case SCHEMA_TIMEZONE:
		ok = valid_timezone(value);
		break;
	case SCHEMA_ENUM:
		ok = config_schema_word_in(k->choices, value);
		if (!ok) {
			g_autofree char *list = words_list(k->choices);
			set_error(error, ctx, group, k->key, "'%s' must be one of %s, got '%s'",
				  k->key, list, shown);
			return false;
		}
		break;
	case SCHEMA_URL:
		ok = check_url(k, value);
		if (!ok) {
			g_autofree char *list = words_list(k->choices);
			set_error(error, ctx, group, k->key,
				  "'%s' must be a URL with a host (scheme %s), got '%s'", k->key,
				  list, shown);
			return false;
		}
		break;
	case SCHEMA_TYPE_COUNT:
		g_assert_not_reached();
	}
	if (!ok) {
		set_error(error, ctx, group, k->key, "'%s' must be %s, got '%s'", k->key,
			  config_schema_type_hint(k->type), shown);
		return false;
	}
	double num = 0;
	if ((k->min != NULL || k->max != NULL) && parse_number(k->type, value, &num)) {
		double bound = 0;
		if (k->min != NULL && parse_number(k->type, k->min, &bound) && num < bound) {
			set_error(error, ctx, group, k->key, "'%s' must be at least %s, got '%s'",
				  k->key, k->min, shown);
			return false;
		}
		if (k->max != NULL && parse_number(k->type, k->max, &bound) && num > bound) {
			set_error(error, ctx, group, k->key, "'%s' must be at most %s, got '%s'",
				  k->key, k->max, shown);
			return false;
		}
	}
	return true;
}

/* ---- unknown keys: suggest the nearest known one ---- */

static gsize
edit_distance(const char *a, const char *b)
{
	gsize la = strlen(a);
	gsize lb = strlen(b);
	if (la > 64 || lb > 64) {
		return G_MAXSIZE;
	}
	gsize prev[65];
	gsize cur[65];
	for (gsize j = 0; j <= lb; j++) {
		prev[j] = j;
	}
	for (gsize i = 1; i <= la; i++) {
		cur[0] = i;
		for (gsize j = 1; j <= lb; j++) {
			gsize sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
			gsize del = prev[j] + 1;
			gsize ins = cur[j - 1] + 1;
			cur[j] = MIN(sub, MIN(del, ins));
		}
		memcpy(prev, cur, sizeof(gsize) * (lb + 1));
	}
	return prev[lb];
}

static const char *
suggest_key(SchemaGroup group, const char *key)
{
	gsize n = 0;
	const SchemaKey *table = config_schema(&n);
	const char *best = NULL;
	gsize best_d = 3; /* more than two edits away is another word, not a typo */
	for (gsize i = 0; i < n; i++) {
		bool in_group = table[i].group == group ||
				(group == SCHEMA_GROUP_NOTIFY && table[i].group == SCHEMA_GROUP_POLICY);
		if (!in_group) {
			continue;
		}
		gsize d = edit_distance(key, table[i].key);
		if (d < best_d) {
			best_d = d;
			best = table[i].key;
		}
	}
	return best;
}

/* ---- the structs ---- */

static void
source_config_free(SourceConfig *s)
{
	if (s == NULL) {
		return;
	}
	g_free(s->name);
	g_free(s->type);
	g_free(s->url);
	g_free(s->label);
	g_clear_pointer(&s->keys, g_hash_table_unref);
	g_free(s);
}

static void
notifier_config_free(NotifierConfig *n)
{
	if (n == NULL) {
		return;
	}
	g_free(n->name);
	g_free(n->type);
	g_clear_pointer(&n->keys, g_hash_table_unref);
	g_free(n);
}

static Config *
config_new(void)
{
	Config *c = g_new0(Config, 1);
	c->sources = g_ptr_array_new_with_free_func((GDestroyNotify)source_config_free);
	c->notifiers = g_ptr_array_new_with_free_func((GDestroyNotify)notifier_config_free);
	c->values = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	return c;
}

void
config_free(Config *config)
{
	if (config == NULL) {
		return;
	}
	/* The old value is what was there: above 0, another holder remains. */
	if (g_atomic_int_add(&config->extra_refs, -1) > 0) {
		return;
	}
	g_free(config->path);
	g_clear_pointer(&config->sources, g_ptr_array_unref);
	g_clear_pointer(&config->notifiers, g_ptr_array_unref);
	g_clear_pointer(&config->values, g_hash_table_unref);
	g_free(config);
}

Config *
config_ref(Config *config)
{
	g_return_val_if_fail(config != NULL, NULL);
	g_atomic_int_inc(&config->extra_refs);
	return config;
}

static char *
values_key(const char *group, const char *key)
{
	return g_strconcat(group, "\x1f", key, NULL);
}

/* Schema default of @key for a group of @kind and `type =` @type (NULL for
 * groups without a type).  NULL when unset or when the key does not apply. */
static const char *
schema_default(SchemaGroup kind, const char *type, const char *key)
{
	const SchemaKey *k = config_schema_find(kind, key);
	if (k == NULL || (type != NULL && !config_schema_word_in(k->types, type))) {
		return NULL;
	}
	return k->def;
}

/* A value of a validated group, or the schema default. */
static const char *
value_or_default(GHashTable *keys, SchemaGroup kind, const char *type, const char *key)
{
	const char *v = g_hash_table_lookup(keys, key);
	return v != NULL ? v : schema_default(kind, type, key);
}

static gint64
int_of(const char *s, SchemaType type)
{
	gint64 v = 0;
	if (s == NULL) {
		return 0;
	}
	switch (type) {
	case SCHEMA_DURATION:
		return time_parse_duration(s, &v) ? v : 0;
	case SCHEMA_SIZE:
		return parse_size(s, &v) ? v : 0;
	case SCHEMA_CLOCK:
		return parse_clock(s, &v) ? v : 0;
	default:
		return parse_int(s, &v) ? v : 0;
	}
}

/* ---- loading ---- */

typedef struct {
	SchemaGroup kind;
	const char *name; /* points into the group string; NULL for singleton groups */
} GroupId;

static bool
valid_name(const char *name)
{
	if (*name == '\0') {
		return false;
	}
	for (const char *p = name; *p != '\0'; p++) {
		if (!g_ascii_isalnum(*p) && *p != '-' && *p != '_' && *p != '.') {
			return false;
		}
	}
	return true;
}

static bool
classify_group(const LoadCtx *ctx, const char *group, GroupId *ret, GError **error)
{
	static const struct {
		const char *name;
		SchemaGroup kind;
	} singles[] = {
		{"linker", SCHEMA_GROUP_LINKER},
		{"policy", SCHEMA_GROUP_POLICY},
		{"digest", SCHEMA_GROUP_DIGEST},
		{"desktop", SCHEMA_GROUP_DESKTOP},
		{"store", SCHEMA_GROUP_STORE},
	};
	for (gsize i = 0; i < G_N_ELEMENTS(singles); i++) {
		if (strcmp(group, singles[i].name) == 0) {
			ret->kind = singles[i].kind;
			ret->name = NULL;
			return true;
		}
	}
	const char *name = NULL;
	if (g_str_has_prefix(group, "source:")) {
		ret->kind = SCHEMA_GROUP_SOURCE;
		name = group + strlen("source:");
	} else if (g_str_has_prefix(group, "notify:")) {
		ret->kind = SCHEMA_GROUP_NOTIFY;
		name = group + strlen("notify:");
	} else {
		set_error(error, ctx, group, NULL,
			  "unknown group; expected [source:NAME], [notify:NAME], [policy], "
			  "[linker], [digest], [desktop] or [store]");
		return false;
	}
	if (!valid_name(name)) {
		set_error(error, ctx, group, NULL,
			  "name '%s' must be non-empty and hold only letters, digits, '-', '_' "
			  "and '.'",
			  name);
		return false;
	}
	ret->name = name;
	return true;
}

/* A URL written inline with a password in it ("smtps://bob:pw@host") is an inline
 * secret too, whatever the key's own flag says. */
static bool
url_holds_credentials(const SchemaKey *k, const char *value)
{
	if (k->type != SCHEMA_URL || value == NULL) {
		return false;
	}
	const char *scheme_end = strstr(value, "://");
	if (scheme_end == NULL) {
		return false;
	}
	const char *host = scheme_end + 3;
	const char *at = strchr(host, '@');
	const char *slash = strchr(host, '/');
	if (at == NULL || (slash != NULL && slash < at)) {
		return false;
	}
	const char *colon = memchr(host, ':', (gsize)(at - host));
	return colon != NULL;
}

/* Reads, checks and stores one group's keys into @ret_keys (key → stripped
 * value).  @ret_type gets the `type =` value for source and notify groups.
 * @ret_inline_secret gets "[group] key" of the first inline secret, if any. */
static bool
load_group(const LoadCtx *ctx, GKeyFile *kf, const char *group, const GroupId *id,
	   GHashTable *ret_keys, char **ret_type, char **ret_inline_secret, GError **error)
{
	gsize n_keys = 0;
	g_auto(GStrv) keys = g_key_file_get_keys(kf, group, &n_keys, NULL);
	const char *type = NULL;
	bool typed = id->kind == SCHEMA_GROUP_SOURCE || id->kind == SCHEMA_GROUP_NOTIFY;

	for (gsize i = 0; i < n_keys; i++) {
		char *raw = g_key_file_get_value(kf, group, keys[i], NULL);
		g_hash_table_replace(ret_keys, g_strdup(keys[i]), g_strstrip(raw));
	}
	if (typed) {
		const SchemaKey *tk = config_schema_find(id->kind, "type");
		type = g_hash_table_lookup(ret_keys, "type");
		if (type == NULL) {
			g_autofree char *list = words_list(tk->choices);
			set_error(error, ctx, group, NULL, "missing required key 'type' (one of %s)",
				  list);
			return false;
		}
		if (!check_value(ctx, group, tk, type, error)) {
			return false;
		}
	}
	for (gsize i = 0; i < n_keys; i++) {
		const char *key = keys[i];
		const char *value = g_hash_table_lookup(ret_keys, key);
		const SchemaKey *k = config_schema_find(id->kind, key);
		if (k == NULL) {
			const char *hint = suggest_key(id->kind, key);
			if (hint != NULL) {
				set_error(error, ctx, group, key,
					  "unknown key '%s' (did you mean '%s'?)", key, hint);
			} else {
				set_error(error, ctx, group, key, "unknown key '%s'", key);
			}
			return false;
		}
		if (typed && !config_schema_word_in(k->types, type)) {
			set_error(error, ctx, group, key,
				  "key '%s' does not apply to type '%s' (only to %s)", key, type,
				  k->types);
			return false;
		}
		if (!check_value(ctx, group, k, value, error)) {
			return false;
		}
		if ((is_secret(k) || url_holds_credentials(k, value)) && secret_is_inline(value) &&
		    *ret_inline_secret == NULL) {
			*ret_inline_secret = g_strdup_printf("[%s] %s", group, key);
		}
	}
	/* Required keys that apply to this type. */
	gsize n = 0;
	const SchemaKey *table = config_schema(&n);
	for (gsize i = 0; i < n; i++) {
		const SchemaKey *k = &table[i];
		if (k->group != id->kind || (k->flags & SCHEMA_FLAG_REQUIRED) == 0 ||
		    (typed && !config_schema_word_in(k->types, type))) {
			continue;
		}
		if (!g_hash_table_contains(ret_keys, k->key)) {
			if (typed) {
				set_error(error, ctx, group, NULL,
					  "missing required key '%s' (%s) for type '%s'", k->key,
					  k->doc, type);
			} else {
				set_error(error, ctx, group, NULL, "missing required key '%s' (%s)",
					  k->key, k->doc);
			}
			return false;
		}
	}
	*ret_type = g_strdup(type);
	return true;
}

static SourceConfig *
build_source(const char *name, const char *type, GHashTable *keys)
{
	SourceConfig *s = g_new0(SourceConfig, 1);
	s->name = g_strdup(name);
	s->type = g_strdup(type);
	s->url = g_strdup(g_hash_table_lookup(keys, "url"));
	const char *label = g_hash_table_lookup(keys, "label");
	s->label = g_strdup(label != NULL ? label : name);
	s->interval = int_of(value_or_default(keys, SCHEMA_GROUP_SOURCE, type, "interval"),
			     SCHEMA_DURATION);
	s->stale_after = int_of(value_or_default(keys, SCHEMA_GROUP_SOURCE, type, "stale_after"),
				SCHEMA_DURATION);
	s->max_size = (gsize)int_of(value_or_default(keys, SCHEMA_GROUP_SOURCE, type, "max_size"),
				    SCHEMA_SIZE);
	s->max_items = (guint)int_of(value_or_default(keys, SCHEMA_GROUP_SOURCE, type, "max_items"),
				     SCHEMA_INT);
	s->keys = g_hash_table_ref(keys);
	s->timeout = int_of(value_or_default(keys, SCHEMA_GROUP_SOURCE, type, "timeout"),
			    SCHEMA_DURATION);
	bool enabled = true;
	text_parse_bool(value_or_default(keys, SCHEMA_GROUP_SOURCE, type, "enabled"), &enabled);
	s->enabled = enabled;
	return s;
}

/* Every word of the list @value names a source of @config. */
static bool
check_source_names(const LoadCtx *ctx, const Config *config, const char *group,
		   const char *value, GError **error)
{
	if (value == NULL) {
		return true;
	}
	g_auto(GStrv) names = g_strsplit(value, ",", -1);
	for (char **p = names; *p != NULL; p++) {
		g_strstrip(*p);
		if (**p != '\0' && config_find_source(config, *p) == NULL) {
			set_error(error, ctx, group, "sources", "'sources' names '%s', but there is "
				  "no [source:%s]", *p, *p);
			return false;
		}
	}
	return true;
}

/* Checks that span groups: names that refer to other groups. */
static bool
check_references(const LoadCtx *ctx, Config *config, GError **error)
{
	if (!check_source_names(ctx, config, "policy",
				config_get_string(config, "policy", "sources"), error)) {
		return false;
	}
	for (guint i = 0; i < config->notifiers->len; i++) {
		NotifierConfig *n = g_ptr_array_index(config->notifiers, i);
		g_autofree char *group = g_strconcat("notify:", n->name, NULL);
		/* Only the notifier's own line: [policy] was checked above. */
		g_autofree char *own = values_key(group, "sources");
		if (!check_source_names(ctx, config, group,
					g_hash_table_lookup(config->values, own), error)) {
			return false;
		}
	}
	const char *name = config_get_string(config, "digest", "notifier");
	if (name == NULL && !config_get_bool(config, "digest", "enabled")) {
		return true;
	}
	if (name == NULL) {
		set_error(error, ctx, "digest", "enabled",
			  "'enabled' is true but 'notifier' names no email notifier");
		return false;
	}
	const NotifierConfig *n = config_find_notifier(config, name);
	if (n == NULL || strcmp(n->type, "email") != 0) {
		set_error(error, ctx, "digest", "notifier",
			  "'notifier' must name a [notify:NAME] group of type email, got '%s'", name);
		return false;
	}
	return true;
}

/* GKeyFile merges a repeated group and keeps the last of a repeated key, so a
 * pasted block silently overrides an earlier one.  Refuse both, by line. */
static bool
check_duplicates(const LoadCtx *ctx, GError **error)
{
	g_autoptr(GHashTable) groups = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	g_autoptr(GHashTable) keys = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	g_auto(GStrv) lines = g_strsplit(ctx->text, "\n", -1);
	g_autofree char *group = NULL;
	for (guint i = 0; lines[i] != NULL; i++) {
		char *line = g_strstrip(lines[i]);
		guint lineno = i + 1;
		if (*line == '\0' || *line == '#') {
			continue;
		}
		if (*line == '[') {
			char *close = strchr(line, ']');
			if (close == NULL) {
				continue;
			}
			g_free(group);
			group = g_strndup(line + 1, (gsize)(close - line - 1));
			guint first = GPOINTER_TO_UINT(g_hash_table_lookup(groups, group));
			if (first != 0) {
				g_set_error(error, SW_ERROR, SW_ERROR_CONFIG,
					    "%s:%u: [%s] group appears twice (first at line %u); "
					    "merge the two",
					    ctx->path != NULL ? ctx->path : "built-in config", lineno,
					    group, first);
				return false;
			}
			g_hash_table_insert(groups, g_strdup(group), GUINT_TO_POINTER(lineno));
			continue;
		}
		char *eq = strchr(line, '=');
		if (group == NULL || eq == NULL) {
			continue;
		}
		g_autofree char *key = g_strstrip(g_strndup(line, (gsize)(eq - line)));
		g_autofree char *id = values_key(group, key);
		guint first = GPOINTER_TO_UINT(g_hash_table_lookup(keys, id));
		if (first != 0) {
			g_set_error(error, SW_ERROR, SW_ERROR_CONFIG,
				    "%s:%u: [%s] key '%s' is set twice (first at line %u)",
				    ctx->path != NULL ? ctx->path : "built-in config", lineno, group,
				    key, first);
			return false;
		}
		g_hash_table_insert(keys, g_steal_pointer(&id), GUINT_TO_POINTER(lineno));
	}
	return true;
}

/*
 * Line syntax, checked before GKeyFile sees the text: GKeyFile's own message
 * quotes the offending line, and a line such as "client_secret: s3cr3t" (a
 * colon for an equals sign) would put the secret in the log.  Our message
 * names the line by number only.
 */
static bool
check_syntax(const LoadCtx *ctx, GError **error)
{
	const char *p = ctx->text;
	guint lineno = 0;

	while (*p != '\0') {
		const char *end = strchr(p, '\n');
		gsize n = end != NULL ? (gsize)(end - p) : strlen(p);
		g_autofree char *line = g_strstrip(g_strndup(p, n));
		lineno++;
		p += n + (end != NULL ? 1 : 0);
		if (*line == '\0' || *line == '#') {
			continue;
		}
		if (*line == '[' ? line[strlen(line) - 1] != ']' : strchr(line, '=') == NULL) {
			g_set_error(error, SW_ERROR, SW_ERROR_CONFIG,
				    "%s:%u: line is neither 'key = value', a [group] nor a # comment",
				    ctx->path != NULL ? ctx->path : "built-in config", lineno);
			return false;
		}
	}
	return true;
}

/* The loader proper: @text is the whole file (NUL-terminated); @mode is its
 * st_mode, 0 for the built-in default. */
static Config *
load_text(const char *path, const char *text, gsize len, mode_t mode, GError **error)
{
	LoadCtx ctx = {.path = path, .text = text};
	g_autoptr(Config) config = config_new();
	/* The parsed file: only read here; the Config keeps the validated values. */
	g_autoptr(GKeyFile) keyfile = g_key_file_new();
	g_autoptr(GError) local = NULL;
	config->path = g_strdup(path);

	const char *bad = NULL;
	if (!g_utf8_validate(text, (gssize)len, &bad)) {
		guint line = 1;
		for (const char *p = text; p < bad; p++) {
			line += *p == '\n';
		}
		g_set_error(error, SW_ERROR, SW_ERROR_CONFIG, "%s:%u: not valid UTF-8",
			    path != NULL ? path : "built-in config", line);
		return NULL;
	}
	if (!check_syntax(&ctx, error)) {
		return NULL;
	}
	if (!g_key_file_load_from_data(keyfile, text, len, G_KEY_FILE_NONE, &local)) {
		/* Not GKeyFile's message: it may quote a line, and a line may hold a secret. */
		set_error(error, &ctx, NULL, NULL, "%s",
			  "not a valid key file (a key before the first [group]?)");
		return NULL;
	}
	if (!check_duplicates(&ctx, error)) {
		return NULL;
	}
	g_autofree char *inline_secret = NULL;
	g_auto(GStrv) groups = g_key_file_get_groups(keyfile, NULL);
	g_autoptr(GHashTable) policy = NULL;
	for (char **g = groups; *g != NULL; g++) {
		GroupId id;
		if (!classify_group(&ctx, *g, &id, error)) {
			return NULL;
		}
		g_autoptr(GHashTable) keys =
			g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
		g_autofree char *type = NULL;
		if (!load_group(&ctx, keyfile, *g, &id, keys, &type, &inline_secret,
				error)) {
			return NULL;
		}
		GHashTableIter it;
		gpointer k, v;
		g_hash_table_iter_init(&it, keys);
		while (g_hash_table_iter_next(&it, &k, &v)) {
			g_hash_table_replace(config->values, values_key(*g, k), g_strdup(v));
		}
		if (id.kind == SCHEMA_GROUP_SOURCE) {
			g_ptr_array_add(config->sources, build_source(id.name, type, keys));
		} else if (id.kind == SCHEMA_GROUP_NOTIFY) {
			NotifierConfig *n = g_new0(NotifierConfig, 1);
			n->name = g_strdup(id.name);
			n->type = g_steal_pointer(&type);
			n->keys = g_hash_table_ref(keys);
			g_ptr_array_add(config->notifiers, n);
		} else if (id.kind == SCHEMA_GROUP_POLICY) {
			policy = g_hash_table_ref(keys);
		}
	}
	/* NotifierConfig.keys: the group's keys merged over [policy]. */
	for (guint i = 0; policy != NULL && i < config->notifiers->len; i++) {
		NotifierConfig *n = g_ptr_array_index(config->notifiers, i);
		GHashTableIter it;
		gpointer k, v;
		g_hash_table_iter_init(&it, policy);
		while (g_hash_table_iter_next(&it, &k, &v)) {
			if (!g_hash_table_contains(n->keys, k)) {
				g_hash_table_insert(n->keys, g_strdup(k), g_strdup(v));
			}
		}
	}
	if (inline_secret != NULL && (mode & 077) != 0) {
		g_set_error(error, SW_ERROR, SW_ERROR_CONFIG,
			    "'%s' holds an inline secret (%s) but is readable by %s; chmod 600 it, "
			    "or use env:NAME or file:/path",
			    path, inline_secret, (mode & 007) != 0 ? "others" : "its group");
		return NULL;
	}
	if (!check_references(&ctx, config, error)) {
		return NULL;
	}
	return g_steal_pointer(&config);
}

Config *
config_load_file(const char *path, GError **error)
{
	g_return_val_if_fail(path != NULL, NULL);
	GStatBuf st;
	if (g_stat(path, &st) != 0) {
		int e = errno;
		g_set_error(error, SW_ERROR, SW_ERROR_CONFIG, "cannot read config file '%s': %s",
			    path, g_strerror(e));
		return NULL;
	}
	if (S_ISREG(st.st_mode) && st.st_size > CONFIG_FILE_MAX) {
		g_set_error(error, SW_ERROR, SW_ERROR_CONFIG,
			    "config file '%s' is larger than %d KiB", path, CONFIG_FILE_MAX / 1024);
		return NULL;
	}
	g_autofree char *text = NULL;
	gsize len = 0;
	g_autoptr(GError) local = NULL;
	if (!g_file_get_contents(path, &text, &len, &local)) {
		g_set_error(error, SW_ERROR, SW_ERROR_CONFIG, "cannot read config file '%s': %s",
			    path, local->message);
		return NULL;
	}
	if (len > CONFIG_FILE_MAX) {
		g_set_error(error, SW_ERROR, SW_ERROR_CONFIG,
			    "config file '%s' is larger than %d KiB", path, CONFIG_FILE_MAX / 1024);
		return NULL;
	}
	return load_text(path, text, len, st.st_mode, error);
}

static char *
user_config_path(void)
{
	/* Read the variable here, not g_get_user_config_dir(): GLib caches that on
	 * first use, and the daemon re-reads the search order on reload. */
	const char *xdg = g_getenv("XDG_CONFIG_HOME");
	if (xdg != NULL && g_path_is_absolute(xdg)) {
		return g_build_filename(xdg, "statuswatch", "statuswatch.conf", NULL);
	}
	const char *home = g_getenv("HOME");
	if (home == NULL || *home == '\0') {
		home = g_get_home_dir();
	}
	return g_build_filename(home, ".config", "statuswatch", "statuswatch.conf", NULL);
}

Config *
config_load(const char *explicit_path, GError **error)
{
	if (explicit_path != NULL) {
		return config_load_file(explicit_path, error);
	}
	const char *env = g_getenv("STATUSWATCH_CONFIG");
	if (env != NULL && *env != '\0') {
		return config_load_file(env, error);
	}
	/* Missing files fall through; a file that is there but broken is an error. */
	g_autofree char *user = user_config_path();
	if (g_file_test(user, G_FILE_TEST_EXISTS)) {
		return config_load_file(user, error);
	}
	g_autofree char *system = g_build_filename(SW_SYSCONFDIR, "statuswatch", "statuswatch.conf",
						   NULL);
	if (g_file_test(system, G_FILE_TEST_EXISTS)) {
		return config_load_file(system, error);
	}
	return config_load_default();
}

/* Well-known public status feeds.  Written as a config file so the same schema
 * checks them and `check-config` shows them the same way. */
static const char default_text[] =
	"[source:github]\n"
	"type = atom\n"
	"label = GitHub\n"
	"url = https://www.githubstatus.com/history.atom\n"
	"\n"
	"[source:cloudflare]\n"
	"type = statuspage\n"
	"label = Cloudflare\n"
	"url = https://www.cloudflarestatus.com/api/v2/incidents.json\n"
	"\n"
	"[source:azure]\n"
	"type = rss\n"
	"label = Azure\n"
	"url = https://rssfeed.azure.status.microsoft/en-us/status/feed/\n"
	"\n"
	"[source:aws]\n"
	"type = rss\n"
	"label = AWS\n"
	"url = https://status.aws.amazon.com/rss/all.rss\n"
	"\n"
	"[source:gcp]\n"
	"type = atom\n"
	"label = Google Cloud\n"
	"url = https://status.cloud.google.com/en/feed.atom\n"
	"\n"
#if SW_HAVE_DESKTOP
	"[notify:desktop]\n"
	"type = desktop\n";
#else
	"[notify:terminal]\n"
	"type = terminal\n";
#endif

Config *
config_load_data(const char *name, const char *text, GError **error)
{
	g_return_val_if_fail(name != NULL && text != NULL, NULL);
	return load_text(name, text, strlen(text), 0, error);
}

Config *
config_load_default(void)
{
	g_autoptr(GError) error = NULL;
	Config *config = load_text(NULL, default_text, sizeof(default_text) - 1, 0, &error);
	g_assert_no_error(error);
	return config;
}

/* ---- lookups ---- */

static bool
singleton_kind(const char *group, SchemaGroup *ret)
{
	if (strcmp(group, "linker") == 0) {
		*ret = SCHEMA_GROUP_LINKER;
	} else if (strcmp(group, "policy") == 0) {
		*ret = SCHEMA_GROUP_POLICY;
	} else if (strcmp(group, "digest") == 0) {
		*ret = SCHEMA_GROUP_DIGEST;
	} else if (strcmp(group, "desktop") == 0) {
		*ret = SCHEMA_GROUP_DESKTOP;
	} else if (strcmp(group, "store") == 0) {
		*ret = SCHEMA_GROUP_STORE;
	} else {
		return false;
	}
	return true;
}

const char *
config_get_string(const Config *config, const char *group, const char *key)
{
	g_return_val_if_fail(config != NULL && group != NULL && key != NULL, NULL);
	g_autofree char *vk = values_key(group, key);
	const char *v = g_hash_table_lookup(config->values, vk);
	if (v != NULL) {
		return v;
	}
	SchemaGroup kind;
	if (!singleton_kind(group, &kind)) {
		return NULL;
	}
	return schema_default(kind, NULL, key);
}

static const SchemaKey *
singleton_row(const char *group, const char *key)
{
	SchemaGroup kind;
	if (!singleton_kind(group, &kind)) {
		return NULL;
	}
	return config_schema_find(kind, key);
}

bool
config_has(const Config *config, const char *group, const char *key)
{
	g_return_val_if_fail(config != NULL && group != NULL && key != NULL, false);
	g_autofree char *vk = values_key(group, key);
	return g_hash_table_contains(config->values, vk);
}

double
config_get_double(const Config *config, const char *group, const char *key)
{
	const char *v = config_get_string(config, group, key);
	double d = NAN;
	if (v == NULL || !parse_double(v, &d)) {
		return NAN;
	}
	return d;
}

gint64
config_get_int(const Config *config, const char *group, const char *key)
{
	const SchemaKey *k = singleton_row(group, key);
	return int_of(config_get_string(config, group, key), k != NULL ? k->type : SCHEMA_INT);
}

static bool bool_of(const char *v);

bool
config_get_bool(const Config *config, const char *group, const char *key)
{
	return bool_of(config_get_string(config, group, key));
}

gint64
config_get_duration(const Config *config, const char *group, const char *key)
{
	return int_of(config_get_string(config, group, key), SCHEMA_DURATION);
}

const char *
config_source_get(const SourceConfig *source, const char *key)
{
	g_return_val_if_fail(source != NULL && key != NULL, NULL);
	if (strcmp(key, "label") == 0) {
		return source->label;
	}
	return value_or_default(source->keys, SCHEMA_GROUP_SOURCE, source->type, key);
}

const char *
config_notifier_get(const NotifierConfig *notifier, const char *key)
{
	g_return_val_if_fail(notifier != NULL && key != NULL, NULL);
	return value_or_default(notifier->keys, SCHEMA_GROUP_NOTIFY, notifier->type, key);
}

/* ---- typed lookups of source and notifier keys (validated at load: no error) ---- */

static bool
bool_of(const char *v)
{
	bool b = false;

	return v != NULL && text_parse_bool(v, &b) && b;
}

static char **
list_of(const char *v)
{
	g_autoptr(GStrvBuilder) out = g_strv_builder_new();
	g_auto(GStrv) words = g_strsplit(v != NULL ? v : "", ",", -1);

	for (char **w = words; *w != NULL; w++) {
		const char *word = g_strstrip(*w);
		if (*word != '\0') {
			g_strv_builder_add(out, word);
		}
	}
	return g_strv_builder_end(out);
}

gint64
config_source_get_duration(const SourceConfig *source, const char *key)
{
	return int_of(config_source_get(source, key), SCHEMA_DURATION);
}

bool
config_source_get_bool(const SourceConfig *source, const char *key)
{
	return bool_of(config_source_get(source, key));
}

gint64
config_notifier_get_duration(const NotifierConfig *notifier, const char *key)
{
	return int_of(config_notifier_get(notifier, key), SCHEMA_DURATION);
}

bool
config_notifier_get_bool(const NotifierConfig *notifier, const char *key)
{
	return bool_of(config_notifier_get(notifier, key));
}

char **
config_notifier_get_list(const NotifierConfig *notifier, const char *key)
{
	return list_of(config_notifier_get(notifier, key));
}

bool
config_notifier_get_window(const NotifierConfig *notifier, const char *key, int *ret_start,
			   int *ret_end)
{
	const char *v = config_notifier_get(notifier, key);
	gint64 start = -1, end = -1;

	if (v == NULL || !parse_window(v, &start, &end) || start < 0) {
		return false;
	}
	*ret_start = (int)start;
	*ret_end = (int)end;
	return true;
}

const SourceConfig *
config_find_source(const Config *config, const char *name)
{
	for (guint i = 0; i < config->sources->len; i++) {
		const SourceConfig *s = g_ptr_array_index(config->sources, i);
		if (strcmp(s->name, name) == 0) {
			return s;
		}
	}
	return NULL;
}

const NotifierConfig *
config_find_notifier(const Config *config, const char *name)
{
	for (guint i = 0; i < config->notifiers->len; i++) {
		const NotifierConfig *n = g_ptr_array_index(config->notifiers, i);
		if (strcmp(n->name, name) == 0) {
			return n;
		}
	}
	return NULL;
}

char *
config_secret(const char *value, GError **error)
{
	return secret_resolve(value, error);
}

/* The secret @value of [@group] @key, resolved; the error names the file, group and key.
 * Caller frees with secret_free(). */
static char *
resolve_key_secret(const Config *config, const char *group, const char *key, const char *value,
		   GError **error)
{
	g_autoptr(GError) local = NULL;
	char *secret = secret_resolve(value, &local);

	if (secret == NULL) {
		g_set_error(error, SW_ERROR, SW_ERROR_CONFIG, "%s: [%s] '%s': %s",
			    config->path != NULL ? config->path : "built-in config", group, key,
			    local->message);
	}
	return secret;
}

/* Resolves (and forgets) every env:/file: value of @keys that the schema
 * marks as secret-capable. */
static bool
check_group_secrets(const Config *config, SchemaGroup kind, const char *group, const char *type,
		    GHashTable *keys, GError **error)
{
	GHashTableIter it;
	gpointer k, v;
	g_hash_table_iter_init(&it, keys);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		const SchemaKey *row = config_schema_find(kind, k);
		if (row == NULL || !is_masked(row) || secret_is_inline(v) ||
		    !config_schema_word_in(row->types, type)) {
			continue;
		}
		char *secret = resolve_key_secret(config, group, k, v, error);
		if (secret == NULL) {
			return false;
		}
		secret_free(secret);
	}
	return true;
}

static void
group_file_warnings(const Config *config, SchemaGroup kind, const char *group, GHashTable *keys,
		    GPtrArray *out)
{
	GHashTableIter it;
	gpointer k, v;
	g_hash_table_iter_init(&it, keys);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		const SchemaKey *row = config_schema_find(kind, k);
		if (row == NULL || !is_masked(row)) {
			continue;
		}
		g_autofree char *w = secret_file_warning(v);
		if (w != NULL) {
			g_ptr_array_add(out, g_strdup_printf("%s: [%s] '%s': %s",
							     config->path != NULL ? config->path
										  : "built-in config",
							     group, (const char *)k, w));
		}
	}
}

char **
config_secret_file_warnings(const Config *config)
{
	g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func(g_free);

	for (guint i = 0; i < config->sources->len; i++) {
		const SourceConfig *s = g_ptr_array_index(config->sources, i);
		g_autofree char *group = g_strconcat("source:", s->name, NULL);
		group_file_warnings(config, SCHEMA_GROUP_SOURCE, group, s->keys, out);
	}
	for (guint i = 0; i < config->notifiers->len; i++) {
		const NotifierConfig *n = g_ptr_array_index(config->notifiers, i);
		g_autofree char *group = g_strconcat("notify:", n->name, NULL);
		group_file_warnings(config, SCHEMA_GROUP_NOTIFY, group, n->keys, out);
	}
	if (out->len == 0) {
		return NULL;
	}
	g_ptr_array_add(out, NULL);
	return (char **)g_ptr_array_free(g_steal_pointer(&out), FALSE);
}

GHashTable *
config_notifier_keys(const Config *config, const NotifierConfig *notifier, GError **error)
{
	g_autofree char *group = g_strconcat("notify:", notifier->name, NULL);
	g_autoptr(GHashTable) out = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
							  (GDestroyNotify)secret_free);
	GHashTableIter it;
	gpointer k, v;

	g_hash_table_iter_init(&it, notifier->keys);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		const SchemaKey *row = config_schema_find(SCHEMA_GROUP_NOTIFY, k);
		if (row == NULL || !is_masked(row) || secret_is_inline(v)) {
			g_hash_table_insert(out, g_strdup(k), g_strdup(v));
			continue;
		}
		char *secret = resolve_key_secret(config, group, k, v, error);
		if (secret == NULL) {
			return NULL;
		}
		g_hash_table_insert(out, g_strdup(k), secret);
	}
	return g_steal_pointer(&out);
}

char *
config_locate(const Config *config, const char *group, const char *key)
{
	g_autofree char *text = NULL;
	guint line = 0;

	if (config->path == NULL) {
		return g_strdup("built-in config");
	}
	if (g_file_get_contents(config->path, &text, NULL, NULL)) {
		line = key != NULL ? find_line(text, group, key) : 0;
		if (line == 0) {
			line = find_line(text, group, NULL);
		}
	}
	if (line == 0) {
		return g_strdup(config->path);
	}
	return g_strdup_printf("%s:%u", config->path, line);
}

bool
config_check_secrets(const Config *config, GError **error)
{
	for (guint i = 0; i < config->sources->len; i++) {
		const SourceConfig *s = g_ptr_array_index(config->sources, i);
		g_autofree char *group = g_strconcat("source:", s->name, NULL);
		if (!check_group_secrets(config, SCHEMA_GROUP_SOURCE, group, s->type, s->keys,
					 error)) {
			return false;
		}
	}
	for (guint i = 0; i < config->notifiers->len; i++) {
		const NotifierConfig *n = g_ptr_array_index(config->notifiers, i);
		g_autofree char *group = g_strconcat("notify:", n->name, NULL);
		if (!check_group_secrets(config, SCHEMA_GROUP_NOTIFY, group, n->type, n->keys,
					 error)) {
			return false;
		}
	}
	return true;
}

/* ---- check-config ---- */

static void
append_policy(GString *s, const NotifierConfig *n)
{
	g_string_append_printf(s, ", min_severity %s", config_notifier_get(n, "min_severity"));
	const char *services = config_notifier_get(n, "services");
	if (services != NULL && *services != '\0') {
		g_string_append_printf(s, ", services '%s'", services);
	}
	const char *sources = config_notifier_get(n, "sources");
	if (sources != NULL && *sources != '\0') {
		g_string_append_printf(s, ", sources '%s'", sources);
	}
	if (!config_notifier_get_bool(n, "notify_resolved")) {
		g_string_append(s, ", not on resolve");
	}
	if (config_notifier_get_bool(n, "quiet")) {
		g_string_append(s, ", quiet (recorded, not delivered)");
	}
}

char *
config_describe(const Config *config)
{
	/* The caller names the file (config->path); these lines say what it sets up. */
	GString *s = g_string_new(NULL);
	for (guint i = 0; i < config->sources->len; i++) {
		const SourceConfig *src = g_ptr_array_index(config->sources, i);
		g_autofree char *every = format_duration(src->interval);
		g_autofree char *stale = format_duration(src->stale_after);
		g_string_append_printf(s, "source '%s' (%s): %s", src->name, src->label, src->type);
		if (strcmp(src->type, "m365") == 0) {
			g_autofree char *secret = secret_mask(config_source_get(src, "client_secret"));
			g_string_append_printf(s, " tenant '%s', cloud %s, client_id %s, "
					       "client_secret %s",
					       config_source_get(src, "tenant"),
					       config_source_get(src, "cloud"),
					       config_source_get(src, "client_id"), secret);
		} else {
			g_autofree char *url = secret_mask(src->url);
			g_string_append_printf(s, " %s", url);
		}
		g_string_append_printf(s, ", every %s, stale after %s", every, stale);
		if (!src->enabled) {
			g_string_append(s, ", disabled");
		}
		g_string_append_c(s, '\n');
	}
	for (guint i = 0; i < config->notifiers->len; i++) {
		const NotifierConfig *n = g_ptr_array_index(config->notifiers, i);
		g_string_append_printf(s, "notifier '%s': %s", n->name, n->type);
		const char *url = config_notifier_get(n, "url");
		if (url != NULL) {
			g_autofree char *masked = secret_mask(url);
			g_string_append_printf(s, " %s", masked);
		}
		if (strcmp(n->type, "email") == 0) {
			g_autofree char *smtp = secret_mask(config_notifier_get(n, "smtp_url"));
			g_string_append_printf(s, " via %s from %s to %s", smtp,
					       config_notifier_get(n, "from"),
					       config_notifier_get(n, "to"));
		}
		append_policy(s, n);
		g_string_append_c(s, '\n');
	}
	if (config->notifiers->len == 0) {
		g_string_append(s, "no notifiers: incidents are recorded but nobody is alerted\n");
	}
	g_autofree char *gap = format_duration(config_get_duration(config, "linker", "max_gap"));
	double threshold = config_get_double(config, "linker", "threshold");
	if (isnan(threshold)) {
		g_string_append_printf(s, "linker: threshold built-in, max_gap %s\n", gap);
	} else {
		g_string_append_printf(s, "linker: threshold %g, max_gap %s\n", threshold, gap);
	}
	if (config_get_bool(config, "digest", "enabled")) {
		const char *notifier = config_get_string(config, "digest", "notifier");
		const char *to = config_get_string(config, "digest", "to");
		if (to == NULL) {
			to = config_notifier_get(config_find_notifier(config, notifier), "to");
		}
		g_string_append_printf(s, "digest: daily at %s via '%s' to %s\n",
				       config_get_string(config, "digest", "time"), notifier, to);
	}
	return g_string_free(s, FALSE);
}
