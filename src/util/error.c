#include "error.h"
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

const char *sitrep_version(void) { return SITREP_VERSION; }

const char *sitrep_status_name(sitrep_status code) {
    switch (code) {
    case SITREP_OK: return "ok";
    case SITREP_E_USAGE: return "usage error";
    case SITREP_E_IO: return "I/O error";
    case SITREP_E_NOMEM: return "out of memory";
    case SITREP_E_SYNTAX: return "syntax error";
    case SITREP_E_FORMAT: return "wrong format";
    case SITREP_E_VERSION: return "unsupported version";
    case SITREP_E_CORRUPT: return "corrupt data";
    case SITREP_E_DB: return "database error";
    case SITREP_E_INTERNAL: return "internal error";
    }
    return "unknown error";
}

int sitrep_exit_code(sitrep_status code) {
    switch (code) {
    case SITREP_OK: return EX_OK;
    case SITREP_E_USAGE: return EX_USAGE;
    case SITREP_E_IO: return EX_IOERR;
    case SITREP_E_NOMEM: return EX_OSERR;
    case SITREP_E_SYNTAX:
    case SITREP_E_FORMAT:
    case SITREP_E_VERSION:
    case SITREP_E_CORRUPT: return EX_DATAERR;
    case SITREP_E_DB: return EX_CANTCREAT;
    case SITREP_E_INTERNAL: return EX_SOFTWARE;
    }
    return EX_SOFTWARE;
}

const char *sitrep_error_format(const sitrep_error *err, char *buf, size_t cap) {
    if (!cap) return buf;
    if (!err) { snprintf(buf, cap, "unknown error"); return buf; }
    if (err->file[0] && err->line && err->col)
        snprintf(buf, cap, "%s:%zu:%zu: %s", err->file, err->line, err->col, err->msg);
    else if (err->file[0] && err->line)
        snprintf(buf, cap, "%s:%zu: %s", err->file, err->line, err->msg);
    else if (err->file[0])
        snprintf(buf, cap, "%s: %s", err->file, err->msg);
    else
        snprintf(buf, cap, "%s", err->msg[0] ? err->msg : sitrep_status_name(err->code));
    return buf;
}

sitrep_status sr_error_set(sitrep_error *err, sitrep_status code,
                           const char *file, size_t line, size_t col,
                           const char *fmt, ...) {
    if (!err) return code;
    err->code = code;
    err->line = line;
    err->col = col;
    err->pos = SIZE_MAX;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return code;
}

void sr_error_clear(sitrep_error *err) {
    if (!err) return;
    memset(err, 0, sizeof *err);
    err->pos = SIZE_MAX;
}
