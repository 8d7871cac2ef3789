/*
 * Big tables: memory for large, randomly read hash tables (the linker's term
 * and phrase tables), backed by transparent huge pages where the kernel gives
 * them.
 */
#ifndef SW_UTIL_MEM_H
#define SW_UTIL_MEM_H

#include <glib.h>

/*
 * @size zeroed bytes.  From 2 MiB on, its own mapping, 2 MiB-aligned and
 * advised MADV_HUGEPAGE before any page is touched: a lookup per phrase in a
 * 16 MB table was a TLB miss each on 4 KiB pages, and each 4 KiB page a fault
 * of its own.  Below that, g_malloc0().  Aborts when out of memory, as GLib
 * does.  Free with mem_table_free() and the same @size.
 */
void *mem_table_new0(gsize size);
/* Frees @p (may be NULL), made by mem_table_new0(@size). */
void mem_table_free(void *p, gsize size);

#endif
