/* store.h - internals of the SQLite event store shared with its tests and
 * the benchmark. The public interface is the "Store" section of sitrep.h;
 * the schema is documented in docs/store.md. */
#ifndef SR_STORE_H
#define SR_STORE_H
#include <sqlite3.h>
#include <stddef.h>
#include "sitrep.h"

/* The outlet name for an article: `source` when non-empty, else
 * `fallback` when non-empty, else the host of `url` (lower-cased, without
 * "www." and port), else "unknown". Writes a NUL-terminated string into
 * `out` (truncated to cap-1 bytes) and returns out. NULL inputs are empty. */
const char *sr_store_outlet(const char *source, const char *fallback,
                            const char *url, char *out, size_t cap);

/* The article content hash: 24 hex digits (64-bit FNV-1a + CRC-32) of
 * date, outlet, title and text, each NUL-separated. Two records with the
 * same content hash are the same article. `out` must hold 25 bytes. */
void sr_store_content_hash(const char *date, const char *outlet,
                           const char *title, const char *text, size_t len,
                           char out[25]);

/* The store's connection, for tests and the benchmark (borrowed). */
sqlite3 *sr_store_db(sitrep_store *s);
#endif
