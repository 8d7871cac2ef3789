/*
 * SourceOutage constructors.  Pure data.
 */
#include "model/source_outage.h"

SourceOutage *
source_outage_new(const char *source, gint64 start, gint64 end, const char *error)
{
	SourceOutage *o = g_new0(SourceOutage, 1);

	o->source = g_strdup(source);
	o->start = start;
	o->end = end;
	o->error = g_strdup(error);
	return o;
}

void
source_outage_free(SourceOutage *outage)
{
	if (outage == NULL) {
		return;
	}
	g_free(outage->source);
	g_free(outage->error);
	g_free(outage);
}
