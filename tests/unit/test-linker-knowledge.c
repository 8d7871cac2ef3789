/*
 * Whose own feed a source is (linker_knowledge_self(), linker_knowledge_declared()
 * in linker/linker_knowledge.c), against the built-in knowledge: a name read as a
 * person reads it, the most specific provider it names ("Google Workspace" is
 * Google Workspace's, not also Google Cloud's for the "google" inside it), and
 * the one lookup of a provider by its group's name (linker_knowledge_provider_index())
 * and the limit of each kind of group (group_kinds[]); and that a suite's service
 * is found by its needles (Knowledge.service_needles) wherever two share a byte;
 * and the whole-word match they share (terms_find_words()).
 */
#include <string.h>

#include <glib.h>

#include "linker/linker.h"
#include "linker/linker_private.h"
#include "model/advisory.h"

static Knowledge know;

/* The bit of the provider named @name ("google cloud"). */
static ProvMask
bit_of(const char *name)
{
	guint i = linker_knowledge_provider_index(&know, name, false);
	g_assert_cmpuint(i, <, know.providers->len);
	return prov_bit(i);
}

/* A provider is found by its group's NAME: exactly in the knowledge's own lists, and
 * with '-' or '_' for a space where a depends_on item is read (loose); no other
 * name of it ("msft teams", an alias) nor a prefix finds it. */
static void
test_provider_index(void)
{
	guint n = know.providers->len;
	guint teams = linker_knowledge_provider_index(&know, "microsoft teams", false);
	g_assert_cmpuint(teams, <, n);
	const KnowledgeProvider *kp = know.providers->pdata[teams];
	g_assert_cmpstr(kp->name, ==, "microsoft teams");
	g_assert_cmpuint(linker_knowledge_provider_index(&know, "microsoft-teams", true), ==, teams);
	g_assert_cmpuint(linker_knowledge_provider_index(&know, "microsoft_teams", true), ==, teams);
	g_assert_cmpuint(linker_knowledge_provider_index(&know, "microsoft teams", true), ==, teams);
	g_assert_cmpuint(linker_knowledge_provider_index(&know, "microsoft-teams", false), ==, n);
	g_assert_cmpuint(linker_knowledge_provider_index(&know, "microsoft", false), ==, n);
	g_assert_cmpuint(linker_knowledge_provider_index(&know, "microsoft teams x", true), ==, n);
	g_assert_cmpuint(linker_knowledge_provider_index(&know, "", true), ==, n);
	/* Every provider is found at its own index. */
	for (guint i = 0; i < n; i++) {
		const KnowledgeProvider *kq = know.providers->pdata[i];
		g_assert_cmpuint(linker_knowledge_provider_index(&know, kq->name, false), ==, i);
	}
}

/* Two provider sets are equal (a ProvMask is no integer: no g_assert_cmphex()). */
#define assert_provs(a, b) g_assert_true(prov_equal((a), (b)))

/* A declared name (linker_feed_declared_name()'s form) is the feed of the provider
 * whose name or alias opens it longest; another provider's shorter name inside that
 * same match ("google" in "google workspace") is not a second owner. */
static void
test_declared_longest(void)
{
	ProvMask gw = bit_of("google workspace");
	ProvMask gc = bit_of("google cloud");
	g_autofree char *declared = linker_feed_declared_name("Google Workspace Status Dashboard");
	g_assert_cmpstr(declared, ==, "google workspace");
	assert_provs(linker_knowledge_declared(&know, declared), gw);
	assert_provs(linker_knowledge_declared(&know, "google cloud"), gc);
	/* "Google" alone names both: either could own the feed, as today. */
	assert_provs(linker_knowledge_declared(&know, "google"), prov_or(gw, gc));
	assert_provs(linker_knowledge_declared(&know, "github"), bit_of("github"));
	assert_provs(linker_knowledge_declared(&know, NULL), PROV_NONE);
}

/* The same in a source's configured name: "google-workspace" is Google Workspace's
 * own feed only; a name holding both providers' names apart keeps both. */
static void
test_source_name_longest(void)
{
	ProvMask gw = bit_of("google workspace");
	ProvMask gc = bit_of("google cloud");
	assert_provs(linker_knowledge_self(&know, "google-workspace", NULL), gw);
	assert_provs(linker_knowledge_self(&know, "Google Workspace status", NULL), gw);
	assert_provs(linker_knowledge_self(&know, "google-cloud", NULL), gc);
	assert_provs(linker_knowledge_self(&know, "gcp and gsuite", NULL), prov_or(gw, gc));
	assert_provs(linker_knowledge_self(&know, "google", NULL), prov_or(gw, gc));
	/* A host is a host: the URL path is not shortened. */
	assert_provs(linker_knowledge_self(&know, NULL, "https://status.cloud.google.com/"), gc);
}

/* Each kind of group is numbered by the bits of a mask: a file filling a kind up to its
 * limit (built-in groups counted) loads, and so does one replacing a group at the limit;
 * one group more is refused with one line naming the group, the limit and the kind. */
static void
test_group_limits(void)
{
	const struct {
		const char *kind, *key, *plural;
		const GPtrArray *have;
		guint max;
	} kinds[] = {
		{"role", "phrases", "roles", know.roles, KNOWLEDGE_MAX_ROLES},
		{"region", "names", "regions", know.regions, KNOWLEDGE_MAX_REGIONS},
		{"country", "names", "countries", know.countries, KNOWLEDGE_MAX_COUNTRIES},
		{"provider", "names", "providers", know.providers, KNOWLEDGE_MAX},
	};
	for (guint i = 0; i < G_N_ELEMENTS(kinds); i++) {
		g_autoptr(GString) full = g_string_new(NULL);
		guint room = kinds[i].max - kinds[i].have->len;
		for (guint n = 0; n < room; n++) {
			g_string_append_printf(full, "[%s:zz%u]\n%s = zz%u\n", kinds[i].kind, n,
					       kinds[i].key, n);
		}
		/* A replacement at the limit: the first built-in group of the kind. */
		const char *first = *(char **)kinds[i].have->pdata[0];
		g_string_append_printf(full, "[%s:%s]\n%s = %s\n", kinds[i].kind, first,
				       kinds[i].key, first);
		g_autoptr(GError) error = NULL;
		LinkerKnowledge *lk = linker_knowledge_new(full->str, "full", &error);
		g_assert_no_error(error);
		linker_knowledge_free(lk);
		g_string_append_printf(full, "[%s:zz%u]\n%s = zz\n", kinds[i].kind, room,
				       kinds[i].key);
		g_assert_null(linker_knowledge_new(full->str, "full", &error));
		g_assert_error(error, SW_ERROR, SW_ERROR_LIMIT);
		g_autofree char *want = g_strdup_printf("[%s:zz%u]: more than %u %s", kinds[i].kind,
							room, kinds[i].max, kinds[i].plural);
		g_assert_nonnull(strstr(error->message, want));
	}
}

/* Two services of a suite whose needles (a name's longest word less its first
 * letter, see linker_knowledge_load()) start at the same byte of a word: "cme"
 * of "acme chat" and "cmedrive" of "acmedrive".  A text blaming Acmedrive blames
 * it, whichever needle the search meets first; and Acme Chat where it is named. */
static void
test_service_needles_one_place(void)
{
	static const char extra[] = "[provider:acme chat]\n"
				    "names = acme chat\n"
				    "services = acme chat\n"
				    "[provider:acmedrive]\n"
				    "names = acmedrive\n"
				    "services = acmedrive\n";
	Knowledge k;
	linker_knowledge_init(&k);
	g_autoptr(GError) error = NULL;
	g_assert_true(linker_knowledge_load(&k, extra, "test", &error));
	g_assert_no_error(error);
	ProvMask chat = PROV_NONE, drive = PROV_NONE;
	for (guint i = 0; i < k.providers->len; i++) {
		const KnowledgeProvider *kp = k.providers->pdata[i];
		if (g_strcmp0(kp->name, "acme chat") == 0) {
			chat = prov_bit(i);
		} else if (g_strcmp0(kp->name, "acmedrive") == 0) {
			drive = prov_bit(i);
		}
	}
	g_assert_true(prov_any(chat) && prov_any(drive));
	static const struct {
		const char *text;
		gboolean chat, drive;
	} cases[] = {
		{"File uploads fail because Acmedrive is down.", FALSE, TRUE},
		{"Messages are delayed because Acme Chat is down.", TRUE, FALSE},
		{"Sync fails because Acmedrive is down. Acme Chat is unavailable.", TRUE, TRUE},
		{"Backups of Acmedrive folders are delayed.", FALSE, FALSE},
	};
	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autoptr(Advisory) a = advisory_new("downstream", "1");
		advisory_set_str(&a->title, "Uploads failing");
		advisory_set_str(&a->text, cases[i].text);
		/* In an update too, which the text holds (read from the text's matches). */
		advisory_add_update(a, 0, ADVISORY_STATUS_UNKNOWN, cases[i].text);
		ProvMask denied, products;
		ProvMask blamed = linker_service_blame(&k, a, G_MAXUINT32, true, &denied, &products);
		g_test_message("%s", cases[i].text);
		g_assert_cmpint(prov_meets(blamed, chat), ==, cases[i].chat);
		g_assert_cmpint(prov_meets(blamed, drive), ==, cases[i].drive);
	}
	linker_knowledge_clear(&k);
}

/* The one whole-word match (terms_find_words()) that names in a source's name, a
 * suite's consumer words and terms_has_words() use: letters and digits delimit
 * words, anything else does not ("outlook.com", "google-cloud"), from a place on. */
static void
test_find_words(void)
{
	const char *hay = "outlook.com and outlook, not outlooks; google-cloud";
	const char *p = terms_find_words(hay, hay, "outlook");
	g_assert_true(p == hay);
	p = terms_find_words(hay, p + 1, "outlook");
	g_assert_true(p == strstr(hay, "outlook,"));
	g_assert_null(terms_find_words(hay, p + 1, "outlook"));
	g_assert_true(terms_find_words(hay, hay, "outlook.com") == hay);
	g_assert_nonnull(terms_find_words(hay, hay, "google"));
	g_assert_nonnull(terms_find_words(hay, hay, "cloud"));
	g_assert_null(terms_find_words(hay, hay, "oogle"));
	g_assert_null(terms_find_words(hay, hay, "Outlook")); /* byte for byte */
	g_assert_true(terms_has_words(hay, "not outlooks"));
	g_assert_false(terms_has_words(hay, "not outlook"));
}

/* A provider's display name is kept as written (reasons print it); without one, or
 * with a blank one, reasons print the first of its names. */
static void
test_display_name(void)
{
	const KnowledgeProvider *kp =
		know.providers->pdata[linker_knowledge_provider_index(&know, "letsencrypt", false)];
	g_assert_cmpstr(kp->display, ==, "Let's Encrypt");
	g_autoptr(GError) error = NULL;
	LinkerKnowledge *lk = linker_knowledge_new("[provider:acme edge]\ndisplay =  ACME Edge \n"
						   "names = acme edge\n[provider:zeta]\n"
						   "display =\nnames = zeta\n[provider:beta]\n"
						   "names = beta\n",
						   "extra", &error);
	g_assert_no_error(error);
	const Knowledge *k = &lk->k;
	const char *want[][2] = {{"acme edge", "ACME Edge"}, {"zeta", NULL}, {"beta", NULL}};
	for (guint i = 0; i < G_N_ELEMENTS(want); i++) {
		guint p = linker_knowledge_provider_index(k, want[i][0], false);
		g_assert_cmpuint(p, <, k->providers->len);
		g_assert_cmpstr(((const KnowledgeProvider *)k->providers->pdata[p])->display, ==,
				want[i][1]);
	}
	linker_knowledge_free(lk);
}

/* A carrier's countries are [country:NAME] groups (an unknown one is an error naming
 * the group); a role phrase the scanner would cut at a hyphened word ("single
 * sign-on provider": "single sign") is kept apart as joined, "on-call provider"
 * ("call provider", whole) is not. */
static void
test_countries_and_joined(void)
{
	guint v = linker_knowledge_provider_index(&know, "verizon", false);
	g_assert_cmpuint(v, <, know.providers->len);
	guint us = 0;
	while (us < know.countries->len &&
	       strcmp(((const KnowledgeList *)know.countries->pdata[us])->name, "united states") != 0) {
		us++;
	}
	g_assert_cmpuint(us, <, know.countries->len);
	g_assert_cmphex(know.prov_countries[v], ==, G_GUINT64_CONSTANT(1) << us);
	g_autoptr(GError) error = NULL;
	g_assert_null(linker_knowledge_new("[provider:zzcarrier]\nnames = zzcarrier\n"
					   "roles = telecom\ncountries = atlantis\n",
					   "extra", &error));
	g_assert_error(error, SW_ERROR, SW_ERROR_CONFIG);
	g_assert_nonnull(strstr(error->message, "[provider:zzcarrier]: countries: 'atlantis' is "
						"no [country:NAME] group"));
	bool sso = false, oncall_joined = false, oncall_item = false;
	for (guint r = 0; r < know.roles->len; r++) {
		const KnowledgeList *kl = know.roles->pdata[r];
		for (guint j = 0; kl->joined[j] != NULL; j++) {
			sso |= strcmp(kl->joined[j], "single sign-on provider") == 0 &&
			       strcmp(kl->name, "identity") == 0;
			oncall_joined |= strcmp(kl->joined[j], "on-call provider") == 0;
		}
		for (guint j = 0; kl->items[j] != NULL; j++) {
			g_assert_cmpstr(kl->items[j], !=, "single sign-on provider");
			oncall_item |= strcmp(kl->items[j], "on-call provider") == 0;
		}
	}
	g_assert_true(sso);
	g_assert_false(oncall_joined);
	g_assert_true(oncall_item);
	/* Their hyphened words, listed once for text_joined_roles(). */
	g_assert_true(know.joined_all);
	g_assert_cmpuint(know.joined_nwords, ==, 1);
	g_assert_cmpstr(know.joined_words[0], ==, "sign-on");
	g_assert_cmpuint(know.joined_len[0], ==, strlen("sign-on"));
}

/* A hosting provider's site ("fsn1", Hetzner's Falkenstein park) is its alone; a
 * region two providers name alike ("UK South": Azure's and Oracle Cloud's) and a city
 * ("Frankfurt") are no one's site. */
static void
test_sites(void)
{
	guint hetzner = linker_knowledge_provider_index(&know, "hetzner", false);
	guint ovh = linker_knowledge_provider_index(&know, "ovhcloud", false);
	guint azure = linker_knowledge_provider_index(&know, "azure", false);
	g_autoptr(GPtrArray) regions = g_ptr_array_new();
	g_assert_null(linker_knowledge_site_of(&know, NULL, hetzner));
	g_ptr_array_add(regions, (gpointer) "eu-central");
	g_ptr_array_add(regions, (gpointer) "uk-south");
	g_assert_null(linker_knowledge_site_of(&know, regions, hetzner));
	g_assert_null(linker_knowledge_site_of(&know, regions, azure));
	g_ptr_array_add(regions, (gpointer) "fsn1");
	g_assert_cmpstr(linker_knowledge_site_of(&know, regions, hetzner), ==, "fsn1");
	g_assert_null(linker_knowledge_site_of(&know, regions, ovh));
	g_ptr_array_add(regions, (gpointer) "sbg");
	g_assert_cmpstr(linker_knowledge_site_of(&know, regions, ovh), ==, "sbg");
}

/* A status host names its company's pages under it: a "www." host also its bare
 * domain and its other subdomains (GitHub's EU page), a product page under the
 * company's status host (Jira's under status.atlassian.com, Azure DevOps's page,
 * Mandrill's); a URL whose host only starts with the host is no one's. */
static void
test_host_subdomains(void)
{
	ProvMask gh = bit_of("github");
	assert_provs(linker_knowledge_self(&know, NULL, "https://www.githubstatus.com/"), gh);
	assert_provs(linker_knowledge_self(&know, NULL, "https://githubstatus.com/incidents/x"),
		     gh);
	assert_provs(linker_knowledge_self(&know, NULL, "https://eu.githubstatus.com/history"),
		     gh);
	assert_provs(linker_knowledge_self(&know, NULL,
					   "https://www.githubstatus.com.mirror.example/"),
		     PROV_NONE);
	assert_provs(linker_knowledge_self(&know, NULL, "https://mygithubstatus.com/"),
		     PROV_NONE);
	assert_provs(linker_knowledge_self(&know, NULL,
					   "https://jira-software.status.atlassian.com/"),
		     bit_of("atlassian"));
	assert_provs(linker_knowledge_self(&know, NULL, "https://status.dev.azure.com/_event/1"),
		     bit_of("azure"));
	assert_provs(linker_knowledge_self(&know, NULL, "https://status.mandrillapp.com/"),
		     bit_of("mailchimp"));
}

/* linker_denials_maybe() finds what a strstr() per gate string finds (it reads
 * every sentence of an advisory holding one: "not ", "n't ", " own ", "-house",
 * "self-hosted"), wherever the string stands: at the start, at the end, across
 * the 16-byte steps of its one pass; and bytes of them that are none ("cannot",
 * "sign-in", "town", "no t") do not count. */
static void
test_gate_one_pass(void)
{
	static const char *const gates[] = {"not ", "n't ", " own ", "-house", "self-hosted"};
	static const char *const pieces[] = {
		"not ", "n't ", " own ", "-house", "self-hosted", "cannot", "nothing", "sign-in",
		"town ", "own", " ow", "no t", "don't", "n'", "'t ", "-hous", "self-host", "elf-hosted",
		"x", "  ", "abcdefghij", "Not ", " OWN ", "in-House", "N'T ",
	};
	GRand *rand = g_rand_new_with_seed(15);
	guint found = 0;
	for (guint round = 0; round < 4000; round++) {
		GString *t = g_string_new(NULL);
		/* Filler of 0-40 bytes, then pieces: each string lands at every offset. */
		for (guint f = g_rand_int_range(rand, 0, 41); f > 0; f--) {
			g_string_append_c(t, "abc .,xyz"[g_rand_int_range(rand, 0, 9)]);
		}
		for (guint n = g_rand_int_range(rand, 0, 4); n > 0; n--) {
			g_string_append(t, pieces[g_rand_int_range(rand, 0, G_N_ELEMENTS(pieces))]);
			for (guint f = g_rand_int_range(rand, 0, 20); f > 0; f--) {
				g_string_append_c(t, "abc .,xyz"[g_rand_int_range(rand, 0, 9)]);
			}
		}
		bool want = false;
		for (gsize i = 0; i < G_N_ELEMENTS(gates); i++) {
			want |= strstr(t->str, gates[i]) != NULL;
		}
		found += want;
		g_autoptr(Advisory) a = advisory_new("src", "1");
		advisory_set_str(&a->title, round % 2 ? t->str : "Title");
		advisory_set_str(&a->text, round % 2 ? "Text" : t->str);
		if (linker_denials_maybe(a, 0, linker_text_holds_updates(a)) != want) {
			g_test_message("'%s'", t->str);
		}
		g_assert_cmpint(linker_denials_maybe(a, 0, linker_text_holds_updates(a)), ==, want);
		g_string_free(t, TRUE);
	}
	g_assert_cmpuint(found, >, 1000); /* both answers were asked for */
	g_rand_free(rand);
}

/* The objects of an advisory's cues (linker_cause_objects()): a cue found at any
 * place of the text, across the 16-byte steps of its one pass and in its last
 * bytes; of more than 32 cues, those a search per cue kept: all of "by" (the first
 * of cue_lasts), then "to" up to 32 in all. */
static void
test_cause_cues_one_pass(void)
{
	for (guint pad = 0; pad < 40; pad++) {
		g_autoptr(Advisory) a = advisory_new("src", "1");
		g_autofree char *text = g_strdup_printf("%*sErrors were due to the outage",
							 (int)pad, "");
		advisory_set_str(&a->text, text);
		guint32 roles;
		g_auto(GStrv) objects = linker_cause_objects(&know, a, TERMS_SENTENCE_CAUSE,
							     linker_text_holds_updates(a), &roles);
		g_test_message("pad %u", pad);
		g_assert_nonnull(objects);
		g_assert_cmpstr(objects[0], ==, "the outage");
		g_assert_null(objects[1]);
	}
	/* 33 cues by "to" naming no event, then one by "by": it is among the 32. */
	GString *t = g_string_new(NULL);
	for (guint i = 0; i < 33; i++) {
		g_string_append(t, "Delays were due to load. ");
	}
	g_string_append(t, "Errors were caused by the regional DNS outage.");
	g_autoptr(Advisory) a = advisory_new("src", "1");
	advisory_set_str(&a->text, t->str);
	guint32 roles;
	g_auto(GStrv) objects = linker_cause_objects(&know, a, TERMS_SENTENCE_CAUSE,
						     linker_text_holds_updates(a), &roles);
	g_assert_nonnull(objects);
	g_assert_cmpstr(objects[0], ==, "the regional DNS outage");
	/* 33 by "by", then one by "to": it is not (the 32 were all of "by"). */
	g_string_truncate(t, 0);
	for (guint i = 0; i < 33; i++) {
		g_string_append(t, "Delays were caused by load. ");
	}
	g_string_append(t, "Errors were due to the regional DNS outage.");
	g_autoptr(Advisory) b = advisory_new("src", "2");
	advisory_set_str(&b->text, t->str);
	g_auto(GStrv) none = linker_cause_objects(&know, b, TERMS_SENTENCE_CAUSE,
						  linker_text_holds_updates(b), &roles);
	g_assert_null(none);
	g_string_free(t, TRUE);
}

/* The security cue words of linker_security.c are sorted (bsearch()) and their first
 * letters listed for the quick test before the lookup. */
static void
test_security_cue_lists(void)
{
	g_assert_true(linker_security_self_check());
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	linker_knowledge_init(&know);
	g_autoptr(GError) error = NULL;
	g_assert_true(linker_knowledge_load(&know, linker_knowledge_builtin, "built-in", &error));
	g_test_add_func("/linker-knowledge/provider-index", test_provider_index);
	g_test_add_func("/linker-knowledge/group-limits", test_group_limits);
	g_test_add_func("/linker-knowledge/display-name", test_display_name);
	g_test_add_func("/linker-knowledge/declared-longest", test_declared_longest);
	g_test_add_func("/linker-knowledge/source-name-longest", test_source_name_longest);
	g_test_add_func("/linker-knowledge/service-needles-one-place",
			test_service_needles_one_place);
	g_test_add_func("/linker-knowledge/find-words", test_find_words);
	g_test_add_func("/linker-knowledge/countries-and-joined", test_countries_and_joined);
	g_test_add_func("/linker-knowledge/sites", test_sites);
	g_test_add_func("/linker-knowledge/host-subdomains", test_host_subdomains);
	g_test_add_func("/linker-knowledge/gate-one-pass", test_gate_one_pass);
	g_test_add_func("/linker-knowledge/cause-cues-one-pass", test_cause_cues_one_pass);
	g_test_add_func("/linker-knowledge/security-cue-lists", test_security_cue_lists);
	int rc = g_test_run();
	linker_knowledge_clear(&know);
	return rc;
}
