/* util/sha256: the digest equals GChecksum's SHA-256 for every length around the
 * block and padding edges, in both ways it is computed (the CPU's SHA instructions
 * where present, the C rounds always), and the FIPS 180-4 examples. */
#include <glib.h>
#include <stdbool.h>
#include <string.h>

#include "util/sha256.h"

static void
glib_digest(const guint8 *data, gsize len, guint8 out[SHA256_DIGEST_LEN])
{
	GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
	gsize n = SHA256_DIGEST_LEN;
	g_checksum_update(sum, data, (gssize)len);
	g_checksum_get_digest(sum, out, &n);
	g_checksum_free(sum);
	g_assert_cmpuint(n, ==, SHA256_DIGEST_LEN);
}

static char *
hex(const guint8 d[SHA256_DIGEST_LEN])
{
	GString *s = g_string_new(NULL);
	for (guint i = 0; i < SHA256_DIGEST_LEN; i++) {
		g_string_append_printf(s, "%02x", d[i]);
	}
	return g_string_free(s, FALSE);
}

static void
test_known(void)
{
	static const struct {
		const char *in;
		const char *want;
	} cases[] = {
		{"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
		{"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
		{"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		 "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
	};
	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		guint8 d[SHA256_DIGEST_LEN];
		sha256_digest(cases[i].in, strlen(cases[i].in), d);
		g_autofree char *h1 = hex(d);
		g_assert_cmpstr(h1, ==, cases[i].want);
		sha256_digest_generic(cases[i].in, strlen(cases[i].in), d);
		g_autofree char *h2 = hex(d);
		g_assert_cmpstr(h2, ==, cases[i].want);
	}
}

/* Every length from 0 to 1,100 bytes (the one- and two-block paddings at 55/56 and
 * 119/120, several full blocks) and random lengths up to 20,000, random bytes, at
 * an odd offset (unaligned loads). */
static void
test_against_glib(void)
{
	/* Which way sha256_digest() goes, so a log shows whether the SHA instructions
	 * were tested (they are not under valgrind, whose CPU lacks them). */
	g_test_message("sha256_digest(): %s",
		       sha256_accelerated() ? "CPU SHA instructions" : "C rounds");
	GRand *rand = g_rand_new_with_seed(15);
	gsize cap = 20001;
	guint8 *buf = g_malloc(cap + 1);
	for (guint round = 0; round < 1400; round++) {
		gsize len = round <= 1100 ? round : (gsize)g_rand_int_range(rand, 0, (gint32)cap);
		for (gsize i = 0; i < len; i++) {
			buf[1 + i] = (guint8)g_rand_int(rand);
		}
		guint8 want[SHA256_DIGEST_LEN], got[SHA256_DIGEST_LEN], gen[SHA256_DIGEST_LEN];
		glib_digest(buf + 1, len, want);
		sha256_digest(buf + 1, len, got);
		sha256_digest_generic(buf + 1, len, gen);
		if (memcmp(want, got, sizeof(want)) != 0 || memcmp(want, gen, sizeof(want)) != 0) {
			g_autofree char *hw = hex(want);
			g_autofree char *hg = hex(got);
			g_autofree char *hc = hex(gen);
			g_error("length %" G_GSIZE_FORMAT ": GChecksum %s, sha256_digest %s, generic %s",
				len, hw, hg, hc);
		}
	}
	g_free(buf);
	g_rand_free(rand);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/sha256/known", test_known);
	g_test_add_func("/sha256/against-glib", test_against_glib);
	return g_test_run();
}
