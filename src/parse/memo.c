/* memo.c - per-thread memos of score sums (see memo.h). */
#include "parse/memo.h"
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define S_DEFAULT_CAP 4096u

typedef struct {
    sr_memo m[SR_MEMO_PER_THREAD];
    uint64_t clock;
    uint64_t hits, misses;
} S_memos;

static atomic_uint_fast64_t S_next_owner = 1;
static int S_on = 1;
static uint32_t S_cap = S_DEFAULT_CAP;
static pthread_key_t S_key;
static pthread_once_t S_once = PTHREAD_ONCE_INIT;
static int S_key_ok;

uint64_t sr_memo_new_owner(void) { return atomic_fetch_add(&S_next_owner, 1); }

void sr_memo_config(int on, uint32_t cap) {
    S_on = on;
    S_cap = cap && !(cap & (cap - 1)) ? cap : S_DEFAULT_CAP;
}

static void S_unmap(sr_memo *m) {
    if (m->mem) munmap(m->mem, m->bytes);
    memset(m, 0, sizeof *m);
}
static void S_free_all(void *p) {
    S_memos *ms = p;
    if (!ms) return;
    for (int i = 0; i < SR_MEMO_PER_THREAD; i++) S_unmap(&ms->m[i]);
    free(ms);
}
static void S_key_init(void) { S_key_ok = pthread_key_create(&S_key, S_free_all) == 0; }

sr_memo *sr_memo_for(uint64_t owner, uint64_t ident, size_t esize) {
    if (!S_on || !owner) return NULL;
    pthread_once(&S_once, S_key_init);
    if (!S_key_ok) return NULL;
    S_memos *ms = pthread_getspecific(S_key);
    if (!ms) {
        ms = calloc(1, sizeof *ms);
        if (!ms || pthread_setspecific(S_key, ms)) { free(ms); return NULL; }
    }
    esize = (esize + 63) / 64 * 64;
    ms->clock++;
    sr_memo *lru = &ms->m[0];
    for (int i = 0; i < SR_MEMO_PER_THREAD; i++) {
        sr_memo *m = &ms->m[i];
        if (m->mem && m->owner == owner && m->ident == ident && m->esize == esize && m->cap == S_cap) {
            m->used = ms->clock;
            return m;
        }
        if (m->used < lru->used) lru = m;
    }
    size_t bytes = esize * S_cap;
    if (lru->mem && lru->bytes != bytes) S_unmap(lru);
    if (!lru->mem) {
        /* fresh pages are zero (every entry empty); huge pages where the
         * kernel gives them: a memo is read at random like the weight
         * tables */
        void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) return NULL;
#ifdef MADV_HUGEPAGE
        madvise(p, bytes, MADV_HUGEPAGE);
#endif
        lru->mem = p;
    } else {
        memset(lru->mem, 0, bytes);
    }
    lru->owner = owner;
    lru->ident = ident;
    lru->esize = esize;
    lru->cap = S_cap;
    lru->bytes = bytes;
    lru->used = ms->clock;
    lru->batch = 0;
    lru->hits = &ms->hits;
    lru->misses = &ms->misses;
    return lru;
}

void sr_memo_release(uint64_t owner) {
    if (!S_key_ok || !owner) return;
    S_memos *ms = pthread_getspecific(S_key);
    if (!ms) return;
    for (int i = 0; i < SR_MEMO_PER_THREAD; i++)
        if (ms->m[i].owner == owner) S_unmap(&ms->m[i]);
}

void sr_memo_stats(uint64_t *hits, uint64_t *misses) {
    S_memos *ms = S_key_ok ? pthread_getspecific(S_key) : NULL;
    *hits = ms ? ms->hits : 0;
    *misses = ms ? ms->misses : 0;
}
