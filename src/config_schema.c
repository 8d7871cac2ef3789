/*
 * The one table of every configuration key (see config_schema.h).  Adding a
 * key means adding a row here, a commented line to
 * share/statuswatch.conf.example and an entry in
 * share/man/statuswatch.conf.5.scd; test-config fails until all three agree.
 * This module holds data and lookups only: no parsing, no I/O.
 */
#include "config_schema.h"

#include <string.h>

#define SOURCE_TYPES "rss|atom|feed|jsonfeed|statuspage|m365"
/* Every source type with a URL to poll; m365 talks to Graph instead. */
#define FEED_TYPES "rss|atom|feed|jsonfeed|statuspage"
#define NOTIFY_TYPES \
	"desktop|terminal|email|slack|teams|discord|mattermost|googlechat|ntfy|generic"
/* Notifiers that POST to a URL.  Their URL carries the token, so it is a secret. */
#define WEBHOOK_TYPES "slack|teams|discord|mattermost|googlechat|ntfy|generic"
#define SEVERITIES "info|minor|major|critical"

static const SchemaKey schema[] = {
	/* [source:NAME] */
	{SCHEMA_GROUP_SOURCE, "type", SCHEMA_ENUM, NULL, NULL, NULL, SOURCE_TYPES, NULL,
	 SCHEMA_FLAG_REQUIRED,
	 "feed format; feed = detect RSS, Atom, JSON Feed or Statuspage from the content"},
	{SCHEMA_GROUP_SOURCE, "url", SCHEMA_URL, NULL, NULL, NULL, "http|https|file", FEED_TYPES,
	 SCHEMA_FLAG_REQUIRED | SCHEMA_FLAG_INDIRECT,
	 "address of the feed; may be env:NAME or file:/path when it carries a token"},
	{SCHEMA_GROUP_SOURCE, "label", SCHEMA_STRING, NULL, NULL, NULL, NULL, NULL,
	 SCHEMA_FLAG_NONE, "display name shown in alerts (default: the NAME of the group)"},
	{SCHEMA_GROUP_SOURCE, "interval", SCHEMA_DURATION, "120s", "30s", "1d", NULL, NULL,
	 SCHEMA_FLAG_NONE, "time between polls"},
	{SCHEMA_GROUP_SOURCE, "stale_after", SCHEMA_DURATION, "30m", "1m", "30d", NULL, NULL,
	 SCHEMA_FLAG_NONE, "how long polls may fail before the source is reported unreachable"},
	{SCHEMA_GROUP_SOURCE, "max_size", SCHEMA_SIZE, "8M", "1K", "1G", NULL, NULL,
	 SCHEMA_FLAG_NONE, "largest decoded response accepted"},
	{SCHEMA_GROUP_SOURCE, "max_items", SCHEMA_INT, "1000", "1", "100000", NULL, NULL,
	 SCHEMA_FLAG_NONE, "most items read from one response"},
	{SCHEMA_GROUP_SOURCE, "timeout", SCHEMA_DURATION, "30s", "1s", "10m", NULL, NULL,
	 SCHEMA_FLAG_NONE, "time allowed for one request"},
	{SCHEMA_GROUP_SOURCE, "enabled", SCHEMA_BOOL, "true", NULL, NULL, NULL, NULL,
	 SCHEMA_FLAG_NONE, "false keeps the source configured but not polled"},
	{SCHEMA_GROUP_SOURCE, "depends_on", SCHEMA_LIST, NULL, NULL, NULL, NULL, NULL,
	 SCHEMA_FLAG_NONE,
	 "providers this service depends on, NAME or NAME:REGION (fastly, aws:us-east-1)"},
	{SCHEMA_GROUP_SOURCE, "tenant", SCHEMA_STRING, NULL, NULL, NULL, NULL, "m365",
	 SCHEMA_FLAG_REQUIRED, "Microsoft 365 tenant id (GUID) or verified domain"},
	{SCHEMA_GROUP_SOURCE, "client_id", SCHEMA_STRING, NULL, NULL, NULL, NULL, "m365",
	 SCHEMA_FLAG_REQUIRED, "application (client) id of the app registration"},
	{SCHEMA_GROUP_SOURCE, "client_secret", SCHEMA_SECRET, NULL, NULL, NULL, NULL, "m365",
	 SCHEMA_FLAG_REQUIRED | SCHEMA_FLAG_SECRET,
	 "client secret of the app registration; best as env:NAME or file:/path"},
	{SCHEMA_GROUP_SOURCE, "cloud", SCHEMA_ENUM, "global", NULL, NULL,
	 "global|usgov|usgovdod|china", "m365", SCHEMA_FLAG_NONE,
	 "national cloud the tenant lives in"},
	{SCHEMA_GROUP_SOURCE, "login_url", SCHEMA_URL, NULL, NULL, NULL, "http|https", "m365",
	 SCHEMA_FLAG_NONE,
	 "override of the login host (sovereign clouds, tests); default from cloud"},
	{SCHEMA_GROUP_SOURCE, "graph_url", SCHEMA_URL, NULL, NULL, NULL, "http|https", "m365",
	 SCHEMA_FLAG_NONE,
	 "override of the Microsoft Graph host (sovereign clouds, tests); default from cloud"},
	{SCHEMA_GROUP_SOURCE, "messages", SCHEMA_BOOL, "false", NULL, NULL, NULL, "m365",
	 SCHEMA_FLAG_NONE, "also read message center posts, not only service health issues"},
	{SCHEMA_GROUP_SOURCE, "full_read_interval", SCHEMA_DURATION, "6h", "5m", "7d", NULL,
	 "m365", SCHEMA_FLAG_NONE,
	 "time between full reads; polls in between ask only for changes"},

	/* [notify:NAME] (plus every [policy] key as an override) */
	{SCHEMA_GROUP_NOTIFY, "type", SCHEMA_ENUM, NULL, NULL, NULL, NOTIFY_TYPES, NULL,
	 SCHEMA_FLAG_REQUIRED, "how alerts are delivered"},
	{SCHEMA_GROUP_NOTIFY, "url", SCHEMA_URL, NULL, NULL, NULL, "http|https", WEBHOOK_TYPES,
	 SCHEMA_FLAG_REQUIRED | SCHEMA_FLAG_SECRET,
	 "webhook or ntfy topic URL; it carries a token, so best as env:NAME or file:/path"},
	{SCHEMA_GROUP_NOTIFY, "timeout", SCHEMA_DURATION, "30s", "1s", "10m", NULL, "generic",
	 SCHEMA_FLAG_NONE, "time allowed for one delivery; a receiver slower than this is retried"},
	{SCHEMA_GROUP_NOTIFY, "smtp_url", SCHEMA_URL, NULL, NULL, NULL, "smtp|smtps", "email",
	 SCHEMA_FLAG_REQUIRED | SCHEMA_FLAG_INDIRECT,
	 "mail server, smtp://host:587 (STARTTLS) or smtps://host:465"},
	{SCHEMA_GROUP_NOTIFY, "starttls", SCHEMA_ENUM, "required", NULL, NULL,
	 "required|optional|off", "email", SCHEMA_FLAG_NONE,
	 "STARTTLS on smtp://; off only for a mail server on loopback"},
	{SCHEMA_GROUP_NOTIFY, "smtp_user", SCHEMA_STRING, NULL, NULL, NULL, NULL, "email",
	 SCHEMA_FLAG_NONE, "user name for SMTP AUTH; unset = no authentication"},
	{SCHEMA_GROUP_NOTIFY, "smtp_password", SCHEMA_SECRET, NULL, NULL, NULL, NULL, "email",
	 SCHEMA_FLAG_SECRET, "password for SMTP AUTH; best as env:NAME or file:/path"},
	{SCHEMA_GROUP_NOTIFY, "from", SCHEMA_STRING, NULL, NULL, NULL, NULL, "email",
	 SCHEMA_FLAG_REQUIRED, "sender address"},
	{SCHEMA_GROUP_NOTIFY, "to", SCHEMA_LIST, NULL, NULL, NULL, NULL, "email",
	 SCHEMA_FLAG_REQUIRED, "recipient addresses, comma-separated"},
	{SCHEMA_GROUP_NOTIFY, "token", SCHEMA_SECRET, NULL, NULL, NULL, NULL, "ntfy",
	 SCHEMA_FLAG_SECRET, "access token of a protected ntfy topic; best as env:NAME or file:/path"},

	/* [policy]: defaults for every notifier */
	{SCHEMA_GROUP_POLICY, "min_severity", SCHEMA_ENUM, "minor", NULL, NULL, SEVERITIES, NULL,
	 SCHEMA_FLAG_NONE, "least severity that alerts"},
	{SCHEMA_GROUP_POLICY, "services", SCHEMA_LIST, "", NULL, NULL, NULL, NULL,
	 SCHEMA_FLAG_NONE, "alert only for these services, comma-separated; empty = all"},
	{SCHEMA_GROUP_POLICY, "sources", SCHEMA_LIST, "", NULL, NULL, NULL, NULL,
	 SCHEMA_FLAG_NONE, "alert only for these source NAMEs, comma-separated; empty = all"},
	{SCHEMA_GROUP_POLICY, "notify_resolved", SCHEMA_BOOL, "true", NULL, NULL, NULL, NULL,
	 SCHEMA_FLAG_NONE, "also alert when an incident is resolved"},
	{SCHEMA_GROUP_POLICY, "quiet", SCHEMA_BOOL, "false", NULL, NULL, NULL, NULL,
	 SCHEMA_FLAG_NONE, "record alerts without delivering them"},
	{SCHEMA_GROUP_POLICY, "exclude_services", SCHEMA_LIST, "", NULL, NULL, NULL, NULL,
	 SCHEMA_FLAG_NONE, "no alert when every service of an incident matches one of these globs"},
	{SCHEMA_GROUP_POLICY, "exclude_sources", SCHEMA_LIST, "", NULL, NULL, NULL, NULL,
	 SCHEMA_FLAG_NONE, "no alert when every source of an incident matches one of these globs"},
	{SCHEMA_GROUP_POLICY, "kinds", SCHEMA_LIST, "incident,advisory", NULL, NULL,
	 "incident|advisory|maintenance", NULL, SCHEMA_FLAG_NONE,
	 "which incidents alert: incident, advisory, maintenance (globs)"},
	{SCHEMA_GROUP_POLICY, "group_wait", SCHEMA_DURATION, "60s", "0", "1d", NULL, NULL,
	 SCHEMA_FLAG_NONE,
	 "a new incident's first alert waits this long and one more poll of its sources"},
	{SCHEMA_GROUP_POLICY, "group_interval", SCHEMA_DURATION, "15m", "0", "1d", NULL, NULL,
	 SCHEMA_FLAG_NONE, "least time between two updates of one incident to one notifier"},
	{SCHEMA_GROUP_POLICY, "repeat_interval", SCHEMA_DURATION, "0", "0", "30d", NULL, NULL,
	 SCHEMA_FLAG_NONE, "remind while an incident stays open; 0 = never"},
	{SCHEMA_GROUP_POLICY, "quiet_hours", SCHEMA_WINDOW, NULL, NULL, NULL, NULL, NULL,
	 SCHEMA_FLAG_NONE,
	 "local time window like 22:00-07:00: alerts deferred, then summarised; unset or off = "
	 "none"},
	{SCHEMA_GROUP_POLICY, "timezone", SCHEMA_TIMEZONE, NULL, NULL, NULL, NULL, NULL,
	 SCHEMA_FLAG_NONE, "time zone of quiet_hours, like Europe/Berlin; unset = local"},
	{SCHEMA_GROUP_POLICY, "quiet_hours_pass", SCHEMA_ENUM, NULL, NULL, NULL, SEVERITIES,
	 NULL, SCHEMA_FLAG_NONE, "incidents this severe or worse pass quiet hours; unset = none"},
	{SCHEMA_GROUP_POLICY, "give_up_after", SCHEMA_DURATION, "24h", "1m", "30d", NULL, NULL,
	 SCHEMA_FLAG_NONE,
	 "an alert not delivered by then is given up and the other notifiers are told"},

	/* [linker] */
	{SCHEMA_GROUP_LINKER, "threshold", SCHEMA_DOUBLE, NULL, "0", NULL, NULL, NULL,
	 SCHEMA_FLAG_NONE, "least evidence score that links two advisories; unset = built-in"},
	{SCHEMA_GROUP_LINKER, "max_gap", SCHEMA_DURATION, "2h", "0", "30d", NULL, NULL,
	 SCHEMA_FLAG_NONE, "largest gap between two advisories still counted as near in time"},
	{SCHEMA_GROUP_LINKER, "knowledge", SCHEMA_STRING, NULL, NULL, NULL, NULL, NULL,
	 SCHEMA_FLAG_NONE,
	 "file adding providers, roles and regions to the built-in linker-knowledge.conf"},

	/* [digest] */
	{SCHEMA_GROUP_DIGEST, "enabled", SCHEMA_BOOL, "false", NULL, NULL, NULL, NULL,
	 SCHEMA_FLAG_NONE, "send a daily summary by email"},
	{SCHEMA_GROUP_DIGEST, "time", SCHEMA_CLOCK, "08:00", NULL, NULL, NULL, NULL,
	 SCHEMA_FLAG_NONE, "local time of day the digest is sent, HH:MM"},
	{SCHEMA_GROUP_DIGEST, "notifier", SCHEMA_STRING, NULL, NULL, NULL, NULL, NULL,
	 SCHEMA_FLAG_NONE, "NAME of the email notifier that sends it (required when enabled)"},
	{SCHEMA_GROUP_DIGEST, "to", SCHEMA_LIST, NULL, NULL, NULL, NULL, NULL, SCHEMA_FLAG_NONE,
	 "recipients, comma-separated; unset = the notifier's to"},
	{SCHEMA_GROUP_DIGEST, "send_empty", SCHEMA_BOOL, "true", NULL, NULL, NULL, NULL,
	 SCHEMA_FLAG_NONE,
	 "send a short digest when nothing happened (no incident, every source read, "
	 "no maintenance ahead)"},

	/* [desktop] */
	{SCHEMA_GROUP_DESKTOP, "tray", SCHEMA_ENUM, "auto", NULL, NULL, "auto|true|false", NULL,
	 SCHEMA_FLAG_NONE,
	 "tray status icon in `run`; auto = on when started by the user unit"},

	/* [store] */
	{SCHEMA_GROUP_STORE, "alert_retention", SCHEMA_DURATION, "90d", "0", "3650d", NULL, NULL,
	 SCHEMA_FLAG_NONE,
	 "alerts done with (delivered, parked...) and audit lines older than this are pruned "
	 "daily; 0 = kept forever"},
};

const SchemaKey *
config_schema(gsize *ret_count)
{
	*ret_count = G_N_ELEMENTS(schema);
	return schema;
}

const SchemaKey *
config_schema_find(SchemaGroup group, const char *key)
{
	for (gsize i = 0; i < G_N_ELEMENTS(schema); i++) {
		if (schema[i].group == group && strcmp(schema[i].key, key) == 0) {
			return &schema[i];
		}
	}
	if (group == SCHEMA_GROUP_NOTIFY) {
		return config_schema_find(SCHEMA_GROUP_POLICY, key);
	}
	return NULL;
}

bool
config_schema_word_in(const char *words, const char *word)
{
	if (words == NULL) {
		return true;
	}
	if (word == NULL || *word == '\0') {
		return false;
	}
	gsize len = strlen(word);
	const char *p = words;
	for (;;) {
		const char *bar = strchr(p, '|');
		gsize n = bar != NULL ? (gsize)(bar - p) : strlen(p);
		if (n == len && strncmp(p, word, len) == 0) {
			return true;
		}
		if (bar == NULL) {
			return false;
		}
		p = bar + 1;
	}
}

const char *
config_schema_group_name(SchemaGroup group)
{
	static const char *const names[SCHEMA_GROUP_COUNT] = {
		[SCHEMA_GROUP_SOURCE] = "source",
		[SCHEMA_GROUP_NOTIFY] = "notify",
		[SCHEMA_GROUP_LINKER] = "linker",
		[SCHEMA_GROUP_POLICY] = "policy",
		[SCHEMA_GROUP_DIGEST] = "digest",
		[SCHEMA_GROUP_DESKTOP] = "desktop",
		[SCHEMA_GROUP_STORE] = "store",
	};
	g_return_val_if_fail(group < SCHEMA_GROUP_COUNT, "?");
	return names[group];
}

const char *
config_schema_type_hint(SchemaType type)
{
	static const char *const hints[SCHEMA_TYPE_COUNT] = {
		[SCHEMA_STRING] = "text",
		[SCHEMA_INT] = "a whole number",
		[SCHEMA_DOUBLE] = "a number like 0.5",
		[SCHEMA_BOOL] = "true or false",
		[SCHEMA_DURATION] = "a duration like 120s, 15m or 2h",
		[SCHEMA_SIZE] = "a size like 512K, 8M or a number of bytes",
		[SCHEMA_ENUM] = "one of",
		[SCHEMA_LIST] = "a comma-separated list",
		[SCHEMA_URL] = "a URL",
		[SCHEMA_SECRET] = "text, env:NAME or file:/path",
		[SCHEMA_CLOCK] = "a time of day like 08:00",
		[SCHEMA_WINDOW] = "a window of local time like 22:00-07:00, or off",
		[SCHEMA_TIMEZONE] = "a time zone like Europe/Berlin or UTC",
	};
	g_return_val_if_fail(type < SCHEMA_TYPE_COUNT, "?");
	return hints[type];
}
