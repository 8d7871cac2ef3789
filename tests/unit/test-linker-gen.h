/*
 * A year of generated status-page traffic for the linker, shared by the linker
 * benchmark (tests/bench/bench-linker.c) and test-linker-threads: fault events of
 * one to four advisories that share a cause (a made-up component word and a
 * failure phrase) across services and sources, starting within an hour of each
 * other, among many concurrent unrelated advisories on the same services with
 * the same boilerplate.  The same seed gives the same advisories.
 */
#ifndef SW_TESTS_TEST_LINKER_GEN_H
#define SW_TESTS_TEST_LINKER_GEN_H

#include <glib.h>
#include <stdbool.h>

/* The generated year starts at 2023-01-01T00:00:00Z. */
#define TEST_LINKER_T0 1672531200
#define TEST_LINKER_YEAR (365 * 24 * 3600)

typedef struct {
	GPtrArray *advs; /* Advisory *, owned, in the order generated */
	GArray *truth;   /* guint per advisory: its fault event (one event, one incident) */
} TestLinkerGen;

/* Fills @g with @n advisories from @seed.  @short_faults: durations 30 min..12 h,
 * uniform (the first generator's), instead of 10 min..3 days, log-uniform.
 * Free with test_linker_gen_clear(). */
void test_linker_gen(TestLinkerGen *g, guint n, guint32 seed, bool short_faults);
void test_linker_gen_clear(TestLinkerGen *g);

#endif
