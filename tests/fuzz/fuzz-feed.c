/*
 * The source parser on one format's input (FUZZ_EXPECT, set by meson: UNKNOWN for the
 * XML formats, which are detected, or JSONFEED / STATUSPAGE / GRAPH), fed whole and in
 * random chunks; the two must agree (fuzz.h).
 */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_setup();
	fuzz_feed_compare(FUZZ_EXPECT, data, size);
	return 0;
}
