/*
 * The alert policy (see policy.h for the order of the rules).  Pure: no
 * clock, no store, no logging; everything it knows is handed in.
 *
 * The view digest is a few "name=value" lines (status, severity, kind, title,
 * aliases, one per member and service).  Comparing two digests with strcmp()
 * is the whole per-notifier cost of an unchanged incident, which is what a
 * pass over 10,000 incidents and 50 notifiers mostly sees; only a changed one
 * is split into lines to say what changed.  Posts are counted outside the
 * digest: a routine post ("we are still investigating") changes no line, so it
 * is damped, and the count of folded posts shows in the next alert.
 */
#include "alert/policy.h"

#include <string.h>

#include "util/error.h"
#include "util/timeparse.h"

static void
free_patterns(gpointer p)
{
	g_pattern_spec_free(p);
}

static GPtrArray *
compile_globs(char **globs)
{
	GPtrArray *out = g_ptr_array_new_with_free_func(free_patterns);

	for (char **g = globs; g != NULL && *g != NULL; g++) {
		g_autofree char *lower = g_utf8_strdown(*g, -1);
		if (*lower != '\0') {
			g_ptr_array_add(out, g_pattern_spec_new(lower));
		}
	}
	return out;
}

static bool
globs_match(GPtrArray *globs, const char *lower)
{
	for (guint i = 0; i < globs->len; i++) {
		if (g_pattern_spec_match_string(globs->pdata[i], lower)) {
			return true;
		}
	}
	return false;
}

/* PolicyKind bits of the globs @kinds (validated by the configuration: each matches one
 * of the three names). */
static guint
kinds_of(char **kinds)
{
	static const struct {
		const char *name;
		PolicyKind bit;
	} names[] = {
		{"incident", POLICY_KIND_INCIDENT},
		{"advisory", POLICY_KIND_ADVISORY},
		{"maintenance", POLICY_KIND_MAINTENANCE},
	};
	guint bits = 0;

	for (char **k = kinds; k != NULL && *k != NULL; k++) {
		for (gsize i = 0; i < G_N_ELEMENTS(names); i++) {
			if (g_pattern_match_simple(*k, names[i].name)) {
				bits |= names[i].bit;
			}
		}
	}
	return bits;
}

Policy *
policy_new(const char *notifier, const PolicySettings *s, GError **error)
{
	g_return_val_if_fail(notifier != NULL && s != NULL, NULL);

	g_autoptr(Policy) p = g_new0(Policy, 1);
	p->notifier = g_strdup(notifier);
	p->min_severity = s->min_severity;
	p->services = compile_globs(s->services);
	p->sources = compile_globs(s->sources);
	p->exclude_services = compile_globs(s->exclude_services);
	p->exclude_sources = compile_globs(s->exclude_sources);
	p->kinds = kinds_of(s->kinds);
	p->notify_resolved = s->notify_resolved;
	p->quiet = s->quiet;
	p->group_wait = s->group_wait;
	p->group_interval = s->group_interval;
	p->repeat_interval = s->repeat_interval;
	p->give_up_after = s->give_up_after;
	p->quiet_start = s->quiet_start;
	p->quiet_end = s->quiet_end;
	p->quiet_pass = s->quiet_pass;
	if (s->timezone != NULL) {
		p->tz = g_time_zone_new_identifier(s->timezone);
		if (p->tz == NULL) {
			g_set_error(error, SW_ERROR, SW_ERROR_CONFIG,
				    "notifier '%s': time zone '%s' cannot be loaded", notifier,
				    s->timezone);
			return NULL;
		}
	} else {
		p->tz = g_time_zone_new_local();
	}
	return g_steal_pointer(&p);
}

gint64
policy_give_up_after(const Policy *policy)
{
	return policy->give_up_after;
}

void
policy_free(Policy *policy)
{
	if (policy == NULL) {
		return;
	}
	g_free(policy->notifier);
	g_clear_pointer(&policy->services, g_ptr_array_unref);
	g_clear_pointer(&policy->sources, g_ptr_array_unref);
	g_clear_pointer(&policy->exclude_services, g_ptr_array_unref);
	g_clear_pointer(&policy->exclude_sources, g_ptr_array_unref);
	g_clear_pointer(&policy->tz, g_time_zone_unref);
	g_free(policy);
}

bool
policy_in_quiet_hours(const Policy *policy, gint64 now, gint64 *ret_end)
{
	if (policy->quiet_start < 0) {
		return false;
	}
	g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc(now);
	g_autoptr(GDateTime) local = g_date_time_to_timezone(utc, policy->tz);
	int m = g_date_time_get_hour(local) * 60 + g_date_time_get_minute(local);
	int s = policy->quiet_start, e = policy->quiet_end;
	bool in = s < e ? (m >= s && m < e) : (m >= s || m < e);

	if (in && ret_end != NULL) {
		/* The window ends today, or tomorrow when it wraps midnight and we are before it. */
		int add_days = (s > e && m >= s) ? 1 : 0;
		g_autoptr(GDateTime) day = g_date_time_add_days(local, add_days);
		g_autoptr(GDateTime) end =
			g_date_time_new(policy->tz, g_date_time_get_year(day),
					g_date_time_get_month(day), g_date_time_get_day_of_month(day),
					e / 60, e % 60, 0);
		*ret_end = end != NULL ? g_date_time_to_unix(end) : now + 60;
	}
	return in;
}

/* ---- the view ---- */

/*
 * Status class of an active incident: the least advanced state among its open members
 * (one member still investigating means the incident is), in this order.
 */
static int
status_rank(AdvisoryStatus s)
{
	switch (s) {
	case ADVISORY_STATUS_IDENTIFIED:
	case ADVISORY_STATUS_RESTORING:
		return 1;
	case ADVISORY_STATUS_MONITORING:
		return 2;
	case ADVISORY_STATUS_SCHEDULED:
		return 3;
	default: /* unknown, investigating, degraded, outage */
		return 0;
	}
}

static const char *const rank_names[] = {"investigating", "identified", "monitoring",
					 "scheduled"};

/* A maintenance still going after its announced end has overrun: it is news. */
static bool
overran(const Advisory *a, gint64 now)
{
	return a->kind == ADVISORY_KIND_MAINTENANCE && a->end != SW_TIME_NONE && a->end < now &&
	       a->status != ADVISORY_STATUS_RESOLVED && a->status != ADVISORY_STATUS_FALSE_POSITIVE &&
	       a->status != ADVISORY_STATUS_SCHEDULED && a->status != ADVISORY_STATUS_UNKNOWN &&
	       !a->withdrawn;
}

static void
add_sorted_unique(GPtrArray *arr, char *owned)
{
	for (guint i = 0; i < arr->len; i++) {
		int c = strcmp(arr->pdata[i], owned);
		if (c == 0) {
			g_free(owned);
			return;
		}
		if (c > 0) {
			g_ptr_array_insert(arr, (gint)i, owned);
			return;
		}
	}
	g_ptr_array_add(arr, owned);
}

/* Digest values are single lines. */
static void
append_line(GString *s, const char *name, const char *value)
{
	const char *p = value != NULL ? value : "";

	g_string_append(s, name);
	g_string_append_c(s, '=');
	for (;;) {
		gsize n = strcspn(p, "\r\n");
		g_string_append_len(s, p, (gssize)n);
		if (p[n] == '\0') {
			break;
		}
		g_string_append_c(s, ' ');
		p += n + 1;
	}
	g_string_append_c(s, '\n');
}

AlertView *
alert_view_new(const Incident *inc, gint64 now)
{
	AlertView *v = g_new0(AlertView, 1);
	int rank = 3;
	bool any_incident = false, any_advisory = false, any_overrun = false;
	g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func(g_free);

	v->id = g_strdup(inc->id);
	v->services = g_ptr_array_new_with_free_func(g_free);
	v->sources = g_ptr_array_new_with_free_func(g_free);
	v->severity = incident_severity(inc);
	v->latest = SW_TIME_NONE;
	v->active = incident_is_active(inc, now);
	for (guint i = 0; i < inc->members->len; i++) {
		const Advisory *a = inc->members->pdata[i];
		bool open = !advisory_is_closed(a, now) && !a->withdrawn;
		if (overran(a, now)) {
			any_overrun = true;
			open = true;
		}
		if (open) {
			rank = MIN(rank, status_rank(a->status));
		}
		switch (a->kind) {
		case ADVISORY_KIND_MAINTENANCE:
			/* A maintenance reporting an outage has turned into an incident. */
			any_incident |= a->status == ADVISORY_STATUS_OUTAGE ||
					a->status == ADVISORY_STATUS_DEGRADED;
			break;
		case ADVISORY_KIND_ADVISORY:
		case ADVISORY_KIND_INFORMATIONAL:
			any_advisory = true;
			break;
		default:
			any_incident = true;
			break;
		}
		v->updates += a->updates->len;
		v->latest = MAX(v->latest, MAX(a->updated, a->start));
		for (guint j = 0; j < a->updates->len; j++) {
			const AdvisoryUpdate *u = a->updates->pdata[j];
			v->latest = MAX(v->latest, u->time);
		}
		for (guint j = 0; j < a->services->len; j++) {
			add_sorted_unique(v->services, g_utf8_strdown(a->services->pdata[j], -1));
		}
		add_sorted_unique(v->sources, g_strdup(a->source));
		add_sorted_unique(keys, g_strdup_printf("%s/%s", a->source, a->id));
	}
	v->active = v->active || any_overrun;
	v->kind = any_incident || any_overrun ? POLICY_KIND_INCIDENT
		  : any_advisory	      ? POLICY_KIND_ADVISORY
					      : POLICY_KIND_MAINTENANCE;
	v->status = v->active ? rank_names[rank] : "resolved";

	GString *d = g_string_sized_new(256);
	append_line(d, "status", v->status);
	append_line(d, "severity", advisory_severity_to_string(v->severity));
	append_line(d, "title", incident_title(inc));
	for (guint i = 0; i < inc->aliases->len; i++) {
		append_line(d, "alias", inc->aliases->pdata[i]);
	}
	for (guint i = 0; i < keys->len; i++) {
		append_line(d, "member", keys->pdata[i]);
	}
	for (guint i = 0; i < v->services->len; i++) {
		append_line(d, "service", v->services->pdata[i]);
	}
	v->digest = g_ref_string_new_intern(d->str);
	g_string_free(d, TRUE);
	return v;
}

void
alert_view_free(AlertView *view)
{
	if (view == NULL) {
		return;
	}
	g_free(view->id);
	g_ptr_array_unref(view->services);
	g_ptr_array_unref(view->sources);
	g_ref_string_release(view->digest);
	g_free(view);
}

/* ---- state and decisions ---- */

void
policy_decision_init(PolicyDecision *d)
{
	memset(d, 0, sizeof *d);
	d->changes = g_ptr_array_new_with_free_func(g_free);
	d->wake = SW_TIME_NONE;
}

static void
decision_reset(PolicyDecision *d)
{
	g_ptr_array_set_size(d->changes, 0);
	g_clear_pointer(&d->reason_owned, g_free);
	d->reason = NULL;
	d->action = POLICY_NONE;
	d->kind = ALERT_KIND_UNKNOWN;
	d->previous = ALERT_KIND_UNKNOWN;
	d->summary = false;
	d->wake = SW_TIME_NONE;
}

void
policy_decision_clear(PolicyDecision *d)
{
	g_clear_pointer(&d->changes, g_ptr_array_unref);
	g_clear_pointer(&d->reason_owned, g_free);
	d->reason = NULL;
}

/* @reason is owned by the decision from here on. */
static void
set_reason(PolicyDecision *d, PolicyAction action, char *reason)
{
	d->action = action;
	g_free(d->reason_owned);
	d->reason_owned = reason;
	d->reason = reason;
}

/* @reason has static storage. */
static void
set_reason_static(PolicyDecision *d, PolicyAction action, const char *reason)
{
	d->action = action;
	g_clear_pointer(&d->reason_owned, g_free);
	d->reason = reason;
}

/* The first glob list that excludes @v for @p, as a reason; NULL when none does. */
static char *
excluded_by(const Policy *p, const AlertView *v)
{
	if ((p->kinds & v->kind) == 0) {
		return g_strdup_printf("excluded: kind %s not in kinds",
				       v->kind == POLICY_KIND_MAINTENANCE ? "maintenance"
				       : v->kind == POLICY_KIND_ADVISORY  ? "advisory"
									  : "incident");
	}
	if (v->severity != ADVISORY_SEVERITY_UNKNOWN && v->severity < p->min_severity) {
		return g_strdup_printf("excluded: severity %s below min_severity %s",
				       advisory_severity_to_string(v->severity),
				       advisory_severity_to_string(p->min_severity));
	}
	/* services/sources: at least one must match; exclude_*: excluded only when every one
	 * is excluded (an incident of Exchange and Teams still concerns whoever wants
	 * Exchange). */
	struct {
		GPtrArray *globs;
		GPtrArray *values;
		bool exclude;
		const char *key;
	} rules[] = {
		{p->services, v->services, false, "services"},
		{p->sources, v->sources, false, "sources"},
		{p->exclude_services, v->services, true, "exclude_services"},
		{p->exclude_sources, v->sources, true, "exclude_sources"},
	};
	for (gsize r = 0; r < G_N_ELEMENTS(rules); r++) {
		if (rules[r].globs->len == 0) {
			continue;
		}
		guint hits = 0;
		for (guint i = 0; i < rules[r].values->len; i++) {
			const char *value = rules[r].values->pdata[i];
			g_autofree char *lower = g_utf8_strdown(value, -1);
			hits += globs_match(rules[r].globs, lower) ? 1 : 0;
		}
		if (!rules[r].exclude && hits == 0) {
			return g_strdup_printf("excluded: no service or source matches %s",
					       rules[r].key);
		}
		if (rules[r].exclude && rules[r].values->len > 0 && hits == rules[r].values->len) {
			return g_strdup_printf("excluded by %s", rules[r].key);
		}
	}
	return NULL;
}

static const char *
line_value(const char *line, const char *name)
{
	gsize n = strlen(name);

	return strncmp(line, name, n) == 0 && line[n] == '=' ? line + n + 1 : NULL;
}

/* Values of lines called @name in @digest (char *, owned). */
static GPtrArray *
digest_values(const char *digest, const char *name)
{
	GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
	g_auto(GStrv) lines = g_strsplit(digest != NULL ? digest : "", "\n", -1);

	for (char **l = lines; *l != NULL; l++) {
		const char *v = line_value(*l, name);
		if (v != NULL) {
			g_ptr_array_add(out, g_strdup(v));
		}
	}
	return out;
}

static bool
contains(GPtrArray *arr, const char *s)
{
	for (guint i = 0; i < arr->len; i++) {
		if (strcmp(arr->pdata[i], s) == 0) {
			return true;
		}
	}
	return false;
}

/* "m365/EX649175" → "EX649175" */
static const char *
short_key(const char *key)
{
	const char *slash = strchr(key, '/');

	return slash != NULL ? slash + 1 : key;
}

typedef struct {
	bool members_added, aliases_added, substantive;
} DiffSummary;

/* Appends one line per difference between @old and @new (digests) to @changes. */
static DiffSummary
diff_digests(const char *old, const char *new, GPtrArray *changes)
{
	DiffSummary sum = {false, false, false};
	static const char *const scalars[] = {"status", "severity", "title"};

	for (gsize i = 0; i < G_N_ELEMENTS(scalars); i++) {
		g_autoptr(GPtrArray) a = digest_values(old, scalars[i]);
		g_autoptr(GPtrArray) b = digest_values(new, scalars[i]);
		const char *av = a->len > 0 ? a->pdata[0] : "";
		const char *bv = b->len > 0 ? b->pdata[0] : "";
		if (strcmp(av, bv) != 0) {
			g_ptr_array_add(changes, g_strdup_printf("%s: %s -> %s", scalars[i], av, bv));
			sum.substantive = true;
		}
	}
	static const char *const sets[] = {"member", "alias", "service"};
	for (gsize i = 0; i < G_N_ELEMENTS(sets); i++) {
		g_autoptr(GPtrArray) a = digest_values(old, sets[i]);
		g_autoptr(GPtrArray) b = digest_values(new, sets[i]);
		for (guint j = 0; j < b->len; j++) {
			const char *v = b->pdata[j];
			if (contains(a, v)) {
				continue;
			}
			sum.substantive = true;
			if (i == 0) {
				sum.members_added = true;
				g_ptr_array_add(changes, g_strdup_printf("%s joined", short_key(v)));
			} else if (i == 1) {
				sum.aliases_added = true;
				g_ptr_array_add(changes, g_strdup_printf("incident %s merged in", v));
			} else {
				g_ptr_array_add(changes, g_strdup_printf("service added: %s", v));
			}
		}
		for (guint j = 0; j < a->len; j++) {
			const char *v = a->pdata[j];
			if (contains(b, v)) {
				continue;
			}
			sum.substantive = true;
			g_ptr_array_add(changes,
					i == 0   ? g_strdup_printf("%s left", short_key(v))
					: i == 1 ? g_strdup_printf("alias %s dropped", v)
						 : g_strdup_printf("service removed: %s", v));
		}
	}
	return sum;
}

static char *
format_time(gint64 t)
{
	g_autofree char *s = time_format_rfc3339(t);

	return g_strdup(s != NULL ? s : "?");
}

static void
hold(PolicyDecision *d, gint64 wake, const char *what)
{
	g_autofree char *when = wake != SW_TIME_NONE ? format_time(wake) : NULL;

	d->wake = wake;
	set_reason(d, POLICY_HOLD,
		   when != NULL ? g_strdup_printf("%s until %s", what, when) : g_strdup(what));
}

/* Has every source of @v been polled successfully after @since? */
static bool
polled_since(const PolicyContext *ctx, const AlertView *v, gint64 since)
{
	if (ctx == NULL || ctx->polls == NULL) {
		return true;
	}
	for (guint i = 0; i < v->sources->len; i++) {
		const gint64 *t = g_hash_table_lookup(ctx->polls, v->sources->pdata[i]);
		if (t != NULL && *t <= since) {
			return false;
		}
	}
	return true;
}

static void
send(PolicyDecision *d, AlertState *st, const AlertView *v, AlertKind kind, gint64 now,
     char *reason)
{
	if (v->updates > st->sent_updates && st->sent != NULL) {
		guint n = v->updates - st->sent_updates;
		g_ptr_array_add(d->changes,
				g_strdup_printf("%u new post%s", n, n == 1 ? "" : "s"));
	}
	set_reason(d, POLICY_SEND, reason);
	d->kind = kind;
	d->previous = st->last_kind;
	st->revision++;
	st->last_alert = now;
	st->last_kind = kind;
	char *sent = g_ref_string_acquire(v->digest);
	g_clear_pointer(&st->sent, g_ref_string_release);
	st->sent = sent;
	st->sent_updates = v->updates;
	st->held_since = SW_TIME_NONE;
}

void
policy_decide(const Policy *p, AlertState *st, const AlertView *v, const PolicyContext *ctx,
	      gint64 now, PolicyDecision *d)
{
	decision_reset(d);

	gint64 quiet_end = SW_TIME_NONE;
	bool quiet = false;
	if (ctx != NULL && ctx->quiet_known) {
		quiet = ctx->quiet;
		quiet_end = ctx->quiet_end;
	} else {
		quiet = policy_in_quiet_hours(p, now, &quiet_end);
	}

	/* 1. first sight */
	if (st->first_seen == SW_TIME_NONE) {
		st->first_seen = now;
		if (!v->active || (v->latest != SW_TIME_NONE && v->latest < now - POLICY_HISTORY)) {
			st->history = true;
			set_reason_static(d, POLICY_NONE, "history: first seen already closed or "
							  "quiet for 14 days; not alerted");
			return;
		}
	}
	bool told = st->sent != NULL;

	/* 2. filters, until the notifier was told */
	if (!told) {
		char *why = excluded_by(p, v);
		if (why != NULL) {
			set_reason(d, POLICY_EXCLUDED, why);
			return;
		}
	}

	/* 4 (before mute and quiet, which only hold what is due). */
	AlertKind kind = ALERT_KIND_UNKNOWN;
	if (!told) {
		if (!v->active) {
			if (st->held_since != SW_TIME_NONE && !quiet) {
				/* Opened and resolved while the notifier was quiet: summarised. */
				kind = ALERT_KIND_RESOLVED;
				g_ptr_array_add(d->changes, g_strdup("opened and resolved while "
								     "alerts were held"));
			} else if (st->held_since == SW_TIME_NONE) {
				set_reason_static(d, POLICY_NONE, "resolved before its first alert "
								  "was due; not alerted");
				return;
			}
		} else {
			kind = ALERT_KIND_OPENED;
		}
	} else if (st->sent == v->digest || strcmp(st->sent, v->digest) == 0) {
		if (v->active && p->repeat_interval > 0 && st->last_alert != SW_TIME_NONE &&
		    now >= st->last_alert + p->repeat_interval) {
			kind = ALERT_KIND_REMINDER;
		} else if (v->updates > st->sent_updates) {
			guint n = v->updates - st->sent_updates;
			set_reason(d, POLICY_NONE,
				   g_strdup_printf("damped: %u routine post%s folded into the next "
						   "alert", n, n == 1 ? "" : "s"));
			if (v->active && p->repeat_interval > 0 && st->last_alert != SW_TIME_NONE) {
				d->wake = st->last_alert + p->repeat_interval;
			}
			return;
		} else {
			set_reason_static(d, POLICY_NONE, "no change since the last alert");
			if (v->active && p->repeat_interval > 0 && st->last_alert != SW_TIME_NONE) {
				d->wake = st->last_alert + p->repeat_interval;
			}
			return;
		}
	} else {
		bool was_active = strncmp(st->sent, "status=resolved\n", 16) != 0;
		DiffSummary sum = diff_digests(st->sent, v->digest, d->changes);
		if (was_active && !v->active) {
			kind = ALERT_KIND_RESOLVED;
		} else if (!was_active && v->active) {
			kind = ALERT_KIND_REOPENED;
		} else if (sum.members_added) {
			kind = ALERT_KIND_GREW;
		} else if (sum.aliases_added) {
			kind = ALERT_KIND_MERGED;
		} else {
			kind = ALERT_KIND_CHANGED;
		}
		if (kind == ALERT_KIND_RESOLVED && !p->notify_resolved) {
			/* Remembered as told, so a later reopening compares with "resolved".
			 * (New copy before freeing the old: callers detect a change by address.) */
			char *sent = g_ref_string_acquire(v->digest);
			g_clear_pointer(&st->sent, g_ref_string_release);
			st->sent = sent;
			st->sent_updates = v->updates;
			g_ptr_array_set_size(d->changes, 0);
			set_reason_static(d, POLICY_NONE, "resolved; notify_resolved = false");
			return;
		}
	}

	/* 3. mute */
	if (ctx != NULL && ctx->muted_until != SW_TIME_NONE && now < ctx->muted_until) {
		g_ptr_array_set_size(d->changes, 0);
		hold(d, ctx->muted_until, "muted");
		return;
	}

	/* 5. quiet hours */
	bool passes = p->quiet_pass != ADVISORY_SEVERITY_UNKNOWN && v->severity >= p->quiet_pass;
	if (quiet && !passes) {
		if (st->held_since == SW_TIME_NONE) {
			st->held_since = now;
		}
		g_ptr_array_set_size(d->changes, 0);
		hold(d, quiet_end, "quiet hours");
		return;
	}
	if (st->held_since != SW_TIME_NONE) {
		d->summary = true;
		send(d, st, v, kind, now, g_strdup("quiet hours ended: in the summary"));
		return;
	}

	/* 6. grouping timers; a resolution is never held */
	if (kind == ALERT_KIND_OPENED) {
		gint64 until = st->first_seen + p->group_wait;
		if (now < until) {
			hold(d, until, "group_wait");
			return;
		}
		/* group_wait = 0 asks for no wait at all, not even for the next poll. */
		if (p->group_wait > 0 && !polled_since(ctx, v, st->first_seen)) {
			hold(d, SW_TIME_NONE, "group_wait: waiting for one more poll of its sources");
			return;
		}
	} else if (kind != ALERT_KIND_RESOLVED && st->last_alert != SW_TIME_NONE &&
		   now < st->last_alert + p->group_interval) {
		g_ptr_array_set_size(d->changes, 0);
		hold(d, st->last_alert + p->group_interval, "group_interval");
		return;
	}
	send(d, st, v, kind, now, g_strdup_printf("due: %s", alert_kind_to_string(kind)));
}
