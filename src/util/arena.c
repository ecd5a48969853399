#include "arena.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct sr_arena_chunk {
    sr_arena_chunk *next;
    size_t cap;
    size_t used;
    /* Data follows; aligned because the header is a multiple of 16 below. */
    _Alignas(16) unsigned char data[];
};

void sr_arena_init(sr_arena *a, size_t chunk_size) {
    a->head = NULL;
    a->chunk_size = chunk_size ? chunk_size : (size_t)64 * 1024;
    a->total = 0;
}

void *sr_arena_alloc(sr_arena *a, size_t n) {
    n = (n + 15u) & ~(size_t)15u;
    if (n == 0) n = 16;
    sr_arena_chunk *c = a->head;
    if (!c || c->cap - c->used < n) {
        size_t cap = a->chunk_size;
        if (cap < n) cap = n;
        if (cap > SIZE_MAX - sizeof(sr_arena_chunk)) return NULL;
        c = malloc(sizeof(sr_arena_chunk) + cap);
        if (!c) return NULL;
        c->cap = cap;
        c->used = 0;
        /* Oversized requests get their own chunk placed second, so the
         * partly used head chunk keeps serving small requests. */
        if (a->head && cap > a->chunk_size) {
            c->next = a->head->next;
            a->head->next = c;
        } else {
            c->next = a->head;
            a->head = c;
        }
        a->total += sizeof(sr_arena_chunk) + cap;
    }
    void *p = c->data + c->used;
    c->used += n;
    return p;
}

void *sr_arena_calloc(sr_arena *a, size_t count, size_t size) {
    if (size && count > SIZE_MAX / size) return NULL;
    void *p = sr_arena_alloc(a, count * size);
    if (p) memset(p, 0, count * size);
    return p;
}

char *sr_arena_strndup(sr_arena *a, const char *s, size_t n) {
    char *p = sr_arena_alloc(a, n + 1);
    if (!p) return NULL;
    if (s && n) memcpy(p, s, n);
    p[s ? n : 0] = '\0';
    return p;
}

char *sr_arena_strdup(sr_arena *a, const char *s) {
    return sr_arena_strndup(a, s, s ? strlen(s) : 0);
}

void sr_arena_reset(sr_arena *a) {
    sr_arena_chunk *c = a->head;
    if (!c) return;
    /* Keep the last (oldest) chunk: it has the default size. */
    sr_arena_chunk *keep = NULL;
    while (c) {
        sr_arena_chunk *next = c->next;
        if (!next && c->cap == a->chunk_size) {
            keep = c;
        } else {
            a->total -= sizeof(sr_arena_chunk) + c->cap;
            free(c);
        }
        c = next;
    }
    a->head = keep;
    if (keep) { keep->used = 0; keep->next = NULL; }
}

void sr_arena_free(sr_arena *a) {
    sr_arena_chunk *c = a->head;
    while (c) {
        sr_arena_chunk *next = c->next;
        free(c);
        c = next;
    }
    a->head = NULL;
    a->total = 0;
}
