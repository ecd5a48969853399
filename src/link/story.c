/* story.c - stories: linked events threaded by issue and country pair
 * (see story.h for the why). */
#include "link/story.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "link/link.h"
#include "util/hash.h"

struct sr_storyset {
    int window;
    sr_story **stories;
    size_t n, cap;
    /* key -> index of the newest story of that key; open addressing,
     * capacity a power of two, load <= 1/2. A slot holds index + 1 (0 =
     * empty); the key itself is re-read from the story to confirm. */
    size_t *slots;
    size_t nslots;
};

sr_storyset *sr_stories_new(int window_days) {
    sr_storyset *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    s->window = window_days < 0 ? 0 : window_days;
    s->nslots = 64;
    s->slots = calloc(s->nslots, sizeof *s->slots);
    if (!s->slots) {
        free(s);
        return NULL;
    }
    return s;
}

static void S_story_free(sr_story *st) {
    if (!st) return;
    for (size_t i = 0; i < st->n_outlets; i++) free(st->outlets[i]);
    free(st->outlets);
    free(st->events);
    free(st->articles);
    free(st);
}

void sr_stories_free(sr_storyset *s) {
    if (!s) return;
    for (size_t i = 0; i < s->n; i++) S_story_free(s->stories[i]);
    free(s->stories);
    free(s->slots);
    free(s);
}

int sr_story_actor(const char *code, char *out, size_t cap) {
    if (cap) out[0] = '\0';
    if (!code || cap < 8 || strlen(code) < 3 || strncmp(code, "---", 3) == 0) return 0;
    static const char *const nonstate[] = {"IGO", "NGO", "MNC", "NGM", "IMG"};
    size_t n = 3;
    for (size_t i = 0; i < sizeof nonstate / sizeof *nonstate; i++)
        if (strncmp(code, nonstate[i], 3) == 0 && strlen(code) >= 6) n = 6;
    memcpy(out, code, n);
    out[n] = '\0';
    return 1;
}

static uint64_t S_key_hash(const char *issue, const char *a, const char *b) {
    uint64_t h = sr_hash_bytes(SR_HASH_SEED, issue, strlen(issue) + 1);
    h = sr_hash_bytes(h, a, strlen(a) + 1);
    return sr_hash_bytes(h, b, strlen(b) + 1);
}

static int S_same_key(const sr_story *st, const char *issue, const char *a, const char *b) {
    return strcmp(st->issue, issue) == 0 && strcmp(st->actor_a, a) == 0 &&
           strcmp(st->actor_b, b) == 0;
}

/* The slot for the key: the one holding its newest story, or the empty
 * slot where it would go. */
static size_t *S_slot(sr_storyset *s, const char *issue, const char *a, const char *b) {
    size_t mask = s->nslots - 1, i = (size_t)S_key_hash(issue, a, b) & mask;
    while (s->slots[i] && !S_same_key(s->stories[s->slots[i] - 1], issue, a, b))
        i = (i + 1) & mask;
    return &s->slots[i];
}

/* Doubles the key table; returns 0 or -1 (out of memory, table unchanged). */
static int S_grow_slots(sr_storyset *s) {
    size_t n = s->nslots * 2;
    size_t *slots = calloc(n, sizeof *slots);
    if (!slots) return -1;
    size_t *old = s->slots, oldn = s->nslots;
    s->slots = slots;
    s->nslots = n;
    for (size_t i = 0; i < oldn; i++) {
        if (!old[i]) continue;
        const sr_story *st = s->stories[old[i] - 1];
        *S_slot(s, st->issue, st->actor_a, st->actor_b) = old[i];
    }
    free(old);
    return 0;
}

/* Makes *p hold at least need elements of `size` bytes; 0 or -1. */
static int S_reserve(void **p, size_t *cap, size_t need, size_t size) {
    if (need <= *cap) return 0;
    size_t n = *cap ? *cap * 2 : 4;
    while (n < need) n *= 2;
    void *q = realloc(*p, n * size);
    if (!q) return -1;
    *p = q;
    *cap = n;
    return 0;
}

static sr_story *S_new_story(sr_storyset *s, const char *issue, const char *a,
                             const char *b, int32_t day, const char *date) {
    if ((s->n + 1) * 2 > s->nslots && S_grow_slots(s) < 0) return NULL;
    if (S_reserve((void **)&s->stories, &s->cap, s->n + 1, sizeof(sr_story *)) < 0) return NULL;
    sr_story *st = calloc(1, sizeof *st);
    if (!st) return NULL;
    snprintf(st->issue, sizeof st->issue, "%s", issue);
    snprintf(st->actor_a, sizeof st->actor_a, "%s", a);
    snprintf(st->actor_b, sizeof st->actor_b, "%s", b);
    st->first_day = st->last_day = day;
    snprintf(st->first_date, sizeof st->first_date, "%s", day == SR_DAY_NONE ? "" : date);
    snprintf(st->last_date, sizeof st->last_date, "%s", st->first_date);
    s->stories[s->n++] = st;
    *S_slot(s, issue, a, b) = s->n;
    return st;
}

/* Adds the mention to one story (appending; duplicates go at finish). */
static int S_join(sr_story *st, int64_t event_id, int64_t article_id, int32_t day,
                  const char *date, const char *outlet, const char *src, const char *tgt,
                  const char *cameo) {
    st->num_mentions++;
    if (day != SR_DAY_NONE && day > st->last_day) {
        st->last_day = day;
        snprintf(st->last_date, sizeof st->last_date, "%s", date);
    }
    if (!st->n_events || st->events[st->n_events - 1].id != event_id) {
        if (S_reserve((void **)&st->events, &st->cap_events, st->n_events + 1,
                      sizeof *st->events) < 0)
            return -1;
        sr_story_event *e = &st->events[st->n_events++];
        e->id = event_id;
        snprintf(e->label, sizeof e->label, "%s>%s %s", src, tgt, cameo);
    }
    if (!st->n_articles || st->articles[st->n_articles - 1] != article_id) {
        if (S_reserve((void **)&st->articles, &st->cap_articles, st->n_articles + 1,
                      sizeof *st->articles) < 0)
            return -1;
        st->articles[st->n_articles++] = article_id;
    }
    if (outlet && *outlet && strcmp(outlet, "unknown") != 0 &&
        (!st->n_outlets || strcmp(st->outlets[st->n_outlets - 1], outlet) != 0)) {
        if (S_reserve((void **)&st->outlets, &st->cap_outlets, st->n_outlets + 1,
                      sizeof *st->outlets) < 0)
            return -1;
        char *o = strdup(outlet);
        if (!o) return -1;
        st->outlets[st->n_outlets++] = o;
    }
    return 0;
}

int sr_stories_add(sr_storyset *s, int64_t event_id, int64_t article_id, int32_t day,
                   const char *date, const char *outlet, const char *source_code,
                   const char *target_code, const char *cameo, const char *issues) {
    char a[8], b[8];
    if (!issues || !*issues) return 0;
    if (!sr_story_actor(source_code, a, sizeof a) || !sr_story_actor(target_code, b, sizeof b))
        return 0;
    if (strcmp(a, b) == 0) return 0; /* internal affairs are not a dyad story */
    if (strcmp(a, b) > 0) {
        char t[8];
        memcpy(t, a, sizeof t);
        memcpy(a, b, sizeof a);
        memcpy(b, t, sizeof b);
    }
    const char *p = issues;
    while (*p) {
        const char *e = strchr(p, ',');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        char issue[48];
        if (n > 0 && n < sizeof issue) {
            memcpy(issue, p, n);
            issue[n] = '\0';
            size_t *slot = S_slot(s, issue, a, b);
            sr_story *st = *slot ? s->stories[*slot - 1] : NULL;
            /* Undated mentions only thread with undated ones. */
            int near = st && ((day == SR_DAY_NONE) == (st->last_day == SR_DAY_NONE)) &&
                       (int64_t)day - st->last_day <= s->window;
            if (!near) st = S_new_story(s, issue, a, b, day, date ? date : "");
            if (!st || S_join(st, event_id, article_id, day, date ? date : "", outlet,
                              source_code, target_code, cameo ? cameo : "") < 0)
                return -1;
        }
        if (!e) break;
        p = e + 1;
    }
    return 0;
}

static int S_cmp_event(const void *x, const void *y) {
    const sr_story_event *a = x, *b = y;
    if (a->id != b->id) return a->id < b->id ? -1 : 1;
    return strcmp(a->label, b->label);
}
static int S_cmp_i64(const void *x, const void *y) {
    int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
    return a < b ? -1 : a > b;
}
static int S_cmp_str(const void *x, const void *y) {
    return strcmp(*(char *const *)x, *(char *const *)y);
}
static int S_cmp_story(const void *x, const void *y) {
    const sr_story *a = *(sr_story *const *)x, *b = *(sr_story *const *)y;
    if (a->first_day != b->first_day) return a->first_day < b->first_day ? -1 : 1;
    int c = strcmp(a->issue, b->issue);
    if (c) return c;
    c = strcmp(a->actor_a, b->actor_a);
    return c ? c : strcmp(a->actor_b, b->actor_b);
}

size_t sr_stories_finish(sr_storyset *s) {
    for (size_t i = 0; i < s->n; i++) {
        sr_story *st = s->stories[i];
        size_t k = 0;
        /* Mentions of one event share its dyad; with root linking their
         * CAMEO codes may differ: the smallest label is kept. */
        if (st->n_events > 1) qsort(st->events, st->n_events, sizeof *st->events, S_cmp_event);
        for (size_t j = 0; j < st->n_events; j++)
            if (!k || st->events[k - 1].id != st->events[j].id) st->events[k++] = st->events[j];
        st->n_events = k;
        if (st->n_articles > 1) qsort(st->articles, st->n_articles, sizeof *st->articles, S_cmp_i64);
        k = 0;
        for (size_t j = 0; j < st->n_articles; j++)
            if (!k || st->articles[k - 1] != st->articles[j]) st->articles[k++] = st->articles[j];
        st->n_articles = k;
        if (st->n_outlets > 1) qsort(st->outlets, st->n_outlets, sizeof *st->outlets, S_cmp_str);
        k = 0;
        for (size_t j = 0; j < st->n_outlets; j++) {
            if (k && strcmp(st->outlets[k - 1], st->outlets[j]) == 0) free(st->outlets[j]);
            else st->outlets[k++] = st->outlets[j];
        }
        st->n_outlets = k;
    }
    /* The key table points at positions that are about to move; it is not
     * used after finish. */
    memset(s->slots, 0, s->nslots * sizeof *s->slots);
    if (s->n > 1) qsort(s->stories, s->n, sizeof(sr_story *), S_cmp_story);
    return s->n;
}

const sr_story *sr_stories_get(const sr_storyset *s, size_t i) {
    return i < s->n ? s->stories[i] : NULL;
}
