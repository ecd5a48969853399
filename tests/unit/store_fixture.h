/* store_fixture.h - hand-built articles and events for the store and link
 * tests (no tokenizer or coder needed). Header-only: static functions. */
#ifndef SR_STORE_FIXTURE_H
#define SR_STORE_FIXTURE_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "coder/events.h"
#include "sitrep.h"
#include "text/article.h"

/* An article with the given metadata and text, split into sentences at
 * ". " boundaries. Free with fx_article_free. */
static inline sitrep_article *fx_article(const char *id, const char *date, const char *source,
                                         const char *url, const char *text) {
    sitrep_article *a = calloc(1, sizeof *a);
    sr_arena_init(&a->arena, 0);
    a->id = sr_arena_strdup(&a->arena, id);
    a->date = sr_arena_strdup(&a->arena, date);
    a->source = sr_arena_strdup(&a->arena, source);
    a->url = sr_arena_strdup(&a->arena, url);
    a->title = sr_arena_strdup(&a->arena, "");
    a->dateline = sr_arena_strdup(&a->arena, "");
    a->text = sr_arena_strdup(&a->arena, text);
    a->len = strlen(text);
    a->sents = sr_arena_calloc(&a->arena, 16, sizeof *a->sents);
    size_t start = 0;
    for (size_t i = 0; i <= a->len && a->nsents < 16; i++) {
        if (i == a->len || (text[i] == '.' && text[i + 1] == ' ')) {
            size_t end = i < a->len ? i + 1 : i;
            if (end > start) {
                a->sents[a->nsents].start = (uint32_t)start;
                a->sents[a->nsents].end = (uint32_t)end;
                a->nsents++;
            }
            start = end + 1;
        }
    }
    return a;
}

static inline void fx_article_free(sitrep_article *a) {
    if (!a) return;
    sr_arena_free(&a->arena);
    free(a);
}

/* Appends one event mention to `ev`. */
static inline void fx_event(sitrep_events *ev, const char *date, const char *src,
                            const char *tgt, const char *cameo, const char *sentence) {
    char root[3] = {cameo[0], cameo[1], 0};
    sitrep_event e;
    memset(&e, 0, sizeof e);
    e.date = date;
    e.source_code = src;
    e.source_text = src;
    e.target_code = tgt;
    e.target_text = tgt;
    e.cameo = cameo;
    e.root = root;
    int r = atoi(root);
    e.quad = r <= 5 ? 1 : r <= 9 ? 2 : r <= 14 ? 3 : 4;
    e.goldstein = 1.5;
    e.plover_category = r == 4 ? "CONSULT" : r == 19 ? "ASSAULT" : "AGREE";
    e.sentence_text = sentence;
    e.verb_text = "said";
    e.pattern = "* SAY +";
    e.pattern_loc = "verbs.txt:12";
    e.source_entry = "actors.txt:3";
    e.target_entry = tgt && *tgt ? "actors.txt:9" : "";
    sr_events_push(ev, &e);
}

/* A fresh directory for a test's databases. */
static inline const char *fx_tmpdir(char buf[64]) {
    snprintf(buf, 64, "/tmp/sitrep-store-XXXXXX");
    return mkdtemp(buf);
}

static inline void fx_rmdir(const char *dir) {
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
}
#endif
