/* harness.h - a minimal self-registering test harness.
 *
 *   TEST(tokenizer_splits_clitics) { CHECK(...); CHECK_STR_EQ(a, b); }
 *
 * Tests register themselves at load time, so adding a test file under
 * tests/unit/ needs no central list. Each CHECK failure is printed with
 * file:line and marks the test failed; the runner prints
 * "N passed, N failed" (counting tests). */
#ifndef SR_HARNESS_H
#define SR_HARNESS_H
#include <stdio.h>
#include <string.h>

typedef void (*sr_test_fn)(void);
void sr_test_register(const char *name, const char *file, sr_test_fn fn);
void sr_test_fail(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Path of the repository's tests/data directory (cwd is the repo root). */
#define TEST_DATA(name) "tests/data/" name

/* The directory of the shipped models ($SITREP_MODELS, else ./models), or
 * NULL when it has no tagger: then prints that `test` is skipped. */
const char *sr_test_models_dir(const char *test);

#define TEST(name)                                                        \
    static void test_##name(void);                                        \
    __attribute__((constructor)) static void register_##name(void) {      \
        sr_test_register(#name, __FILE__, test_##name);                   \
    }                                                                     \
    static void test_##name(void)

#define CHECK(cond)                                                       \
    do {                                                                  \
        if (!(cond)) sr_test_fail(__FILE__, __LINE__, "CHECK(%s)", #cond); \
    } while (0)

#define CHECK_INT_EQ(a, b)                                                \
    do {                                                                  \
        long long sr_a_ = (long long)(a), sr_b_ = (long long)(b);         \
        if (sr_a_ != sr_b_)                                               \
            sr_test_fail(__FILE__, __LINE__, "%s == %s: %lld != %lld", #a, #b, sr_a_, sr_b_); \
    } while (0)

#define CHECK_STR_EQ(a, b)                                                \
    do {                                                                  \
        const char *sr_a_ = (a), *sr_b_ = (b);                            \
        if (!sr_a_ || !sr_b_ || strcmp(sr_a_, sr_b_) != 0)                \
            sr_test_fail(__FILE__, __LINE__, "%s == %s: \"%s\" != \"%s\"", #a, #b, \
                         sr_a_ ? sr_a_ : "(null)", sr_b_ ? sr_b_ : "(null)"); \
    } while (0)

/* Compares a non-terminated span with a C string. */
#define CHECK_SPAN_EQ(p, n, s)                                            \
    do {                                                                  \
        const char *sr_p_ = (p), *sr_s_ = (s);                            \
        size_t sr_n_ = (size_t)(n);                                       \
        if (strlen(sr_s_) != sr_n_ || memcmp(sr_p_, sr_s_, sr_n_) != 0)  \
            sr_test_fail(__FILE__, __LINE__, "%s == \"%s\": got \"%.*s\"", #p, sr_s_, \
                         (int)sr_n_, sr_p_);                              \
    } while (0)
#endif
