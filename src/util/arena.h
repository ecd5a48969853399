/* arena.h - bump allocator. One per article (or per long-lived object):
 * everything allocated from it is released at once by sr_arena_free.
 * Why: the hot path (tokenize, tag, parse, code) must not call malloc per
 * token; an arena makes allocation a pointer bump and freeing O(chunks). */
#ifndef SR_ARENA_H
#define SR_ARENA_H
#include <stddef.h>

typedef struct sr_arena_chunk sr_arena_chunk;
typedef struct sr_arena {
    sr_arena_chunk *head;
    size_t chunk_size; /* default size of new chunks */
    size_t total;      /* bytes obtained from malloc, for stats */
} sr_arena;

/* Initializes `a` with chunks of at least `chunk_size` bytes (0: 64 KiB).
 * No memory is allocated until the first sr_arena_alloc. */
void sr_arena_init(sr_arena *a, size_t chunk_size);
/* Returns `n` bytes aligned to 16, or NULL when out of memory. The memory
 * is uninitialized and lives until sr_arena_free/sr_arena_reset. */
void *sr_arena_alloc(sr_arena *a, size_t n);
/* Like sr_arena_alloc but zero-filled. */
void *sr_arena_calloc(sr_arena *a, size_t count, size_t size);
/* Copies `n` bytes of `s` and appends a NUL. NULL `s` gives "". */
char *sr_arena_strndup(sr_arena *a, const char *s, size_t n);
char *sr_arena_strdup(sr_arena *a, const char *s);
/* Keeps the first chunk for reuse and frees the others: cheap reuse of one
 * arena across many articles in a worker thread. */
void sr_arena_reset(sr_arena *a);
/* Frees every chunk; `a` may be re-initialized afterwards. */
void sr_arena_free(sr_arena *a);
#endif
