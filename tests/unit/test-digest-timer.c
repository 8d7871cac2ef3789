/*
 * The daemon's digest clock around a send that is still running: a reload frees the
 * configuration the send started with (the send keeps its own reference), and a stop
 * waits for the send instead of leaving it running with nobody to free it.  The
 * "SMTP server" is a socket on 127.0.0.1 that accepts and says nothing until the test
 * closes it, so the send is held exactly as long as the test wants.
 */
#include <stdlib.h>

#include <gio/gio.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "config.h"
#include "daemon/digest_job.h"
#include "daemon/digest_timer.h"
#include "store/store.h"
#include "store/store_digest.h"

typedef struct {
	GSocketConnection *conn;
	gint closed; /* atomic: the helper closed the connection */
} Server;

static void
on_accepted(GObject *listener, GAsyncResult *res, gpointer data)
{
	Server *s = data;
	g_autoptr(GError) error = NULL;

	s->conn = g_socket_listener_accept_finish(G_SOCKET_LISTENER(listener), res, NULL, &error);
	g_assert_no_error(error);
}

/* Holds the send a moment longer, so the stop below comes while it runs, then lets it
 * fail (the server hangs up before its greeting). */
static gpointer
hang_up_later(gpointer data)
{
	Server *s = data;

	g_usleep(200 * 1000);
	g_atomic_int_set(&s->closed, 1);
	g_io_stream_close(G_IO_STREAM(s->conn), NULL, NULL);
	return NULL;
}

static void
test_reload_and_stop_while_sending(void)
{
	g_autoptr(GError) error = NULL;
	g_autofree char *dir = g_dir_make_tmp("sw-digest-timer-XXXXXX", &error);
	g_assert_no_error(error);
	g_autofree char *db = g_build_filename(dir, "state.db", NULL);
	g_autofree char *conf = g_build_filename(dir, "statuswatch.conf", NULL);

	g_autoptr(GSocketListener) listener = g_socket_listener_new();
	g_autoptr(GInetAddress) lo = g_inet_address_new_loopback(G_SOCKET_FAMILY_IPV4);
	g_autoptr(GSocketAddress) any = g_inet_socket_address_new(lo, 0);
	g_autoptr(GSocketAddress) bound = NULL;
	g_assert_true(g_socket_listener_add_address(listener, any, G_SOCKET_TYPE_STREAM,
						    G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error));
	g_assert_no_error(error);
	guint16 port = g_inet_socket_address_get_port(G_INET_SOCKET_ADDRESS(bound));
	g_autofree char *text = g_strdup_printf(
		"[notify:mail]\ntype = email\nsmtp_url = smtp://127.0.0.1:%u\nstarttls = off\n"
		"from = statuswatch@example.com\nto = ops@example.com\n\n"
		"[digest]\nenabled = true\nnotifier = mail\ntime = 08:00\n",
		port);
	g_assert_true(g_file_set_contents(conf, text, -1, &error));
	g_assert_cmpint(g_chmod(conf, 0600), ==, 0);
	Store *store = store_open_file(db, &error);
	g_assert_no_error(error);
	store_close(store);

	Config *config = config_load_file(conf, &error);
	g_assert_no_error(error);
	gint64 now = g_get_real_time() / G_USEC_PER_SEC, since = 0, until = 0;
	digest_job_period(config, now, &since, &until); /* what the catch-up send claims */
	DigestTimer *timer = digest_timer_new(db, NULL);
	digest_timer_configure(timer, config); /* catches up at once */
	/* A reload: the daemon frees the configuration it had; the send keeps its own. */
	config_free(config);

	Server server = {0};
	g_socket_listener_accept_async(listener, NULL, on_accepted, &server);
	gint64 end = g_get_monotonic_time() + 10 * G_USEC_PER_SEC;
	while (server.conn == NULL && g_get_monotonic_time() < end) {
		g_main_context_iteration(NULL, FALSE);
		g_usleep(1000);
	}
	g_assert_nonnull(server.conn); /* the send is running, held at the greeting */

	GThread *helper = g_thread_new("hang-up", hang_up_later, &server);
	/* A stop while the send runs: it returns once the send has ended, not before. */
	digest_timer_free(timer);
	g_assert_cmpint(g_atomic_int_get(&server.closed), ==, 1);
	g_thread_join(helper);

	/* The failed send gave its claim back: the period can be claimed again. */
	store = store_open_file(db, &error);
	g_assert_no_error(error);
	bool claimed = false;
	g_assert_true(store_digest_claim(store, since, until, now, &claimed, NULL, &error));
	g_assert_no_error(error);
	g_assert_true(claimed);
	store_close(store);
	g_object_unref(server.conn);

	g_autofree char *cmd = g_strdup_printf("rm -rf '%s'", dir);
	g_assert_cmpint(system(cmd), ==, 0);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/digest-timer/reload-and-stop-while-sending",
			test_reload_and_stop_while_sending);
	return g_test_run();
}
