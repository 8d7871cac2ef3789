/*
 * Helpers shared by the notifier tests: starting a loopback receiver script
 * (a script in tests/integration/, port 0, dies with the test through its stdin pipe),
 * running a Python checker on what it stored, and building sample alerts.
 */
#ifndef SW_TESTS_TEST_NOTIFY_UTIL_H
#define SW_TESTS_TEST_NOTIFY_UTIL_H

#include <gio/gio.h>
#include <glib.h>

#include "model/alert.h"

/* Starts tests/integration/@script with @arg (may be NULL) and returns the port it
 * printed; skips the test (returns 0) when Debian's python3 or @module is missing. */
guint test_spawn_receiver(const char *script, const char *arg, const char *module,
			  GSubprocess **ret_proc);
void test_stop_receiver(GSubprocess *proc);
/* Runs tests/integration/@script @arg and returns its stdout; fails the test on a
 * non-zero exit.  Caller frees. */
char *test_run_python(const char *script, const char *arg);

#define TEST_T0 1764925920 /* 2025-12-05 09:12:00 UTC */

/* An alert about incident "inc-1" with @members advisories (m365/EX649175, ...), all
 * naming "Exchange Online", status @status, severity major; @key e.g. "inc-1/ops/1". */
Alert *test_incident_alert(AlertKind kind, guint members, AdvisoryStatus status,
			   const char *notifier, const char *key);
/* A GHashTable char * -> char * from "key", "value", ..., NULL.  Caller unrefs. */
GHashTable *test_keys(const char *first, ...) G_GNUC_NULL_TERMINATED;

#endif
