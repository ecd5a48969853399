/* article.h - the internal representation every pipeline stage shares.
 *
 * An article owns one arena. Tokens are spans: `start`/`end` index the
 * article text as given (a->text), and `form` points at the normalized
 * form (NFC, typographic quotes/apostrophes/dashes folded) which is either
 * inside a->text itself (the common case: no normalization needed) or in
 * the arena. Nothing is malloc'ed per token.
 *
 * Stages fill fields in order:
 *   text   : start, end, form, form_len, flags; sentences
 *   parse  : upos, xpos, feats, lemma, head, deprel
 *   actors/coder read all of them.
 */
#ifndef SR_ARTICLE_H
#define SR_ARTICLE_H
#include <stddef.h>
#include <stdint.h>
#include "sitrep.h"
#include "../util/arena.h"

enum {
    SR_TOK_SPACE_AFTER = 1u << 0, /* whitespace follows in the text */
    SR_TOK_QUOTE = 1u << 1,       /* a quotation mark */
    SR_TOK_PARA_START = 1u << 2,  /* first token of a paragraph */
    SR_TOK_URL = 1u << 3,         /* URL or e-mail address */
    SR_TOK_HYPHEN_PART = 1u << 4, /* piece of a hyphenated compound */
    /* Text layer additions: */
    SR_TOK_NEWLINE_BEFORE = 1u << 5, /* a line break precedes (not a blank line) */
    SR_TOK_MWT_CONT = 1u << 6,       /* clitic split off the previous token with no
                                        space ("'s", "n't"): same surface word */
    SR_TOK_ABBR = 1u << 7            /* word with its final period attached
                                        (abbreviation, initial, "U.S.") */
};

typedef struct sr_token {
    uint32_t start, end;   /* byte span in a->text */
    const char *form;      /* normalized form, NOT NUL-terminated */
    uint32_t form_len;
    uint16_t flags;        /* SR_TOK_* */
    /* Filled by the tagger/parser (src/parse). */
    uint8_t upos;          /* SR_UPOS_* (src/parse/ud.h), 0 = unset */
    uint8_t deprel;        /* SR_DEP_*, 0 = unset */
    uint16_t xpos;         /* index into the model's XPOS table, 0 unset */
    int16_t head;          /* 1-based within the sentence; 0 root; -1 unset */
    uint32_t feats;        /* SR_FEAT_* bits (src/parse/ud.h) */
    const char *lemma;     /* NUL-terminated; NULL until lemmatized */
} sr_token;

typedef struct sr_sentence {
    uint32_t start, end;    /* byte span in a->text */
    uint32_t first;         /* index of the first token in a->tokens */
    uint32_t ntok;
    uint16_t flags;         /* SR_SENT_* */
} sr_sentence;

enum {
    SR_SENT_HEADLINE = 1u << 0, /* a title/headline line */
    SR_SENT_PARA_START = 1u << 1,
    SR_SENT_TRUNCATED = 1u << 2 /* cut at the maximum sentence length */
};

/* Longest sentence the splitter makes, in tokens; longer runs without a
 * boundary are cut here and flagged SR_SENT_TRUNCATED. */
#define SR_MAX_SENT_TOKENS 256

struct sitrep_article {
    sr_arena arena;
    char *id, *date, *title, *source, *url; /* never NULL ("" if absent) */
    char *dateline;                           /* "" if none */
    char *text;          /* the text as given, NUL-terminated copy */
    size_t len;
    size_t invalid_bytes;
    sr_token *tokens;
    size_t ntokens;
    sr_sentence *sents;
    size_t nsents;
    int analyzed;        /* 1 once tagged and parsed */
    /* Text layer additions. */
    size_t dateline_start, dateline_end; /* span of a->dateline in a->text */
    /* XPOS names indexed by sr_token.xpos, set by the parser (its model
     * owns them; NULL until then). sitrep_article_token returns "" for 0
     * or when this is NULL. */
    const char *const *xpos_names;
    size_t nxpos_names;
    /* FEATS strings handed out by sitrep_article_token, interned by bits
     * (arena-allocated). */
    struct sr_feats_str *feats_strs;
    size_t nfeats_strs, cap_feats_strs;
};

/* Allocates an empty article with its metadata copied and an initialized
 * arena; text/tokens are left empty. Returns NULL on OOM. Used by the text
 * layer and by the CoNLL-U reader, which fills tokens itself. */
sitrep_article *sr_article_alloc(const sitrep_article_info *info);

/* The sentence's tokens. */
static inline sr_token *sr_sent_tokens(const sitrep_article *a, const sr_sentence *s) {
    return a->tokens + s->first;
}
#endif
