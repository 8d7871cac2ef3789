/*
 * The schema history of state.db, one SQL step per PRAGMA user_version.
 * store.c runs the steps a database lacks, each in its own transaction, and
 * sets user_version (and, on step 0, application_id) in that same
 * transaction, so a crash leaves the database at a whole version.
 *
 * Rules for this file: a released step is never edited (databases in the
 * wild already ran it); a change is a new step at the end plus a bump of
 * STORE_SCHEMA_VERSION in store.h.  Steps must be plain DDL/DML that SQLite
 * 3.35 accepts (no STRICT tables, which need 3.37).
 *
 * Times are INTEGER Unix seconds in UTC, NULL for SW_TIME_NONE.
 */
#include "store/schema.h"

#include <glib.h>

#include "store/store.h"

typedef struct {
	const char *name;
	const char *sql;
} SchemaStep;

static const SchemaStep steps[] = {
	/* 0 → 1: the base tables. */
	{
		.name = "create base tables",
		.sql = "CREATE TABLE sources ("
		       " name TEXT PRIMARY KEY NOT NULL,"
		       " etag TEXT,"
		       " last_modified TEXT,"
		       " last_attempt INTEGER,"
		       " last_success INTEGER,"
		       " last_error TEXT,"
		       " consecutive_failures INTEGER NOT NULL DEFAULT 0,"
		       " next_poll INTEGER,"
		       " failing_since INTEGER,"
		       " unreachable_reported INTEGER NOT NULL DEFAULT 0,"
		       " last_full_read INTEGER,"
		       " cursor TEXT"
		       ");"
		       /* The current version of each advisory: its JSON document plus the
			* columns queries filter on.  closed = status resolved or
			* false_positive (the part of advisory_is_closed() that does not
			* depend on the clock); changed_at = seen_at of the newest version. */
		       "CREATE TABLE advisories ("
		       " source TEXT NOT NULL,"
		       " id TEXT NOT NULL,"
		       " doc TEXT NOT NULL,"
		       " fingerprint TEXT NOT NULL,"
		       " status TEXT NOT NULL,"
		       " closed INTEGER NOT NULL DEFAULT 0,"
		       " withdrawn INTEGER NOT NULL DEFAULT 0,"
		       " start_at INTEGER,"
		       " end_at INTEGER,"
		       " updated_at INTEGER,"
		       " first_seen INTEGER NOT NULL,"
		       " last_seen INTEGER NOT NULL,"
		       " changed_at INTEGER NOT NULL,"
		       " PRIMARY KEY (source, id)"
		       ");"
		       /* Every version, appended whenever the fingerprint differs from the
			* current one; vid gives the order. */
		       "CREATE TABLE advisory_versions ("
		       " vid INTEGER PRIMARY KEY,"
		       " source TEXT NOT NULL,"
		       " id TEXT NOT NULL,"
		       " fingerprint TEXT NOT NULL,"
		       " seen_at INTEGER NOT NULL,"
		       " doc TEXT NOT NULL,"
		       " FOREIGN KEY (source, id) REFERENCES advisories (source, id)"
		       "  ON DELETE CASCADE"
		       ");"
		       "CREATE INDEX advisory_versions_by_advisory"
		       " ON advisory_versions (source, id, vid);"
		       "CREATE TABLE incidents ("
		       " id TEXT PRIMARY KEY NOT NULL,"
		       " title TEXT,"
		       " created INTEGER,"
		       " updated INTEGER NOT NULL"
		       ");"
		       /* An advisory belongs to at most one incident: hence the key. */
		       "CREATE TABLE incident_members ("
		       " incident_id TEXT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,"
		       " source TEXT NOT NULL,"
		       " advisory_id TEXT NOT NULL,"
		       " PRIMARY KEY (source, advisory_id),"
		       " FOREIGN KEY (source, advisory_id) REFERENCES advisories (source, id)"
		       "  ON DELETE CASCADE"
		       ");"
		       "CREATE INDEX incident_members_by_incident"
		       " ON incident_members (incident_id);"
		       /* reasons: a JSON array of strings, in the linker's order. */
		       "CREATE TABLE incident_links ("
		       " incident_id TEXT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,"
		       " seq INTEGER NOT NULL,"
		       " a_source TEXT NOT NULL,"
		       " a_id TEXT NOT NULL,"
		       " b_source TEXT NOT NULL,"
		       " b_id TEXT NOT NULL,"
		       " score REAL NOT NULL,"
		       " reasons TEXT NOT NULL DEFAULT '[]',"
		       " PRIMARY KEY (incident_id, seq)"
		       ");"
		       "CREATE TABLE incident_aliases ("
		       " alias TEXT PRIMARY KEY NOT NULL,"
		       " incident_id TEXT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE"
		       ");"
		       "CREATE INDEX incident_aliases_by_incident"
		       " ON incident_aliases (incident_id);"
		       /* The alert pipeline's durable queue.  incident_id has no foreign
			* key on purpose: a queued alert outlives a merge and is found again
			* through incident_aliases.  state is the outbox's own vocabulary. */
		       "CREATE TABLE outbox ("
		       " id INTEGER PRIMARY KEY,"
		       " incident_id TEXT NOT NULL,"
		       " notifier TEXT NOT NULL,"
		       " kind TEXT NOT NULL,"
		       " payload TEXT NOT NULL,"
		       " created INTEGER NOT NULL,"
		       " due INTEGER NOT NULL,"
		       " attempts INTEGER NOT NULL DEFAULT 0,"
		       " last_error TEXT,"
		       " state TEXT NOT NULL DEFAULT 'pending'"
		       ");"
		       "CREATE TABLE deliveries ("
		       " id INTEGER PRIMARY KEY,"
		       " outbox_id INTEGER NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,"
		       " notifier TEXT NOT NULL,"
		       " at INTEGER NOT NULL,"
		       " ok INTEGER NOT NULL,"
		       " detail TEXT"
		       ");",
	},
	/*
	 * 1 → 2: people's decisions.  `statuswatch merge/split` records a decision
	 * the linker must honour on every later run, links remember whether a
	 * person made them, incidents whether any membership was decided by hand.
	 * Plus the indexes the daemon's queries want once tables grow: open
	 * advisories, advisories by end, due outbox rows, deliveries by outbox row
	 * (a foreign key child without an index makes every outbox delete a scan).
	 */
	{
		.name = "add decisions, by-hand flags and indexes",
		.sql = "ALTER TABLE incident_links ADD COLUMN by_hand INTEGER NOT NULL DEFAULT 0;"
		       "ALTER TABLE incidents ADD COLUMN merged_by_hand INTEGER NOT NULL DEFAULT 0;"
		       "CREATE TABLE decisions ("
		       " seq INTEGER PRIMARY KEY,"
		       " kind TEXT NOT NULL CHECK (kind IN ('merge', 'split')),"
		       " a TEXT NOT NULL,"
		       " b TEXT,"
		       " at INTEGER NOT NULL,"
		       " CHECK ((kind = 'merge') = (b IS NOT NULL))"
		       ");"
		       "CREATE INDEX advisories_open ON advisories (closed, withdrawn, source);"
		       "CREATE INDEX advisories_by_end ON advisories (end_at);"
		       "CREATE INDEX outbox_due ON outbox (state, due);"
		       "CREATE INDEX deliveries_by_outbox ON deliveries (outbox_id);",
	},
	/*
	 * 2 → 3: the alert pipeline.  The outbox gets the idempotency key (unique: a
	 * revision is queued once), the revision, when it was delivered, and an index
	 * for coalescing by (incident, notifier).  alert_state is the policy's memory
	 * per (incident, notifier): the digest of what the notifier was last told, its
	 * timers and the thread reference.  mutes: `statuswatch mute`.  audit: the
	 * policy's reasons over time, for `statuswatch why`.
	 */
	{
		.name = "add alert state, mutes, audit and outbox keys",
		.sql = "ALTER TABLE outbox ADD COLUMN key TEXT;"
		       "ALTER TABLE outbox ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;"
		       "ALTER TABLE outbox ADD COLUMN delivered_at INTEGER;"
		       "CREATE UNIQUE INDEX outbox_by_key ON outbox (key);"
		       "CREATE INDEX outbox_by_incident ON outbox (incident_id, notifier, state);"
		       "CREATE INDEX outbox_by_notifier ON outbox (notifier, state, id);"
		       "CREATE TABLE alert_state ("
		       " incident_id TEXT NOT NULL,"
		       " notifier TEXT NOT NULL,"
		       " first_seen INTEGER,"
		       " last_alert INTEGER,"
		       " revision INTEGER NOT NULL DEFAULT 0,"
		       " last_kind TEXT,"
		       " sent TEXT,"
		       " sent_updates INTEGER NOT NULL DEFAULT 0,"
		       " held_since INTEGER,"
		       " history INTEGER NOT NULL DEFAULT 0,"
		       " reason TEXT,"
		       " thread_ref TEXT,"
		       " PRIMARY KEY (incident_id, notifier)"
		       ");"
		       "CREATE TABLE mutes ("
		       " incident_id TEXT PRIMARY KEY NOT NULL,"
		       " until INTEGER NOT NULL"
		       ");"
		       "CREATE TABLE audit ("
		       " seq INTEGER PRIMARY KEY,"
		       " incident_id TEXT NOT NULL,"
		       " notifier TEXT,"
		       " at INTEGER NOT NULL,"
		       " what TEXT NOT NULL"
		       ");"
		       "CREATE INDEX audit_by_incident ON audit (incident_id, seq);",
	},
	/*
	 * 3 → 4: the hash of the URL a feed's validators belong to gets its own column;
	 * versions up to 3 kept it in `cursor`, which stays for a real incremental cursor.
	 */
	{
		.name = "move the URL hash of sources out of cursor",
		.sql = "ALTER TABLE sources ADD COLUMN url_hash TEXT;"
		       "UPDATE sources SET url_hash = cursor, cursor = NULL"
		       " WHERE cursor LIKE 'url-sha256:%';",
	},
	/*
	 * 4 → 5: the digest.  digests: one row per period whose digest was claimed
	 * ('sending') or sent, so the daemon and statuswatch-digest.timer send each
	 * period at most once.  source_outages: when each source could not be read,
	 * kept by triggers on sources (the poller's upsert fires the UPDATE ones),
	 * so a digest can name a source that failed in its period and has recovered
	 * since; sources failing at upgrade time start with an open outage.
	 */
	{
		.name = "add digests and source outages",
		.sql = "CREATE TABLE digests ("
		       " since INTEGER NOT NULL,"
		       " until INTEGER NOT NULL,"
		       " state TEXT NOT NULL CHECK (state IN ('sending', 'sent')),"
		       " claimed_at INTEGER NOT NULL,"
		       " sent_at INTEGER,"
		       " answer TEXT,"
		       " PRIMARY KEY (since, until)"
		       ");"
		       "CREATE TABLE source_outages ("
		       " id INTEGER PRIMARY KEY,"
		       " source TEXT NOT NULL,"
		       " start_at INTEGER NOT NULL,"
		       " end_at INTEGER,"
		       " error TEXT"
		       ");"
		       "CREATE INDEX source_outages_by_source ON source_outages (source, end_at);"
		       "CREATE TRIGGER source_outage_opens AFTER UPDATE OF failing_since ON sources"
		       " WHEN OLD.failing_since IS NULL AND NEW.failing_since IS NOT NULL BEGIN"
		       " INSERT INTO source_outages (source, start_at, error)"
		       "  VALUES (NEW.name, NEW.failing_since, NEW.last_error);"
		       " END;"
		       "CREATE TRIGGER source_outage_opens_new AFTER INSERT ON sources"
		       " WHEN NEW.failing_since IS NOT NULL BEGIN"
		       " INSERT INTO source_outages (source, start_at, error)"
		       "  VALUES (NEW.name, NEW.failing_since, NEW.last_error);"
		       " END;"
		       "CREATE TRIGGER source_outage_fails_again AFTER UPDATE OF last_error ON sources"
		       " WHEN NEW.failing_since IS NOT NULL AND NEW.last_error IS NOT NULL BEGIN"
		       " UPDATE source_outages SET error = NEW.last_error"
		       "  WHERE source = NEW.name AND end_at IS NULL;"
		       " END;"
		       "CREATE TRIGGER source_outage_closes AFTER UPDATE OF failing_since ON sources"
		       " WHEN OLD.failing_since IS NOT NULL AND NEW.failing_since IS NULL BEGIN"
		       " UPDATE source_outages"
		       "  SET end_at = MAX(start_at, COALESCE(NEW.last_success, NEW.last_attempt,"
		       "   start_at))"
		       "  WHERE source = NEW.name AND end_at IS NULL;"
		       " END;"
		       "INSERT INTO source_outages (source, start_at, error)"
		       " SELECT name, failing_since, last_error FROM sources"
		       " WHERE failing_since IS NOT NULL;",
	},
	/*
	 * 5 → 6: notes.  A member row with note = 1 is a note listed with the incident
	 * (Incident.notes: a page's notice that it is not affected by the incident's
	 * event), not a member: it owns no incident id (store_incident_assignments()
	 * leaves it out) and keeps no incident alive.
	 */
	{
		.name = "add notes to incident members",
		.sql = "ALTER TABLE incident_members ADD COLUMN note INTEGER NOT NULL DEFAULT 0;",
	},
};

G_STATIC_ASSERT(G_N_ELEMENTS(steps) == STORE_SCHEMA_VERSION);

int
schema_latest_version(void)
{
	return (int)G_N_ELEMENTS(steps);
}

const char *
schema_step_sql(int from_version)
{
	if (from_version < 0 || from_version >= (int)G_N_ELEMENTS(steps)) {
		return NULL;
	}
	return steps[from_version].sql;
}

const char *
schema_step_name(int from_version)
{
	if (from_version < 0 || from_version >= (int)G_N_ELEMENTS(steps)) {
		return NULL;
	}
	return steps[from_version].name;
}
