/*
 * com.canonical.dbusmenu, one level deep (see dbusmenu.h).  A tray host asks
 * for the layout (GetLayout), may ask for item properties (GetGroupProperties,
 * GetProperty), tells us a menu is about to open (AboutToShow*) and sends
 * clicks (Event, EventGroup).  The menu is a flat list under the root item 0;
 * each change of the list bumps the revision and emits LayoutUpdated so hosts
 * re-read it.  Only "clicked" events do anything: they call the activate
 * function with the item id.
 *
 * It never logs; a host sending nonsense (unknown id) gets a D-Bus error back.
 */
#include "desktop/dbusmenu.h"

#include <string.h>

/* Upper bounds on what a host may ask for in one call; a host asking for more is
 * broken, and answering would only build a large reply. */
#define MAX_GROUP_IDS 1024

static const char introspection_xml[] =
	"<node>"
	" <interface name='com.canonical.dbusmenu'>"
	"  <property name='Version' type='u' access='read'/>"
	"  <property name='TextDirection' type='s' access='read'/>"
	"  <property name='Status' type='s' access='read'/>"
	"  <property name='IconThemePath' type='as' access='read'/>"
	"  <method name='GetLayout'>"
	"   <arg type='i' name='parentId' direction='in'/>"
	"   <arg type='i' name='recursionDepth' direction='in'/>"
	"   <arg type='as' name='propertyNames' direction='in'/>"
	"   <arg type='u' name='revision' direction='out'/>"
	"   <arg type='(ia{sv}av)' name='layout' direction='out'/>"
	"  </method>"
	"  <method name='GetGroupProperties'>"
	"   <arg type='ai' name='ids' direction='in'/>"
	"   <arg type='as' name='propertyNames' direction='in'/>"
	"   <arg type='a(ia{sv})' name='properties' direction='out'/>"
	"  </method>"
	"  <method name='GetProperty'>"
	"   <arg type='i' name='id' direction='in'/>"
	"   <arg type='s' name='name' direction='in'/>"
	"   <arg type='v' name='value' direction='out'/>"
	"  </method>"
	"  <method name='Event'>"
	"   <arg type='i' name='id' direction='in'/>"
	"   <arg type='s' name='eventId' direction='in'/>"
	"   <arg type='v' name='data' direction='in'/>"
	"   <arg type='u' name='timestamp' direction='in'/>"
	"  </method>"
	"  <method name='EventGroup'>"
	"   <arg type='a(isvu)' name='events' direction='in'/>"
	"   <arg type='ai' name='idErrors' direction='out'/>"
	"  </method>"
	"  <method name='AboutToShow'>"
	"   <arg type='i' name='id' direction='in'/>"
	"   <arg type='b' name='needUpdate' direction='out'/>"
	"  </method>"
	"  <method name='AboutToShowGroup'>"
	"   <arg type='ai' name='ids' direction='in'/>"
	"   <arg type='ai' name='updatesNeeded' direction='out'/>"
	"   <arg type='ai' name='idErrors' direction='out'/>"
	"  </method>"
	"  <signal name='ItemsPropertiesUpdated'>"
	"   <arg type='a(ia{sv})' name='updatedProps'/>"
	"   <arg type='a(ias)' name='removedProps'/>"
	"  </signal>"
	"  <signal name='LayoutUpdated'>"
	"   <arg type='u' name='revision'/>"
	"   <arg type='i' name='parent'/>"
	"  </signal>"
	"  <signal name='ItemActivationRequested'>"
	"   <arg type='i' name='id'/>"
	"   <arg type='u' name='timestamp'/>"
	"  </signal>"
	" </interface>"
	"</node>";

#define MENU_INTERFACE "com.canonical.dbusmenu"

typedef struct {
	int id;
	char *label; /* owned; NULL = separator */
	bool enabled;
} Item;

struct DbusMenu {
	GDBusConnection *bus;  /* owned reference */
	char *path;            /* owned */
	guint registration;
	guint32 revision;
	GArray *items;         /* Item, labels owned */
	DbusMenuActivateFunc activate;
	gpointer user_data;
};

static void
item_clear(gpointer p)
{
	Item *item = p;

	g_free(item->label);
}

static const Item *
find_item(const DbusMenu *menu, int id)
{
	for (guint i = 0; i < menu->items->len; i++) {
		const Item *item = &g_array_index(menu->items, Item, i);
		if (item->id == id) {
			return item;
		}
	}
	return NULL;
}

static bool
wanted(const char *const *names, const char *name)
{
	return names == NULL || names[0] == NULL || g_strv_contains(names, name);
}

/* The properties of item @item, or of the root when @item is NULL, that differ from the
 * defaults (the spec asks for exactly those) and that @names asks for (empty = all). */
static GVariant *
item_properties(const Item *item, const char *const *names)
{
	GVariantBuilder b;

	g_variant_builder_init(&b, G_VARIANT_TYPE_VARDICT);
	if (item == NULL) {
		if (wanted(names, "children-display")) {
			g_variant_builder_add(&b, "{sv}", "children-display",
					      g_variant_new_string("submenu"));
		}
		return g_variant_builder_end(&b);
	}
	if (item->label == NULL) {
		if (wanted(names, "type")) {
			g_variant_builder_add(&b, "{sv}", "type", g_variant_new_string("separator"));
		}
		return g_variant_builder_end(&b);
	}
	if (wanted(names, "label")) {
		g_variant_builder_add(&b, "{sv}", "label", g_variant_new_string(item->label));
	}
	if (!item->enabled && wanted(names, "enabled")) {
		g_variant_builder_add(&b, "{sv}", "enabled", g_variant_new_boolean(FALSE));
	}
	return g_variant_builder_end(&b);
}

static GVariant *
item_layout(const Item *item, const char *const *names)
{
	GVariantBuilder children;

	g_variant_builder_init(&children, G_VARIANT_TYPE("av"));
	return g_variant_new("(i@a{sv}av)", item->id, item_properties(item, names), &children);
}

static GVariant *
root_layout(const DbusMenu *menu, int depth, const char *const *names)
{
	GVariantBuilder children;

	g_variant_builder_init(&children, G_VARIANT_TYPE("av"));
	/* depth -1 = everything, 0 = the root alone; one level is all there is. */
	if (depth != 0) {
		for (guint i = 0; i < menu->items->len; i++) {
			const Item *item = &g_array_index(menu->items, Item, i);
			g_variant_builder_add(&children, "v", item_layout(item, names));
		}
	}
	return g_variant_new("(i@a{sv}av)", 0, item_properties(NULL, names), &children);
}

static bool
known_id(const DbusMenu *menu, int id)
{
	return id == 0 || find_item(menu, id) != NULL;
}

/* Returns false when @id is unknown. */
static bool
handle_event(DbusMenu *menu, int id, const char *event_id)
{
	const Item *item = find_item(menu, id);

	if (id == 0) {
		return true;
	}
	if (item == NULL) {
		return false;
	}
	if (strcmp(event_id, "clicked") == 0 && item->enabled && item->label != NULL &&
	    menu->activate != NULL) {
		menu->activate(id, menu->user_data);
	}
	return true;
}

static void
method_get_layout(DbusMenu *menu, GVariant *params, GDBusMethodInvocation *inv)
{
	gint32 parent, depth;
	g_autofree const char **names = NULL;
	const Item *item;

	g_variant_get(params, "(ii^a&s)", &parent, &depth, &names);
	if (parent == 0) {
		g_dbus_method_invocation_return_value(
			inv, g_variant_new("(u@(ia{sv}av))", menu->revision,
					   root_layout(menu, depth, names)));
		return;
	}
	item = find_item(menu, parent);
	if (item == NULL) {
		g_dbus_method_invocation_return_error(inv, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS,
						      "no menu item %d", parent);
		return;
	}
	g_dbus_method_invocation_return_value(
		inv, g_variant_new("(u@(ia{sv}av))", menu->revision, item_layout(item, names)));
}

static void
method_get_group_properties(DbusMenu *menu, GVariant *params, GDBusMethodInvocation *inv)
{
	g_autoptr(GVariant) ids = NULL;
	g_autofree const char **names = NULL;
	GVariantBuilder b;
	gsize n;
	const gint32 *id;

	g_variant_get(params, "(@ai^a&s)", &ids, &names);
	id = g_variant_get_fixed_array(ids, &n, sizeof(gint32));
	g_variant_builder_init(&b, G_VARIANT_TYPE("a(ia{sv})"));
	for (gsize i = 0; i < n && i < MAX_GROUP_IDS; i++) {
		if (!known_id(menu, id[i])) {
			continue;
		}
		g_variant_builder_add(&b, "(i@a{sv})", id[i],
				      item_properties(id[i] == 0 ? NULL : find_item(menu, id[i]),
						      names));
	}
	g_dbus_method_invocation_return_value(inv, g_variant_new("(a(ia{sv}))", &b));
}

static void
method_get_property(DbusMenu *menu, GVariant *params, GDBusMethodInvocation *inv)
{
	gint32 id;
	const char *name;
	const char *names[2] = {NULL, NULL};
	g_autoptr(GVariant) props = NULL;
	g_autoptr(GVariant) value = NULL;

	g_variant_get(params, "(i&s)", &id, &name);
	if (!known_id(menu, id)) {
		g_dbus_method_invocation_return_error(inv, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS,
						      "no menu item %d", id);
		return;
	}
	names[0] = name;
	props = g_variant_ref_sink(item_properties(id == 0 ? NULL : find_item(menu, id), names));
	value = g_variant_lookup_value(props, name, NULL);
	if (value == NULL) {
		g_dbus_method_invocation_return_error(inv, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS,
						      "menu item %d has no property '%s'", id,
						      name);
		return;
	}
	g_dbus_method_invocation_return_value(inv, g_variant_new("(v)", value));
}

static void
method_event_group(DbusMenu *menu, GVariant *params, GDBusMethodInvocation *inv)
{
	g_autoptr(GVariantIter) iter = NULL;
	GVariantBuilder errors;
	gint32 id;
	const char *event_id;
	guint count = 0;

	g_variant_get(params, "(a(isvu))", &iter);
	g_variant_builder_init(&errors, G_VARIANT_TYPE("ai"));
	while (count++ < MAX_GROUP_IDS &&
	       g_variant_iter_next(iter, "(i&svu)", &id, &event_id, NULL, NULL)) {
		if (!handle_event(menu, id, event_id)) {
			g_variant_builder_add(&errors, "i", id);
		}
	}
	g_dbus_method_invocation_return_value(inv, g_variant_new("(ai)", &errors));
}

static void
method_about_to_show_group(DbusMenu *menu, GVariant *params, GDBusMethodInvocation *inv)
{
	g_autoptr(GVariant) ids = NULL;
	GVariantBuilder updates, errors;
	gsize n;
	const gint32 *id;

	g_variant_get(params, "(@ai)", &ids);
	id = g_variant_get_fixed_array(ids, &n, sizeof(gint32));
	g_variant_builder_init(&updates, G_VARIANT_TYPE("ai"));
	g_variant_builder_init(&errors, G_VARIANT_TYPE("ai"));
	for (gsize i = 0; i < n && i < MAX_GROUP_IDS; i++) {
		if (!known_id(menu, id[i])) {
			g_variant_builder_add(&errors, "i", id[i]);
		}
	}
	g_dbus_method_invocation_return_value(inv, g_variant_new("(aiai)", &updates, &errors));
}

static void
on_method_call(GDBusConnection *bus, const char *sender, const char *path, const char *iface,
	       const char *method, GVariant *params, GDBusMethodInvocation *inv,
	       gpointer user_data)
{
	DbusMenu *menu = user_data;

	if (strcmp(method, "GetLayout") == 0) {
		method_get_layout(menu, params, inv);
	} else if (strcmp(method, "GetGroupProperties") == 0) {
		method_get_group_properties(menu, params, inv);
	} else if (strcmp(method, "GetProperty") == 0) {
		method_get_property(menu, params, inv);
	} else if (strcmp(method, "Event") == 0) {
		gint32 id;
		const char *event_id;

		g_variant_get(params, "(i&svu)", &id, &event_id, NULL, NULL);
		if (!handle_event(menu, id, event_id)) {
			g_dbus_method_invocation_return_error(inv, G_DBUS_ERROR,
							      G_DBUS_ERROR_INVALID_ARGS,
							      "no menu item %d", id);
			return;
		}
		g_dbus_method_invocation_return_value(inv, NULL);
	} else if (strcmp(method, "EventGroup") == 0) {
		method_event_group(menu, params, inv);
	} else if (strcmp(method, "AboutToShow") == 0) {
		/* The layout is always current: nothing to refresh before showing. */
		g_dbus_method_invocation_return_value(inv, g_variant_new("(b)", FALSE));
	} else if (strcmp(method, "AboutToShowGroup") == 0) {
		method_about_to_show_group(menu, params, inv);
	} else {
		g_dbus_method_invocation_return_error(inv, G_DBUS_ERROR,
						      G_DBUS_ERROR_UNKNOWN_METHOD,
						      "no method '%s'", method);
	}
}

static GVariant *
on_get_property(GDBusConnection *bus, const char *sender, const char *path, const char *iface,
		const char *name, GError **error, gpointer user_data)
{
	if (strcmp(name, "Version") == 0) {
		return g_variant_new_uint32(3);
	}
	if (strcmp(name, "TextDirection") == 0) {
		return g_variant_new_string("ltr");
	}
	if (strcmp(name, "Status") == 0) {
		return g_variant_new_string("normal");
	}
	if (strcmp(name, "IconThemePath") == 0) {
		return g_variant_new_strv(NULL, 0);
	}
	g_set_error(error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_PROPERTY, "no property '%s'", name);
	return NULL;
}

static const GDBusInterfaceVTable vtable = {
	.method_call = on_method_call,
	.get_property = on_get_property,
};

DbusMenu *
dbusmenu_new(GDBusConnection *bus, const char *path, DbusMenuActivateFunc activate,
	     gpointer user_data, GError **error)
{
	g_autoptr(GDBusNodeInfo) info = NULL;
	DbusMenu *menu;

	g_return_val_if_fail(G_IS_DBUS_CONNECTION(bus) && path != NULL, NULL);
	info = g_dbus_node_info_new_for_xml(introspection_xml, error);
	if (info == NULL) {
		return NULL;
	}
	menu = g_new0(DbusMenu, 1);
	menu->bus = g_object_ref(bus);
	menu->path = g_strdup(path);
	menu->items = g_array_new(FALSE, TRUE, sizeof(Item));
	g_array_set_clear_func(menu->items, item_clear);
	menu->activate = activate;
	menu->user_data = user_data;
	menu->revision = 1;
	menu->registration = g_dbus_connection_register_object(
		bus, path, g_dbus_node_info_lookup_interface(info, MENU_INTERFACE), &vtable, menu,
		NULL, error);
	if (menu->registration == 0) {
		dbusmenu_free(menu);
		return NULL;
	}
	return menu;
}

void
dbusmenu_free(DbusMenu *menu)
{
	if (menu == NULL) {
		return;
	}
	if (menu->registration != 0) {
		g_dbus_connection_unregister_object(menu->bus, menu->registration);
	}
	g_array_unref(menu->items);
	g_free(menu->path);
	g_object_unref(menu->bus);
	g_free(menu);
}

static bool
same_items(const DbusMenu *menu, const DbusMenuItem *items, guint n)
{
	if (menu->items->len != n) {
		return false;
	}
	for (guint i = 0; i < n; i++) {
		const Item *item = &g_array_index(menu->items, Item, i);
		if (item->id != items[i].id || item->enabled != items[i].enabled ||
		    g_strcmp0(item->label, items[i].label) != 0) {
			return false;
		}
	}
	return true;
}

void
dbusmenu_set_items(DbusMenu *menu, const DbusMenuItem *items, guint n)
{
	g_return_if_fail(menu != NULL && (items != NULL || n == 0));
	if (same_items(menu, items, n)) {
		return;
	}
	g_array_set_size(menu->items, 0);
	for (guint i = 0; i < n; i++) {
		Item item = {
			.id = items[i].id,
			.label = g_strdup(items[i].label),
			.enabled = items[i].enabled,
		};
		g_array_append_val(menu->items, item);
	}
	menu->revision++;
	/* Fails only when the connection is closed; the host then re-reads on reconnect. */
	g_dbus_connection_emit_signal(menu->bus, NULL, menu->path, MENU_INTERFACE, "LayoutUpdated",
				      g_variant_new("(ui)", menu->revision, 0), NULL);
}
