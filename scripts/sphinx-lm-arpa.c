/* sphinx-lm-arpa.c - print the unigrams and bigrams of a CMU Sphinx "trie
 * binary" language model (e.g. en-us.lm.bin from the Debian package
 * pocketsphinx-en-us) as an ARPA back-off model on stdout. Higher orders
 * are skipped. Needs only libc and libm; it does not use libsphinxbase,
 * whose sphinx_lm_convert fails an assertion when it writes this file's
 * bigrams.
 *
 * Build: cc -O2 -o sphinx-lm-arpa scripts/sphinx-lm-arpa.c -lm
 * Run:   ./sphinx-lm-arpa [-b BASE] MODEL.lm.bin > model.arpa
 *
 * Output: a \data\ block with "ngram 1=N" and "ngram 2=M" (counting only
 * what is written), then "\1-grams:" lines "log10prob TAB word TAB
 * log10backoff", "\2-grams:" lines "log10prob TAB w1 TAB w2" and "\end\".
 *
 * Input layout (all integers and floats little-endian, 4 bytes):
 *   "Trie Language Model"      19 bytes, no terminator
 *   order                      1 byte
 *   count[order]               n-gram counts; count[0] = vocabulary size V
 *   if order > 1:
 *     one unused int32, then quantizer centre tables of 65536 floats:
 *     a (prob, backoff) pair for each order 2..order-1, then one prob
 *     table for the highest order
 *   V + 1 unigram records      {float prob, float backoff, uint32 first}.
 *                              The trie runs from the last word of an
 *                              n-gram back to its first: order-2 records
 *                              first[w] .. first[w+1]-1 hold the words
 *                              that can precede w. The extra record only
 *                              closes the last range.
 *   if order > 1, one bit-packed layer per order 2..order, each holding
 *     count[k] + 1 records plus 8 spare bytes, rounded up to whole bytes.
 *     A record is, from its lowest bit: word id (bits to hold V), and then
 *     for the highest order a 16-bit prob index, otherwise a 16-bit backoff
 *     index, a 16-bit prob index and the index of its first child in the
 *     next layer (bits to hold count[k+1]). Record i starts at bit
 *     i * record width; bit b of a layer is bit b%8 of byte b/8.
 *   int32 n, then n bytes      the V words, each NUL-terminated, in id order
 *
 * Probabilities are stored as log10(p) / log10(BASE), BASE being the
 * logmath base used when the model was converted (Sphinx's usual 1.0001,
 * which is the default here; -b changes it).
 *
 * Exit status: 0 ok, 64 usage, 65 not a trie model or truncated/corrupt,
 * 66 cannot open input, 74 read or write error. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { EX_USAGE = 64, EX_DATAERR = 65, EX_NOINPUT = 66, EX_IOERR = 74 };

#define MAGIC "Trie Language Model"
#define MAGIC_LEN (sizeof MAGIC - 1)
#define MAX_ORDER 16
#define QBINS 65536u /* centres per quantizer table (16-bit indices) */
#define QBITS 16u

static const char *path = NULL;

static _Noreturn void fail(int status, const char *fmt, ...) {
    va_list ap;
    fputs("sphinx-lm-arpa: ", stderr);
    if (path) fprintf(stderr, "%s: ", path);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(status);
}

/* A read cursor over the loaded file; every take() is bounds-checked. */
typedef struct {
    const unsigned char *buf;
    size_t len, pos;
} reader;

static const unsigned char *take(reader *r, uint64_t n, const char *what) {
    if (n > (uint64_t)(r->len - r->pos))
        fail(EX_DATAERR, "truncated file: %s needs %llu bytes at offset %zu, "
             "only %zu left", what, (unsigned long long)n, r->pos, r->len - r->pos);
    const unsigned char *p = r->buf + r->pos;
    r->pos += (size_t)n;
    return p;
}

static uint32_t u32_at(const unsigned char *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static float f32_at(const unsigned char *p) {
    uint32_t u = u32_at(p);
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
}

/* Number of bits needed to store values 0..max. */
static unsigned width_for(uint64_t max) {
    unsigned n = 0;
    for (; max; max >>= 1) n++;
    return n;
}

/* One bit-packed n-gram layer. */
typedef struct {
    const unsigned char *mem;
    uint64_t size;      /* bytes */
    unsigned rec_bits;  /* bits per record */
    unsigned word_bits;
    unsigned next_bits; /* 0 for the highest order */
} layer;

static uint64_t layer_bytes(uint64_t entries, unsigned rec_bits) {
    return ((entries + 1) * rec_bits + 7) / 8 + 8;
}

/* Extract `width` (<= 32) bits starting at bit `at`; bytes past the end of
 * the layer read as zero, so a corrupt index can never fault. */
static uint32_t bits_at(const layer *l, uint64_t at, unsigned width) {
    uint64_t byte = at >> 3, acc = 0;
    unsigned shift = (unsigned)(at & 7), nbytes = (shift + width + 7) / 8;
    for (unsigned i = 0; i < nbytes; i++)
        if (byte + i < l->size) acc |= (uint64_t)l->mem[byte + i] << (8 * i);
    return (uint32_t)((acc >> shift) & ((UINT64_C(1) << width) - 1));
}

static unsigned char *slurp(FILE *fp, size_t *len) {
    size_t cap = 1 << 20, n = 0;
    unsigned char *buf = malloc(cap);
    if (!buf) fail(EX_IOERR, "out of memory");
    for (;;) {
        n += fread(buf + n, 1, cap - n, fp);
        if (n < cap) break;
        unsigned char *nb = cap <= SIZE_MAX / 2 ? realloc(buf, cap * 2) : NULL;
        if (!nb) fail(EX_IOERR, "out of memory");
        buf = nb;
        cap *= 2;
    }
    if (ferror(fp)) fail(EX_IOERR, "read error: %s", strerror(errno));
    *len = n;
    return buf;
}

static void usage(void) {
    fputs("usage: sphinx-lm-arpa [-b BASE] MODEL.lm.bin > MODEL.arpa\n", stderr);
    exit(EX_USAGE);
}

int main(int argc, char **argv) {
    double base = 1.0001;
    int argi = 1;
    while (argi < argc && argv[argi][0] == '-' && argv[argi][1]) {
        if (!strcmp(argv[argi], "--")) { argi++; break; }
        if (!strcmp(argv[argi], "-b") && argi + 1 < argc) {
            char *end;
            base = strtod(argv[argi + 1], &end);
            if (*end || !(base > 1.0) || !isfinite(base)) usage();
            argi += 2;
        } else {
            usage();
        }
    }
    if (argc - argi != 1) usage();
    path = argv[argi];
    const double scale = log10(base); /* stored value -> log10 */

    FILE *fp = fopen(path, "rb");
    if (!fp) fail(EX_NOINPUT, "cannot open: %s", strerror(errno));
    reader r = {0};
    unsigned char *file = slurp(fp, &r.len);
    fclose(fp);
    r.buf = file;

    if (r.len < MAGIC_LEN && memcmp(r.buf, MAGIC, r.len) == 0)
        fail(EX_DATAERR, "truncated file: ends inside the header");
    if (r.len < MAGIC_LEN || memcmp(r.buf, MAGIC, MAGIC_LEN) != 0)
        fail(EX_DATAERR, "bad magic: not a Sphinx trie binary language model");
    r.pos = MAGIC_LEN;
    unsigned order = *take(&r, 1, "model order");
    if (order < 1 || order > MAX_ORDER) fail(EX_DATAERR, "implausible model order %u", order);
    uint64_t count[MAX_ORDER];
    const unsigned char *p = take(&r, 4ull * order, "n-gram counts");
    for (unsigned k = 0; k < order; k++) count[k] = u32_at(p + 4 * k);
    const uint64_t nvocab = count[0];

    /* Quantizer tables: bigram prob (and backoff) centres are the first
     * table(s); for a bigram-only model the single table is the prob one. */
    const unsigned char *qtab = NULL;
    if (order > 1) {
        take(&r, 4, "quantizer header");
        qtab = take(&r, (2ull * (order - 2) + 1) * QBINS * 4, "quantizer tables");
    }
    const unsigned char *uni = take(&r, 12 * (nvocab + 1), "unigram records");

    layer big = {0};
    if (order > 1) {
        unsigned wbits = width_for(nvocab);
        for (unsigned k = 1; k < order; k++) {
            layer l = {0};
            l.word_bits = wbits;
            l.next_bits = k + 1 < order ? width_for(count[k + 1]) : 0;
            l.rec_bits = wbits + (k + 1 < order ? 2 * QBITS : QBITS) + l.next_bits;
            l.size = layer_bytes(count[k], l.rec_bits);
            l.mem = take(&r, l.size, "n-gram layer");
            if (k == 1) big = l;
        }
    }

    const unsigned char *np = take(&r, 4, "vocabulary size");
    int32_t vlen = (int32_t)u32_at(np);
    if (vlen < 0) fail(EX_DATAERR, "negative vocabulary length %ld", (long)vlen);
    const char *vocab = (const char *)take(&r, (uint64_t)vlen, "vocabulary strings");
    if (r.pos != r.len)
        fprintf(stderr, "sphinx-lm-arpa: %s: warning: %zu trailing bytes ignored\n", path, r.len - r.pos);

    const char **word = malloc((nvocab ? nvocab : 1) * sizeof *word);
    if (!word) fail(EX_IOERR, "out of memory");
    size_t off = 0;
    for (uint64_t w = 0; w < nvocab; w++) {
        const char *nul = off < (size_t)vlen ? memchr(vocab + off, '\0', (size_t)vlen - off) : NULL;
        if (!nul) fail(EX_DATAERR, "vocabulary holds fewer than %llu words", (unsigned long long)nvocab);
        word[w] = vocab + off;
        off = (size_t)(nul - vocab) + 1;
    }
    if (off != (size_t)vlen) fail(EX_DATAERR, "vocabulary holds more than %llu words", (unsigned long long)nvocab);

    /* Validate the ranges and stored history ids, and regroup the bigrams
     * by first word (counting sort) so they come out sorted by (w1, w2).
     * Slots hist[h] .. hist[h+1]-1 hold the bigrams whose first word is h:
     * rec[] gives each one's record index and last[] its second word. */
    uint64_t nbig = 0;
    uint32_t *hist = NULL, *rec = NULL, *last = NULL;
    if (order > 1) {
        uint64_t lo = u32_at(uni + 8), hi = u32_at(uni + 12 * nvocab + 8);
        for (uint64_t w = 0; w < nvocab; w++)
            if (u32_at(uni + 12 * w + 8) > u32_at(uni + 12 * (w + 1) + 8))
                fail(EX_DATAERR, "unigram %llu: bigram range runs backwards", (unsigned long long)w);
        if (hi > count[1])
            fail(EX_DATAERR, "bigram ranges end at %llu, past the %llu stored",
                 (unsigned long long)hi, (unsigned long long)count[1]);
        nbig = hi - lo;
        hist = calloc(nvocab + 2, sizeof *hist);
        rec = malloc((nbig ? nbig : 1) * sizeof *rec);
        last = malloc((nbig ? nbig : 1) * sizeof *last);
        if (!hist || !rec || !last) fail(EX_IOERR, "out of memory");
        for (uint64_t i = lo; i < hi; i++) {
            uint32_t h = bits_at(&big, i * big.rec_bits, big.word_bits);
            if (h >= nvocab) fail(EX_DATAERR, "bigram record %llu: word id out of range", (unsigned long long)i);
            hist[h + 2]++;
        }
        for (uint64_t h = 2; h < nvocab + 2; h++) hist[h] += hist[h - 1];
        /* hist[h + 1] is now the next free slot for word h. */
        for (uint64_t w = 0; w < nvocab; w++) {
            uint64_t end = u32_at(uni + 12 * (w + 1) + 8);
            for (uint64_t i = u32_at(uni + 12 * w + 8); i < end; i++) {
                uint32_t s = hist[bits_at(&big, i * big.rec_bits, big.word_bits) + 1]++;
                rec[s] = (uint32_t)i;
                last[s] = (uint32_t)w;
            }
        }
    }

    static char obuf[1 << 16];
    setvbuf(stdout, obuf, _IOFBF, sizeof obuf);
    printf("\\data\\\nngram 1=%llu\n", (unsigned long long)nvocab);
    if (order > 1) printf("ngram 2=%llu\n", (unsigned long long)nbig);

    printf("\n\\1-grams:\n");
    for (uint64_t w = 0; w < nvocab; w++) {
        const unsigned char *u = uni + 12 * w;
        printf("%.4f\t%s\t%.4f\n", f32_at(u) * scale, word[w], f32_at(u + 4) * scale);
    }

    if (order > 1) {
        /* In a bigram-only model the prob index follows the word id;
         * otherwise a backoff index sits in between. */
        unsigned prob_at = big.word_bits + (order > 2 ? QBITS : 0);
        printf("\n\\2-grams:\n");
        for (uint64_t h = 0; h < nvocab; h++) {
            for (uint32_t s = hist[h]; s < hist[h + 1]; s++) {
                uint32_t q = bits_at(&big, (uint64_t)rec[s] * big.rec_bits + prob_at, QBITS);
                printf("%.4f\t%s\t%s\n", f32_at(qtab + 4u * q) * scale, word[h], word[last[s]]);
            }
        }
    }
    printf("\n\\end\\\n");

    if (fflush(stdout) != 0 || ferror(stdout)) fail(EX_IOERR, "write error on stdout: %s", strerror(errno));
    free(hist);
    free(rec);
    free(last);
    free(word);
    free(file);
    return 0;
}
