/*
 * The tray status icon (see tray.h): an org.kde.StatusNotifierItem, the
 * protocol KDE Plasma, the GNOME AppIndicator extension, waybar and swaybar
 * read, exported with plain GDBus so no toolkit is needed.
 *
 * What it exports: the bus name org.kde.StatusNotifierItem-PID-1, the item at
 * /StatusNotifierItem (icon, tooltip, status; changes announced with the
 * NewIcon / NewToolTip / NewStatus signals, which is how hosts learn of them)
 * and its menu at /MenuBar (dbusmenu.c).  Registration: the item calls
 * RegisterStatusNotifierItem on org.kde.StatusNotifierWatcher each time that
 * name gains an owner; while nobody owns it the item waits, and says so once.
 *
 * Its data come from the daemon as a list of open incidents; clicks go back
 * to the daemon through TrayCallbacks.  Feed text is hostile: titles are
 * made valid UTF-8, stripped of control characters, shortened, and escaped
 * where the host reads markup (tooltip) or mnemonics (menu labels).
 */
#include "desktop/tray.h"

#include <string.h>
#include <unistd.h>

#include "desktop/dbusmenu.h"
#include "util/error.h"

#define ITEM_PATH "/StatusNotifierItem"
#define MENU_PATH "/MenuBar"
#define ITEM_INTERFACE "org.kde.StatusNotifierItem"
#define WATCHER_NAME "org.kde.StatusNotifierWatcher"
#define WATCHER_PATH "/StatusNotifierWatcher"
#define WATCHER_INTERFACE "org.kde.StatusNotifierWatcher"

/* Menu ids of the fixed entries; incidents get ids from FIRST_INCIDENT_ID on, kept
 * stable while the incident stays open so a click on a menu the host built a moment
 * ago still means the same incident. */
enum {
	MENU_ID_NONE_OPEN = 1,
	MENU_ID_SEPARATOR,
	MENU_ID_MUTE_ALL,
	MENU_ID_OPEN_DIGEST,
	MENU_ID_QUIT,
	FIRST_INCIDENT_ID = 100,
};
/* Incidents listed in the menu; a longer list is unusable in a tray menu, the rest are
 * counted in one disabled line.  Tooltip lines: fewer still, a tooltip is a glance. */
#define MENU_MAX_INCIDENTS 15
#define TOOLTIP_MAX_LINES 5
/* Bytes of an incident title shown; tray menus are one line per entry. */
#define LABEL_MAX_BYTES 80

static const char introspection_xml[] =
	"<node>"
	" <interface name='org.kde.StatusNotifierItem'>"
	"  <property name='Category' type='s' access='read'/>"
	"  <property name='Id' type='s' access='read'/>"
	"  <property name='Title' type='s' access='read'/>"
	"  <property name='Status' type='s' access='read'/>"
	"  <property name='WindowId' type='i' access='read'/>"
	"  <property name='IconThemePath' type='s' access='read'/>"
	"  <property name='IconName' type='s' access='read'/>"
	"  <property name='IconPixmap' type='a(iiay)' access='read'/>"
	"  <property name='OverlayIconName' type='s' access='read'/>"
	"  <property name='OverlayIconPixmap' type='a(iiay)' access='read'/>"
	"  <property name='AttentionIconName' type='s' access='read'/>"
	"  <property name='AttentionIconPixmap' type='a(iiay)' access='read'/>"
	"  <property name='AttentionMovieName' type='s' access='read'/>"
	"  <property name='ToolTip' type='(sa(iiay)ss)' access='read'/>"
	"  <property name='ItemIsMenu' type='b' access='read'/>"
	"  <property name='Menu' type='o' access='read'/>"
	"  <method name='ContextMenu'><arg name='x' type='i' direction='in'/>"
	"   <arg name='y' type='i' direction='in'/></method>"
	"  <method name='Activate'><arg name='x' type='i' direction='in'/>"
	"   <arg name='y' type='i' direction='in'/></method>"
	"  <method name='SecondaryActivate'><arg name='x' type='i' direction='in'/>"
	"   <arg name='y' type='i' direction='in'/></method>"
	"  <method name='Scroll'><arg name='delta' type='i' direction='in'/>"
	"   <arg name='orientation' type='s' direction='in'/></method>"
	"  <signal name='NewTitle'/>"
	"  <signal name='NewIcon'/>"
	"  <signal name='NewAttentionIcon'/>"
	"  <signal name='NewOverlayIcon'/>"
	"  <signal name='NewToolTip'/>"
	"  <signal name='NewStatus'><arg name='status' type='s'/></signal>"
	" </interface>"
	"</node>";

typedef struct {
	char *id;     /* owned */
	char *title;  /* owned, cleaned, never NULL */
	AdvisorySeverity severity;
	char *url;    /* owned, may be NULL */
	int menu_id;
} Entry;

struct Tray {
	GDBusConnection *bus;      /* owned reference */
	char *bus_name;            /* owned: org.kde.StatusNotifierItem-PID-1 */
	char *icon_theme_path;     /* owned, "" when none */
	guint name_id;             /* g_bus_own_name */
	guint watch_id;            /* g_bus_watch_name on the watcher */
	guint registration;        /* the item object */
	DbusMenu *menu;            /* owned */
	GCancellable *cancel;      /* owned: pending RegisterStatusNotifierItem calls */
	GArray *entries;           /* Entry, owned, in the order the daemon gave */
	int next_menu_id;
	char *tooltip_title;       /* owned */
	char *tooltip_text;        /* owned, markup-escaped */
	const char *icon;          /* static */
	const char *status;        /* static: "Active" or "NeedsAttention" */
	bool said_no_watcher;      /* the "no tray host" notice was given */
	bool registered;
	TrayCallbacks cb;
	gpointer user_data;
};

static void
entry_clear(gpointer p)
{
	Entry *e = p;

	g_free(e->id);
	g_free(e->title);
	g_free(e->url);
}

static void
notice(Tray *tray, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

static void
notice(Tray *tray, const char *fmt, ...)
{
	va_list ap;
	g_autofree char *msg = NULL;

	if (tray->cb.notice == NULL) {
		return;
	}
	va_start(ap, fmt);
	msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	tray->cb.notice(msg, tray->user_data);
}

/* ---- text ---- */

/* One line of hostile text: valid UTF-8, no control characters or line breaks, spaces
 * folded, at most @max bytes. */
static char *
clean_line(const char *s, gsize max)
{
	g_autofree char *valid = g_utf8_make_valid(s != NULL ? s : "", -1);
	GString *out = g_string_sized_new(strlen(valid));

	for (const char *p = valid; *p != '\0'; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		/* Controls become spaces, and runs of spaces one. */
		if (g_unichar_iscntrl(c) || g_unichar_isspace(c)) {
			if (out->len > 0 && out->str[out->len - 1] != ' ') {
				g_string_append_c(out, ' ');
			}
			continue;
		}
		g_string_append_unichar(out, c);
	}
	if (out->len > max) {
		/* Cut at a character boundary leaving room for the 3-byte ellipsis. */
		const char *end = g_utf8_find_prev_char(out->str, out->str + max - 2);
		g_string_truncate(out, end != NULL ? (gsize)(end - out->str) : 0);
		g_string_append(out, "…");
	}
	return g_strstrip(g_string_free(out, FALSE));
}

/* Menu labels treat '_' as the mnemonic marker; a literal one is written "__". */
static char *
menu_label(const Entry *e)
{
	g_autofree char *text =
		g_strdup_printf("%s: %s", advisory_severity_to_string(e->severity), e->title);
	g_auto(GStrv) parts = g_strsplit(text, "_", -1);

	return g_strjoinv("__", parts);
}

static AdvisorySeverity
shown_severity(AdvisorySeverity s)
{
	/* Unknown and informational incidents still count as "something is open": the
	 * least alarming non-ok icon rather than a green one. */
	return s < ADVISORY_SEVERITY_MINOR ? ADVISORY_SEVERITY_MINOR : s;
}

const char *
tray_icon_for(AdvisorySeverity worst, guint n_open)
{
	if (n_open == 0) {
		return "statuswatch-ok";
	}
	return advisory_severity_icon(worst);
}

const char *
tray_icon_name(const Tray *tray)
{
	return tray->icon;
}

/* ---- the item ---- */

static GVariant *
empty_pixmaps(void)
{
	return g_variant_new_array(G_VARIANT_TYPE("(iiay)"), NULL, 0);
}

static GVariant *
on_get_property(GDBusConnection *bus, const char *sender, const char *path, const char *iface,
		const char *name, GError **error, gpointer user_data)
{
	Tray *tray = user_data;

	if (strcmp(name, "Category") == 0) {
		return g_variant_new_string("ApplicationStatus");
	}
	if (strcmp(name, "Id") == 0 || strcmp(name, "Title") == 0) {
		return g_variant_new_string("statuswatch");
	}
	if (strcmp(name, "Status") == 0) {
		return g_variant_new_string(tray->status);
	}
	if (strcmp(name, "WindowId") == 0) {
		return g_variant_new_int32(0);
	}
	if (strcmp(name, "IconThemePath") == 0) {
		return g_variant_new_string(tray->icon_theme_path);
	}
	if (strcmp(name, "IconName") == 0) {
		return g_variant_new_string(tray->icon);
	}
	if (strcmp(name, "AttentionIconName") == 0) {
		return g_variant_new_string("statuswatch-critical");
	}
	if (strcmp(name, "OverlayIconName") == 0 || strcmp(name, "AttentionMovieName") == 0) {
		return g_variant_new_string("");
	}
	if (g_str_has_suffix(name, "Pixmap")) {
		return empty_pixmaps();
	}
	if (strcmp(name, "ToolTip") == 0) {
		return g_variant_new("(s@a(iiay)ss)", tray->icon, empty_pixmaps(),
				     tray->tooltip_title, tray->tooltip_text);
	}
	if (strcmp(name, "ItemIsMenu") == 0) {
		/* A left click opens the menu too: there is no window to activate. */
		return g_variant_new_boolean(TRUE);
	}
	if (strcmp(name, "Menu") == 0) {
		return g_variant_new_object_path(MENU_PATH);
	}
	g_set_error(error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_PROPERTY, "no property '%s'", name);
	return NULL;
}

static void
on_method_call(GDBusConnection *bus, const char *sender, const char *path, const char *iface,
	       const char *method, GVariant *params, GDBusMethodInvocation *inv,
	       gpointer user_data)
{
	/* ContextMenu, Activate, SecondaryActivate, Scroll: ItemIsMenu is true, so hosts show
	 * the exported menu themselves; there is nothing else to activate. */
	g_dbus_method_invocation_return_value(inv, NULL);
}

static const GDBusInterfaceVTable item_vtable = {
	.method_call = on_method_call,
	.get_property = on_get_property,
};

static void
emit(Tray *tray, const char *signal, GVariant *params)
{
	/* Fails only on a closed connection; nothing to tell anyone then. */
	g_dbus_connection_emit_signal(tray->bus, NULL, ITEM_PATH, ITEM_INTERFACE, signal, params,
				      NULL);
}

/* ---- registration ---- */

static void
on_registered(GObject *source, GAsyncResult *res, gpointer user_data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GVariant) reply = g_dbus_connection_call_finish(G_DBUS_CONNECTION(source), res,
								  &error);
	Tray *tray;

	if (g_error_matches(error, G_IO_ERROR, G_IO_ERROR_CANCELLED)) {
		return; /* the tray is gone */
	}
	tray = user_data;
	if (reply == NULL) {
		g_dbus_error_strip_remote_error(error);
		notice(tray, "tray: the tray host refused the status icon: %s", error->message);
		return;
	}
	tray->registered = true;
	notice(tray, "tray: status icon registered with the tray host (%s)", WATCHER_NAME);
}

static void
on_watcher_appeared(GDBusConnection *bus, const char *name, const char *owner,
		    gpointer user_data)
{
	Tray *tray = user_data;

	g_dbus_connection_call(bus, WATCHER_NAME, WATCHER_PATH, WATCHER_INTERFACE,
			       "RegisterStatusNotifierItem", g_variant_new("(s)", tray->bus_name),
			       NULL, G_DBUS_CALL_FLAGS_NONE, -1, tray->cancel, on_registered,
			       tray);
}

static void
on_watcher_vanished(GDBusConnection *bus, const char *name, gpointer user_data)
{
	Tray *tray = user_data;

	if (tray->registered) {
		tray->registered = false;
		notice(tray, "tray: the tray host went away; the status icon comes back when "
			     "one starts");
	} else if (!tray->said_no_watcher) {
		notice(tray, "tray: no tray host on the session bus (nobody owns %s); the "
			     "status icon appears when one starts", WATCHER_NAME);
	}
	tray->said_no_watcher = true;
}

static void
on_name_acquired(GDBusConnection *bus, const char *name, gpointer user_data)
{
	Tray *tray = user_data;

	if (tray->watch_id == 0) {
		tray->watch_id = g_bus_watch_name_on_connection(
			bus, WATCHER_NAME, G_BUS_NAME_WATCHER_FLAGS_NONE, on_watcher_appeared,
			on_watcher_vanished, tray, NULL);
	}
}

/* ---- menu ---- */

static void
on_menu_activate(int id, gpointer user_data)
{
	Tray *tray = user_data;

	switch (id) {
	case MENU_ID_MUTE_ALL:
		if (tray->cb.mute_all != NULL && tray->entries->len > 0) {
			g_autoptr(GPtrArray) ids = g_ptr_array_new();
			for (guint i = 0; i < tray->entries->len; i++) {
				g_ptr_array_add(ids, g_array_index(tray->entries, Entry, i).id);
			}
			tray->cb.mute_all(ids, TRAY_MUTE_ALL_SECONDS, tray->user_data);
		}
		return;
	case MENU_ID_OPEN_DIGEST:
		if (tray->cb.open_digest != NULL) {
			tray->cb.open_digest(tray->user_data);
		}
		return;
	case MENU_ID_QUIT:
		if (tray->cb.quit != NULL) {
			tray->cb.quit(tray->user_data);
		}
		return;
	default:
		break;
	}
	for (guint i = 0; i < tray->entries->len; i++) {
		const Entry *e = &g_array_index(tray->entries, Entry, i);
		if (e->menu_id == id && e->url != NULL && tray->cb.open_url != NULL) {
			tray->cb.open_url(e->id, e->url, tray->user_data);
			return;
		}
	}
}

static void
update_menu(Tray *tray)
{
	g_autoptr(GArray) items = g_array_new(FALSE, TRUE, sizeof(DbusMenuItem));
	g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func(g_free);
	guint shown = MIN(tray->entries->len, MENU_MAX_INCIDENTS);
	DbusMenuItem item;

	for (guint i = 0; i < shown; i++) {
		const Entry *e = &g_array_index(tray->entries, Entry, i);
		char *label = menu_label(e);
		g_ptr_array_add(labels, label);
		item = (DbusMenuItem){e->menu_id, label, e->url != NULL && tray->cb.open_url};
		g_array_append_val(items, item);
	}
	if (tray->entries->len > shown) {
		char *label = g_strdup_printf("and %u more", tray->entries->len - shown);
		g_ptr_array_add(labels, label);
		item = (DbusMenuItem){MENU_ID_NONE_OPEN, label, false};
		g_array_append_val(items, item);
	} else if (tray->entries->len == 0) {
		item = (DbusMenuItem){MENU_ID_NONE_OPEN, "No open incidents", false};
		g_array_append_val(items, item);
	}
	item = (DbusMenuItem){MENU_ID_SEPARATOR, NULL, true};
	g_array_append_val(items, item);
	if (tray->cb.mute_all != NULL) {
		item = (DbusMenuItem){MENU_ID_MUTE_ALL, "Mute all for 1 h", tray->entries->len > 0};
		g_array_append_val(items, item);
	}
	if (tray->cb.open_digest != NULL) {
		item = (DbusMenuItem){MENU_ID_OPEN_DIGEST, "Open digest", true};
		g_array_append_val(items, item);
	}
	if (tray->cb.quit != NULL) {
		item = (DbusMenuItem){MENU_ID_QUIT, "Quit", true};
		g_array_append_val(items, item);
	}
	dbusmenu_set_items(tray->menu, (const DbusMenuItem *)(void *)items->data, items->len);
}

/* ---- state ---- */

static void
update_tooltip(Tray *tray, AdvisorySeverity worst)
{
	guint n = tray->entries->len;
	GString *text = g_string_new(NULL);

	g_free(tray->tooltip_title);
	if (n == 0) {
		tray->tooltip_title = g_strdup("statuswatch: no open incidents");
	} else {
		tray->tooltip_title = g_strdup_printf(
			"statuswatch: %u open incident%s, worst %s", n, n == 1 ? "" : "s",
			advisory_severity_to_string(shown_severity(worst)));
	}
	for (guint i = 0; i < n && i < TOOLTIP_MAX_LINES; i++) {
		const Entry *e = &g_array_index(tray->entries, Entry, i);
		g_autofree char *line = g_markup_printf_escaped(
			"%s%s: %s", i > 0 ? "\n" : "", advisory_severity_to_string(e->severity),
			e->title);
		g_string_append(text, line);
	}
	if (n > TOOLTIP_MAX_LINES) {
		g_string_append_printf(text, "\nand %u more", n - TOOLTIP_MAX_LINES);
	}
	g_free(tray->tooltip_text);
	tray->tooltip_text = g_string_free(text, FALSE);
}

static int
old_menu_id(const Tray *tray, const char *id)
{
	for (guint i = 0; i < tray->entries->len; i++) {
		const Entry *e = &g_array_index(tray->entries, Entry, i);
		if (strcmp(e->id, id) == 0) {
			return e->menu_id;
		}
	}
	return 0;
}

void
tray_set_incidents(Tray *tray, GPtrArray *incidents)
{
	g_autoptr(GArray) entries = g_array_new(FALSE, TRUE, sizeof(Entry));
	AdvisorySeverity worst = ADVISORY_SEVERITY_UNKNOWN;
	g_autofree char *old_title = NULL;
	g_autofree char *old_text = NULL;
	const char *old_icon = tray->icon;
	const char *old_status = tray->status;
	guint n = incidents != NULL ? incidents->len : 0;

	g_return_if_fail(tray != NULL);
	g_array_set_clear_func(entries, entry_clear);
	for (guint i = 0; i < n; i++) {
		const TrayIncident *in = incidents->pdata[i];
		int menu_id = old_menu_id(tray, in->id);
		Entry e = {
			.id = g_strdup(in->id),
			.title = clean_line(in->title != NULL ? in->title : in->id,
					    LABEL_MAX_BYTES),
			.severity = in->severity,
			.url = g_strdup(in->url),
			.menu_id = menu_id != 0 ? menu_id : tray->next_menu_id++,
		};
		g_array_append_val(entries, e);
		worst = MAX(worst, in->severity);
	}
	g_array_unref(tray->entries);
	tray->entries = g_steal_pointer(&entries);

	tray->icon = tray_icon_for(worst, n);
	tray->status = n > 0 && worst == ADVISORY_SEVERITY_CRITICAL ? "NeedsAttention" : "Active";
	old_title = g_steal_pointer(&tray->tooltip_title);
	old_text = g_steal_pointer(&tray->tooltip_text);
	update_tooltip(tray, worst);
	update_menu(tray);
	if (tray->icon != old_icon) {
		emit(tray, "NewIcon", NULL);
	}
	if (tray->status != old_status) {
		emit(tray, "NewStatus", g_variant_new("(s)", tray->status));
	}
	if (g_strcmp0(old_title, tray->tooltip_title) != 0 ||
	    g_strcmp0(old_text, tray->tooltip_text) != 0) {
		emit(tray, "NewToolTip", NULL);
	}
}

Tray *
tray_new(GDBusConnection *bus, const char *icon_theme_path, const TrayCallbacks *callbacks,
	 gpointer user_data, GError **error)
{
	g_autoptr(GDBusNodeInfo) info = NULL;
	g_autoptr(GError) local = NULL;
	g_autoptr(Tray) tray = g_new0(Tray, 1);

	tray->entries = g_array_new(FALSE, TRUE, sizeof(Entry));
	g_array_set_clear_func(tray->entries, entry_clear);
	tray->icon = tray_icon_for(ADVISORY_SEVERITY_UNKNOWN, 0);
	tray->status = "Active";
	tray->next_menu_id = FIRST_INCIDENT_ID;
	tray->icon_theme_path = g_strdup(icon_theme_path != NULL ? icon_theme_path : "");
	tray->cancel = g_cancellable_new();
	tray->user_data = user_data;
	if (callbacks != NULL) {
		tray->cb = *callbacks;
	}
	if (bus != NULL) {
		tray->bus = g_object_ref(bus);
	} else {
		tray->bus = g_bus_get_sync(G_BUS_TYPE_SESSION, NULL, &local);
		if (tray->bus == NULL) {
			g_set_error(error, SW_ERROR, SW_ERROR_TEMPORARY,
				    "tray: no session bus: %s", local->message);
			return NULL;
		}
	}
	update_tooltip(tray, ADVISORY_SEVERITY_UNKNOWN);

	info = g_dbus_node_info_new_for_xml(introspection_xml, error);
	if (info == NULL) {
		return NULL;
	}
	tray->registration = g_dbus_connection_register_object(
		tray->bus, ITEM_PATH, g_dbus_node_info_lookup_interface(info, ITEM_INTERFACE),
		&item_vtable, tray, NULL, error);
	if (tray->registration == 0) {
		return NULL;
	}
	tray->menu = dbusmenu_new(tray->bus, MENU_PATH, on_menu_activate, tray, error);
	if (tray->menu == NULL) {
		return NULL;
	}
	update_menu(tray);
	/* The name hosts expect (the SNI spec's "org.kde.StatusNotifierItem-PID-ID"). */
	tray->bus_name = g_strdup_printf("org.kde.StatusNotifierItem-%d-1", (int)getpid());
	tray->name_id = g_bus_own_name_on_connection(tray->bus, tray->bus_name,
						     G_BUS_NAME_OWNER_FLAGS_NONE, on_name_acquired,
						     NULL, tray, NULL);
	return g_steal_pointer(&tray);
}

void
tray_free(Tray *tray)
{
	if (tray == NULL) {
		return;
	}
	if (tray->cancel != NULL) {
		g_cancellable_cancel(tray->cancel);
		g_object_unref(tray->cancel);
	}
	if (tray->watch_id != 0) {
		g_bus_unwatch_name(tray->watch_id);
	}
	if (tray->name_id != 0) {
		g_bus_unown_name(tray->name_id);
	}
	dbusmenu_free(tray->menu);
	if (tray->registration != 0) {
		g_dbus_connection_unregister_object(tray->bus, tray->registration);
	}
	g_clear_object(&tray->bus);
	g_array_unref(tray->entries);
	g_free(tray->bus_name);
	g_free(tray->icon_theme_path);
	g_free(tray->tooltip_title);
	g_free(tray->tooltip_text);
	g_free(tray);
}
