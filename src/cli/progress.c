/* progress.c - see progress.h. */
#include "progress.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct sr_progress {
    const char *label;
    size_t total;
    double start, last;
    int drawn;
};

static double S_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

sr_progress *sr_progress_new(const char *label, size_t total, int quiet) {
    if (quiet || !isatty(STDERR_FILENO)) return NULL;
    sr_progress *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    p->label = label ? label : "";
    p->total = total;
    p->start = p->last = S_now();
    return p;
}

void sr_progress_update(sr_progress *p, size_t articles, size_t events) {
    if (!p) return;
    double now = S_now();
    if (now - p->last < 0.125) return;
    p->last = now;
    double el = now - p->start;
    double rate = el > 0 ? (double)articles / el : 0;
    char eta[32] = "";
    if (p->total && rate > 0 && articles <= p->total) {
        long s = (long)((double)(p->total - articles) / rate + 0.5);
        snprintf(eta, sizeof eta, "  ETA %ld:%02ld", s / 60, s % 60);
    }
    char tot[32] = "";
    if (p->total) snprintf(tot, sizeof tot, "/%zu", p->total);
    /* \r + clear-to-end-of-line keeps the display on one line. */
    fprintf(stderr, "\r\033[K%s: %zu%s articles (%.0f/s)  %zu events%s", p->label, articles, tot,
            rate, events, eta);
    fflush(stderr);
    p->drawn = 1;
}

void sr_progress_done(sr_progress *p) {
    if (!p) return;
    if (p->drawn) fputs("\r\033[K", stderr);
    fflush(stderr);
    free(p);
}
