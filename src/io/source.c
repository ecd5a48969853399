/* source.c - files/stdin with transparent gzip/zstd, read by lines. */
#include "io/source.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <zstd.h>
#include <unistd.h>
#include "util/error.h"

#define S_CHUNK ((size_t)256 << 10)

struct sr_src {
    FILE *fp;
    int own_fp;
    const unsigned char *mem; /* in-memory input instead of fp */
    size_t mem_len, mem_pos;
    char *name;
    sr_src_codec codec;
    /* compressed input (also holds the first bytes read for detection) */
    unsigned char *raw;
    size_t raw_pos, raw_len;
    int raw_eof;
    z_stream z;
    int z_init, z_ended; /* z_ended: the last gzip member is complete */
    ZSTD_DStream *zs;
    size_t zs_last; /* last ZSTD_decompressStream hint: 0 = frame done */
    /* decompressed data: bytes [pos, len) are unread; cap excludes the
     * extra byte kept for the NUL after a line */
    char *buf;
    size_t pos, len, cap;
    int eof, failed;
    int read_errno; /* errno of a failed read(2), 0 when none */
    size_t lineno;
};

static size_t S_raw_read(sr_src *s, unsigned char *dst, size_t n) {
    if (s->mem) {
        size_t k = s->mem_len - s->mem_pos;
        if (k > n) k = n;
        memcpy(dst, s->mem + s->mem_pos, k);
        s->mem_pos += k;
        return k;
    }
    /* read(2), not fread: on a pipe it returns what is there instead of
     * blocking until the whole chunk is full (a filter must not stall). */
    for (;;) {
        ssize_t k = read(fileno(s->fp), dst, n);
        if (k >= 0) return (size_t)k;
        if (errno != EINTR) {
            s->read_errno = errno;
            return 0;
        }
    }
}

/* Refills s->raw when it is consumed. Returns -1 on a read error. */
static int S_raw_fill(sr_src *s, sitrep_error *err) {
    if (s->raw_pos < s->raw_len || s->raw_eof) return 0;
    s->raw_pos = 0;
    s->raw_len = S_raw_read(s, s->raw, S_CHUNK);
    if (s->raw_len == 0) {
        if (s->read_errno) {
            sr_error_set(err, SITREP_E_IO, s->name, 0, 0, "read error: %s", strerror(s->read_errno));
            return -1;
        }
        s->raw_eof = 1;
    }
    return 0;
}

static sr_src *S_new(const char *name) {
    sr_src *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    s->name = strdup(name);
    s->raw = malloc(S_CHUNK);
    s->cap = S_CHUNK;
    s->buf = malloc(s->cap + 1);
    if (!s->name || !s->raw || !s->buf) {
        free(s->name); free(s->raw); free(s->buf); free(s);
        return NULL;
    }
    return s;
}

static int S_detect(sr_src *s, sitrep_error *err) {
    if (S_raw_fill(s, err)) return -1;
    const unsigned char *p = s->raw;
    size_t n = s->raw_len;
    if (n >= 2 && p[0] == 0x1f && p[1] == 0x8b) {
        s->codec = SR_CODEC_GZIP;
        /* 15 + 16: gzip wrapper only */
        if (inflateInit2(&s->z, 15 + 16) != Z_OK)
            return sr_error_set(err, SITREP_E_NOMEM, s->name, 0, 0, "zlib init failed"), -1;
        s->z_init = 1;
    } else if (n >= 4 && p[0] == 0x28 && p[1] == 0xb5 && p[2] == 0x2f && p[3] == 0xfd) {
        s->codec = SR_CODEC_ZSTD;
        s->zs = ZSTD_createDStream();
        if (!s->zs) return sr_error_set(err, SITREP_E_NOMEM, s->name, 0, 0, "zstd init failed"), -1;
        ZSTD_initDStream(s->zs);
    }
    return 0;
}

sr_src *sr_src_open(const char *path, sitrep_error *err) {
    int is_stdin = strcmp(path, "-") == 0;
    sr_src *s = S_new(is_stdin ? "<stdin>" : path);
    if (!s) {
        sr_error_set(err, SITREP_E_NOMEM, path, 0, 0, "out of memory");
        return NULL;
    }
    if (is_stdin) {
        s->fp = stdin;
    } else {
        s->fp = fopen(path, "rb");
        if (!s->fp) {
            sr_error_set(err, SITREP_E_IO, path, 0, 0, "cannot open: %s", strerror(errno));
            sr_src_close(s);
            return NULL;
        }
        s->own_fp = 1;
    }
    if (S_detect(s, err)) {
        sr_src_close(s);
        return NULL;
    }
    return s;
}

sr_src *sr_src_open_mem(const char *name, const void *data, size_t len) {
    sr_src *s = S_new(name ? name : "<memory>");
    if (!s) return NULL;
    s->mem = data ? data : (const unsigned char *)"";
    s->mem_len = data ? len : 0;
    if (S_detect(s, NULL)) {
        sr_src_close(s);
        return NULL;
    }
    return s;
}

void sr_src_close(sr_src *s) {
    if (!s) return;
    if (s->own_fp && s->fp) fclose(s->fp);
    if (s->z_init) inflateEnd(&s->z);
    if (s->zs) ZSTD_freeDStream(s->zs);
    free(s->raw);
    free(s->buf);
    free(s->name);
    free(s);
}

sr_src_codec sr_src_codec_of(const sr_src *s) { return s->codec; }
const char *sr_src_name(const sr_src *s) { return s->name; }
size_t sr_src_lineno(const sr_src *s) { return s->lineno; }

/* Makes room for at least `want` more bytes after s->len, moving unread
 * bytes to the front first. Returns -1 when out of memory. */
static int S_room(sr_src *s, size_t want, sitrep_error *err) {
    if (s->pos > 0) {
        memmove(s->buf, s->buf + s->pos, s->len - s->pos);
        s->len -= s->pos;
        s->pos = 0;
    }
    if (s->cap - s->len >= want) return 0;
    size_t cap = s->cap;
    while (cap - s->len < want) cap *= 2;
    char *p = realloc(s->buf, cap + 1);
    if (!p) return sr_error_set(err, SITREP_E_NOMEM, s->name, 0, 0, "out of memory"), -1;
    s->buf = p;
    s->cap = cap;
    return 0;
}

/* Appends decompressed bytes to buf. Returns the number added (> 0),
 * 0 at the end of input, -1 on error (then the source behaves as EOF). */
static long S_fill(sr_src *s, sitrep_error *err) {
    if (s->eof) return 0;
    if (S_room(s, S_CHUNK / 2, err)) goto fail;
    char *out = s->buf + s->len;
    size_t room = s->cap - s->len;
    for (;;) {
        if (S_raw_fill(s, err)) goto fail;
        size_t in_avail = s->raw_len - s->raw_pos;
        if (s->codec == SR_CODEC_PLAIN) {
            if (in_avail) {
                size_t k = in_avail < room ? in_avail : room;
                memcpy(out, s->raw + s->raw_pos, k);
                s->raw_pos += k;
                s->len += k;
                return (long)k;
            }
            if (s->raw_eof) break;
            /* big reads straight into the line buffer: no double copy */
            size_t k = S_raw_read(s, (unsigned char *)out, room);
            if (k == 0) {
                if (s->read_errno) {
                    sr_error_set(err, SITREP_E_IO, s->name, 0, 0, "read error: %s", strerror(s->read_errno));
                    goto fail;
                }
                s->raw_eof = 1;
                break;
            }
            s->len += k;
            return (long)k;
        }
        if (in_avail == 0 && s->raw_eof) {
            int complete = s->codec == SR_CODEC_GZIP ? s->z_ended : s->zs_last == 0;
            if (!complete) {
                sr_error_set(err, SITREP_E_CORRUPT, s->name, 0, 0, "truncated %s stream",
                             s->codec == SR_CODEC_GZIP ? "gzip" : "zstd");
                goto fail;
            }
            break;
        }
        size_t produced;
        if (s->codec == SR_CODEC_GZIP) {
            if (s->z_ended) {
                /* another gzip member follows (concatenated .gz files) */
                if (inflateReset(&s->z) != Z_OK) goto corrupt;
                s->z_ended = 0;
            }
            s->z.next_in = s->raw + s->raw_pos;
            s->z.avail_in = (uInt)in_avail;
            s->z.next_out = (unsigned char *)out;
            s->z.avail_out = (uInt)(room > 0x7fffffff ? 0x7fffffff : room);
            uInt before = s->z.avail_out;
            int rc = inflate(&s->z, Z_NO_FLUSH);
            s->raw_pos = s->raw_len - s->z.avail_in;
            produced = before - s->z.avail_out;
            if (rc == Z_STREAM_END) s->z_ended = 1;
            else if (rc != Z_OK && rc != Z_BUF_ERROR) goto corrupt;
        } else {
            ZSTD_inBuffer in = {s->raw + s->raw_pos, in_avail, 0};
            ZSTD_outBuffer ob = {out, room, 0};
            size_t rc = ZSTD_decompressStream(s->zs, &ob, &in);
            if (ZSTD_isError(rc)) {
                sr_error_set(err, SITREP_E_CORRUPT, s->name, 0, 0, "zstd: %s", ZSTD_getErrorName(rc));
                goto fail;
            }
            s->zs_last = rc;
            s->raw_pos += in.pos;
            produced = ob.pos;
        }
        if (produced) {
            s->len += produced;
            return (long)produced;
        }
    }
    s->eof = 1;
    return 0;
corrupt:
    sr_error_set(err, SITREP_E_CORRUPT, s->name, 0, 0, "corrupt gzip stream: %s",
                 s->z.msg ? s->z.msg : "inflate failed");
fail:
    s->eof = 1;
    s->failed = 1;
    return -1;
}

const char *sr_src_peek(sr_src *s, size_t n, size_t *avail, sitrep_error *err) {
    while (s->len - s->pos < n && !s->eof) {
        if (S_fill(s, err) < 0) return NULL;
    }
    *avail = s->len - s->pos;
    s->buf[s->len] = '\0';
    return s->buf + s->pos;
}

int sr_src_getline(sr_src *s, const char **line, size_t *len, sitrep_error *err) {
    size_t scan = s->pos;
    int skipping = 0;
    for (;;) {
        char *nl = memchr(s->buf + scan, '\n', s->len - scan);
        if (nl) {
            s->lineno++;
            size_t start = s->pos;
            s->pos = (size_t)(nl - s->buf) + 1;
            if (skipping) goto too_long;
            *nl = '\0';
            *line = s->buf + start;
            *len = (size_t)(nl - s->buf) - start;
            return 1;
        }
        if (s->eof) {
            if (s->failed) return -1;
            if (s->len == s->pos) {
                if (!skipping) return 0;
                s->lineno++;
                goto too_long;
            }
            s->lineno++;
            if (skipping) {
                s->pos = s->len;
                goto too_long;
            }
            *line = s->buf + s->pos;
            *len = s->len - s->pos;
            s->buf[s->len] = '\0';
            s->pos = s->len;
            return 1;
        }
        if (s->len - s->pos > SR_SRC_MAX_LINE) {
            skipping = 1;
            s->pos = s->len; /* drop what we have of the overlong line */
        }
        size_t seen = s->len - s->pos;
        long k = S_fill(s, err); /* moves unread bytes to the front */
        if (k < 0) return -1;
        scan = s->pos + seen;
    }
too_long:
    sr_error_set(err, SITREP_E_SYNTAX, s->name, s->lineno, 0,
                 "line longer than %zu MiB skipped", SR_SRC_MAX_LINE >> 20);
    return -1;
}

long sr_src_read(sr_src *s, void *buf, size_t n, sitrep_error *err) {
    if (s->pos == s->len) {
        if (s->failed) return -1;
        long k = S_fill(s, err);
        if (k <= 0) return k;
    }
    size_t k = s->len - s->pos;
    if (k > n) k = n;
    memcpy(buf, s->buf + s->pos, k);
    s->pos += k;
    return (long)k;
}
