/* events.h - the shared event container (struct sitrep_events).
 *
 * A list of sitrep_event plus one arena that owns every string the events
 * point to. Built by the coder (sitrep_code_article) and by tests; read by
 * the writers in src/io and the store. The public accessors
 * sitrep_events_count/get/free are declared in sitrep.h.
 *
 * Why an arena: an article yields a handful of events with ~15 strings
 * each; copying them into one arena makes push cheap and free O(chunks). */
#ifndef SR_EVENTS_H
#define SR_EVENTS_H
#include <stddef.h>
#include "sitrep.h"
#include "util/arena.h"

struct sitrep_events {
    sitrep_event *items; /* malloc'ed, grows by doubling */
    size_t n, cap;
    sr_arena arena;      /* owns every string of every item */
};

/* An empty list. Returns NULL when out of memory. Free it with
 * sitrep_events_free. */
sitrep_events *sr_events_new(void);

/* Appends a copy of *e: every string field is copied into the list's
 * arena (NULL strings become ""), numbers and spans are copied as they
 * are. `e` is not retained. Returns 0, or -1 when out of memory (the list
 * is unchanged). */
int sr_events_push(sitrep_events *ev, const sitrep_event *e);

/* Copies `n` bytes of `s` into the list's arena (NUL-terminated), for
 * callers that build strings before pushing. NULL on OOM. */
char *sr_events_strndup(sitrep_events *ev, const char *s, size_t n);

/* Removes every event but keeps the allocation for reuse. */
void sr_events_clear(sitrep_events *ev);
#endif
