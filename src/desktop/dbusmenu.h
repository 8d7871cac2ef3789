/*
 * A one-level com.canonical.dbusmenu exporter: the menu a StatusNotifierItem
 * points at with its Menu property.  Tray hosts read it with GetLayout and send
 * clicks with Event / EventGroup; this module answers from a flat list of items
 * and hands clicks back by item id.  It knows nothing about incidents.
 */
#ifndef SW_DESKTOP_DBUSMENU_H
#define SW_DESKTOP_DBUSMENU_H

#include <gio/gio.h>
#include <stdbool.h>

typedef struct {
	int id;            /* > 0, unique in the menu; 0 is the root */
	const char *label; /* NULL for a separator */
	bool enabled;
} DbusMenuItem;

/* A "clicked" event on item @id. */
typedef void (*DbusMenuActivateFunc)(int id, gpointer user_data);

typedef struct DbusMenu DbusMenu;

/* Exports the menu at @path on @bus (borrowed).  Errors: those of
 * g_dbus_connection_register_object() (G_IO_ERROR_EXISTS when @path is taken).
 * Caller frees with dbusmenu_free(). */
DbusMenu *dbusmenu_new(GDBusConnection *bus, const char *path, DbusMenuActivateFunc activate,
		       gpointer user_data, GError **error);
/* NULL is a no-op.  Unexports the menu. */
void dbusmenu_free(DbusMenu *menu);

/* Replaces the items (@n of them, copied) and, when anything differs, bumps the
 * revision and emits LayoutUpdated. */
void dbusmenu_set_items(DbusMenu *menu, const DbusMenuItem *items, guint n);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(DbusMenu, dbusmenu_free)

#endif
