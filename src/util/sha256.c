/*
 * SHA-256 (FIPS 180-4) of a byte string in one call.  Two ways to run the
 * compression function over 64-byte blocks: the x86-64 SHA extensions
 * (sha256rnds2/msg1/msg2: about 2 cycles a byte), chosen once at run time from
 * CPUID, and plain C rounds everywhere else (valgrind's CPU has no SHA extensions,
 * so callgrind counts the C rounds).  The padding and the digest's byte order are
 * shared.  Never allocates, never logs; the only state is the CPUID answer, made
 * once.
 */
#include "util/sha256.h"

#include <string.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define SHA256_X86 1
#include <cpuid.h>
#include <immintrin.h>
#endif

/* The round constants: the first 32 bits of the fractional parts of the cube
 * roots of the first 64 primes (FIPS 180-4, 4.2.2). */
static const guint32 K[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
	0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
	0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
	0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
	0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
	0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
	0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
	0xc67178f2,
};

/* The initial hash value (FIPS 180-4, 5.3.3). */
static const guint32 H0[8] = {
	0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
	0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

typedef void (*Sha256Blocks)(guint32 st[8], const guint8 *p, gsize nblocks);

static inline guint32
ror32(guint32 x, unsigned n)
{
	return (x >> n) | (x << (32 - n));
}

static inline guint32
load_be32(const guint8 *p)
{
	return (guint32)p[0] << 24 | (guint32)p[1] << 16 | (guint32)p[2] << 8 | (guint32)p[3];
}

static void
blocks_generic(guint32 st[8], const guint8 *p, gsize nblocks)
{
	for (; nblocks > 0; nblocks--, p += 64) {
		guint32 w[64];
		for (unsigned i = 0; i < 16; i++) {
			w[i] = load_be32(p + 4 * i);
		}
		for (unsigned i = 16; i < 64; i++) {
			guint32 s0 = ror32(w[i - 15], 7) ^ ror32(w[i - 15], 18) ^ (w[i - 15] >> 3);
			guint32 s1 = ror32(w[i - 2], 17) ^ ror32(w[i - 2], 19) ^ (w[i - 2] >> 10);
			w[i] = w[i - 16] + s0 + w[i - 7] + s1;
		}
		guint32 a = st[0], b = st[1], c = st[2], d = st[3];
		guint32 e = st[4], f = st[5], g = st[6], h = st[7];
		for (unsigned i = 0; i < 64; i++) {
			guint32 t1 = h + (ror32(e, 6) ^ ror32(e, 11) ^ ror32(e, 25)) +
				     (g ^ (e & (f ^ g))) + K[i] + w[i];
			guint32 t2 = (ror32(a, 2) ^ ror32(a, 13) ^ ror32(a, 22)) +
				     ((a & b) | (c & (a | b)));
			h = g;
			g = f;
			f = e;
			e = d + t1;
			d = c;
			c = b;
			b = a;
			a = t1 + t2;
		}
		st[0] += a;
		st[1] += b;
		st[2] += c;
		st[3] += d;
		st[4] += e;
		st[5] += f;
		st[6] += g;
		st[7] += h;
	}
}

#ifdef SHA256_X86
/* The compression function on the SHA extensions, after Intel's "SHA extensions"
 * paper: the state kept as ABEF and CDGH, two rounds per sha256rnds2, the message
 * schedule four words at a time with sha256msg1/msg2. */
__attribute__((target("sha,sse4.1,ssse3"))) static void
blocks_ni(guint32 st[8], const guint8 *p, gsize nblocks)
{
	/* Each 32-bit word's bytes reversed (the message is big-endian). */
	const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
	__m128i tmp = _mm_loadu_si128((const __m128i *)(const void *)&st[0]);
	__m128i s1 = _mm_loadu_si128((const __m128i *)(const void *)&st[4]);
	tmp = _mm_shuffle_epi32(tmp, 0xb1);       /* CDAB */
	s1 = _mm_shuffle_epi32(s1, 0x1b);         /* EFGH */
	__m128i s0 = _mm_alignr_epi8(tmp, s1, 8); /* ABEF */
	s1 = _mm_blend_epi16(s1, tmp, 0xf0);      /* CDGH */

	for (; nblocks > 0; nblocks--, p += 64) {
		__m128i abef = s0, cdgh = s1;
		__m128i m[4];
#pragma GCC unroll 16
		for (unsigned i = 0; i < 16; i++) {
			if (i < 4) {
				m[i] = _mm_shuffle_epi8(
					_mm_loadu_si128((const __m128i *)(const void *)(p + 16 * i)), bswap);
			} else {
				/* W[t..t+3] from W[t-16..t-13] (m[i % 4]) and W[t-12..t-9]
				 * (m[(i + 1) % 4]: msg1 takes W[t-15..t-12] from the two),
				 * W[t-7..t-4] (the alignr of m[(i + 3) % 4] and m[(i + 2) % 4])
				 * and W[t-4..t-1] (m[(i + 3) % 4]). */
				__m128i x = _mm_sha256msg1_epu32(m[i % 4], m[(i + 1) % 4]);
				x = _mm_add_epi32(x, _mm_alignr_epi8(m[(i + 3) % 4], m[(i + 2) % 4], 4));
				m[i % 4] = _mm_sha256msg2_epu32(x, m[(i + 3) % 4]);
			}
			__m128i wk = _mm_add_epi32(
				m[i % 4], _mm_loadu_si128((const __m128i *)(const void *)&K[4 * i]));
			s1 = _mm_sha256rnds2_epu32(s1, s0, wk);
			s0 = _mm_sha256rnds2_epu32(s0, s1, _mm_shuffle_epi32(wk, 0x0e));
		}
		s0 = _mm_add_epi32(s0, abef);
		s1 = _mm_add_epi32(s1, cdgh);
	}
	tmp = _mm_shuffle_epi32(s0, 0x1b);     /* FEBA */
	s1 = _mm_shuffle_epi32(s1, 0xb1);      /* DCHG */
	s0 = _mm_blend_epi16(tmp, s1, 0xf0);   /* DCBA */
	s1 = _mm_alignr_epi8(s1, tmp, 8);      /* HGFE */
	_mm_storeu_si128((__m128i *)(void *)&st[0], s0);
	_mm_storeu_si128((__m128i *)(void *)&st[4], s1);
}

static bool
cpu_has_sha(void)
{
	unsigned a, b, c, d;
	if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_SSE4_1) || !(c & bit_SSSE3)) {
		return false;
	}
	if (__get_cpuid_max(0, NULL) < 7) {
		return false;
	}
	__cpuid_count(7, 0, a, b, c, d);
	return (b & bit_SHA) != 0;
}
#endif

bool
sha256_accelerated(void)
{
#ifdef SHA256_X86
	/* CPUID once (in a VM it traps to the hypervisor, microseconds each): 1 no,
	 * 2 yes.  A constant of the machine, not mutable state. */
	static gsize have = 0;
	if (g_once_init_enter(&have)) {
		g_once_init_leave(&have, cpu_has_sha() ? 2 : 1);
	}
	return have == 2;
#else
	return false;
#endif
}

static void
digest_with(Sha256Blocks blocks, const void *data, gsize len, guint8 out[SHA256_DIGEST_LEN])
{
	guint32 st[8];
	memcpy(st, H0, sizeof(st));
	const guint8 *p = data;
	gsize full = len / 64;
	if (full > 0) {
		blocks(st, p, full);
	}
	/* The rest, 0x80, zeros and the length in bits, big-endian: one block or two. */
	guint8 tail[128] = {0};
	gsize rest = len - full * 64;
	if (rest > 0) {
		memcpy(tail, p + full * 64, rest);
	}
	tail[rest] = 0x80;
	gsize tn = rest + 9 <= 64 ? 64 : 128;
	guint64 bits = (guint64)len * 8;
	for (unsigned i = 0; i < 8; i++) {
		tail[tn - 1 - i] = (guint8)(bits >> (8 * i));
	}
	blocks(st, tail, tn / 64);
	for (unsigned i = 0; i < 8; i++) {
		out[4 * i] = (guint8)(st[i] >> 24);
		out[4 * i + 1] = (guint8)(st[i] >> 16);
		out[4 * i + 2] = (guint8)(st[i] >> 8);
		out[4 * i + 3] = (guint8)st[i];
	}
}

void
sha256_digest_generic(const void *data, gsize len, guint8 out[SHA256_DIGEST_LEN])
{
	digest_with(blocks_generic, data, len, out);
}

void
sha256_digest(const void *data, gsize len, guint8 out[SHA256_DIGEST_LEN])
{
#ifdef SHA256_X86
	if (sha256_accelerated()) {
		digest_with(blocks_ni, data, len, out);
		return;
	}
#endif
	digest_with(blocks_generic, data, len, out);
}
