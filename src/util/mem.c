/*
 * Big tables (see mem.h).  Never logs; out of memory aborts, as g_malloc() does.
 */
#include "util/mem.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>

/* A transparent huge page on x86-64 and most arm64 kernels. */
#define MEM_HUGE ((gsize)2 << 20)

static gsize
huge_round(gsize size)
{
	return (size + MEM_HUGE - 1) & ~(MEM_HUGE - 1);
}

void *
mem_table_new0(gsize size)
{
	if (size < MEM_HUGE) {
		return g_malloc0(size);
	}
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
	return start; /* anonymous memory is zero */
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
