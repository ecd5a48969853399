/* hash.h - fast non-cryptographic hashing for dictionaries and feature
 * tables, plus CRC-32 for file checksums. */
#ifndef SR_HASH_H
#define SR_HASH_H
#include <stddef.h>
#include <stdint.h>

/* 64-bit FNV-1a of n bytes, continuing from `seed` (use SR_HASH_SEED). */
#define SR_HASH_SEED UINT64_C(0xcbf29ce484222325)
static inline uint64_t sr_hash_bytes(uint64_t seed, const void *p, size_t n) {
    const unsigned char *s = (const unsigned char *)p;
    uint64_t h = seed;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= UINT64_C(0x100000001b3);
    }
    return h;
}
/* Mixes an integer into a hash (finalizer of splitmix64). */
static inline uint64_t sr_hash_mix(uint64_t h, uint64_t v) {
    h ^= v + UINT64_C(0x9e3779b97f4a7c15) + (h << 6) + (h >> 2);
    h ^= h >> 31;
    h *= UINT64_C(0x7fb5d329728ea185);
    h ^= h >> 27;
    return h;
}
/* CRC-32 (IEEE) of n bytes continuing from crc (start with 0). */
uint32_t sr_crc32(uint32_t crc, const void *p, size_t n);
#endif
