/* events.c - the shared event container; see events.h. */
#include "coder/events.h"
#include <stdlib.h>
#include <string.h>

sitrep_events *sr_events_new(void) {
    sitrep_events *ev = calloc(1, sizeof *ev);
    if (!ev) return NULL;
    sr_arena_init(&ev->arena, 4096);
    return ev;
}

char *sr_events_strndup(sitrep_events *ev, const char *s, size_t n) {
    return sr_arena_strndup(&ev->arena, s ? s : "", s ? n : 0);
}

static const char *S_dup(sitrep_events *ev, const char *s, int *oom) {
    if (!s || !*s) return "";
    char *d = sr_arena_strdup(&ev->arena, s);
    if (!d) *oom = 1;
    return d ? d : "";
}

int sr_events_push(sitrep_events *ev, const sitrep_event *e) {
    if (!ev || !e) return -1;
    if (ev->n == ev->cap) {
        size_t cap = ev->cap ? ev->cap * 2 : 8;
        sitrep_event *p = realloc(ev->items, cap * sizeof *p);
        if (!p) return -1;
        ev->items = p;
        ev->cap = cap;
    }
    sitrep_event c = *e;
    int oom = 0;
    c.article_id = S_dup(ev, e->article_id, &oom);
    c.date = S_dup(ev, e->date, &oom);
    c.source_code = S_dup(ev, e->source_code, &oom);
    c.source_text = S_dup(ev, e->source_text, &oom);
    c.target_code = S_dup(ev, e->target_code, &oom);
    c.target_text = S_dup(ev, e->target_text, &oom);
    c.cameo = S_dup(ev, e->cameo, &oom);
    c.root = S_dup(ev, e->root, &oom);
    c.plover_category = S_dup(ev, e->plover_category, &oom);
    c.plover_mode = S_dup(ev, e->plover_mode, &oom);
    c.issues = S_dup(ev, e->issues, &oom);
    c.sentence_text = S_dup(ev, e->sentence_text, &oom);
    c.verb_text = S_dup(ev, e->verb_text, &oom);
    c.pattern = S_dup(ev, e->pattern, &oom);
    c.pattern_loc = S_dup(ev, e->pattern_loc, &oom);
    c.source_entry = S_dup(ev, e->source_entry, &oom);
    c.target_entry = S_dup(ev, e->target_entry, &oom);
    c.modality = S_dup(ev, e->modality, &oom);
    c.attribution_code = S_dup(ev, e->attribution_code, &oom);
    c.attribution_text = S_dup(ev, e->attribution_text, &oom);
    if (oom) return -1;
    ev->items[ev->n++] = c;
    return 0;
}

void sr_events_clear(sitrep_events *ev) {
    if (!ev) return;
    ev->n = 0;
    sr_arena_reset(&ev->arena);
}

size_t sitrep_events_count(const sitrep_events *ev) { return ev ? ev->n : 0; }

const sitrep_event *sitrep_events_get(const sitrep_events *ev, size_t i) {
    if (!ev || i >= ev->n) return NULL;
    return &ev->items[i];
}

void sitrep_events_free(sitrep_events *ev) {
    if (!ev) return;
    free(ev->items);
    sr_arena_free(&ev->arena);
    free(ev);
}
