/*
 * Helpers the commands share (cli_private.h): error lines and exit codes, the
 * clock, the store, reading local feed files and naming advisories.  Like
 * every cli*.c file it may print; nothing below the command line does.
 */
#include "cli_private.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "config.h"
#include "http/fetch.h"
#include "model/advisory.h"
#include "sources/source.h"
#include "store/state_lock.h"
#include "util/error.h"
#include "util/terminal.h"
#include "util/timeparse.h"

int
cli_exit_code_for(const GError *error)
{
	if (error != NULL && error->domain == SW_ERROR &&
	    (error->code == SW_ERROR_CONFIG || error->code == SW_ERROR_NOT_FOUND)) {
		return CLI_EXIT_USAGE;
	}
	return CLI_EXIT_FAILURE;
}

int
cli_fail(const GError *error)
{
	/* A server's reason phrase or a feed's text may be in the message: no escapes. */
	g_autofree char *msg = terminal_safe(error->message, true);
	g_printerr("statuswatch: %s\n", msg);
	return cli_exit_code_for(error);
}

int
cli_not_built(const char *what)
{
	g_printerr("statuswatch: '%s' is not built yet in this version\n", what);
	return CLI_EXIT_USAGE;
}

void
cli_print_and_free(char *text)
{
	fputs(text, stdout);
	if (*text != '\0' && text[strlen(text) - 1] != '\n') {
		fputc('\n', stdout);
	}
	g_free(text);
}

gint64
cli_now(void)
{
	const char *pinned = g_getenv("STATUSWATCH_NOW");
	gint64 t;

	if (pinned != NULL && time_parse_rfc3339(pinned, &t)) {
		return t;
	}
	return g_get_real_time() / G_USEC_PER_SEC;
}

Store *
cli_open_store(const CliOptions *o, GError **error)
{
	g_autofree char *dir = cli_state_dir(o);
	Store *store = store_open(dir, error);

	if (store != NULL) {
		/* Created 0700/0600; an older or hand-made one may be wider: say so. */
		g_auto(GStrv) warnings = state_dir_permission_warnings(dir);
		for (char **w = warnings; w != NULL && *w != NULL; w++) {
			g_warning("%s", *w);
		}
	}
	return store;
}

char *
cli_state_dir(const CliOptions *o)
{
	return o->state_dir != NULL ? g_strdup(o->state_dir) : store_default_dir();
}

/* "report.json" → "report": files read by `link` and `demo` are named after their file. */
static char *
source_name_for_file(const char *path)
{
	char *base = g_path_get_basename(path);
	char *dot = strrchr(base, '.');

	if (dot != NULL && dot != base) {
		*dot = '\0';
	}
	return base;
}

int
cli_open_config_and_store(const CliOptions *o, Config **ret_config, Store **ret_store)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(Config) config = config_load(o->config_path, &error);

	if (config == NULL) {
		return cli_fail(error);
	}
	Store *store = cli_open_store(o, &error);
	if (store == NULL) {
		return cli_fail(error);
	}
	*ret_config = g_steal_pointer(&config);
	*ret_store = store;
	return CLI_EXIT_OK;
}

/*
 * Streams @path into the source parser in 64 KiB reads, under the cap a fetch applies
 * (issue 16, defect 6: reading the whole file first took 728 MB for a 700 MB file and
 * never ended on /dev/zero).  A FIFO or a device works too; memory stays at the cap.
 */
static SourceResult *
parse_file(const char *path, const SourceContext *ctx, GError **error)
{
	int fd = g_open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY, 0);
	if (fd < 0) {
		int err = errno;
		g_set_error(error, SW_ERROR, SW_ERROR_IO, "cannot read it: %s", g_strerror(err));
		return NULL;
	}
	g_autoptr(SourceParser) parser = source_parser_new(ctx);
	g_autofree char *buf = g_malloc(64 * 1024);
	gsize total = 0;
	SourceResult *result = NULL;

	for (;;) {
		ssize_t n = read(fd, buf, 64 * 1024);
		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n < 0) {
			int err = errno;
			g_set_error(error, SW_ERROR, SW_ERROR_IO, "cannot read it: %s",
				    g_strerror(err));
			goto out;
		}
		if (n == 0) {
			break;
		}
		total += (gsize)n;
		if (total > ctx->max_bytes) {
			g_set_error(error, SW_ERROR, SW_ERROR_LIMIT,
				    "larger than %u MiB, the cap on a fetched feed",
				    (unsigned)(ctx->max_bytes / (1024 * 1024)));
			goto out;
		}
		if (!source_parser_feed(parser, buf, (gsize)n, error)) {
			goto out;
		}
	}
	result = source_parser_finish(parser, error);
out:
	close(fd);
	return result;
}

/* One file of cli_add_files(): parsed by a worker thread, used in order by the caller's. */
typedef struct {
	const char *path;     /* borrowed from the caller's list */
	char *name, *uri;     /* owned: what its SourceContext borrows */
	SourceResult *result; /* owned; NULL when @error is set */
	GError *error;        /* owned */
	LinkerText **texts;   /* owned, per advisory of @result: its texts as read, or NULL */
	bool done;            /* parsed (under FileQueue.lock) */
} FileJob;

/* Files are parsed at most this many ahead of the one being linked: bounds the
 * memory held by parsed feeds waiting their turn. */
#define FILES_AHEAD 8

typedef struct {
	FileJob *jobs;
	guint n;
	guint next;     /* first job no worker took yet */
	guint used;     /* jobs the caller is done with */
	gint64 now;
	bool drop_texts;/* free the advisories' texts once read (see drop_texts()) */
	GMutex lock;
	GCond cond;
} FileQueue;

/* `link` never shows an advisory's texts and the linker reads them only while
 * adding it: what a big batch kept of them was most of its memory.  Freed by
 * the thread that made them once read (another thread's free of them was a
 * tenth of the adding thread's time). */
static void
drop_texts(Advisory *a)
{
	g_clear_pointer(&a->text, g_free);
	for (guint i = 0; i < a->updates->len; i++) {
		AdvisoryUpdate *u = a->updates->pdata[i];
		if (u->text != advisory_text_dropped) {
			g_free(u->text);
		}
		u->text = advisory_text_dropped;
	}
}

/* One worker: the queue, and its reader of advisory texts. */
typedef struct {
	FileQueue *q;
	LinkerReader *reader;
} FileWorker;

static void
file_job_parse(FileJob *job, gint64 now, LinkerReader *reader, bool drop)
{
	job->name = source_name_for_file(job->path);
	/* Canonical, so relative links resolve the same however the path was typed
	 * ("feed.xml", "./feed.xml" or "/abs/feed.xml"); g_filename_to_uri() refuses a
	 * relative path, which left them unresolved. */
	g_autofree char *abs = g_canonicalize_filename(job->path, NULL);
	job->uri = g_filename_to_uri(abs, NULL, NULL);

	SourceContext ctx = {
		.source_name = job->name,
		.base_url = job->uri,
		.now = now,
		.max_bytes = FETCH_DEFAULT_MAX_BYTES,
	};
	job->result = parse_file(job->path, &ctx, &job->error);
	if (job->result != NULL && reader != NULL) {
		GPtrArray *advisories = job->result->advisories;
		job->texts = g_new0(LinkerText *, MAX(advisories->len, 1));
		for (guint i = 0; i < advisories->len; i++) {
			job->texts[i] = linker_read(reader, advisories->pdata[i]);
			if (drop) {
				drop_texts(advisories->pdata[i]);
			}
		}
	}
}

static gpointer
file_worker(gpointer data)
{
	FileWorker *fw = data;
	FileQueue *q = fw->q;

	g_mutex_lock(&q->lock);
	for (;;) {
		while (q->next < q->n && q->next >= q->used + FILES_AHEAD) {
			g_cond_wait(&q->cond, &q->lock);
		}
		if (q->next >= q->n) {
			break;
		}
		FileJob *job = &q->jobs[q->next++];
		g_mutex_unlock(&q->lock);
		file_job_parse(job, q->now, fw->reader, q->drop_texts);
		g_mutex_lock(&q->lock);
		job->done = true;
		g_cond_broadcast(&q->cond);
	}
	g_mutex_unlock(&q->lock);
	return NULL;
}

/*
 * Files are parsed, and their advisories' texts read for the linker
 * (linker_read()), on worker threads (one per processor, at most four) while
 * this thread adds the advisories of each file in the order given, so the
 * linker sees exactly what one thread would have given it, and warnings come
 * out in file order.  Parsing and reading are pure (neither touches shared
 * state; each worker has its own reader).
 */
bool
cli_add_files(char **paths, gint64 now, Linker *linker, GPtrArray *all)
{
	bool ok = true;
	FileQueue q = {.n = g_strv_length(paths), .now = now, .drop_texts = all == NULL};
	guint nworkers = q.n > 1 ? CLAMP(g_get_num_processors(), 1u, 4u) : 0;
	GThread *workers[4];
	FileWorker fw[4];

	q.jobs = g_new0(FileJob, q.n);
	for (guint i = 0; i < q.n; i++) {
		q.jobs[i].path = paths[i];
	}
	g_mutex_init(&q.lock);
	g_cond_init(&q.cond);
	for (guint w = 0; w < nworkers; w++) {
		fw[w] = (FileWorker){.q = &q, .reader = linker_reader_new(linker)};
		workers[w] = g_thread_new("parse", file_worker, &fw[w]);
	}
	for (guint i = 0; i < q.n; i++) {
		FileJob *job = &q.jobs[i];
		if (nworkers == 0) {
			file_job_parse(job, now, NULL, false);
		} else {
			g_mutex_lock(&q.lock);
			while (!job->done) {
				g_cond_wait(&q.cond, &q.lock);
			}
			g_mutex_unlock(&q.lock);
		}
		if (job->result == NULL) {
			g_warning("%s: %s, skipping", job->path, job->error->message);
			ok = false;
		} else {
			SourceResult *result = job->result;
			for (guint k = 0; k < result->warnings->len; k++) {
				g_warning("%s: %s", job->path, (char *)result->warnings->pdata[k]);
			}
			for (guint k = 0; k < result->advisories->len; k++) {
				Advisory *a = result->advisories->pdata[k];
				linker_add_read(linker, a, job->texts != NULL ? job->texts[k] : NULL);
				if (job->texts != NULL) {
					g_clear_pointer(&job->texts[k], linker_text_free);
				}
				if (all != NULL) {
					g_ptr_array_add(all, advisory_ref(a));
				} else if (job->texts == NULL) {
					drop_texts(a);
				}
			}
		}
		g_clear_pointer(&job->texts, g_free);
		g_clear_pointer(&job->result, source_result_free);
		g_clear_error(&job->error);
		g_clear_pointer(&job->name, g_free);
		g_clear_pointer(&job->uri, g_free);
		g_mutex_lock(&q.lock);
		q.used = i + 1;
		g_cond_broadcast(&q.cond);
		g_mutex_unlock(&q.lock);
	}
	for (guint w = 0; w < nworkers; w++) {
		g_thread_join(workers[w]);
		linker_reader_free(fw[w].reader);
	}
	g_mutex_clear(&q.lock);
	g_cond_clear(&q.cond);
	g_free(q.jobs);
	return ok;
}

char *
cli_resolve_advisory(Store *store, const char *arg, GError **error)
{
	g_autoptr(GHashTable) assignments = store_incident_assignments(store, error);

	if (assignments == NULL) {
		return NULL;
	}
	if (g_hash_table_contains(assignments, arg)) {
		return g_strdup(arg);
	}
	g_autofree char *suffix = g_strconcat("/", arg, NULL);
	g_autoptr(GPtrArray) found = g_ptr_array_new();
	GHashTableIter it;
	gpointer key;
	g_hash_table_iter_init(&it, assignments);
	while (g_hash_table_iter_next(&it, &key, NULL)) {
		if (g_str_has_suffix(key, suffix)) {
			g_ptr_array_add(found, key);
		}
	}
	if (found->len == 1) {
		return g_strdup(found->pdata[0]);
	}
	if (found->len == 0) {
		g_set_error(error, SW_ERROR, SW_ERROR_NOT_FOUND, "no stored advisory '%s'", arg);
	} else {
		g_ptr_array_sort(found, (GCompareFunc)g_strcmp0);
		g_set_error(error, SW_ERROR, SW_ERROR_NOT_FOUND,
			    "advisory '%s' is ambiguous: name it as '%s' or '%s'", arg,
			    (char *)found->pdata[0], (char *)found->pdata[1]);
	}
	return NULL;
}
