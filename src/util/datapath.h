/* datapath.h - where sitrep's data (dictionaries, ontology, models) is:
 * a source checkout, a build tree, or an installation. */
#ifndef SR_DATAPATH_H
#define SR_DATAPATH_H
#include <stddef.h>

/* Locates sitrep's data directory and writes `<datadir>/<sub>` to out[cap].
 * Search order: $SITREP_DATA; ./data; <dir of the running executable>/../../data
 * (build/rel/sitrep -> repo/data); <exe dir>/../share/sitrep (installed).
 * `sub` may be NULL or "" for the data dir itself. A candidate is accepted
 * when `<candidate>/<sub>` exists. Returns 0, or -1 when none is found
 * (out then holds the $SITREP_DATA/./data candidate for messages). */
int sr_data_path(const char *sub, char *out, size_t cap);

/* The directory holding the default models (en_ewt.tagger/.parser) into
 * buf[cap]. Search order: $SITREP_MODELS; ./models; models/ beside the
 * data directory (a checkout: <repo>/models); models/ inside it (an
 * installation: <prefix>/share/sitrep/models). Returns 0, or -1 when none
 * holds a model (buf then holds "models" for messages). */
int sr_models_path(char *buf, size_t cap);
#endif
