/* error.h - filling sitrep_error from inside the library. */
#ifndef SR_ERROR_H
#define SR_ERROR_H
#include "sitrep.h"

/* Sets err (if non-NULL) to `code` with a printf-style message and, when
 * `file` is non-NULL, a location. Returns `code` so callers can write
 * `return sr_error_set(...)`. */
sitrep_status sr_error_set(sitrep_error *err, sitrep_status code,
                           const char *file, size_t line, size_t col,
                           const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* Clears err (if non-NULL) to SITREP_OK. */
void sr_error_clear(sitrep_error *err);
#endif
