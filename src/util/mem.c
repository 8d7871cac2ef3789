/*
 * Big tables (see mem.h).  Never logs; out of memory aborts, as g_malloc() does.
 */
#include "util/mem.h"

#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <sys/mman.h>

#if defined(__SANITIZE_ADDRESS__)
#define MEM_LSAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MEM_LSAN 1
#endif
#endif
#ifdef MEM_LSAN
#include <sanitizer/lsan_interface.h>
#endif

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23 /* Linux 5.14; older kernels refuse it (EINVAL) */
#endif

/* A transparent huge page on x86-64 and most arm64 kernels. */
#define MEM_HUGE ((gsize)2 << 20)

static gsize
huge_round(gsize size)
{
	return (size + MEM_HUGE - 1) & ~(MEM_HUGE - 1);
}

static void *
table_map(gsize size, bool populate)
{
	gsize len = huge_round(size);
	/* One huge page more than needed, so an aligned start lies inside. */
	char *raw = mmap(NULL, len + MEM_HUGE, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (raw == MAP_FAILED) {
		int err = errno;
		g_error("mem_table_new0: failed to map %" G_GSIZE_FORMAT " bytes: %s", size,
			g_strerror(err));
	}
	char *start = (char *)(((guintptr)raw + MEM_HUGE - 1) & ~(guintptr)(MEM_HUGE - 1));
	if (start > raw) {
		munmap(raw, (gsize)(start - raw));
	}
	gsize tail = (gsize)(raw + len + MEM_HUGE - (start + len));
	if (tail > 0) {
		munmap(start + len, tail);
	}
#ifdef MADV_HUGEPAGE
	/* Only advice: without huge pages the table works the same. */
	(void)madvise(start, len, MADV_HUGEPAGE);
#endif
#ifdef MADV_POPULATE_WRITE
	/* Also a hint (Linux 5.14 on): the pages at once.  On the bench VM 200 MiB of
	 * huge pages so took 0.02 s of CPU, faulted in as written 0.35-0.4 s, and in
	 * 4 KiB pages 0.6 s (a fault of its own each). */
	if (populate) {
		(void)madvise(start, len, MADV_POPULATE_WRITE);
	}
#endif
	return start; /* anonymous memory is zero */
}

void *
mem_table_new0(gsize size)
{
	if (size < MEM_HUGE) {
		return g_malloc0(size);
	}
	return table_map(size, true);
}

void *
mem_table_new0_lazy(gsize size)
{
	if (size < MEM_HUGE) {
		return g_malloc0(size);
	}
	return table_map(size, false);
}

void
mem_table_free(void *p, gsize size)
{
	if (p == NULL) {
		return;
	}
	if (size < MEM_HUGE) {
		g_free(p);
		return;
	}
	munmap(p, huge_round(size));
}

/* The largest chunk an arena maps (the chunks of a big batch). */
#define MEM_ARENA_CHUNK_MAX ((gsize)4 << 20)
#define MEM_ARENA_CHUNK_MIN ((gsize)64 << 10)

typedef struct {
	char *p;
	gsize size;
} MemChunk;

struct MemArena {
	GArray *chunks; /* MemChunk, mem_table_new0()'s */
	char *at;       /* the room left in the last */
	gsize left;
	gsize next;     /* the size of the next chunk */
};

MemArena *
mem_arena_new(void)
{
	MemArena *a = g_new0(MemArena, 1);
	a->chunks = g_array_new(FALSE, FALSE, sizeof(MemChunk));
	a->next = MEM_ARENA_CHUNK_MIN;
	return a;
}

void
mem_arena_free(MemArena *a)
{
	if (a == NULL) {
		return;
	}
	for (guint i = 0; i < a->chunks->len; i++) {
		MemChunk *c = &g_array_index(a->chunks, MemChunk, i);
#ifdef MEM_LSAN
		if (c->size >= MEM_HUGE) {
			__lsan_unregister_root_region(c->p, c->size);
		}
#endif
		mem_table_free(c->p, c->size);
	}
	g_array_unref(a->chunks);
	g_free(a);
}

void *
mem_arena_alloc(MemArena *a, gsize size, gsize align)
{
	g_return_val_if_fail(align > 0 && align <= 64 && (align & (align - 1)) == 0, NULL);
	gsize pad = (gsize)(-(guintptr)a->at & (align - 1));
	if (size + pad > a->left) {
		if (size > MEM_ARENA_CHUNK_MAX / 4) {
			return NULL;
		}
		MemChunk c = {.size = a->next};
		c.p = mem_table_new0(c.size); /* populated from MEM_HUGE on */
#ifdef MEM_LSAN
		if (c.size >= MEM_HUGE) {
			/* A mapping of its own, which LeakSanitizer does not scan: what the
			 * blocks point to (a Doc's arrays) would look lost when a big `link`
			 * leaves its linker to the exit (cli_link.c). */
			__lsan_register_root_region(c.p, c.size);
		}
#endif
		g_array_append_val(a->chunks, c);
		a->at = c.p;
		a->left = c.size;
		a->next = MIN(a->next * 2, MEM_ARENA_CHUNK_MAX);
		pad = (gsize)(-(guintptr)a->at & (align - 1));
		g_assert(size + pad <= a->left);
	}
	char *b = a->at + pad;
	a->at = b + size;
	a->left -= size + pad;
	return b;
}
