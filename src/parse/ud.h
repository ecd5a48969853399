/* ud.h - Universal Dependencies label sets shared by the parser and the
 * coder. Enum values are stored in sr_token (0 means unset) and are part of
 * the model file format: append, never reorder. */
#ifndef SR_UD_H
#define SR_UD_H
#include <stddef.h>
#include <stdint.h>

enum sr_upos {
    SR_UPOS_NONE = 0,
    SR_UPOS_ADJ, SR_UPOS_ADP, SR_UPOS_ADV, SR_UPOS_AUX, SR_UPOS_CCONJ,
    SR_UPOS_DET, SR_UPOS_INTJ, SR_UPOS_NOUN, SR_UPOS_NUM, SR_UPOS_PART,
    SR_UPOS_PRON, SR_UPOS_PROPN, SR_UPOS_PUNCT, SR_UPOS_SCONJ, SR_UPOS_SYM,
    SR_UPOS_VERB, SR_UPOS_X,
    SR_UPOS_COUNT
};

/* Universal relations plus the English EWT subtypes. */
enum sr_deprel {
    SR_DEP_NONE = 0,
    SR_DEP_ACL, SR_DEP_ACL_RELCL, SR_DEP_ADVCL, SR_DEP_ADVCL_RELCL,
    SR_DEP_ADVMOD, SR_DEP_AMOD, SR_DEP_APPOS, SR_DEP_AUX, SR_DEP_AUX_PASS,
    SR_DEP_CASE, SR_DEP_CC, SR_DEP_CC_PRECONJ, SR_DEP_CCOMP, SR_DEP_CLF,
    SR_DEP_COMPOUND, SR_DEP_COMPOUND_PRT, SR_DEP_CONJ, SR_DEP_COP,
    SR_DEP_CSUBJ, SR_DEP_CSUBJ_PASS, SR_DEP_CSUBJ_OUTER, SR_DEP_DEP,
    SR_DEP_DET, SR_DEP_DET_PREDET, SR_DEP_DISCOURSE, SR_DEP_DISLOCATED,
    SR_DEP_EXPL, SR_DEP_FIXED, SR_DEP_FLAT, SR_DEP_GOESWITH, SR_DEP_IOBJ,
    SR_DEP_LIST, SR_DEP_MARK, SR_DEP_NMOD, SR_DEP_NMOD_POSS,
    SR_DEP_NMOD_UNMARKED, SR_DEP_NMOD_DESC, SR_DEP_NMOD_TMOD,
    SR_DEP_NMOD_NPMOD, SR_DEP_NSUBJ, SR_DEP_NSUBJ_PASS, SR_DEP_NSUBJ_OUTER,
    SR_DEP_NUMMOD, SR_DEP_OBJ, SR_DEP_OBL, SR_DEP_OBL_AGENT,
    SR_DEP_OBL_UNMARKED, SR_DEP_OBL_TMOD, SR_DEP_OBL_NPMOD, SR_DEP_ORPHAN,
    SR_DEP_PARATAXIS, SR_DEP_PUNCT, SR_DEP_REPARANDUM, SR_DEP_ROOT,
    SR_DEP_VOCATIVE, SR_DEP_XCOMP,
    SR_DEP_COUNT
};

/* Morphological features kept as bits (the ones the coder uses). */
enum {
    SR_FEAT_NUM_SING = 1u << 0, SR_FEAT_NUM_PLUR = 1u << 1,
    SR_FEAT_TENSE_PAST = 1u << 2, SR_FEAT_TENSE_PRES = 1u << 3,
    SR_FEAT_VF_FIN = 1u << 4, SR_FEAT_VF_INF = 1u << 5,
    SR_FEAT_VF_PART = 1u << 6, SR_FEAT_VF_GER = 1u << 7,
    SR_FEAT_VOICE_PASS = 1u << 8, SR_FEAT_MOOD_IND = 1u << 9,
    SR_FEAT_MOOD_IMP = 1u << 10, SR_FEAT_MOOD_SUB = 1u << 11,
    SR_FEAT_POLARITY_NEG = 1u << 12, SR_FEAT_NUM_PTAN = 1u << 13
};

/* Names as in CoNLL-U ("NOUN", "nsubj:pass"); "_" for 0/unknown. */
const char *sr_upos_name(unsigned upos);
const char *sr_deprel_name(unsigned deprel);
/* Parses a name; returns 0 (NONE) when unknown. For deprels an unknown
 * subtype falls back to its universal base ("obl:foo" -> obl). */
unsigned sr_upos_from_name(const char *s, size_t n);
unsigned sr_deprel_from_name(const char *s, size_t n);
/* The universal relation of a deprel (nsubj:pass -> nsubj); a relation
 * without a subtype (and 0) is its own. */
unsigned sr_deprel_universal(unsigned deprel);
/* FEATS string <-> bits. sr_feats_format writes "_" for 0 into buf (cap
 * bytes) and returns buf. Unknown features are ignored when parsing. */
uint32_t sr_feats_parse(const char *s, size_t n);
const char *sr_feats_format(uint32_t feats, char *buf, size_t cap);
/* Penn Treebank XPOS tags as used by UD English (EWT adds ADD, AFX, GW,
 * HYPH, NFP, XX). sr_token.xpos indexes this table; 0 = unset. Part of the
 * model file format: append, never reorder. */
enum sr_xpos {
    SR_XPOS_NONE = 0,
    SR_XPOS_CC, SR_XPOS_CD, SR_XPOS_DT, SR_XPOS_EX, SR_XPOS_FW, SR_XPOS_IN,
    SR_XPOS_JJ, SR_XPOS_JJR, SR_XPOS_JJS, SR_XPOS_LS, SR_XPOS_MD, SR_XPOS_NN,
    SR_XPOS_NNS, SR_XPOS_NNP, SR_XPOS_NNPS, SR_XPOS_PDT, SR_XPOS_POS,
    SR_XPOS_PRP, SR_XPOS_PRPS /* PRP$ */, SR_XPOS_RB, SR_XPOS_RBR,
    SR_XPOS_RBS, SR_XPOS_RP, SR_XPOS_SYM, SR_XPOS_TO, SR_XPOS_UH, SR_XPOS_VB,
    SR_XPOS_VBD, SR_XPOS_VBG, SR_XPOS_VBN, SR_XPOS_VBP, SR_XPOS_VBZ,
    SR_XPOS_WDT, SR_XPOS_WP, SR_XPOS_WPS /* WP$ */, SR_XPOS_WRB,
    SR_XPOS_DOLLAR /* $ */, SR_XPOS_HASH /* # */, SR_XPOS_LQUOTE /* `` */,
    SR_XPOS_RQUOTE /* '' */, SR_XPOS_LRB /* -LRB- */, SR_XPOS_RRB /* -RRB- */,
    SR_XPOS_COMMA, SR_XPOS_PERIOD, SR_XPOS_COLON, SR_XPOS_ADD, SR_XPOS_AFX,
    SR_XPOS_GW, SR_XPOS_HYPH, SR_XPOS_NFP, SR_XPOS_XX,
    SR_XPOS_COUNT
};

/* XPOS name ("NN", "PRP$", "-LRB-"); "_" for 0/out of range. */
const char *sr_xpos_name(unsigned xpos);
/* The whole XPOS name table (SR_XPOS_COUNT entries), for
 * sitrep_article.xpos_names. */
const char *const *sr_xpos_table(void);
/* Parses an XPOS name; 0 when unknown. */
unsigned sr_xpos_from_name(const char *s, size_t n);
#endif
