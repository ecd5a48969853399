/* pipeline.c - ordered parallel coding (see pipeline.h).
 *
 * A ring of W = 4 * nthreads slots. The calling thread reads records into
 * free slots (seq = next_read), workers claim queued slots in sequence
 * order (next_claim), build and code the article, and mark them done; the
 * calling thread sinks slot next_emit as soon as it is done. Memory is
 * bounded by W articles whatever the input size, and the output order is
 * the input order whatever the thread timing. */
#include "io/pipeline.h"
#include <pthread.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "coder/events.h"
#include "io/reader.h"
#include "util/error.h"

/* A record copied out of the reader (one malloc for all strings). */
typedef struct S_item {
    sitrep_article *a;         /* ready article (CoNLL-U), or built by the worker */
    sitrep_article_info info;  /* else: the record to build it from */
    const char *text;
    size_t len;
    char *mem;
    sitrep_events *ev;
    int state;                 /* S_FREE, S_QUEUED, S_DONE */
    sitrep_status st;
    sitrep_error err;
} S_item;

enum { S_FREE, S_QUEUED, S_DONE };

static int S_item_set(S_item *it, const sr_record *rec, sitrep_article *a) {
    memset(it, 0, sizeof *it);
    if (a) {
        it->a = a;
        return 0;
    }
    const char *f[5] = {rec->id, rec->date, rec->title, rec->source, rec->url};
    size_t total = rec->len + 1;
    for (int i = 0; i < 5; i++) total += strlen(f[i]) + 1;
    char *p = it->mem = malloc(total);
    if (!p) return -1;
    const char **dst[5] = {&it->info.id, &it->info.date, &it->info.title, &it->info.source, &it->info.url};
    for (int i = 0; i < 5; i++) {
        size_t n = strlen(f[i]) + 1;
        memcpy(p, f[i], n);
        *dst[i] = p;
        p += n;
    }
    memcpy(p, rec->text, rec->len);
    p[rec->len] = '\0';
    it->text = p;
    it->len = rec->len;
    it->info.is_html = rec->is_html;
    return 0;
}

static void S_item_free(S_item *it) {
    sitrep_article_free(it->a);
    sitrep_events_free(it->ev);
    free(it->mem);
    memset(it, 0, sizeof *it);
}

/* Builds (if needed) and codes one item; the result is left in the item. */
static void S_item_work(S_item *it, const sr_pipe_worker *w, void *state) {
    sr_error_clear(&it->err);
    if (!it->a) {
        it->a = sitrep_article_new(&it->info, it->text, it->len, &it->err);
        free(it->mem);
        it->mem = NULL;
        if (!it->a) {
            it->st = it->err.code ? it->err.code : SITREP_E_NOMEM;
            return;
        }
    }
    it->ev = w->work(state, it->a, &it->err);
    if (!it->ev) it->st = it->err.code ? it->err.code : SITREP_E_NOMEM;
}

/* Reads the next item. Returns 1 with *it filled, 0 at the end (or when a
 * strict reader failed: *st set), and reports skipped records. */
static int S_read(sitrep_reader *r, S_item *it, sitrep_status *st, sitrep_error *err) {
    for (;;) {
        sr_record rec;
        sitrep_article *a = NULL;
        int have = 0;
        sitrep_error e;
        sr_error_clear(&e);
        sitrep_status s = sr_reader_next_any(r, &rec, &a, &have, &e);
        if (s) {
            if (sr_reader_is_strict(r)) {
                *st = s;
                if (err) *err = e;
                return 0;
            }
            sr_reader_report(r, &e);
            continue;
        }
        if (!have) return 0;
        if (S_item_set(it, &rec, a)) {
            *st = sr_error_set(err, SITREP_E_NOMEM, rec.file, rec.line, 0, "out of memory");
            return 0;
        }
        return 1;
    }
}

static sitrep_status S_run_inline(sitrep_reader *r, const sr_pipe_worker *w, sitrep_sink_fn sink,
                                  void *ctx, sitrep_error *err) {
    void *state = w->init ? w->init(w->ctx, err) : NULL;
    if (w->init && !state) return err && err->code ? err->code : SITREP_E_NOMEM;
    sitrep_status st = SITREP_OK;
    S_item it;
    while (S_read(r, &it, &st, err)) {
        S_item_work(&it, w, state);
        if (it.st) {
            st = it.st;
            if (err) *err = it.err;
        } else {
            int rc = sink(ctx, it.a, it.ev);
            if (rc) st = (sitrep_status)rc;
        }
        S_item_free(&it);
        if (st) break;
    }
    if (w->fini) w->fini(state);
    return st;
}

typedef struct S_pipe {
    pthread_mutex_t mu;
    pthread_cond_t work_cv, done_cv;
    S_item *slots;
    size_t W;
    uint64_t next_read, next_claim, next_emit;
    int eof, stop;
    const sr_pipe_worker *w;
} S_pipe;

typedef struct S_thread {
    S_pipe *p;
    void *state;
    pthread_t tid;
    int started;
} S_thread;

static void *S_worker(void *arg) {
    S_thread *t = arg;
    S_pipe *p = t->p;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->stop && !p->eof && p->next_claim == p->next_read) pthread_cond_wait(&p->work_cv, &p->mu);
        if (p->stop || p->next_claim == p->next_read) break;
        S_item *it = &p->slots[p->next_claim++ % p->W];
        pthread_mutex_unlock(&p->mu);
        S_item_work(it, p->w, t->state);
        pthread_mutex_lock(&p->mu);
        it->state = S_DONE;
        pthread_cond_signal(&p->done_cv);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

sitrep_status sr_pipeline_run_with(sitrep_reader *r, const sr_pipe_worker *w, int nthreads,
                                   sitrep_sink_fn sink, void *ctx, sitrep_error *err) {
    sr_error_clear(err);
    if (!r || !w || !w->work || !sink) return sr_error_set(err, SITREP_E_USAGE, NULL, 0, 0, "pipeline: missing argument");
    if (nthreads <= 1) return S_run_inline(r, w, sink, ctx, err);
    if (nthreads > 256) nthreads = 256;
    S_pipe p;
    memset(&p, 0, sizeof p);
    p.W = 4 * (size_t)nthreads;
    p.w = w;
    p.slots = calloc(p.W, sizeof *p.slots);
    S_thread *th = calloc((size_t)nthreads, sizeof *th);
    sitrep_status st = SITREP_OK;
    if (!p.slots || !th) {
        free(p.slots);
        free(th);
        return sr_error_set(err, SITREP_E_NOMEM, NULL, 0, 0, "out of memory");
    }
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.work_cv, NULL);
    pthread_cond_init(&p.done_cv, NULL);
    for (int i = 0; i < nthreads && !st; i++) {
        th[i].p = &p;
        if (w->init && !(th[i].state = w->init(w->ctx, err))) {
            st = err && err->code ? err->code : SITREP_E_NOMEM;
            break;
        }
        if (pthread_create(&th[i].tid, NULL, S_worker, &th[i]) != 0) {
            if (w->fini) w->fini(th[i].state);
            st = sr_error_set(err, SITREP_E_INTERNAL, NULL, 0, 0, "cannot start a thread");
            break;
        }
        th[i].started = 1;
    }
    pthread_mutex_lock(&p.mu);
    while (!st) {
        /* sink what is done, in order */
        S_item *head = &p.slots[p.next_emit % p.W];
        if (p.next_emit < p.next_read && head->state == S_DONE) {
            pthread_mutex_unlock(&p.mu);
            if (head->st) {
                st = head->st;
                if (err) *err = head->err;
            } else {
                int rc = sink(ctx, head->a, head->ev);
                if (rc) st = (sitrep_status)rc;
            }
            S_item_free(head);
            pthread_mutex_lock(&p.mu);
            p.next_emit++;
            continue;
        }
        /* read while the window has room */
        if (!p.eof && p.next_read - p.next_emit < p.W) {
            S_item *slot = &p.slots[p.next_read % p.W];
            pthread_mutex_unlock(&p.mu);
            sitrep_status rs = SITREP_OK;
            int got = S_read(r, slot, &rs, err);
            pthread_mutex_lock(&p.mu);
            if (got) {
                slot->state = S_QUEUED;
                p.next_read++;
                pthread_cond_signal(&p.work_cv);
            } else {
                p.eof = 1;
                pthread_cond_broadcast(&p.work_cv);
                if (rs) {
                    /* strict: sink what was read before, then fail */
                    while (p.next_emit < p.next_read && !st) {
                        S_item *h = &p.slots[p.next_emit % p.W];
                        while (h->state != S_DONE) pthread_cond_wait(&p.done_cv, &p.mu);
                        pthread_mutex_unlock(&p.mu);
                        if (h->st) {
                            st = h->st;
                            if (err) *err = h->err;
                        } else {
                            int rc = sink(ctx, h->a, h->ev);
                            if (rc) st = (sitrep_status)rc;
                        }
                        S_item_free(h);
                        pthread_mutex_lock(&p.mu);
                        p.next_emit++;
                    }
                    if (!st) st = rs;
                }
            }
            continue;
        }
        if (p.eof && p.next_emit == p.next_read) break;
        pthread_cond_wait(&p.done_cv, &p.mu);
    }
    p.stop = 1;
    pthread_cond_broadcast(&p.work_cv);
    pthread_mutex_unlock(&p.mu);
    for (int i = 0; i < nthreads; i++) {
        if (th[i].started) pthread_join(th[i].tid, NULL);
        if (th[i].state && w->fini) w->fini(th[i].state);
    }
    /* after an early stop, free what is still in flight */
    for (uint64_t s = p.next_emit; s < p.next_read; s++) S_item_free(&p.slots[s % p.W]);
    pthread_cond_destroy(&p.work_cv);
    pthread_cond_destroy(&p.done_cv);
    pthread_mutex_destroy(&p.mu);
    free(p.slots);
    free(th);
    return st;
}

/* --- sitrep_pipeline_run: a coder per thread ------------------------ */

typedef struct S_coder_ctx {
    const sitrep_model *m;
    const sitrep_dict *d;
} S_coder_ctx;

/* Per-thread state: a coder, or none (no dictionary: articles only). */
typedef struct S_wstate {
    sitrep_coder *coder;
} S_wstate;

static void *S_coder_init(void *ctx, sitrep_error *err) {
    S_coder_ctx *cc = ctx;
    S_wstate *w = calloc(1, sizeof *w);
    if (!w) {
        sr_error_set(err, SITREP_E_NOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    if (cc->d && !(w->coder = sitrep_coder_new(cc->m, cc->d, err))) {
        free(w);
        return NULL;
    }
    return w;
}

static sitrep_events *S_coder_work(void *state, sitrep_article *a, sitrep_error *err) {
    S_wstate *w = state;
    if (!w->coder) {
        sitrep_events *ev = sr_events_new();
        if (!ev) sr_error_set(err, SITREP_E_NOMEM, NULL, 0, 0, "out of memory");
        return ev;
    }
    sitrep_events *ev = sitrep_code_article(w->coder, a, err);
    if (!ev && err && !err->file[0]) {
        /* say which article failed */
        char msg[sizeof err->msg];
        snprintf(msg, sizeof msg, "%s", err->msg);
        sr_error_set(err, err->code, sitrep_article_id(a), 0, 0, "%s", msg);
    }
    return ev;
}

static void S_coder_fini(void *state) {
    S_wstate *w = state;
    if (!w) return;
    sitrep_coder_free(w->coder);
    free(w);
}

sitrep_status sitrep_pipeline_run(sitrep_reader *r, const sitrep_model *m, const sitrep_dict *d,
                                  int nthreads, sitrep_sink_fn sink, void *ctx, sitrep_error *err) {
    S_coder_ctx cc = {m, d};
    sr_pipe_worker w = {S_coder_init, S_coder_work, S_coder_fini, &cc};
    return sr_pipeline_run_with(r, &w, nthreads, sink, ctx, err);
}
