/* bench_link.c - linking cost as the store grows (used by bench_store.sh).
 *
 *   bench_link DB STEP...    e.g. bench_link /tmp/l.db 10000 100000 1000000
 *
 * Grows a fresh store with synthetic event mentions (5 per article,
 * random dyads among 300 actors and 20 roots, so nearly every mention
 * starts a new event) until it holds STEP events, then times 2,000 more
 * articles of which half the mentions repeat one of the last 5,000
 * (source, target, root, date) keys and so join an existing event. Dates
 * advance like a news feed: 500 articles per day, in order. Prints one
 * markdown table row per step: events, microseconds per article and per
 * mention for the timed articles. Built against build/rel/libsitrep.a;
 * uses the store's public API only (plus the internal article struct to
 * build articles without the tokenizer). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "coder/events.h"
#include "sitrep.h"
#include "text/article.h"

#define PER_ARTICLE 5

static uint64_t S_rng = 88172645463325252ULL;
static uint32_t S_rand(void) {
    S_rng ^= S_rng << 13;
    S_rng ^= S_rng >> 7;
    S_rng ^= S_rng << 17;
    return (uint32_t)(S_rng >> 11);
}

typedef struct { uint16_t src, tgt; uint8_t root; uint32_t day; } S_key;
static S_key *S_keys;
static size_t S_nkeys, S_capkeys;

static double S_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long S_article_no;

/* Adds one article with PER_ARTICLE mentions; `repeat` is the share (0..1)
 * of mentions that reuse an earlier key. */
static int S_add(sitrep_store *s, sitrep_events *ev, double repeat) {
    char id[32], text[64], date[16];
    snprintf(id, sizeof id, "syn-%ld", S_article_no);
    snprintf(text, sizeof text, "Synthetic article %ld.", S_article_no);
    S_article_no++;
    sr_events_clear(ev);
    for (int i = 0; i < PER_ARTICLE; i++) {
        S_key k;
        if (S_nkeys && (double)(S_rand() % 1000) < repeat * 1000) {
            size_t recent = S_nkeys < 5000 ? S_nkeys : 5000;
            k = S_keys[S_nkeys - 1 - S_rand() % recent];
        } else {
            k.src = (uint16_t)(S_rand() % 300);
            k.tgt = (uint16_t)(S_rand() % 300);
            k.root = (uint8_t)(1 + S_rand() % 20);
            k.day = (uint16_t)(S_article_no / 500);
            if (S_nkeys == S_capkeys) {
                S_capkeys = S_capkeys ? 2 * S_capkeys : 1024;
                S_keys = realloc(S_keys, S_capkeys * sizeof *S_keys);
                if (!S_keys) return -1;
            }
            S_keys[S_nkeys++] = k;
        }
        char src[16], tgt[16], cameo[8], root[4];
        snprintf(src, sizeof src, "A%03u", k.src);
        snprintf(tgt, sizeof tgt, "A%03u", k.tgt);
        snprintf(root, sizeof root, "%02u", k.root);
        snprintf(cameo, sizeof cameo, "%02u%u", k.root, S_rand() % 4);
        int y = 2000 + (int)(k.day / 336), doy = (int)(k.day % 336);
        snprintf(date, sizeof date, "%04d-%02d-%02d", y, 1 + doy / 28, 1 + doy % 28);
        sitrep_event e;
        memset(&e, 0, sizeof e);
        e.article_id = id;
        e.sentence = 0;
        e.date = date;
        e.source_code = src;
        e.target_code = tgt;
        e.cameo = cameo;
        e.root = root;
        e.quad = 1;
        e.sentence_text = text;
        if (sr_events_push(ev, &e)) return -1;
    }
    sitrep_article a;
    memset(&a, 0, sizeof a);
    sr_sentence sent = {0, (uint32_t)strlen(text), 0, 0, 0};
    a.id = id;
    a.date = date;
    a.source = (char *)(S_article_no % 7 ? "outlet-a" : "outlet-b");
    a.url = a.title = a.dateline = (char *)"";
    a.text = text;
    a.len = strlen(text);
    a.sents = &sent;
    a.nsents = 1;
    sitrep_error err;
    if (sitrep_store_add(s, &a, ev, NULL, &err)) {
        fprintf(stderr, "bench_link: %s\n", err.msg);
        return -1;
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: bench_link DB EVENTS...\n");
        return 64;
    }
    remove(argv[1]);
    sitrep_error err;
    sitrep_store_opts o = {.batch = 2000};
    sitrep_store *s = sitrep_store_open_opts(argv[1], &o, &err);
    if (!s) {
        fprintf(stderr, "bench_link: %s\n", err.msg);
        return 1;
    }
    sitrep_events *ev = sr_events_new();
    printf("| events in store | us/article | us/mention | articles timed |\n|---:|---:|---:|---:|\n");
    for (int i = 2; i < argc; i++) {
        long target = atol(argv[i]);
        sitrep_store_counts n;
        for (;;) {
            if (sitrep_store_commit(s, &err) || sitrep_store_count(s, &n, &err)) return 1;
            if (n.events >= target) break;
            long todo = (target - n.events) / PER_ARTICLE + 1;
            for (long k = 0; k < todo; k++)
                if (S_add(s, ev, 0.0)) return 1;
        }
        sitrep_store_commit(s, &err);
        const int timed = 2000;
        double t0 = S_now();
        for (int k = 0; k < timed; k++)
            if (S_add(s, ev, 0.5)) return 1;
        sitrep_store_commit(s, &err);
        double dt = S_now() - t0;
        printf("| %lld | %.1f | %.1f | %d |\n", (long long)n.events, dt * 1e6 / timed,
               dt * 1e6 / (timed * PER_ARTICLE), timed);
        fflush(stdout);
    }
    sitrep_events_free(ev);
    sitrep_store_close(s);
    free(S_keys);
    return 0;
}
