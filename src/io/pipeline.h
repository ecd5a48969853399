/* pipeline.h - the ordered parallel pipeline behind sitrep_pipeline_run,
 * with the per-article work made pluggable (tests use a trivial worker;
 * sitrep_pipeline_run plugs in a sitrep_coder per thread). */
#ifndef SR_IO_PIPELINE_H
#define SR_IO_PIPELINE_H
#include "sitrep.h"

/* What each worker thread does. `init` makes per-thread state (called on
 * the calling thread before workers start; NULL with err set fails the
 * run), `work` turns one article into its events (it may modify the
 * article, e.g. analyze it; NULL with err set stops the run once the
 * articles before it have been sunk), `fini` frees the state. */
typedef struct sr_pipe_worker {
    void *(*init)(void *ctx, sitrep_error *err);
    sitrep_events *(*work)(void *state, sitrep_article *a, sitrep_error *err);
    void (*fini)(void *state);
    void *ctx;
} sr_pipe_worker;

/* Runs the reader through `w` on max(1, nthreads) threads (nthreads <= 1:
 * inline, no threads) and calls `sink` in input order on the calling
 * thread. At most 4 * nthreads articles are in flight. Articles are built
 * (tokenized) on the workers. Bad records: reported through the reader's
 * error callback and skipped, or (strict reader) every article read
 * before is sunk and the error returned. A non-zero sink result stops the
 * run and is returned. */
/* (sitrep_pipeline_run is sr_pipeline_run_with over one sitrep_coder per
 * thread; with d == NULL it codes nothing and sinks every article with an
 * empty event list, for callers that only want the articles.) */
sitrep_status sr_pipeline_run_with(sitrep_reader *r, const sr_pipe_worker *w, int nthreads,
                                   sitrep_sink_fn sink, void *ctx, sitrep_error *err);
#endif
