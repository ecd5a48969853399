#include "ud.h"
#include <stdio.h>
#include <string.h>

static const char *const S_upos[SR_UPOS_COUNT] = {
    "_", "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM",
    "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"};

static const char *const S_dep[SR_DEP_COUNT] = {
    "_", "acl", "acl:relcl", "advcl", "advcl:relcl", "advmod", "amod",
    "appos", "aux", "aux:pass", "case", "cc", "cc:preconj", "ccomp", "clf",
    "compound", "compound:prt", "conj", "cop", "csubj", "csubj:pass",
    "csubj:outer", "dep", "det", "det:predet", "discourse", "dislocated",
    "expl", "fixed", "flat", "goeswith", "iobj", "list", "mark", "nmod",
    "nmod:poss", "nmod:unmarked", "nmod:desc", "nmod:tmod", "nmod:npmod",
    "nsubj", "nsubj:pass", "nsubj:outer", "nummod", "obj", "obl",
    "obl:agent", "obl:unmarked", "obl:tmod", "obl:npmod", "orphan",
    "parataxis", "punct", "reparandum", "root", "vocative", "xcomp"};

const char *sr_upos_name(unsigned upos) { return upos < SR_UPOS_COUNT ? S_upos[upos] : "_"; }
const char *sr_deprel_name(unsigned d) { return d < SR_DEP_COUNT ? S_dep[d] : "_"; }

static unsigned S_find(const char *const *tab, unsigned count, const char *s, size_t n) {
    for (unsigned i = 1; i < count; i++)
        if (strlen(tab[i]) == n && memcmp(tab[i], s, n) == 0) return i;
    return 0;
}

unsigned sr_upos_from_name(const char *s, size_t n) { return S_find(S_upos, SR_UPOS_COUNT, s, n); }

unsigned sr_deprel_from_name(const char *s, size_t n) {
    unsigned d = S_find(S_dep, SR_DEP_COUNT, s, n);
    if (d) return d;
    const char *colon = memchr(s, ':', n);
    return colon ? S_find(S_dep, SR_DEP_COUNT, s, (size_t)(colon - s)) : 0;
}

static const struct { const char *name; uint32_t bit; } S_feats[] = {
    {"Mood=Imp", SR_FEAT_MOOD_IMP}, {"Mood=Ind", SR_FEAT_MOOD_IND},
    {"Mood=Sub", SR_FEAT_MOOD_SUB}, {"Number=Plur", SR_FEAT_NUM_PLUR},
    {"Number=Ptan", SR_FEAT_NUM_PTAN}, {"Number=Sing", SR_FEAT_NUM_SING},
    {"Polarity=Neg", SR_FEAT_POLARITY_NEG}, {"Tense=Past", SR_FEAT_TENSE_PAST},
    {"Tense=Pres", SR_FEAT_TENSE_PRES}, {"VerbForm=Fin", SR_FEAT_VF_FIN},
    {"VerbForm=Ger", SR_FEAT_VF_GER}, {"VerbForm=Inf", SR_FEAT_VF_INF},
    {"VerbForm=Part", SR_FEAT_VF_PART}, {"Voice=Pass", SR_FEAT_VOICE_PASS},
};

uint32_t sr_feats_parse(const char *s, size_t n) {
    uint32_t bits = 0;
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && s[j] != '|') j++;
        for (size_t k = 0; k < sizeof S_feats / sizeof S_feats[0]; k++)
            if (strlen(S_feats[k].name) == j - i && memcmp(S_feats[k].name, s + i, j - i) == 0)
                bits |= S_feats[k].bit;
        i = j + 1;
    }
    return bits;
}

const char *sr_feats_format(uint32_t feats, char *buf, size_t cap) {
    size_t len = 0;
    if (cap == 0) return buf;
    buf[0] = '\0';
    /* S_feats is sorted by name, which is CoNLL-U's required order. */
    /* no snprintf: this runs for every token written as CoNLL-U */
    for (size_t k = 0; k < sizeof S_feats / sizeof S_feats[0]; k++) {
        if (!(feats & S_feats[k].bit)) continue;
        size_t nl = strlen(S_feats[k].name), w = nl + (len ? 1 : 0);
        if (w >= cap - len) break;
        if (len) buf[len++] = '|';
        memcpy(buf + len, S_feats[k].name, nl + 1);
        len += nl;
    }
    if (len == 0 && cap >= 2) memcpy(buf, "_", 2);
    return buf;
}

static const char *const S_xpos[SR_XPOS_COUNT] = {
    "_", "CC", "CD", "DT", "EX", "FW", "IN", "JJ", "JJR", "JJS", "LS", "MD",
    "NN", "NNS", "NNP", "NNPS", "PDT", "POS", "PRP", "PRP$", "RB", "RBR",
    "RBS", "RP", "SYM", "TO", "UH", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ",
    "WDT", "WP", "WP$", "WRB", "$", "#", "``", "''", "-LRB-", "-RRB-", ",",
    ".", ":", "ADD", "AFX", "GW", "HYPH", "NFP", "XX"};

const char *sr_xpos_name(unsigned x) { return x < SR_XPOS_COUNT ? S_xpos[x] : "_"; }
unsigned sr_xpos_from_name(const char *s, size_t n) { return S_find(S_xpos, SR_XPOS_COUNT, s, n); }
const char *const *sr_xpos_table(void) { return S_xpos; }

unsigned sr_deprel_universal(unsigned deprel) {
    const char *name = sr_deprel_name(deprel);
    const char *colon = strchr(name, ':');
    return colon ? sr_deprel_from_name(name, (size_t)(colon - name)) : deprel;
}
