/* link.h - cross-article event linking.
 *
 * Event mentions (one coded sentence-event each) become linked events:
 * a mention joins the existing event with the same (source code, target
 * code, key) whose date is nearest to the mention's date and at most
 * `window_days` away; otherwise it starts a new event dated by itself. The
 * key is the CAMEO root (default) or the full CAMEO code.
 *
 * Why anchor on the event's first date instead of chaining (joining when
 * any mention is near): chaining lets a daily-repeated dyad grow one event
 * forever; anchoring bounds an event to 2*window+1 days.
 *
 * The linker works on the store's SQLite connection (tables `events`,
 * `event_articles`, `event_outlets`; docs/store.md) with prepared
 * statements; the lookup is one probe of the index
 * events(source_code, target_code, link_key, day), so the cost per mention
 * does not grow with the store (O(log n)). The caller owns transactions. */
#ifndef SR_LINK_H
#define SR_LINK_H
#include <sqlite3.h>
#include <stdint.h>
#include "sitrep.h"

/* The day number used for mentions without a valid date: such mentions
 * only link with each other. */
#define SR_DAY_NONE (-1000000)

/* Days since 1970-01-01 of a "YYYY-MM-DD..." date (only the first ten
 * characters are read), or SR_DAY_NONE when NULL or not a valid date. */
int32_t sr_day_from_date(const char *ymd);

/* Strength of a mention as evidence for its event; higher is stronger.
 * Ranks: has a target (a full dyad) > not negated/hypothetical (empty
 * modality) > more specific CAMEO code (more digits). Ties keep the
 * earlier mention. NULL fields count as empty. */
int sr_link_score(const sitrep_event *e);

/* One mention as the linker sees it. Strings are borrowed for the call. */
typedef struct sr_link_mention {
    int64_t mention_id;  /* the id the mention row has/will have */
    int64_t article_id;  /* articles.id */
    const char *outlet;  /* "unknown" is not counted in num_sources */
    const char *date;    /* YYYY-MM-DD or "" */
    const char *source_code, *target_code;
    const char *cameo, *root;
    int quad;
    double goldstein;
    const char *plover_category, *plover_mode;
    int score;           /* sr_link_score */
} sr_link_mention;

typedef struct sr_linker sr_linker;

/* A linker over `db` (borrowed; the schema must exist) with the given
 * window (days, >= 0) and key. Returns NULL and fills err on failure. */
sr_linker *sr_linker_new(sqlite3 *db, int window_days, sitrep_link_key key,
                         sitrep_error *err);
void sr_linker_free(sr_linker *l);

/* Links `m`: joins or creates an event and updates its counts, dates and
 * strongest evidence. Sets *event_id and *created (1 when a new event was
 * made). Returns SITREP_OK or SITREP_E_DB. */
sitrep_status sr_linker_add(sr_linker *l, const sr_link_mention *m,
                            int64_t *event_id, int *created,
                            sitrep_error *err);
#endif
