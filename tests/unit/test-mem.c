/* util/mem: big tables (populated or lazy) are zeroed, 2 MiB-aligned from 2 MiB on,
 * writable to their last byte, also by two threads writing halves at once (as the
 * postings flush's parts do); the arena hands out zeroed, aligned blocks. */
#include <glib.h>
#include <string.h>

#include "util/mem.h"

#define MIB ((gsize)1 << 20)

typedef struct {
	guint8 *p;
	gsize from, to;
} Half;

static gpointer
write_half(gpointer data)
{
	Half *h = data;
	for (gsize i = h->from; i < h->to; i++) {
		g_assert_cmpuint(h->p[i], ==, 0);
		h->p[i] = (guint8)(i * 7 + 1);
	}
	return NULL;
}

static void
check_table(void *(*make)(gsize), gsize size)
{
	guint8 *p = make(size);
	g_assert_nonnull(p);
	if (size >= 2 * MIB) {
		g_assert_cmpuint((guintptr)p % (2 * MIB), ==, 0);
	}
	Half a = {.p = p, .from = 0, .to = size / 2};
	Half b = {.p = p, .from = size / 2, .to = size};
	GThread *t = g_thread_new("half", write_half, &b);
	write_half(&a);
	g_thread_join(t);
	for (gsize i = 0; i < size; i += 4093) {
		g_assert_cmpuint(p[i], ==, (guint8)(i * 7 + 1));
	}
	g_assert_cmpuint(p[size - 1], ==, (guint8)((size - 1) * 7 + 1));
	mem_table_free(p, size);
}

static void
test_tables(void)
{
	static const gsize sizes[] = {1, 4096, 2 * MIB - 1, 2 * MIB, 2 * MIB + 1, 5 * MIB + 12345};
	for (guint i = 0; i < G_N_ELEMENTS(sizes); i++) {
		check_table(mem_table_new0, sizes[i]);
		check_table(mem_table_new0_lazy, sizes[i]);
	}
	mem_table_free(NULL, 10 * MIB);
}

static void
test_arena(void)
{
	MemArena *a = mem_arena_new();
	guint8 *prev = NULL;
	for (guint i = 0; i < 20000; i++) {
		gsize align = (gsize)1 << (i % 7);
		gsize size = 1 + (i * 37) % 700;
		guint8 *p = mem_arena_alloc(a, size, align);
		g_assert_nonnull(p);
		g_assert_cmpuint((guintptr)p % align, ==, 0);
		for (gsize k = 0; k < size; k++) {
			g_assert_cmpuint(p[k], ==, 0);
		}
		memset(p, 0xab, size);
		g_assert_true(p != prev);
		prev = p;
	}
	g_assert_null(mem_arena_alloc(a, 64 * MIB, 8));
	mem_arena_free(a);
	mem_arena_free(NULL);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/mem/tables", test_tables);
	g_test_add_func("/mem/arena", test_arena);
	return g_test_run();
}
