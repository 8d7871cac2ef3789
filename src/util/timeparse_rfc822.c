/*
 * RFC 822 date parsing.  PLACEHOLDER until the feeds work lands: it only
 * handles what g_date_time can be coaxed into; see timeparse.h for the target.
 */
#include "util/timeparse.h"

bool
time_parse_rfc822(const char *s, gint64 *ret_time)
{
	(void)s;
	(void)ret_time;
	return false;
}
