/* coder.h - the event coder's internal interface (sitrep_coder_new and
 * sitrep_code_article are in sitrep.h).
 *
 * The coder works on the dependency parse: for every token the parser
 * tagged as a verb that the verb dictionary knows (sr_dict_match_verb), it
 * matches the verb block's patterns against the verb's own clause, finds
 * the source (subject, or the agent of a passive; inherited through
 * xcomp/conj/advcl chains) and the target (the actor marked `+` by the
 * pattern, else the object, else the first prepositional object), expands
 * conjuncts into the cross product, applies negation and modality, combines
 * "intend/appeal/demand/threaten to X" with the lower verb's code, and
 * writes one sitrep_event per (source, target, code) with its evidence.
 * See docs/coder.md for the rules and conventions. */
#ifndef SR_CODER_H
#define SR_CODER_H
#include "sitrep.h"
#include "actors/actors.h"
#include "coder/events.h"

typedef struct sr_coder_opts {
    /* 1: codes missing from the CAMEO table are kept (with empty
     * enrichment fields). Only for PETRARCH validation dictionaries, which
     * use private codes such as "901"; the default (0) drops them, so a
     * normal run never emits a code the ontology does not know. */
    int allow_unknown_codes;
    int coref;            /* 1 (default): within-article coreference */
    int combine;          /* 1 (default): intend/appeal/threaten + verb */
    int nominal;          /* 1 (default): "talks between A and B" events */
    int intent;           /* 1 (default): a cooperative verb under will/
                           * would/shall is an intent (03x), the CAMEO
                           * convention, and "A said B must V" is A's
                           * demand of B (100); 0 for PETRARCH validation */
    int max_events;       /* per sentence (default 256): bounds the work */
    /* PETRARCH <Config> options, for `sitrep validate` (all 0 = off, the
     * default; `sitrep code` never sets them):
     * null_target (require_dyad = false): a coded verb with a source and
     *   no target gives source -> "---" (PETRARCH's null actor);
     * comma_*: comma-delimited clause deletion before coding, PETRARCH's
     *   check_commas: the initial clause (before the first comma) when
     *   its word count is in [comma_bmin, comma_bmax], the terminal one
     *   (after the last comma) in [comma_emin, comma_emax], each clause
     *   between two commas in [comma_min, comma_max]; a max of 0 turns
     *   that deletion off. Words are tokens starting with a letter; commas
     *   inside a noun phrase ("complete, full ties") delimit nothing.
     *   Deleted tokens give no verb and no actor;
     * new_actor_len (new_actor_length): a source or target noun phrase
     *   with no actor code and fewer than this many spaces is an actor
     *   coded by its own text in capitals ("THE MINISTRY OF MAGIC"). */
    int null_target;
    int comma_min, comma_max, comma_bmin, comma_bmax, comma_emin, comma_emax;
    int new_actor_len;
} sr_coder_opts;

/* Sets the coder's options (NULL restores the defaults). */
void sr_coder_set_opts(sitrep_coder *c, const sr_coder_opts *o);

/* Codes sentence `si` of the (already analyzed) article `a` into `out`.
 * `coref` may be NULL. `date` is YYYYMMDD (0 when unknown). Returns the
 * number of events added, or -1 when out of memory. */
int sr_code_sentence(sitrep_coder *c, const sitrep_article *a, size_t si,
                     int32_t date, sr_coref *coref, sitrep_events *out);

/* 1 when the coder would emit `code`: non-empty, not "---", alphanumeric,
 * and in the CAMEO table unless allow_unknown_codes is set. */
int sr_coder_code_ok(const sitrep_coder *c, const char *code);

/* YYYY-MM-DD or YYYYMMDD -> YYYYMMDD; 0 when unparsable. */
int32_t sr_parse_date(const char *s);
#endif
