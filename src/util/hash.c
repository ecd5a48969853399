#include "hash.h"

uint32_t sr_crc32(uint32_t crc, const void *p, size_t n) {
    /* Table built on first use; the race is benign (same values written). */
    static uint32_t table[256];
    static int ready;
    if (!ready) {
        for (uint32_t i = 0; i < 256; i++) {
            uint32_t c = i;
            for (int k = 0; k < 8; k++) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[i] = c;
        }
        ready = 1;
    }
    const unsigned char *s = p;
    crc = ~crc;
    for (size_t i = 0; i < n; i++) crc = table[(crc ^ s[i]) & 0xFF] ^ (crc >> 8);
    return ~crc;
}
