/* memo.h - per-thread memos of score sums, for the tagger and the parser.
 *
 * Many feature templates read one word alone (its form, its tag), so the
 * sum of their weight rows is a function of that word, and news repeats
 * its words. A memo keeps such sums per word type, so that a word met
 * again costs one read instead of a probe of the weight table per
 * template. Each thread has its own memos (no locks; worker threads tag
 * different articles), one per model ("owner": a number from
 * sr_memo_new_owner, which a loaded tagger or parser keeps); the entries'
 * layout and keys are the owner's business (tagger.c, parser.c). The sums
 * are exact integer sums, so results are those of probing every template
 * (tests/unit/test_parse.c compares the two).
 */
#ifndef SR_MEMO_H
#define SR_MEMO_H
#include <stddef.h>
#include <stdint.h>

typedef struct sr_memo {
    unsigned char *mem; /* cap entries of esize bytes; a new memo is all zero */
    size_t esize;       /* bytes per entry, a multiple of 64 */
    uint32_t cap;       /* entries, a power of two */
    uint64_t batch;     /* free for the owner (a call counter); 0 in a new memo */
    uint64_t *hits, *misses; /* the thread's counters (sr_memo_stats), counted by the owner */
    /* private */
    uint64_t owner, ident, used;
    size_t bytes;
} sr_memo;

/* A number no other model of this process has (never 0). */
uint64_t sr_memo_new_owner(void);

/* The calling thread's memo of `owner` whose entries depend on `ident`
 * (a hash of whatever besides the owner the sums depend on: a model's
 * template mask, the entry layout) and have esize bytes (rounded up to
 * 64). A thread keeps SR_MEMO_PER_THREAD memos and drops the least
 * recently used; one with another ident or size is started anew (zero).
 * NULL when memos are off (sr_memo_config) or out of memory: the caller
 * then probes as without one. Freed when the thread exits, or by
 * sr_memo_release. */
#define SR_MEMO_PER_THREAD 4
sr_memo *sr_memo_for(uint64_t owner, uint64_t ident, size_t esize);

/* The entry of memo m for a word whose key hashes to h (direct-mapped:
 * another word may own it; the owner checks the key it stores). */
static inline unsigned char *sr_memo_entry(const sr_memo *m, uint64_t h) {
    return m->mem + (size_t)(h & (m->cap - 1)) * m->esize;
}

/* Frees the calling thread's memo of owner, if any (for the model's
 * owner when it frees the model: other threads' memos go when they exit;
 * a memo of a freed model is never found again, its owner number being
 * unique). */
void sr_memo_release(uint64_t owner);

/* Memos on (1, the default) or off (0) for every thread, and the number
 * of entries of memos made after the call (a power of two; 0: 4096).
 * For tests, which compare the two and force collisions with few
 * entries; not thread-safe: call before tagging. */
void sr_memo_config(int on, uint32_t cap);

/* The calling thread's counts so far of words found in its memos and of
 * words computed (or probed: entry taken) by their owners. */
void sr_memo_stats(uint64_t *hits, uint64_t *misses);
#endif
