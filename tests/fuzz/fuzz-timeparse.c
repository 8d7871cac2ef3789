/*
 * The date parsers (RFC 3339, RFC 822 and their union, config durations).  Beyond not
 * crashing: a time parsed from RFC 3339 survives a round trip through
 * time_format_rfc3339(), and time_parse_any() accepts exactly what one of the two
 * accepts, with the same value.
 */
#include "fuzz.h"

#include "util/timeparse.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	g_autofree char *s = fuzz_strndup(data, size);
	gint64 t3339 = 0;
	gint64 t822 = 0;
	gint64 tany = 0;
	gint64 secs = 0;

	fuzz_setup();
	bool ok3339 = time_parse_rfc3339(s, &t3339);
	bool ok822 = time_parse_rfc822(s, &t822);
	bool okany = time_parse_any(s, &tany);
	(void)time_parse_duration(s, &secs);

	if (okany != (ok3339 || ok822)) {
		fuzz_fail("'%s': any=%d but rfc3339=%d rfc822=%d", s, okany, ok3339, ok822);
	}
	if (okany && !(ok3339 && tany == t3339) && !(ok822 && tany == t822)) {
		fuzz_fail("'%s': any gives %" G_GINT64_FORMAT ", neither parser does", s, tany);
	}
	if (ok3339) {
		g_autofree char *back = time_format_rfc3339(t3339);
		gint64 again = 0;
		if (back != NULL && (!time_parse_rfc3339(back, &again) || again != t3339)) {
			fuzz_fail("'%s' -> %" G_GINT64_FORMAT " -> '%s' does not read back", s,
				  t3339, back);
		}
	}
	return 0;
}
