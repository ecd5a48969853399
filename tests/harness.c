/* harness.c - runner for tests registered with TEST(). Usage:
 *   unit-tests [SUBSTRING...]   run the tests whose name contains one of
 *                               the substrings (all when none given). */
#include "harness.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

typedef struct { const char *name, *file; sr_test_fn fn; } S_test;
static S_test *S_tests;
static size_t S_ntests, S_cap;
static int S_current_failed;

void sr_test_register(const char *name, const char *file, sr_test_fn fn) {
    if (S_ntests == S_cap) {
        S_cap = S_cap ? 2 * S_cap : 64;
        S_tests = realloc(S_tests, S_cap * sizeof *S_tests);
        if (!S_tests) abort();
    }
    S_tests[S_ntests++] = (S_test){name, file, fn};
}

void sr_test_fail(const char *file, int line, const char *fmt, ...) {
    va_list ap;
    fprintf(stderr, "  %s:%d: ", file, line);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    S_current_failed = 1;
}

const char *sr_test_models_dir(const char *test) {
    static char path[512];
    const char *dir = getenv("SITREP_MODELS");
    struct stat st;
    if (!dir || !*dir) dir = "models";
    snprintf(path, sizeof path, "%s/en_ewt.tagger", dir);
    if (stat(path, &st) != 0) {
        fprintf(stderr, "  (%s skipped: no model in %s)\n", test, dir);
        return NULL;
    }
    return dir;
}

static int S_cmp(const void *a, const void *b) {
    const S_test *x = a, *y = b;
    int c = strcmp(x->file, y->file);
    return c ? c : strcmp(x->name, y->name);
}

int main(int argc, char **argv) {
    size_t passed = 0, failed = 0;
    /* Constructor order is link order; sort for a stable report. */
    qsort(S_tests, S_ntests, sizeof *S_tests, S_cmp);
    for (size_t i = 0; i < S_ntests; i++) {
        int selected = argc < 2;
        for (int k = 1; k < argc; k++)
            if (strstr(S_tests[i].name, argv[k])) selected = 1;
        if (!selected) continue;
        S_current_failed = 0;
        S_tests[i].fn();
        if (S_current_failed) {
            failed++;
            fprintf(stderr, "FAIL %s (%s)\n", S_tests[i].name, S_tests[i].file);
        } else {
            passed++;
            if (getenv("SR_TEST_VERBOSE")) fprintf(stderr, "ok   %s\n", S_tests[i].name);
        }
    }
    printf("unit: %zu passed, %zu failed\n", passed, failed);
    free(S_tests);
    return failed ? 1 : 0;
}
