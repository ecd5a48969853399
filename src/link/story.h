/* story.h - stories: linked events threaded by issue and country pair.
 *
 * Event linking (link.h) merges mentions of one happening: same dyad, same
 * CAMEO root, event dates within a day or so. That is deliberately narrow,
 * and it cannot join what outlets report as one diplomatic story but date
 * differently: one article dates Russia's answer to a ceasefire call to
 * last month's talks, another a week later dates Putin's message on the
 * same proposal to this week. A story is that coarser unit: every mention
 * tagged with issue I (CEASEFIRE, SANCTIONS, ...) between the countries A
 * and B (in either direction), in articles published at most `window` days
 * after the story's previous article.
 *
 * Why publication dates and chaining, unlike events: a story is a thread of
 * coverage, and it lasts as long as outlets keep writing about it; event
 * dates (which may point months back) would scatter one thread.
 *
 * Why country level: outlets name the same party "Russia", "the Kremlin"
 * or "Putin" (RUS, RUSGOV, RUSGOV); the story is Russia's either way.
 * International and non-state codes keep six characters (IGOUNO, NGOAMN),
 * and codes without a country ("---GOV") do not make stories.
 *
 * Stories are computed from the stored mentions at query time
 * (sitrep_store_stories), so they always reflect the whole store and any
 * window, and need no schema. */
#ifndef SR_STORY_H
#define SR_STORY_H
#include <stddef.h>
#include <stdint.h>

/* A linked event in a story: its id and "SOURCE>TARGET CAMEO" from the
 * first mention of it that the story saw. */
typedef struct sr_story_event {
    int64_t id;
    char label[48];
} sr_story_event;

/* One story as built; strings are owned by the set. */
typedef struct sr_story {
    char issue[48];
    char actor_a[8], actor_b[8];        /* country-level codes, a <= b */
    int32_t first_day, last_day;        /* publication days (link.h days) */
    char first_date[11], last_date[11]; /* "YYYY-MM-DD" or "" when undated */
    int64_t num_mentions;
    /* Distinct linked events, articles and outlets, each ascending after
     * sr_stories_finish. */
    sr_story_event *events;
    int64_t *articles;
    char **outlets;
    size_t n_events, n_articles, n_outlets;
    size_t cap_events, cap_articles, cap_outlets;
} sr_story;

typedef struct sr_storyset sr_storyset;

/* A new, empty set threading articles at most `window_days` (>= 0; a
 * negative value counts as 0) apart. Returns NULL when out of memory. */
sr_storyset *sr_stories_new(int window_days);
void sr_stories_free(sr_storyset *s);

/* The country-level form of an actor code into out (cap >= 8): the first
 * three characters, or six for IGO/NGO/MNC/NGM/IMG codes. Returns 0 and
 * leaves out empty when the code has no country ("", "---...", fewer than
 * three characters). */
int sr_story_actor(const char *code, char *out, size_t cap);

/* Adds one mention. Mentions must come in non-decreasing `day` order
 * (SR_DAY_NONE, the undated, first); ties in any order. `issues` is the
 * mention's comma-separated issue list ("" or NULL: not part of any
 * story); the mention joins one story per issue. `outlet` "unknown" or ""
 * is not counted as an outlet. Returns 0, or -1 when out of memory (the
 * set stays valid). */
int sr_stories_add(sr_storyset *s, int64_t event_id, int64_t article_id, int32_t day,
                   const char *date, const char *outlet, const char *source_code,
                   const char *target_code, const char *cameo, const char *issues);

/* Sorts and de-duplicates every story's lists and orders the stories by
 * first day, issue, then actors. Call once, after the last add. Returns
 * the number of stories. */
size_t sr_stories_finish(sr_storyset *s);

/* Story i (0-based, < the number returned by finish), owned by the set. */
const sr_story *sr_stories_get(const sr_storyset *s, size_t i);
#endif
