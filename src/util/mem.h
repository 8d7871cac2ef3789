/*
 * Big tables: memory for large, randomly read hash tables (the linker's term
 * and phrase tables), backed by transparent huge pages where the kernel gives
 * them.
 */
#ifndef SW_UTIL_MEM_H
#define SW_UTIL_MEM_H

#include <glib.h>

/*
 * @size zeroed bytes.  From 2 MiB on, its own mapping, 2 MiB-aligned,
 * advised MADV_HUGEPAGE before any page is touched and populated at once
 * (MADV_POPULATE_WRITE): a lookup per phrase in a 16 MB table was a TLB miss
 * each on 4 KiB pages, and each 4 KiB page a fault of its own (10-15 us each on
 * the bench VM).  Every page is resident from the start: for tables that are
 * written all over.  Below that, g_malloc0().  Aborts when out of memory, as GLib
 * does.  Free with mem_table_free() and the same @size.
 */
void *mem_table_new0(gsize size);
/*
 * As mem_table_new0(), but no page is populated: each (a huge page where the kernel
 * gives one) is zeroed by the thread that first writes it.  For a table whose
 * ranges several threads write at once, so that each zeroes its own instead of
 * the caller all of them first (the postings flush's per-term arrays: 8 MiB, 26 ms
 * of one thread's time before its threads started, on the bench VM).  Free with
 * mem_table_free().
 */
void *mem_table_new0_lazy(gsize size);
/* Frees @p (may be NULL), made by mem_table_new0(@size) or mem_table_new0_lazy(@size). */
void mem_table_free(void *p, gsize size);

/*
 * An arena: many small blocks that live as long as it does (a linker's docs and
 * their terms), carved one after the other from chunks that double from 64 KiB to
 * MEM_ARENA_CHUNK_MAX.  The big chunks come from mem_table_new0() (huge pages where
 * the kernel gives them, populated at once).  Blocks are zeroed and never freed
 * alone.
 */
typedef struct MemArena MemArena;

MemArena *mem_arena_new(void);
/* Frees @a (may be NULL) and every block carved from it. */
void mem_arena_free(MemArena *a);
/* @size zeroed bytes aligned to @align (a power of two, at most 64), or NULL when
 * @size is more than a chunk could hold at once (take it from malloc then). */
void *mem_arena_alloc(MemArena *a, gsize size, gsize align);

#endif
