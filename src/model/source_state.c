/*
 * SourceState constructors.  Pure data.
 */
#include "model/source_state.h"

#include "model/advisory.h"

SourceState *
source_state_new(const char *name)
{
	SourceState *st = g_new0(SourceState, 1);

	st->name = g_strdup(name);
	st->last_attempt = SW_TIME_NONE;
	st->last_success = SW_TIME_NONE;
	st->next_poll = SW_TIME_NONE;
	st->failing_since = SW_TIME_NONE;
	st->last_full_read = SW_TIME_NONE;
	return st;
}

void
source_state_free(SourceState *st)
{
	if (st == NULL) {
		return;
	}
	g_free(st->name);
	g_free(st->etag);
	g_free(st->last_modified);
	g_free(st->last_error);
	g_free(st->cursor);
	g_free(st->url_hash);
	g_free(st);
}
