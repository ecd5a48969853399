/* progress.h - a one-line progress display for long CLI runs.
 *
 * Drawn on stderr only when stderr is a terminal (never in pipes, logs or
 * tests), at most ~8 times a second: "articles N (R/s)  events N  ETA".
 * The ETA is shown only when the total is known. Any subcommand may use
 * it; all functions accept NULL (a disabled display). */
#ifndef SR_CLI_PROGRESS_H
#define SR_CLI_PROGRESS_H
#include <stddef.h>

typedef struct sr_progress sr_progress;

/* A display labelled `label` ("ingest"), with `total` articles expected
 * (0 = unknown). Returns NULL when stderr is not a TTY, when `quiet` is
 * set, or on OOM: callers just pass the NULL on. */
sr_progress *sr_progress_new(const char *label, size_t total, int quiet);

/* Reports the running counts; redraws when enough time has passed. */
void sr_progress_update(sr_progress *p, size_t articles, size_t events);

/* Erases the line and frees `p`. */
void sr_progress_done(sr_progress *p);
#endif
