/*
 * The store's schema history (internal to store/, and to tests that build old
 * databases).  Step i takes a database from user_version i to i + 1; the store
 * applies each step in its own transaction.  Steps are never edited once
 * released: a change is a new step.
 */
#ifndef SW_STORE_SCHEMA_H
#define SW_STORE_SCHEMA_H

/*
 * PRAGMA application_id of every statuswatch database: "SWst" in ASCII.  A
 * database with another non-zero id belongs to some other program.
 */
#define SCHEMA_APPLICATION_ID 0x53577374

/* The newest version the steps reach; equals STORE_SCHEMA_VERSION. */
int schema_latest_version(void);

/*
 * The SQL that takes a database from @from_version to @from_version + 1 (it
 * does not touch user_version or application_id; the caller sets those), or
 * NULL if there is no such step.  Borrowed, static.
 */
const char *schema_step_sql(int from_version);

/* A one-line description of the step, for error messages.  Borrowed, static. */
const char *schema_step_name(int from_version);

#endif
