/*
 * Shared by the libFuzzer targets in tests/fuzz/ (README.md there).  Each target
 * defines LLVMFuzzerTestOneInput(); built with -Dfuzzing=true (clang) it links
 * libFuzzer, otherwise replay.c gives it a main() that runs the stored inputs once,
 * so plain `meson test` replays every seed and every regression file.
 *
 * A target reports a bug by aborting (fuzz_fail()): libFuzzer saves the input.
 */
#ifndef SW_TESTS_FUZZ_H
#define SW_TESTS_FUZZ_H

#include <glib.h>
#include <stddef.h>
#include <stdint.h>

#include "sources/source.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Prints "fuzz: " + the message to stderr and aborts. */
void fuzz_fail(const char *format, ...) G_GNUC_PRINTF(1, 2) G_GNUC_NORETURN;

/* Once per process: GLib criticals abort (a g_return_if_fail is a bug), warnings are
 * dropped (bad input is expected to warn). */
void fuzz_setup(void);

/* A NUL-terminated copy of the input.  Caller frees. */
char *fuzz_strndup(const uint8_t *data, size_t size);

/*
 * Parses @data with the source parser (@expect as SourceContext.expect) twice: in one
 * chunk, and in chunks of 1 to 97 bytes whose sizes come from a PRNG seeded by a hash
 * of the input (deterministic, so a saved crash replays).  Both must agree: both fail
 * with the same error code, or both succeed with the same format, advisories
 * (advisory_to_json()), warnings, next link and truncation flag.  Every advisory must
 * be valid UTF-8 in its JSON form.
 */
void fuzz_feed_compare(SourceFormat expect, const uint8_t *data, size_t size);

#endif
