/*
 * Helpers shared by the parser tests: time and warning assertions, and the
 * golden-file comparison of a whole SourceResult with <case>.expected.json.
 */
#ifndef SW_TESTS_TEST_UTIL_H
#define SW_TESTS_TEST_UTIL_H

#include <glib.h>
#include <stdbool.h>

#include "model/advisory.h"
#include "sources/source.h"

/* The advisory of @r with id @id; fails the test when there is none. */
const Advisory *test_find(const SourceResult *r, const char *id);
/* Asserts that @t formats as @expected (RFC 3339, or NULL for SW_TIME_NONE). */
void test_assert_time(gint64 t, const char *expected);
/* True when a warning of @r contains @needle. */
bool test_has_warning(const SourceResult *r, const char *needle);
/* Compares @r, as JSON, with tests/fixtures/@dir/<name without .json>.expected.json;
 * SW_UPDATE_GOLDEN=1 rewrites the file instead. */
void test_check_golden(const char *dir, const char *name, const SourceResult *r);

#endif
