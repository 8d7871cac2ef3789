/*
 * SHA-256 of a byte string in one call, for the hot ids (an incident's derived id
 * per incident of a listing).  GLib's GChecksum does the same work at about 6,000
 * instructions per short key, with three allocations and a hex string beside the
 * digest; this one takes the CPU's SHA instructions where it has them (x86-64 SHA
 * extensions, checked once at run time) and a plain C rounds loop elsewhere (and
 * under valgrind, which hides them).  Both give FIPS 180-4's digest, byte for byte
 * what g_checksum_get_digest() gives (tests/unit/test-sha256.c).
 */
#ifndef SW_UTIL_SHA256_H
#define SW_UTIL_SHA256_H

#include <stdbool.h>

#include <glib.h>

#define SHA256_DIGEST_LEN 32

/* The SHA-256 digest of the @len bytes at @data (borrowed; may be NULL when @len is 0)
 * into @out.  Thread-safe. */
void sha256_digest(const void *data, gsize len, guint8 out[SHA256_DIGEST_LEN]);

/* For tests: the plain C rounds whatever the CPU has, and whether sha256_digest()
 * takes the CPU's SHA instructions. */
void sha256_digest_generic(const void *data, gsize len, guint8 out[SHA256_DIGEST_LEN]);
bool sha256_accelerated(void);

#endif
