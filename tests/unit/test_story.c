/* Tests for src/link/story.c: issue threads (stories) across articles. */
#include <string.h>
#include "harness.h"
#include "link/link.h"
#include "link/story.h"

TEST(story_actor_country_level) {
    char out[8];
    CHECK_INT_EQ(sr_story_actor("RUSGOV", out, sizeof out), 1);
    CHECK_STR_EQ(out, "RUS");
    CHECK_INT_EQ(sr_story_actor("USA", out, sizeof out), 1);
    CHECK_STR_EQ(out, "USA");
    CHECK_INT_EQ(sr_story_actor("IGOUNOKID", out, sizeof out), 1);
    CHECK_STR_EQ(out, "IGOUNO");
    CHECK_INT_EQ(sr_story_actor("NGOAMN", out, sizeof out), 1);
    CHECK_STR_EQ(out, "NGOAMN");
    CHECK_INT_EQ(sr_story_actor("---GOV", out, sizeof out), 0);
    CHECK_STR_EQ(out, "");
    CHECK_INT_EQ(sr_story_actor("US", out, sizeof out), 0);
    CHECK_INT_EQ(sr_story_actor(NULL, out, sizeof out), 0);
}

/* Adds one mention dated `date` to the set. */
static int S_add(sr_storyset *s, int64_t ev, int64_t art, const char *date, const char *outlet,
                 const char *src, const char *tgt, const char *issues) {
    return sr_stories_add(s, ev, art, sr_day_from_date(date), date, outlet, src, tgt, "040",
                          issues);
}

TEST(story_threads_articles_within_the_window) {
    sr_storyset *s = sr_stories_new(7);
    CHECK(s != NULL);
    /* Putin vs Russia, either direction, different events, a week apart:
     * one story; 8 days after the last article: a new one. */
    CHECK_INT_EQ(S_add(s, 1, 10, "2025-03-07", "Alpha", "RUSGOV", "USAGOV", "CEASEFIRE"), 0);
    CHECK_INT_EQ(S_add(s, 2, 11, "2025-03-14", "Beta", "USA", "RUS", "CEASEFIRE"), 0);
    CHECK_INT_EQ(S_add(s, 2, 11, "2025-03-14", "Beta", "USA", "RUS", "CEASEFIRE"), 0);
    CHECK_INT_EQ(S_add(s, 3, 12, "2025-03-22", "Alpha", "RUS", "USA", "CEASEFIRE"), 0);
    CHECK_INT_EQ(sr_stories_finish(s), 2);
    const sr_story *a = sr_stories_get(s, 0), *b = sr_stories_get(s, 1);
    CHECK_STR_EQ(a->issue, "CEASEFIRE");
    CHECK_STR_EQ(a->actor_a, "RUS");
    CHECK_STR_EQ(a->actor_b, "USA");
    CHECK_STR_EQ(a->first_date, "2025-03-07");
    CHECK_STR_EQ(a->last_date, "2025-03-14");
    CHECK_INT_EQ(a->num_mentions, 3);
    CHECK_INT_EQ(a->n_articles, 2);
    CHECK_INT_EQ(a->n_events, 2);
    CHECK_INT_EQ(a->n_outlets, 2);
    CHECK_STR_EQ(a->outlets[0], "Alpha");
    CHECK_STR_EQ(a->events[0].label, "RUSGOV>USAGOV 040");
    CHECK_STR_EQ(b->first_date, "2025-03-22");
    CHECK_INT_EQ(b->n_articles, 1);
    CHECK(sr_stories_get(s, 2) == NULL);
    sr_stories_free(s);
}

TEST(story_chains_from_the_last_article_not_the_first) {
    sr_storyset *s = sr_stories_new(7);
    S_add(s, 1, 1, "2025-03-01", "A", "RUS", "UKR", "TALKS");
    S_add(s, 2, 2, "2025-03-06", "B", "RUS", "UKR", "TALKS");
    S_add(s, 3, 3, "2025-03-12", "C", "UKR", "RUS", "TALKS"); /* 11 days after the first */
    CHECK_INT_EQ(sr_stories_finish(s), 1);
    CHECK_INT_EQ(sr_stories_get(s, 0)->n_articles, 3);
    CHECK_STR_EQ(sr_stories_get(s, 0)->last_date, "2025-03-12");
    sr_stories_free(s);
}

TEST(story_keys_issues_pairs_and_skips) {
    sr_storyset *s = sr_stories_new(0);
    /* Two issues: the mention is in two stories. */
    S_add(s, 1, 1, "2025-03-07", "unknown", "USAGOV", "RUS", "SANCTIONS,TARIFFS");
    /* No issue, no target country, one country only: no story. */
    S_add(s, 2, 1, "2025-03-07", "A", "USA", "RUS", "");
    S_add(s, 3, 1, "2025-03-07", "A", "USA", "---GOV", "SANCTIONS");
    S_add(s, 4, 1, "2025-03-07", "A", "USAGOV", "USAOPP", "SANCTIONS");
    S_add(s, 5, 1, "2025-03-07", "A", "USA", "", "SANCTIONS");
    /* Window 0: the same day threads, the next day does not. */
    S_add(s, 6, 2, "2025-03-07", "B", "RUS", "USA", "SANCTIONS");
    S_add(s, 7, 3, "2025-03-08", "C", "RUS", "USA", "SANCTIONS");
    CHECK_INT_EQ(sr_stories_finish(s), 3);
    const sr_story *a = sr_stories_get(s, 0), *b = sr_stories_get(s, 1);
    CHECK_STR_EQ(a->issue, "SANCTIONS");
    CHECK_INT_EQ(a->n_articles, 2);
    CHECK_INT_EQ(a->n_outlets, 1); /* "unknown" is not an outlet */
    CHECK_STR_EQ(b->issue, "TARIFFS");
    CHECK_STR_EQ(sr_stories_get(s, 2)->first_date, "2025-03-08");
    sr_stories_free(s);
}

TEST(story_undated_mentions_thread_only_with_undated) {
    sr_storyset *s = sr_stories_new(7);
    S_add(s, 1, 1, "", "A", "RUS", "UKR", "TALKS");
    S_add(s, 2, 2, "", "B", "RUS", "UKR", "TALKS");
    S_add(s, 3, 3, "2025-03-01", "C", "RUS", "UKR", "TALKS");
    CHECK_INT_EQ(sr_stories_finish(s), 2);
    CHECK_STR_EQ(sr_stories_get(s, 0)->first_date, "");
    CHECK_INT_EQ(sr_stories_get(s, 0)->n_articles, 2);
    CHECK_STR_EQ(sr_stories_get(s, 1)->first_date, "2025-03-01");
    sr_stories_free(s);
}

TEST(story_many_keys_grow_the_table) {
    sr_storyset *s = sr_stories_new(7);
    char src[8];
    for (int i = 0; i < 500; i++) {
        snprintf(src, sizeof src, "A%02d", i % 100);
        CHECK_INT_EQ(S_add(s, i, i, "2025-03-07", "A", src, "ZZZ", i < 100 ? "X" : "Y"), 0);
    }
    /* 100 pairs x 2 issues. */
    CHECK_INT_EQ(sr_stories_finish(s), 200);
    sr_stories_free(s);
}
