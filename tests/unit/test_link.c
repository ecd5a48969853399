/* Tests for src/link: dates, evidence strength, and linking mentions from
 * several articles into events through the store. */
#include <sqlite3.h>
#include "harness.h"
#include "link/link.h"
#include "store/store.h"
#include "store_fixture.h"

TEST(link_day_numbers) {
    CHECK_INT_EQ(sr_day_from_date("1970-01-01"), 0);
    CHECK_INT_EQ(sr_day_from_date("1970-01-02"), 1);
    CHECK_INT_EQ(sr_day_from_date("1969-12-31"), -1);
    CHECK_INT_EQ(sr_day_from_date("2000-03-01") - sr_day_from_date("2000-02-28"), 2);
    CHECK_INT_EQ(sr_day_from_date("2025-03-14") - sr_day_from_date("2025-03-07"), 7);
    CHECK_INT_EQ(sr_day_from_date("2025-01-01T10:00:00Z"), sr_day_from_date("2025-01-01"));
    CHECK_INT_EQ(sr_day_from_date("2024-02-29") - sr_day_from_date("2024-02-28"), 1);
    CHECK_INT_EQ(sr_day_from_date("2023-02-29"), SR_DAY_NONE);
    CHECK_INT_EQ(sr_day_from_date("2025-13-01"), SR_DAY_NONE);
    CHECK_INT_EQ(sr_day_from_date("2025-3-1"), SR_DAY_NONE);
    CHECK_INT_EQ(sr_day_from_date(""), SR_DAY_NONE);
    CHECK_INT_EQ(sr_day_from_date(NULL), SR_DAY_NONE);
}

TEST(link_score_prefers_dyads_assertions_and_specific_codes) {
    sitrep_event a = {.source_code = "RUS", .target_code = "UKR", .cameo = "0871", .modality = ""};
    sitrep_event b = a;
    b.cameo = "087";
    CHECK(sr_link_score(&a) > sr_link_score(&b));
    b = a;
    b.target_code = "";
    CHECK(sr_link_score(&a) > sr_link_score(&b));
    b = a;
    b.modality = "negated";
    CHECK(sr_link_score(&a) > sr_link_score(&b));
    /* A dyad with a root-only code beats a lone actor with a full code. */
    sitrep_event c = {.source_code = "RUS", .target_code = "UKR", .cameo = "08"};
    sitrep_event d = {.source_code = "RUS", .cameo = "0871"};
    CHECK(sr_link_score(&c) > sr_link_score(&d));
}

typedef struct {
    sitrep_store *s;
    char dir[64], path[128];
    sitrep_events *ev;
} S_fx;

static int S_setup(S_fx *fx) {
    if (!fx_tmpdir(fx->dir)) return -1;
    snprintf(fx->path, sizeof fx->path, "%s/link.db", fx->dir);
    sitrep_error err;
    fx->s = sitrep_store_open(fx->path, &err);
    fx->ev = sr_events_new();
    return fx->s && fx->ev ? 0 : -1;
}

static void S_teardown(S_fx *fx) {
    sitrep_store_close(fx->s);
    sitrep_events_free(fx->ev);
    fx_rmdir(fx->dir);
}

/* Adds an article whose events are already in fx->ev, then clears them. */
static void S_add(S_fx *fx, const char *id, const char *date, const char *outlet) {
    char text[96];
    snprintf(text, sizeof text, "Article %s from %s.", id, outlet);
    sitrep_article *a = fx_article(id, date, outlet, "", text);
    sitrep_error err;
    CHECK_INT_EQ(sitrep_store_add(fx->s, a, fx->ev, NULL, &err), SITREP_OK);
    fx_article_free(a);
    sr_events_clear(fx->ev);
}

static char S_rows[2048];
static int S_row(void *ctx, const sitrep_store_row *r) {
    (void)ctx;
    char one[160];
    snprintf(one, sizeof one, "%s[%s %s>%s %s m%lld a%lld s%lld %s..%s ev=%s]",
             S_rows[0] ? " " : "", r->ev.date, r->ev.source_code, r->ev.target_code, r->ev.cameo,
             (long long)r->num_mentions, (long long)r->num_articles, (long long)r->num_sources,
             r->first_seen, r->last_seen, r->ev.article_id);
    strncat(S_rows, one, sizeof S_rows - 1 - strlen(S_rows));
    return 0;
}

static const char *S_events(S_fx *fx) {
    S_rows[0] = '\0';
    sitrep_error err;
    if (sitrep_store_query(fx->s, NULL, 0, S_row, NULL, &err) != SITREP_OK) return "(error)";
    return S_rows;
}

TEST(link_joins_mentions_across_articles_within_the_window) {
    S_fx fx;
    CHECK_INT_EQ(S_setup(&fx), 0);
    if (!fx.s) return;
    /* Three outlets report the same Russia -> USA consultation over two
     * days; one of them twice in the same article. */
    fx_event(fx.ev, "2025-03-13", "RUSGOV", "USAGOV", "040", "Moscow and Washington held talks.");
    S_add(&fx, "a1", "2025-03-13", "Reuters");
    fx_event(fx.ev, "2025-03-14", "RUSGOV", "USAGOV", "0421", "Putin sent a message to Trump.");
    fx_event(fx.ev, "2025-03-14", "RUSGOV", "USAGOV", "040", "The sides consulted.");
    S_add(&fx, "a2", "2025-03-14", "TASS");
    fx_event(fx.ev, "2025-03-14", "RUSGOV", "USAGOV", "043", "Officials met.");
    S_add(&fx, "a3", "2025-03-14", "unknown");
    /* Four days later: outside the +-1 day window, a new event. */
    fx_event(fx.ev, "2025-03-18", "RUSGOV", "USAGOV", "040", "More talks.");
    S_add(&fx, "a4", "2025-03-18", "Reuters");
    /* Same day, other direction and other root: separate events. */
    fx_event(fx.ev, "2025-03-14", "USAGOV", "RUSGOV", "040", "Trump called Putin.");
    fx_event(fx.ev, "2025-03-14", "RUSGOV", "USAGOV", "190", "A strike.");
    S_add(&fx, "a5", "2025-03-14", "AP");

    CHECK_STR_EQ(S_events(&fx),
                 "[2025-03-13 RUSGOV>USAGOV 0421 m4 a3 s2 2025-03-13..2025-03-14 ev=a2]"
                 " [2025-03-14 USAGOV>RUSGOV 040 m1 a1 s1 2025-03-14..2025-03-14 ev=a5]"
                 " [2025-03-14 RUSGOV>USAGOV 190 m1 a1 s1 2025-03-14..2025-03-14 ev=a5]"
                 " [2025-03-18 RUSGOV>USAGOV 040 m1 a1 s1 2025-03-18..2025-03-18 ev=a4]");
    /* Raw mentions stay queryable, each pointing at its event. */
    sitrep_store_counts n;
    sitrep_error err;
    CHECK_INT_EQ(sitrep_store_count(fx.s, &n, &err), SITREP_OK);
    CHECK_INT_EQ(n.mentions, 7);
    CHECK_INT_EQ(n.events, 4);
    S_teardown(&fx);
}

TEST(link_anchors_on_the_first_date_instead_of_chaining) {
    S_fx fx;
    CHECK_INT_EQ(S_setup(&fx), 0);
    if (!fx.s) return;
    const char *days[] = {"2025-05-01", "2025-05-02", "2025-05-03", "2025-05-04"};
    for (int i = 0; i < 4; i++) {
        char id[16];
        snprintf(id, sizeof id, "d%d", i);
        fx_event(fx.ev, days[i], "ISR", "PSE", "190", "Fighting continued.");
        S_add(&fx, id, days[i], "X");
    }
    /* 05-01 and 05-02 link (one day apart); 05-03 is two days from the
     * anchor, so it starts a new event, which 05-04 joins. */
    CHECK_STR_EQ(S_events(&fx),
                 "[2025-05-01 ISR>PSE 190 m2 a2 s1 2025-05-01..2025-05-02 ev=d0]"
                 " [2025-05-03 ISR>PSE 190 m2 a2 s1 2025-05-03..2025-05-04 ev=d2]");
    S_teardown(&fx);
}

TEST(link_relinks_when_settings_change) {
    S_fx fx;
    CHECK_INT_EQ(S_setup(&fx), 0);
    if (!fx.s) return;
    fx_event(fx.ev, "2025-03-07", "RUS", "UKR", "190", "a");
    S_add(&fx, "r1", "2025-03-07", "A");
    fx_event(fx.ev, "2025-03-10", "RUS", "UKR", "193", "b");
    S_add(&fx, "r2", "2025-03-10", "B");
    sitrep_store_counts n;
    sitrep_error err;
    sitrep_store_count(fx.s, &n, &err);
    CHECK_INT_EQ(n.events, 2);
    int relinked = 0;
    /* A wider window joins them. */
    CHECK_INT_EQ(sitrep_store_set_linking(fx.s, 3, SITREP_LINK_ROOT, &relinked, &err), SITREP_OK);
    CHECK_INT_EQ(relinked, 1);
    sitrep_store_count(fx.s, &n, &err);
    CHECK_INT_EQ(n.events, 1);
    CHECK_STR_EQ(S_events(&fx), "[2025-03-07 RUS>UKR 190 m2 a2 s2 2025-03-07..2025-03-10 ev=r1]");
    /* Keying by the full code splits 190 from 193 again. */
    CHECK_INT_EQ(sitrep_store_set_linking(fx.s, 3, SITREP_LINK_CODE, &relinked, &err), SITREP_OK);
    sitrep_store_count(fx.s, &n, &err);
    CHECK_INT_EQ(n.events, 2);
    /* Same settings: nothing to do. */
    CHECK_INT_EQ(sitrep_store_set_linking(fx.s, 3, SITREP_LINK_CODE, &relinked, &err), SITREP_OK);
    CHECK_INT_EQ(relinked, 0);
    CHECK_INT_EQ(sitrep_store_set_linking(fx.s, 400, SITREP_LINK_CODE, &relinked, &err),
                 SITREP_E_USAGE);
    /* The settings are recorded in the store. */
    sitrep_store_close(fx.s);
    fx.s = sitrep_store_open(fx.path, &err);
    int w;
    sitrep_link_key k;
    sitrep_store_linking(fx.s, &w, &k);
    CHECK_INT_EQ(w, 3);
    CHECK_INT_EQ(k, SITREP_LINK_CODE);
    /* New mentions link with the recorded settings. */
    fx_event(fx.ev, "2025-03-09", "RUS", "UKR", "193", "c");
    S_add(&fx, "r3", "2025-03-09", "C");
    sitrep_store_count(fx.s, &n, &err);
    CHECK_INT_EQ(n.events, 2);
    S_teardown(&fx);
}

TEST(link_undated_mentions_link_only_with_each_other) {
    S_fx fx;
    CHECK_INT_EQ(S_setup(&fx), 0);
    if (!fx.s) return;
    fx_event(fx.ev, "", "RUS", "UKR", "190", "a");
    S_add(&fx, "u1", "", "A");
    fx_event(fx.ev, "", "RUS", "UKR", "190", "b");
    S_add(&fx, "u2", "", "B");
    fx_event(fx.ev, "1970-01-01", "RUS", "UKR", "190", "c");
    S_add(&fx, "u3", "1970-01-01", "C");
    CHECK_STR_EQ(S_events(&fx), "[ RUS>UKR 190 m2 a2 s2 .. ev=u1]"
                                " [1970-01-01 RUS>UKR 190 m1 a1 s1 1970-01-01..1970-01-01 ev=u3]");
    S_teardown(&fx);
}
