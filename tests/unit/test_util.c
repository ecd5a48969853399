/* Tests for src/util: arena, buffer, hashing, errors. */
#include <stdint.h>
#include <stdlib.h>
#include <sysexits.h>
#include "harness.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/hash.h"

TEST(arena_alloc_aligned_and_large) {
    sr_arena a;
    sr_arena_init(&a, 128);
    char *p = sr_arena_alloc(&a, 3);
    char *q = sr_arena_alloc(&a, 5);
    CHECK(p && q);
    CHECK(((uintptr_t)q & 15u) == 0);
    char *big = sr_arena_alloc(&a, 10000); /* larger than a chunk */
    CHECK(big != NULL);
    big[9999] = 'x';
    char *r = sr_arena_alloc(&a, 8); /* still served from the small chunk */
    CHECK(r == q + 16);
    CHECK_STR_EQ(sr_arena_strndup(&a, "hello", 4), "hell");
    CHECK_STR_EQ(sr_arena_strdup(&a, NULL), "");
    sr_arena_reset(&a);
    CHECK(a.total <= sizeof(void *) * 4 + 128);
    sr_arena_free(&a);
    CHECK(a.head == NULL);
}

TEST(buf_json_escapes_and_repairs_utf8) {
    sr_buf b = SR_BUF_INIT;
    sr_buf_json_str(&b, "a\"b\\\n\x01\xC3\xA9\xFF", 9);
    CHECK_STR_EQ(b.data, "\"a\\\"b\\\\\\n\\u0001\xC3\xA9\xEF\xBF\xBD\"");
    sr_buf_clear(&b);
    sr_buf_printf(&b, "%d-%s", 42, "x");
    CHECK_STR_EQ(b.data, "42-x");
    size_t n;
    char *d = sr_buf_detach(&b, &n);
    CHECK_INT_EQ(n, 4);
    free(d);
    CHECK(b.data == NULL);
}

TEST(crc32_known_value) {
    /* The standard check value of CRC-32/ISO-HDLC. */
    CHECK_INT_EQ(sr_crc32(0, "123456789", 9), 0xCBF43926u);
    CHECK(sr_hash_bytes(SR_HASH_SEED, "a", 1) != sr_hash_bytes(SR_HASH_SEED, "b", 1));
}

TEST(error_format_and_exit_codes) {
    sitrep_error e;
    char buf[600];
    sr_error_set(&e, SITREP_E_SYNTAX, "f.txt", 3, 7, "expected '%s'", "]");
    CHECK_STR_EQ(sitrep_error_format(&e, buf, sizeof buf), "f.txt:3:7: expected ']'");
    CHECK_INT_EQ(sitrep_exit_code(SITREP_E_SYNTAX), EX_DATAERR);
    CHECK_INT_EQ(sitrep_exit_code(SITREP_E_USAGE), EX_USAGE);
    CHECK_INT_EQ(sitrep_exit_code(SITREP_OK), 0);
}
