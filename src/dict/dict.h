/* dict.h - the compiled dictionary set (internal API for the coder).
 *
 * A sitrep_dict holds every dictionary loaded into it (actors, agents,
 * verbs, discards, issues; PETRARCH-2 and TABARI/PETRARCH-1 formats, see
 * docs/dictionaries.md) compiled into ONE token trie:
 *
 *   - every dictionary word is folded (UTF-8 NFKD, case folded, combining
 *     marks stripped: "Zelenskyy" == "ZELENSKYY", "Erdoğan" == "ERDOGAN")
 *     and interned to a 32-bit word id;
 *   - trie edges are a hash table (node id, word id) -> node id;
 *   - a terminal node carries a chain of payloads (kind + entry index).
 *
 * Matching walks the trie from token i of a sentence. At each step a
 * token may match by its folded surface form, by its folded lemma (when
 * the parser has set one), or glued with the following tokens that have no
 * space between them ("Ki" "-" "moon" matches the dictionary word
 * "KI-MOON"; "U.S" "." matches "U.S."). The longest match wins. Matching
 * allocates nothing: folding uses fixed scratch buffers on the stack.
 *
 * Stems (TABARI): in a TABARI-format file (see sr_dict_stems) a phrase
 * word without a trailing '_' is a stem: it matches every token that
 * starts with it ("ISRAEL" matches "Israelis"), while "ISRAEL_" matches
 * the whole word only. PETRARCH-format files are whole-word throughout, as
 * in PETRARCH. Stems are separate trie edges, so whole-word lookups are
 * unchanged; a token's stem candidates are computed (once per token when
 * bound) only when some stem is loaded. Between matches of the same token
 * length an exact entry beats a stem and a longer stem a shorter one.
 *
 * Everything returned (entries, strings, patterns) is owned by the
 * sitrep_dict and lives until sitrep_dict_free. Once loaded, a dictionary
 * is read-only and may be shared between threads (all functions below
 * that take `const sitrep_dict *` are thread-safe).
 *
 * Dates are ints YYYYMMDD (20250314). 0 means "no date": only undated
 * default codes apply.
 */
#ifndef SR_DICT_H
#define SR_DICT_H
#include <stddef.h>
#include <stdint.h>
#include "sitrep.h"
#include "text/article.h"

/* Kinds of dictionary entries; also used as bit masks. */
typedef enum sr_dict_kind {
    SR_DICT_ACTOR = 1,
    SR_DICT_AGENT = 2,
    SR_DICT_VERB = 4,
    SR_DICT_DISCARD = 8,
    SR_DICT_ISSUE = 16
} sr_dict_kind;

#define SR_WORD_NONE UINT32_MAX /* "this word is in no dictionary" */
#define SR_DATE_MIN 0
#define SR_DATE_MAX 99999999

/* Which files get TABARI stem semantics (sr_dict_stems). */
typedef enum sr_dict_stem_mode {
    SR_STEMS_AUTO = 0, /* TABARI-format files: names ending in .actors,
                        * .agents or .verbs (TABARI's own extensions) */
    SR_STEMS_ON = 1,   /* every file loaded */
    SR_STEMS_OFF = 2   /* none: whole words only */
} sr_dict_stem_mode;

/* Sets the stem mode for the files `d` loads from now on (files already
 * loaded keep theirs) and returns the previous mode; a mode out of range
 * changes nothing. A new dictionary starts in the mode named by the
 * environment variable SITREP_DICT_STEMS (auto, on, off), else AUTO. NULL
 * d: returns -1. */
int sr_dict_stems(sitrep_dict *d, int mode);

/* "auto" / "on" / "off" (case-insensitive) -> sr_dict_stem_mode; -1 for
 * anything else or NULL. */
int sr_dict_stem_mode_parse(const char *s);

/* 1 when `path` (its base name) has a TABARI dictionary extension:
 * .actors, .agents or .verbs, case-insensitive; else 0. */
int sr_dict_tabari_name(const char *path);

/* ------------------------------------------------------------------ */
/* Actors                                                              */
/* ------------------------------------------------------------------ */

/* One date-restricted code: applies when from <= date <= to (limits
 * inclusive, as in PETRARCH). `[X <d]` is {SR_DATE_MIN, d}; `[X >d]` is
 * {d, SR_DATE_MAX}; `[X d1-d2]` is {d1, d2}. */
typedef struct sr_code_range {
    int32_t from, to;
    const char *code;
} sr_code_range;

/* One actor record: a primary phrase, its `+` synonyms, its codes. */
typedef struct sr_actor_entry {
    const char *primary;      /* the primary phrase as written ("KREMLIN_") */
    const char *file;         /* path as given to sitrep_dict_load */
    uint32_t line;            /* line of the primary phrase */
    const char *code;         /* undated default code, NULL when none */
    const sr_code_range *ranges; /* date-restricted codes, file order */
    uint32_t nranges;
} sr_actor_entry;

/* The code of `e` on `date`: the first range containing the date, else
 * the undated default, else NULL (no code: a "null" actor). */
const char *sr_actor_code(const sr_actor_entry *e, int32_t date);

/* Result of an actor match. */
typedef struct sr_actor_hit {
    size_t ntok;                  /* tokens matched, 0 when no match */
    const sr_actor_entry *entry;  /* NULL when no match */
    const char *code;             /* sr_actor_code(entry, date); may be NULL */
    const char *phrase;           /* the phrase matched, as written */
    const char *file;             /* file:line of the matched phrase line */
    uint32_t line;                /* (the synonym's own line for `+` lines) */
    unsigned stem;                /* words matched as a proper stem prefix
                                   * (TABARI "ISRAEL" on "Israelis"); 0 when
                                   * every word matched whole */
} sr_actor_hit;

/* Longest actor phrase starting at token `i` of `toks[0..n)`. When several
 * records share the phrase, the first one (load order) that has a code for
 * `date` wins. Returns hit->ntok (0 when nothing matches; `hit` is then
 * zeroed). `hit` must not be NULL. */
size_t sr_dict_match_actor(const sitrep_dict *d, const sr_token *toks,
                           size_t n, size_t i, int32_t date,
                           sr_actor_hit *hit);

/* ------------------------------------------------------------------ */
/* Agents                                                              */
/* ------------------------------------------------------------------ */

typedef enum sr_agent_compose {
    SR_AGENT_SUFFIX = 0, /* [~GOV]: actor code + "GOV" (USA -> USAGOV) */
    SR_AGENT_PREFIX = 1  /* [NGO~]: "NGO" + actor code (or alone) */
} sr_agent_compose;

typedef struct sr_agent_entry {
    const char *primary;  /* phrase as written, e.g. "FOREIGN_MINISTER" */
    const char *file;
    uint32_t line;
    const char *code;     /* code without the '~', e.g. "GOVFRM" */
    sr_agent_compose compose;
} sr_agent_entry;

typedef struct sr_agent_hit {
    size_t ntok;
    const sr_agent_entry *entry;
    const char *phrase;   /* the form matched, e.g. "FOREIGN MINISTERS" */
    int plural;           /* 1 when a plural form matched */
    unsigned stem;        /* words matched as a proper stem prefix, or 0 */
} sr_agent_hit;

/* Longest agent phrase (singular, regular or `{...}` plural, or a
 * `!SET!` substitution) starting at token i. Returns hit->ntok (0: none). */
size_t sr_dict_match_agent(const sitrep_dict *d, const sr_token *toks,
                           size_t n, size_t i, sr_agent_hit *hit);

/* Composes an actor code and an agent code as PETRARCH does: SUFFIX ->
 * actor+agent, PREFIX -> agent+actor; a NULL/empty actor gives the agent
 * code alone. Writes a NUL-terminated string into out[cap] (truncated if
 * needed) and returns out. */
char *sr_agent_compose_code(const char *actor_code, const sr_agent_entry *a,
                            char *out, size_t cap);

/* ------------------------------------------------------------------ */
/* Verbs and patterns                                                  */
/* ------------------------------------------------------------------ */

/* A phrase of folded, interned words (consecutive tokens). */
typedef struct sr_phrase {
    const uint32_t *words;
    uint32_t nwords;
} sr_phrase;

/* A synset (&NAME): its member phrases, nested synsets flattened and
 * regular plurals added (unless the member or the label ends in '_'). */
typedef struct sr_synset {
    const char *name;       /* "&CURRENCY" */
    const sr_phrase *alts;
    uint32_t nalts;
    const char *file;
    uint32_t line;
} sr_synset;

typedef enum sr_pat_type {
    SR_PE_WORD,     /* a word or a `_`-joined multi-word: alts has 1 phrase */
    SR_PE_SYNSET,   /* &NAME: one of synset->alts */
    SR_PE_VERB,     /* `*`: the position of the verb */
    SR_PE_SOURCE,   /* `$`: the source actor goes here */
    SR_PE_TARGET,   /* `+`: the target actor goes here */
    SR_PE_COMPOUND, /* `%`: a compound actor (source and target) here */
    SR_PE_SKIP      /* `^`: skip one noun phrase / word (TABARI) */
} sr_pat_type;

/* Element flags. */
enum {
    /* joined to the previous element by '_' in the pattern: it must
     * immediately follow it (TABARI "consecutive"); otherwise words may
     * intervene. */
    SR_PEF_JOINED = 1u << 0,
    SR_PEF_NP = 1u << 1,      /* inside a {...} noun phrase (PETRARCH-2) */
    SR_PEF_NP_HEAD = 1u << 2, /* the last word of {...}: the head noun */
    SR_PEF_PP = 1u << 3,      /* inside a (...) prepositional phrase */
    SR_PEF_PREP = 1u << 4,    /* the preposition: first word of (...) */
    SR_PEF_OPT = 1u << 5      /* inside [...] (optional words) */
};

typedef struct sr_pat_elem {
    uint8_t type;     /* sr_pat_type */
    uint8_t flags;    /* SR_PEF_* */
    uint16_t group;   /* 1-based index of the {..}/(..)/[..] group, 0 none */
    const sr_phrase *word;    /* SR_PE_WORD: the word(s); else NULL */
    const sr_synset *synset;  /* SR_PE_SYNSET; else NULL */
    const char *text;         /* the element as written ("&CURRENCY") */
} sr_pat_elem;

typedef enum sr_pat_syntax {
    SR_SYNTAX_PETR2 = 0,  /* "- NOUNS (PREP NOUN) * NOUNS (PREP {NP})" */
    SR_SYNTAX_TABARI = 1  /* "- $ WORD * WORD_WORD + ^ %" */
} sr_pat_syntax;

typedef struct sr_verb_pattern {
    const sr_pat_elem *elems; /* in pattern order, '*' included */
    uint32_t nelems;
    uint32_t verb_pos;   /* index of the SR_PE_VERB element in elems */
    const char *code;    /* "064" / "---" (null code: no event) */
    const char *code2;   /* after ':' in "[030:032]", else NULL */
    const char *text;    /* the pattern line as written, sans comment */
    const char *file;
    uint32_t line;
    uint8_t syntax;      /* sr_pat_syntax */
} sr_verb_pattern;

/* A `--- NAME [code] ---` block: the verbs in it share the patterns. */
typedef struct sr_verb_block {
    const char *name;    /* "ABANDON" */
    const char *code;    /* block code, "---" when absent */
    const char *code2;   /* after ':' in the block code, else NULL */
    const sr_verb_pattern *patterns;
    uint32_t npatterns;
    const char *file;
    uint32_t line;
} sr_verb_block;

/* One verb (a line in a block, e.g. "+CALL_OFF [160]" or "BAN {BANS BANNED}"). */
typedef struct sr_verb_entry {
    const sr_verb_block *block;
    const char *primary;  /* as written: "+CALL_OFF", "WIRE_+TAP" */
    const char *code;     /* its own code, else the block's */
    const char *code2;
    const char *file;
    uint32_t line;
} sr_verb_entry;

typedef struct sr_verb_hit {
    const sr_verb_entry *verb;   /* NULL when no match */
    size_t first, end;           /* tokens [first, end) of the (multi-word) verb */
    size_t verb_tok;             /* the token that is the verb proper */
    unsigned stem;               /* words matched as a proper stem prefix, or 0 */
} sr_verb_hit;

/* Does token `v` (the verb found by the parser) start, end or form a
 * dictionary verb? Multi-word verbs ("call off", "carry out", "wire tap")
 * are tried first (longest), then the single word. Matches the token's
 * lemma and its surface form against the verb's forms (regular forms are
 * generated; `{...}` irregular forms as given). Returns 1 and fills `hit`,
 * or 0 (hit->verb = NULL). */
int sr_dict_match_verb(const sitrep_dict *d, const sr_token *toks, size_t n,
                       size_t v, sr_verb_hit *hit);

/* Does a pattern element of type SR_PE_WORD or SR_PE_SYNSET match the
 * tokens starting at i? Returns the number of tokens matched (0: no). Other
 * element types return 0. */
size_t sr_dict_match_elem(const sitrep_dict *d, const sr_pat_elem *e,
                          const sr_token *toks, size_t n, size_t i);

/* The verb block by name ("ABANDON"), or NULL. */
const sr_verb_block *sr_dict_verb_block(const sitrep_dict *d, const char *name);

/* A `~` transformation line, split into whitespace-separated parts with
 * the parentheses removed: "~ a (a b ATTACK) SAY = a b 015" ->
 * lhs {"a","a","b","ATTACK","SAY"}, rhs {"a","b","015"}. */
typedef struct sr_verb_transform {
    const char *const *lhs;
    uint32_t nlhs;
    const char *const *rhs;
    uint32_t nrhs;
    const char *text;
    const char *file;
    uint32_t line;
} sr_verb_transform;

/* All transformations, in load order. */
const sr_verb_transform *sr_dict_transforms(const sitrep_dict *d, size_t *n);

/* ------------------------------------------------------------------ */
/* Discards and issues                                                 */
/* ------------------------------------------------------------------ */

typedef struct sr_discard_entry {
    const char *phrase;  /* as written, without the '+' */
    int story;           /* 1: `+` story-level discard; 0: sentence-level */
    const char *file;
    uint32_t line;
} sr_discard_entry;

/* Longest discard phrase at token i; returns tokens matched (0: none) and
 * sets *out. */
size_t sr_dict_match_discard(const sitrep_dict *d, const sr_token *toks,
                             size_t n, size_t i, const sr_discard_entry **out);

typedef enum sr_issue_type {
    SR_ISSUE_CODE = 0,      /* phrase [CODE] */
    SR_ISSUE_IGNORE = 1,    /* ~phrase: no issues from this sentence */
    SR_ISSUE_IGNORE_STORY = 2 /* ~~phrase: no issues from this story */
} sr_issue_type;

typedef struct sr_issue_entry {
    const char *phrase;   /* as written ("n:genocide", "~a head start") */
    const char *code;     /* issue code; NULL for ignore phrases */
    const char *category; /* the enclosing <ISSUE CATEGORY="..."> or NULL */
    sr_issue_type type;
    const char *file;
    uint32_t line;
} sr_issue_entry;

/* Longest issue phrase (n:/v:/+ expansions included) at token i; returns
 * tokens matched (0: none) and sets *out. */
size_t sr_dict_match_issue(const sitrep_dict *d, const sr_token *toks,
                           size_t n, size_t i, const sr_issue_entry **out);

/* ------------------------------------------------------------------ */
/* Whole-phrase lookups (CLI), statistics, checking                    */
/* ------------------------------------------------------------------ */

/* Splits `text` into tokens (whitespace and '_' separate words; a
 * trailing "'s" and ',' ';' ':' '?' '!' '(' ')' '"' are split off) in
 * `arena`, for lookups of phrases typed by a user. Returns the token count;
 * *out points at arena memory. */
size_t sr_dict_tokenize(const char *text, sr_arena *arena, sr_token **out);

typedef struct sr_dict_stats {
    size_t files;
    size_t actors, actor_phrases, actor_ranges;
    size_t agents, agent_phrases;
    size_t verb_blocks, verbs, verb_forms, patterns, synsets, transforms;
    size_t discards, issues;
    size_t words, trie_nodes;
    size_t stem_words; /* phrase words compiled as TABARI stems */
    size_t errors; /* malformed lines seen while loading */
} sr_dict_stats;

void sr_dict_get_stats(const sitrep_dict *d, sr_dict_stats *st);

/* Folds `s[0..n)` for matching (NFKD, case fold, marks stripped, typographic
 * quotes to ASCII) into out[cap]; returns the folded length, or SIZE_MAX
 * when it does not fit. Never allocates. */
size_t sr_dict_fold(const char *s, size_t n, char *out, size_t cap);

/* The word id of a folded word, or SR_WORD_NONE. */
uint32_t sr_dict_word_id(const sitrep_dict *d, const char *folded, size_t n);

/* Caches, for this thread, the dictionary candidates of each token of
 * toks[0..n) (folded form, lemma, glued forms) so that every
 * sr_dict_match_* call over exactly this (d, toks, n) folds and looks up
 * each token once. The tokens must not change until
 * sr_dict_unbind_tokens(handle); memory comes from `a`, which must
 * outlive the binding. Returns a handle >= 0, or -1 when nothing was
 * bound (already bound, no free slot, bad arguments, out of memory):
 * matching then works as without it. Results never differ. */
int sr_dict_bind_tokens(const sitrep_dict *d, const sr_token *toks, size_t n, sr_arena *a);
/* Candidate storage for one token sequence, owned by the caller, so that
 * candidates computed under one binding are kept for the next binding of
 * the same tokens (e.g. a story-level pass, then the sentence's coding). */
typedef struct sr_dict_tokcache {
    const sitrep_dict *d;
    const sr_token *toks; /* NULL: unset */
    size_t n;
    uint8_t *nc;          /* per token: count, UINT8_MAX until computed */
    void *cands;          /* per token: the candidates (dict.c's layout) */
} sr_dict_tokcache;
/* Sets *tc up for toks[0..n) with storage from `a` (which must outlive
 * every use). Returns 0, or -1 (bad arguments, out of memory; *tc is
 * then unset and binding it does nothing). */
int sr_dict_tokcache_init(sr_dict_tokcache *tc, const sitrep_dict *d, const sr_token *toks,
                          size_t n, sr_arena *a);
/* Binds an initialized cache like sr_dict_bind_tokens; same handle rules. */
int sr_dict_bind_cache(const sr_dict_tokcache *tc);
/* Ends a binding from sr_dict_bind_tokens or sr_dict_bind_cache; -1 is
 * ignored. */
void sr_dict_unbind_tokens(int handle);

/* The distinct (word id, tokens spanned) pairs token i of toks[0..n) can
 * stand for, in matching order: its folded form, its folded lemma, and
 * its form glued to up to 3 following adjacent tokens (only words the
 * dictionary knows; whole words only, never stem prefixes). Writes at most `cap` (8 is always enough) into
 * words/ntok and returns the count; 0 for NULL or i >= n. Uses the bound
 * cache when (d, toks, n) is bound. */
size_t sr_dict_token_cands(const sitrep_dict *d, const sr_token *toks, size_t n, size_t i,
                           uint32_t *words, uint8_t *ntok, size_t cap);

/* The number of interned words: every word id is below it (0 for NULL).
 * Lets callers keep a bitmap over word ids. */
size_t sr_dict_nwords(const sitrep_dict *d);

/* Loads dictionary text from memory (for tests and fuzzing): `name` is
 * used in error locations and, with kind 0, to guess the kind (then the
 * content is sniffed); `kind` is an sr_dict_kind or 0. Same results as
 * sitrep_dict_load. `text` need not be NUL-terminated. */
sitrep_status sr_dict_load_mem(sitrep_dict *d, const char *name, const char *text,
                               size_t len, int kind, sitrep_error *err);

/* ------------------------------------------------------------------ */
/* Data directories                                                    */
/* ------------------------------------------------------------------ */

/* sr_data_path() lives in util/datapath.h (models use it too). */
#include "util/datapath.h"

#endif
