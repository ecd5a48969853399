/* fuzz_dict.c - libFuzzer harness for the dictionary readers: the first
 * byte picks the kind (actors, agents, verbs, discards, issues, or sniffed
 * from the content) and the TABARI stem mode (auto, on, off), the rest is
 * the dictionary text. After loading, the
 * compiled dictionary is exercised with lookups and matches over a phrase
 * taken from the input, and malformed-line reports must carry a location. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "dict/dict.h"

static void S_report(void *ctx, const sitrep_error *e) {
    (void)ctx;
    if (e->code != SITREP_E_SYNTAX || !e->file[0] || !e->line || !e->col || !e->msg[0]) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (!size) return 0;
    static const int kinds[] = {SR_DICT_ACTOR, SR_DICT_AGENT, SR_DICT_VERB, SR_DICT_DISCARD,
                                SR_DICT_ISSUE, 0};
    int kind = kinds[data[0] % 6];
    static const int modes[] = {SR_STEMS_AUTO, SR_STEMS_ON, SR_STEMS_OFF};
    int mode = modes[(data[0] / 6) % 3];
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    sitrep_dict *d = sitrep_dict_new();
    if (!d) return 0;
    sitrep_dict_set_reporter(d, S_report, NULL);
    sr_dict_stems(d, mode);
    sitrep_error err;
    sitrep_status st = sr_dict_load_mem(d, "fuzz.txt", text, len, kind, &err);
    if (st != SITREP_OK && st != SITREP_E_SYNTAX && st != SITREP_E_FORMAT) abort();
    if ((st == SITREP_E_SYNTAX) != (sitrep_dict_error_count(d) > 0)) abort();

    /* a phrase from the first line of the input, looked up and matched */
    char phrase[256];
    size_t n = 0;
    for (size_t i = 0; i < len && n < sizeof phrase - 1 && text[i] != '\n'; i++)
        phrase[n++] = text[i] ? text[i] : ' ';
    phrase[n] = '\0';
    char *res = sitrep_dict_lookup(d, phrase, "2020-01-01", &err);
    free(res);
    sr_arena ar;
    sr_arena_init(&ar, 0);
    sr_token *t;
    size_t nt = sr_dict_tokenize(phrase, &ar, &t);
    sr_dict_stats ds;
    sr_dict_get_stats(d, &ds);
    if (mode == SR_STEMS_OFF && ds.stem_words) abort();
    for (size_t i = 0; i < nt; i++) {
        sr_actor_hit ah;
        sr_agent_hit gh;
        sr_verb_hit vh;
        const sr_discard_entry *de;
        const sr_issue_entry *ie;
        size_t m = sr_dict_match_actor(d, t, nt, i, 20200101, &ah);
        if (m > nt - i || (m && !ah.entry)) abort();
        /* a stem match needs stems, and at most one per token matched */
        if (ah.stem > m || (ah.stem && !ds.stem_words)) abort();
        m = sr_dict_match_agent(d, t, nt, i, &gh);
        if (m > nt - i || (m && !gh.entry) || gh.stem > m) abort();
        if (sr_dict_match_verb(d, t, nt, i, &vh) && (vh.end > nt || vh.first > i)) abort();
        if (sr_dict_match_discard(d, t, nt, i, &de) > nt - i) abort();
        if (sr_dict_match_issue(d, t, nt, i, &ie) > nt - i) abort();
    }
    /* the per-sentence candidate cache changes no result */
    if (nt) {
        sr_actor_hit plain[16], bound[16];
        size_t np = nt < 16 ? nt : 16;
        for (size_t i = 0; i < np; i++) sr_dict_match_actor(d, t, nt, i, 0, &plain[i]);
        int h = sr_dict_bind_tokens(d, t, nt, &ar);
        for (size_t i = 0; i < np; i++) sr_dict_match_actor(d, t, nt, i, 0, &bound[i]);
        sr_dict_unbind_tokens(h);
        for (size_t i = 0; i < np; i++)
            if (plain[i].ntok != bound[i].ntok || plain[i].entry != bound[i].entry ||
                plain[i].stem != bound[i].stem)
                abort();
    }
    size_t nx;
    const sr_verb_transform *x = sr_dict_transforms(d, &nx);
    for (size_t k = 0; k < nx; k++)
        if (!x[k].nlhs || !x[k].nrhs || !x[k].text) abort();
    sr_arena_free(&ar);
    sitrep_dict_free(d);
    return 0;
}
