/* Helpers shared by the parser tests (see test-util.h). */
#include "test-util.h"

#include <string.h>

#include <cjson/cJSON.h>

#include "model/advisory_json.h"
#include "util/timeparse.h"

const Advisory *
test_find(const SourceResult *r, const char *id)
{
	for (guint i = 0; i < r->advisories->len; i++) {
		const Advisory *a = r->advisories->pdata[i];
		if (g_strcmp0(a->id, id) == 0) {
			return a;
		}
	}
	g_test_message("advisory '%s' not found", id);
	g_assert_not_reached();
	return NULL;
}

void
test_assert_time(gint64 t, const char *expected)
{
	g_autofree char *s = time_format_rfc3339(t);
	g_assert_cmpstr(s, ==, expected);
}

bool
test_has_warning(const SourceResult *r, const char *needle)
{
	for (guint i = 0; i < r->warnings->len; i++) {
		if (strstr(r->warnings->pdata[i], needle) != NULL) {
			return true;
		}
	}
	return false;
}

/*
 * The whole result as JSON (format, advisories as advisory_to_json() writes them,
 * warnings), compared with <case>.expected.json beside the fixture.  SW_UPDATE_GOLDEN=1
 * rewrites the file instead; review the diff before committing it.
 */
void
test_check_golden(const char *dir, const char *name, const SourceResult *r)
{
	cJSON *doc = cJSON_CreateObject();
	cJSON_AddStringToObject(doc, "format", source_format_to_string(r->format));
	cJSON *advisories = cJSON_AddArrayToObject(doc, "advisories");
	for (guint i = 0; i < r->advisories->len; i++) {
		g_autofree char *json = advisory_to_json(r->advisories->pdata[i]);
		cJSON *item = cJSON_Parse(json);
		g_assert_nonnull(item);
		cJSON_AddItemToArray(advisories, item);
	}
	cJSON *warnings = cJSON_AddArrayToObject(doc, "warnings");
	for (guint i = 0; i < r->warnings->len; i++) {
		cJSON_AddItemToArray(warnings, cJSON_CreateString(r->warnings->pdata[i]));
	}
	char *printed = cJSON_Print(doc);
	g_autofree char *got = g_strconcat(printed, "\n", NULL);
	cJSON_free(printed);
	cJSON_Delete(doc);

	g_autofree char *base = g_str_has_suffix(name, ".json") ? g_strndup(name, strlen(name) - 5)
								 : g_strdup(name);
	g_autofree char *file = g_strconcat(base, ".expected.json", NULL);
	g_autofree char *path = g_test_build_filename(G_TEST_DIST, "fixtures", dir, file, NULL);
	if (g_strcmp0(g_getenv("SW_UPDATE_GOLDEN"), "1") == 0) {
		g_assert_true(g_file_set_contents(path, got, -1, NULL));
		return;
	}
	g_autofree char *want = NULL;
	if (!g_file_get_contents(path, &want, NULL, NULL)) {
		g_test_message("%s missing (SW_UPDATE_GOLDEN=1 writes it)", path);
		g_test_fail();
		return;
	}
	g_assert_cmpstr(got, ==, want);
}
