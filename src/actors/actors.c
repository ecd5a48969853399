/* actors.c - dictionary mentions, noun-phrase composition and
 * coreference; see actors.h. */
#include "actors/actors.h"
#include <stdio.h>
#include <string.h>
#include "parse/ud.h"
#include "actors/repair.h"

#define S_CODE_MAX 64

void sr_coref_reset(sr_coref *c, int enabled) {
    memset(c, 0, sizeof *c);
    c->enabled = enabled;
}

void sr_coref_note2(sr_coref *c, const sr_actor_ref *r, int plural, int subj) {
    if (!c || !c->enabled || !r || !r->code || strlen(r->code) >= sizeof c->recent[0].code) return;
    if (c->nrecent > 0 && !strcmp(c->recent[0].code, r->code)) {
        if (subj) c->recent[0].subj = 1;
        if (r->coref) return; /* keep the named mention's span */
        c->recent[0].sent = c->sent;
        c->recent[0].first = r->first;
        c->recent[0].end = r->end;
        if (!plural) c->recent[0].plural = 0;
        return;
    }
    memmove(&c->recent[1], &c->recent[0], 7 * sizeof c->recent[0]);
    snprintf(c->recent[0].code, sizeof c->recent[0].code, "%s", r->code);
    snprintf(c->recent[0].entry, sizeof c->recent[0].entry, "%s", r->entry ? r->entry : "");
    c->recent[0].plural = plural != 0;
    c->recent[0].subj = subj != 0;
    c->recent[0].role = r->base && !r->base[0];
    c->recent[0].sent = c->sent;
    c->recent[0].first = r->first;
    c->recent[0].end = r->end;
    if (c->nrecent < 8) c->nrecent++;
}

void sr_coref_note(sr_coref *c, const sr_actor_ref *r) {
    sr_coref_note2(c, r, 0, 0);
}

int sr_actors_is_proposal_noun(const sr_token *t) {
    static const char *const P[] = {"proposal", "plan", "idea", "initiative", "offer", "deal",
                                    "proposals", "plans", "initiatives", NULL};
    if (!t || (t->upos != SR_UPOS_NOUN && t->upos != SR_UPOS_NONE)) return 0;
    for (int i = 0; P[i]; i++)
        if (sr_tok_is(t, P[i])) return 1;
    return 0;
}

/* The token of the "by" phrase naming who made proposal noun p: "a
 * proposal by X", "the proposal agreed upon by X" (a participle), or -1. */
/* 1 when token k has a case marker `w1` (or `w2`): "upon by X" has two. */
static int S_has_case(const sr_sent_actors *sa, int32_t k, const char *w1, const char *w2) {
    const sr_dtree *t = &sa->tree;
    for (int32_t j = 0; j < sr_dtree_nkids(t, k); j++) {
        int32_t cs = sr_dtree_kid(t, k, j);
        if (t->rel[cs] == SR_DEP_CASE &&
            (sr_tok_is(&sa->tok[cs], w1) || (w2 && sr_tok_is(&sa->tok[cs], w2))))
            return 1;
    }
    return 0;
}

static int32_t S_proposal_by(const sr_sent_actors *sa, int32_t p) {
    const sr_dtree *t = &sa->tree;
    for (int32_t k = 0; k < sr_dtree_nkids(t, p); k++) {
        int32_t c = sr_dtree_kid(t, p, k);
        if (t->rel[c] == SR_DEP_NMOD) {
            if (S_has_case(sa, c, "by", "from")) return c;
        } else if (t->rel[c] == SR_DEP_ACL) {
            int32_t ag = sr_dtree_find_kid(t, c, SR_DEP_OBL_AGENT);
            if (ag >= 0) return ag;
            for (int32_t j = 0; j < sr_dtree_nkids(t, c); j++) {
                int32_t g = sr_dtree_kid(t, c, j);
                if (t->rel[g] == SR_DEP_OBL && S_has_case(sa, g, "by", NULL)) return g;
            }
            /* the agent put further down, under another phrase of the
             * clause ("agreed upon by A and B in talks" with "A" under
             * "upon"; round 10 parsers): the first obl:agent or "by"
             * phrase inside the clause, two levels down at most */
            for (int32_t j = c + 1; j < t->n; j++) {
                if (t->rel[j] != SR_DEP_OBL_AGENT &&
                    !((t->rel[j] == SR_DEP_NMOD || t->rel[j] == SR_DEP_OBL) && S_has_case(sa, j, "by", NULL)))
                    continue;
                int32_t h = t->head[j];
                if (h == c || (h >= 0 && t->head[h] == c) || (h >= 0 && t->head[h] >= 0 && t->head[t->head[h]] == c))
                    return j;
            }
        }
    }
    return -1;
}

/* Remembers the authors of proposal noun p, when the phrase names them. */
static void S_note_proposal(sr_sent_actors *sa, int32_t p) {
    sr_coref *c = sa->coref;
    sr_actor_ref tmp[4];
    int n = 0;
    int32_t by = S_proposal_by(sa, p);
    const sr_dtree *t = &sa->tree;
    /* "The proposal, agreed upon by A and B, ...": the passive verb's
     * "by" phrase. */
    if (by < 0 && t->rel[p] == SR_DEP_NSUBJ_PASS && t->head[p] >= 0) {
        int32_t v = t->head[p];
        by = sr_dtree_find_kid(t, v, SR_DEP_OBL_AGENT);
        for (int32_t k = 0; by < 0 && k < sr_dtree_nkids(t, v); k++) {
            int32_t g = sr_dtree_kid(t, v, k);
            if (t->rel[g] != SR_DEP_OBL) continue;
            if (S_has_case(sa, g, "by", NULL)) by = g;
        }
    }
    if (by >= 0) n = sr_actors_expand(sa, by, 0, tmp, 4);
    if (n == 0) {
        const sr_actor_ref *r = sr_actors_np(sa, p);
        if (r && !r->bridged) n = sr_actors_expand(sa, p, 0, tmp, 4);
    }
    if (n == 0) return;
    c->nprop = 0;
    for (int i = 0; i < n; i++) {
        if (strlen(tmp[i].code) >= sizeof c->prop[0].code) continue;
        snprintf(c->prop[c->nprop].code, sizeof c->prop[0].code, "%s", tmp[i].code);
        snprintf(c->prop[c->nprop].entry, sizeof c->prop[0].entry, "%s", tmp[i].entry ? tmp[i].entry : "");
        c->nprop++;
    }
}

/* Folds a token's form to upper-case ASCII-ish for the last-name memory
 * (the dictionary fold would do too, but names are short and ASCII in
 * practice; non-ASCII bytes are kept). */
static void S_upper(const char *p, size_t n, char *out, size_t cap) {
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < cap; i++) {
        char ch = p[i];
        if (ch >= 'a' && ch <= 'z') ch = (char)(ch - 32);
        out[k++] = ch;
    }
    out[k] = 0;
}

static const char *S_loc(sr_arena *a, const char *file, uint32_t line) {
    if (!file) return "";
    const char *base = strrchr(file, '/');
    base = base ? base + 1 : file;
    char buf[320];
    snprintf(buf, sizeof buf, "%s:%u", base, line);
    return sr_arena_strdup(a, buf);
}

static void S_register_name(sr_sent_actors *sa, const sr_mention *m) {
    sr_coref *c = sa->coref;
    if (!c || !c->enabled || !m->code || m->end - m->first < 2) return;
    const sr_token *last = &sa->tok[m->end - 1];
    if (last->form_len < 3 || last->form_len >= sizeof c->names[0].name) return;
    if (!(last->form[0] >= 'A' && last->form[0] <= 'Z')) return;
    if (strlen(m->code) >= sizeof c->names[0].code) return;
    int slot = c->next;
    S_upper(last->form, last->form_len, c->names[slot].name, sizeof c->names[slot].name);
    snprintf(c->names[slot].code, sizeof c->names[slot].code, "%s", m->code);
    snprintf(c->names[slot].entry, sizeof c->names[slot].entry, "%s", S_loc(sa->arena, m->file, m->line));
    c->next = (c->next + 1) % SR_COREF_MAX;
    if (c->nnames < SR_COREF_MAX) c->nnames++;
}

static int S_scan(sr_sent_actors *sa, const sitrep_dict *d, const sr_token *toks, int32_t n,
                  int32_t date, sr_coref *coref, sr_arena *arena, const sr_token *mt,
                  int32_t *mo, int32_t mn);

int sr_actors_sentence(sr_sent_actors *sa, const sitrep_dict *d,
                       const sr_token *toks, int32_t n, int32_t date,
                       sr_coref *coref, sr_arena *arena) {
    memset(sa, 0, sizeof *sa);
    sa->dict = d;
    sa->tok = toks;
    sa->n = n;
    sa->date = date;
    sa->coref = coref;
    sa->arena = arena;
    if (coref) coref->sent++;
    if (sr_dtree_build(&sa->tree, toks, n, arena) != 0) return -1;
    if (sr_dtree_repair(&sa->tree, arena) < 0) return -1;
    size_t m1 = (size_t)n + 1;
    sa->m = sr_arena_alloc(arena, m1 * sizeof *sa->m);
    sa->mention_of = sr_arena_alloc(arena, m1 * sizeof(int32_t));
    sa->np = sr_arena_calloc(arena, m1, sizeof *sa->np);
    sa->np_state = sr_arena_calloc(arena, m1, 1);
    if (!sa->m || !sa->mention_of || !sa->np || !sa->np_state) return -1;
    for (int32_t i = 0; i < n; i++) sa->mention_of[i] = -1;
    if (!d) return 0;
    /* Words joined by underscores ("Dol_Amroth", the PETRARCH way of
     * writing a multi-word name as one token) are matched as separate
     * words: mt[] is the token sequence the dictionaries see, mo[] maps
     * each of its words back to the sentence token it came from. */
    const sr_token *mt = toks;
    int32_t *mo = NULL, mn = n;
    {
        int32_t extra = 0;
        for (int32_t i = 0; i < n; i++)
            for (uint32_t b = 1; b + 1 < toks[i].form_len; b++)
                if (toks[i].form[b] == '_' && toks[i].form[b - 1] != '_') extra++;
        if (extra > 0 && extra < 4 * n) {
            sr_token *xt = sr_arena_alloc(arena, (size_t)(n + extra) * sizeof *xt);
            mo = sr_arena_alloc(arena, (size_t)(n + extra) * sizeof *mo);
            if (!xt || !mo) return -1;
            mn = 0;
            for (int32_t i = 0; i < n; i++) {
                const sr_token *tk = &toks[i];
                uint32_t a = 0;
                if (tk->form_len < 3) { /* too short to hold a joint */
                    xt[mn] = *tk;
                    mo[mn++] = i;
                    continue;
                }
                for (uint32_t b = 1; b <= tk->form_len; b++) {
                    if (b < tk->form_len && !(tk->form[b] == '_' && b + 1 < tk->form_len &&
                                              tk->form[b - 1] != '_'))
                        continue;
                    sr_token *w = &xt[mn];
                    *w = *tk;
                    w->form = tk->form + a;
                    w->form_len = b - a;
                    if (a > 0 || b < tk->form_len) w->lemma = NULL;
                    mo[mn++] = i;
                    a = b + 1;
                }
            }
            mt = xt;
        }
    }
    int bound = sr_dict_bind_tokens(d, mt, (size_t)mn, arena);
    int rc = S_scan(sa, d, toks, n, date, coref, arena, mt, mo, mn);
    sr_dict_unbind_tokens(bound);
    return rc;
}

/* A capitalised plural agent word the parser made the root verb
 * ("Fighters loyal to X arrested Y" parsed as "Fighters/VERB <conj
 * arrested"): a verb root with no subject, written with a capital and the
 * plural -s no verb form of a person noun has, is the noun. */
static int S_noun_as_root(const sr_sent_actors *sa, int32_t k, const sr_token *tk) {
    if (k < 0 || k >= sa->tree.n || sa->tree.rel[k] != SR_DEP_ROOT || tk->upos != SR_UPOS_VERB)
        return 0;
    if (tk->form_len < 4 || tk->form[0] < 'A' || tk->form[0] > 'Z') return 0;
    if (memcmp(tk->form + tk->form_len - 3, "ers", 3) != 0 &&
        memcmp(tk->form + tk->form_len - 3, "ors", 3) != 0)
        return 0;
    return sr_dtree_find_kid(&sa->tree, k, SR_DEP_NSUBJ) < 0;
}

/* An agent adjective on the subject ("the official news agency said",
 * "official media reported"): the adjective gives its role to a subject
 * noun that names none itself (PETRARCH matches agent words whatever
 * their part of speech; elsewhere an adjective stays one: "general
 * support" is no MIL). */
static int S_role_adj_subject(const sr_sent_actors *sa, int32_t k, const sr_token *tk) {
    if (k < 0 || k >= sa->tree.n || tk->upos != SR_UPOS_ADJ || sa->tree.rel[k] != SR_DEP_AMOD)
        return 0;
    int32_t h = sa->tree.head[k];
    if (h <= k || sa->tok[h].upos != SR_UPOS_NOUN) return 0;
    unsigned r = sa->tree.rel[h];
    /* "the official news agency WFNA said" with "agency" a descriptor
     * (nmod:desc/compound) of the name after it: the name is the subject
     * and the descriptor noun belongs to its phrase (11o) */
    if (r == SR_DEP_NMOD_DESC || r == SR_DEP_COMPOUND) {
        int32_t g = sa->tree.head[h];
        if (g <= h || (sa->tok[g].upos != SR_UPOS_NOUN && sa->tok[g].upos != SR_UPOS_PROPN)) return 0;
        for (int32_t j = h + 1; j < g; j++)
            if (sa->tok[j].upos == SR_UPOS_PUNCT) return 0;
        r = sa->tree.rel[g];
    }
    /* ", the official news agency WFNA said" as "agency <acl:relcl said" */
    if (sr_dtree_desc_relcl(&sa->tree, h) >= 0) return 1;
    return r == SR_DEP_NSUBJ || r == SR_DEP_NSUBJ_PASS;
}

/* A short capitalised word inside a person's name ("Gen. Ngo Xuan Lich"
 * parsed as the flat name "Ngo Xuan Lich"): a role word of three letters
 * or fewer (NGO, MP, CEO are acronyms, written in capitals; man, spy, nun
 * are common nouns) written with only its first letter capitalised, as
 * the head or a part of a flat name, is part of the name, not the role. */
static int S_name_part(const sr_sent_actors *sa, int32_t k, const sr_token *tk) {
    if (k < 0 || k >= sa->tree.n || tk->form_len < 2 || tk->form_len > 3) return 0;
    if (tk->form[0] < 'A' || tk->form[0] > 'Z') return 0;
    for (uint32_t b = 1; b < tk->form_len; b++)
        if (tk->form[b] < 'a' || tk->form[b] > 'z') return 0;
    return sa->tree.rel[k] == SR_DEP_FLAT || sr_dtree_find_kid(&sa->tree, k, SR_DEP_FLAT) >= 0;
}

/* A one-word role modifier followed by an adjective of the same head
 * ("his first official foreign visit" with "official" parsed as a noun
 * compound): English orders adjectives before noun modifiers ("foreign
 * government official", never "government foreign official"), so a
 * modifier with an adjective between it and its head is itself an
 * adjective, not a person or body (11k). */
static int S_adj_before_adj(const sr_sent_actors *sa, int32_t k) {
    const sr_dtree *t = &sa->tree;
    if (k < 0 || k >= t->n) return 0;
    unsigned r = t->rel[k];
    int32_t h = t->head[k];
    if (h <= k + 1 || (r != SR_DEP_COMPOUND && r != SR_DEP_NMOD && r != SR_DEP_AMOD)) return 0;
    if (r == SR_DEP_NMOD && sr_dtree_find_kid(t, k, SR_DEP_CASE) >= 0) return 0;
    for (int32_t j = 0; j < sr_dtree_nkids(t, k); j++)
        if (sr_dtree_kid(t, k, j) > k) return 0; /* a head of its own phrase */
    /* a verb between them makes it no phrase at all: "Russian police
     * arrested Russian students" parsed as one, "police" a compound of
     * "students" (the coder reads the buried verb; round 8 models) */
    for (int32_t j = k + 1; j < h; j++)
        if (t->head[j] == h && sa->tok[j].upos == SR_UPOS_VERB) return 0;
    for (int32_t j = k + 1; j < h; j++)
        if (t->head[j] == h && t->rel[j] == SR_DEP_AMOD && sa->tok[j].upos == SR_UPOS_ADJ) return 1;
    return 0;
}

/* The scan of sr_actors_sentence over the dictionary's token sequence mt
 * (mo maps its words back to sentence tokens, NULL when mt is toks). */
static int S_scan(sr_sent_actors *sa, const sitrep_dict *d, const sr_token *toks, int32_t n,
                  int32_t date, sr_coref *coref, sr_arena *arena, const sr_token *mt,
                  int32_t *mo, int32_t mn) {
    for (int32_t i = 0; i < mn;) {
        sr_actor_hit ah;
        sr_agent_hit gh;
        size_t na = sr_dict_match_actor(d, mt, (size_t)mn, (size_t)i, date, &ah);
        size_t ng = sr_dict_match_agent(d, mt, (size_t)mn, (size_t)i, &gh);
        /* An agent names a person or body: its last word is a noun
         * ("general support" is no MIL). Unparsed tokens are trusted, and
         * so are phrases of three words or more, too specific to be
         * anything else ("Ministry of Silly Walks" with "Walks" tagged
         * VERB). */
        if (ng > 0) {
            const sr_token *lt = &mt[i + (int32_t)ng - 1];
            unsigned up = lt->upos;
            if (ng < 3 && up != SR_UPOS_NONE && up != SR_UPOS_NOUN && up != SR_UPOS_PROPN &&
                !S_noun_as_root(sa, mo ? mo[i + (int32_t)ng - 1] : i + (int32_t)ng - 1, lt) &&
                !S_role_adj_subject(sa, mo ? mo[i + (int32_t)ng - 1] : i + (int32_t)ng - 1, lt))
                ng = 0;
            if (ng == 1 && S_name_part(sa, mo ? mo[i] : i, &mt[i])) ng = 0;
            if (ng == 1 && S_adj_before_adj(sa, mo ? mo[i] : i)) ng = 0;
        }
        /* a match must start and end on whole sentence tokens (with no
         * match, e == i and mo[e - 1] would read before the array) */
        if (mo && (na || ng)) {
            int32_t e = i + (int32_t)(na >= ng ? na : ng);
            if ((i > 0 && mo[i - 1] == mo[i]) || (e < mn && mo[e] == mo[e - 1])) na = ng = 0;
        }
        if (na == 0 && ng == 0) { i++; continue; }
        sr_mention *m = &sa->m[sa->nm];
        memset(m, 0, sizeof *m);
        m->first = mo ? mo[i] : i;
        if (na >= ng) {
            m->kind = SR_MENTION_ACTOR;
            m->end = mo ? mo[i + (int32_t)na - 1] + 1 : i + (int32_t)na;
            m->actor = ah.entry;
            m->code = (ah.code && ah.code[0] && strcmp(ah.code, "---") != 0) ? ah.code : NULL;
            m->file = ah.file ? ah.file : (ah.entry ? ah.entry->file : NULL);
            m->line = ah.file ? ah.line : (ah.entry ? ah.entry->line : 0);
        } else {
            m->kind = SR_MENTION_AGENT;
            m->end = mo ? mo[i + (int32_t)ng - 1] + 1 : i + (int32_t)ng;
            m->agent = gh.entry;
            m->code = gh.entry && gh.entry->code && gh.entry->code[0] ? gh.entry->code : NULL;
            m->file = gh.entry ? gh.entry->file : NULL;
            m->line = gh.entry ? gh.entry->line : 0;
        }
        if (m->end > n) m->end = n;
        for (int32_t k = m->first; k < m->end; k++) sa->mention_of[k] = sa->nm;
        if (m->kind == SR_MENTION_ACTOR) S_register_name(sa, m);
        sa->nm++;
        i += (int32_t)(na >= ng ? na : ng);
    }
    /* Resolve noun-phrase heads in token order so that a pronoun sees
     * exactly the actors mentioned before it, and remember them. */
    if (coref && coref->enabled) {
        for (int32_t i = 0; i < n; i++) {
            unsigned rel = sa->tree.rel[i];
            unsigned up = toks[i].upos;
            if (up != SR_UPOS_NOUN && up != SR_UPOS_PROPN && up != SR_UPOS_PRON) continue;
            if (rel == SR_DEP_COMPOUND || rel == SR_DEP_FLAT || rel == SR_DEP_AMOD) continue;
            const sr_actor_ref *r = sr_actors_np(sa, i);
            if (r) sr_coref_note2(coref, r, (toks[i].feats & SR_FEAT_NUM_PLUR) != 0,
                                  sr_dep_is_subject(rel));
        }
        for (int32_t i = 0; i < n; i++)
            if (sr_actors_is_proposal_noun(&toks[i])) S_note_proposal(sa, i);
    }
    return 0;
}

/* Relations that keep a dependent inside its head's noun phrase core. */
static int S_core_rel(unsigned rel) {
    switch (rel) {
    case SR_DEP_COMPOUND: case SR_DEP_AMOD: case SR_DEP_NMOD_POSS: case SR_DEP_FLAT:
    case SR_DEP_DET: case SR_DEP_NUMMOD: case SR_DEP_NMOD_UNMARKED: case SR_DEP_NMOD_DESC:
    case SR_DEP_FIXED: case SR_DEP_GOESWITH: case SR_DEP_CASE: case SR_DEP_PUNCT:
        return 1;
    default:
        return 0;
    }
}

/* A preposition the parser made the head of its phrase ("sent a message
 * to US President X" as "message <nmod to", "to <conj X"; 11m): an ADP
 * takes no dependents of its own but "fixed" words, so its first nominal
 * dependent after it is the object of the preposition and belongs to the
 * phrase the ADP stands for. 1 when c is that dependent of p. */
static int S_adp_object(const sr_sent_actors *sa, int32_t p, int32_t c) {
    const sr_dtree *t = &sa->tree;
    if (p < 0 || c <= p || t->head[c] != p || sa->tok[p].upos != SR_UPOS_ADP) return 0;
    switch (t->rel[c]) {
    case SR_DEP_CONJ: case SR_DEP_FLAT: case SR_DEP_OBJ: case SR_DEP_IOBJ: case SR_DEP_NMOD:
    case SR_DEP_OBL: case SR_DEP_APPOS: case SR_DEP_DEP: case SR_DEP_LIST: case SR_DEP_PUNCT:
        break;
    default:
        return 0;
    }
    unsigned up = sa->tok[c].upos;
    if (up != SR_UPOS_NOUN && up != SR_UPOS_PROPN && up != SR_UPOS_PRON && up != SR_UPOS_NUM)
        return 0;
    for (int32_t k = 0; k < sr_dtree_nkids(t, p); k++) {
        int32_t o = sr_dtree_kid(t, p, k);
        unsigned ou = sa->tok[o].upos;
        if (o > p && o < c &&
            (ou == SR_UPOS_NOUN || ou == SR_UPOS_PROPN || ou == SR_UPOS_PRON || ou == SR_UPOS_NUM))
            return 0; /* not the first nominal */
    }
    return 1;
}

/* "Bree Prime Minister Romendacil" mis-parsed as a list/appos/dep chain,
 * or with the name an nmod without a preposition (round 10 parsers): a
 * dependent joined to its head by an unbroken run of capitalised words
 * belongs to the same name. */
static int S_name_run(const sr_sent_actors *sa, int32_t x, int32_t c) {
    unsigned rel = sa->tree.rel[c];
    if (rel == SR_DEP_NMOD && sr_dtree_find_kid(&sa->tree, c, SR_DEP_CASE) >= 0) return 0;
    if (rel != SR_DEP_LIST && rel != SR_DEP_APPOS && rel != SR_DEP_DEP && rel != SR_DEP_NMOD_DESC &&
        rel != SR_DEP_NMOD)
        return 0;
    int32_t a = x < c ? x : c, b = x < c ? c : x;
    if (b - a > 6) return 0;
    for (int32_t i = a; i <= b; i++) {
        const sr_token *t = &sa->tok[i];
        if (t->upos == SR_UPOS_PUNCT || t->upos == SR_UPOS_CCONJ || t->upos == SR_UPOS_ADP ||
            t->upos == SR_UPOS_DET || t->upos == SR_UPOS_VERB || t->upos == SR_UPOS_AUX)
            return 0;
        if (!t->form_len || !(t->form[0] >= 'A' && t->form[0] <= 'Z')) return 0;
    }
    return 1;
}

/* Generic nouns for an organised group ("the group", "the movement"). */
static int S_is_group_noun(const sr_token *t) {
    static const char *const G[] = {"group", "movement", "organization", "organisation",
                                    "faction", "militia", "alliance", NULL};
    for (int i = 0; G[i]; i++)
        if (sr_tok_is(t, G[i])) return 1;
    return 0;
}

/* A code naming an organisation rather than a state or a person: a
 * non-state armed group, an NGO or an IGO ("PSEREB", "IGOWSTNAT"). */
static int S_is_org_code(const char *code) {
    static const char *const K[] = {"REB", "INS", "UAF", "SEP", "RAD", "NGO", "IGO", "NGM", NULL};
    if (strlen(code) <= 3) return 0;
    for (int i = 0; K[i]; i++)
        if (strstr(code, K[i])) return 1;
    return 0;
}

static int S_is_pronoun(const sr_token *t) {
    static const char *const P[] = {"he", "she", "they", "it", "we", "him", "her", "them", NULL};
    for (int i = 0; P[i]; i++)
        if (sr_tok_is(t, P[i])) return 1;
    return 0;
}

/* The preposition (case dependent) of token k, or NULL. */
static const sr_token *S_case_of(const sr_sent_actors *sa, int32_t k) {
    int32_t c = sr_dtree_find_kid(&sa->tree, k, SR_DEP_CASE);
    return c >= 0 ? &sa->tok[c] : NULL;
}

static int S_agent_prep(const sr_token *p) {
    return p && (sr_tok_is(p, "of") || sr_tok_is(p, "from") || sr_tok_is(p, "in") ||
                 sr_tok_is(p, "for"));
}

static void S_append(char *buf, size_t cap, const char *s) {
    size_t l = strlen(buf);
    for (; *s && l + 1 < cap; s++) {
        char ch = *s;
        if (ch >= 'a' && ch <= 'z') ch = (char)(ch - 32);
        buf[l++] = ch;
    }
    buf[l] = 0;
}

static const char *S_compose(sr_arena *a, const char *prefix, const char *base,
                             const char *suffix) {
    char buf[S_CODE_MAX * 3];
    buf[0] = 0;
    S_append(buf, sizeof buf, prefix ? prefix : "");
    S_append(buf, sizeof buf, base ? base : "");
    S_append(buf, sizeof buf, suffix ? suffix : "");
    return buf[0] ? sr_arena_strdup(a, buf) : NULL;
}

static int S_contains_ci(const char *hay, const char *needle) {
    if (!hay || !needle || !*needle) return 0;
    size_t n = strlen(needle);
    for (const char *p = hay; *p; p++) {
        size_t i = 0;
        for (; i < n && p[i]; i++) {
            char x = p[i], y = needle[i];
            if (x >= 'a' && x <= 'z') x = (char)(x - 32);
            if (y >= 'a' && y <= 'z') y = (char)(y - 32);
            if (x != y) break;
        }
        if (i == n) return 1;
    }
    return 0;
}

static const sr_actor_ref *S_resolve(sr_sent_actors *sa, int32_t h, int depth);

const sr_actor_ref *sr_actors_np(sr_sent_actors *sa, int32_t h) {
    return S_resolve(sa, h, 0);
}

static const sr_actor_ref *S_resolve(sr_sent_actors *sa, int32_t h, int depth) {
    if (h < 0 || h >= sa->n) return NULL;
    if (sa->np_state[h]) return sa->np[h].code ? &sa->np[h] : NULL;
    sa->np_state[h] = 1; /* guards against re-entry */
    sr_actor_ref *r = &sa->np[h];
    memset(r, 0, sizeof *r);
    r->head = h;
    r->via = -1;
    r->first = r->end = h;
    const sr_dtree *t = &sa->tree;
    /* Collect the core tokens (iterative DFS, bounded by n). */
    int32_t stack[64], sp = 0, lo = h, hi = h;
    /* A preposition the parser made the phrase head (11m) is not part of
     * the actor's words: the span starts from its object, with the
     * object's own name ("to US President Donald Trump" -> "US President
     * Donald Trump", not "to US President"; 11p). The code is chosen as
     * before (by distance from h). */
    if (sa->tok[h].upos == SR_UPOS_ADP) {
        for (int32_t k = 0; k < sr_dtree_nkids(t, h); k++) {
            int32_t c = sr_dtree_kid(t, h, k);
            if (!S_adp_object(sa, h, c)) continue;
            lo = hi = c;
            int32_t cm = sa->mention_of[c];
            if (cm >= 0 && sa->m[cm].code) {
                if (sa->m[cm].first < lo) lo = sa->m[cm].first;
                if (sa->m[cm].end - 1 > hi) hi = sa->m[cm].end - 1;
            }
            break;
        }
    }
    int32_t actor_m = -1, actor_tok = -1, best_dist = 1 << 30;
    int32_t cut = -1; /* > 0: the span ends before this token */
    int32_t agents[8], nag = 0;
    /* A verb the parser buried in the phrase as a modifier of h ("Russian
     * police [arrested] Russian students" as one phrase, round 8 models):
     * the words before it are the verb's subject, not part of h's actor
     * (the coder reads the buried verb, S_buried_verb). */
    int32_t vfloor = -1;
    if (sa->tok[h].upos == SR_UPOS_NOUN || sa->tok[h].upos == SR_UPOS_PROPN)
        for (int32_t k = 0; k < sr_dtree_nkids(t, h); k++) {
            int32_t c = sr_dtree_kid(t, h, k);
            if (c < h && t->rel[c] == SR_DEP_AMOD && sa->tok[c].upos == SR_UPOS_VERB && c > vfloor) {
                /* only with an actor or agent word before it */
                for (int32_t j = 0; j < c; j++)
                    if (sa->mention_of[j] >= 0 && sr_dtree_dominates(t, h, j)) { vfloor = c; break; }
            }
        }
    stack[sp++] = h;
    int visited = 0;
    while (sp > 0 && visited < 256) {
        int32_t x = stack[--sp];
        visited++;
        int32_t mi = sa->mention_of[x];
        if (mi >= 0) {
            const sr_mention *m = &sa->m[mi];
            if (m->kind == SR_MENTION_ACTOR && m->code) {
                int32_t dist = (m->first <= h && h < m->end) ? -1 : (x < h ? h - x : 2 * (x - h));
                if (dist < best_dist) { best_dist = dist; actor_m = mi; actor_tok = x; }
            } else if (m->kind == SR_MENTION_AGENT && m->code) {
                int dup = 0;
                for (int k = 0; k < nag; k++) if (agents[k] == mi) dup = 1;
                if (!dup && nag < 8) agents[nag++] = mi;
            }
        }
        for (int32_t k = 0; k < sr_dtree_nkids(t, x) && sp < 64; k++) {
            int32_t c = sr_dtree_kid(t, x, k);
            if (!S_core_rel(t->rel[c]) && !S_name_run(sa, x, c) && !S_adp_object(sa, x, c))
                continue;
            if (x == h && c < vfloor) continue;
            stack[sp++] = c;
        }
    }
    const char *base = NULL, *entry = NULL;
    if (actor_m >= 0) {
        const sr_mention *m = &sa->m[actor_m];
        base = m->code;
        entry = S_loc(sa->arena, m->file, m->line);
        /* "Russian and American officials": conjuncts of the modifier
         * recompose with the head's agents (see sr_actors_expand). */
        if (!(m->first <= h && h < m->end)) r->via = actor_tok;
        if (m->first < lo) lo = m->first;
        if (m->end - 1 > hi) hi = m->end - 1;
        /* A modifier coordinated before its head ("Russian and American
         * officials"): the head noun is not contiguous with it, so its
         * span is its own words only ("Russian"); the last conjunct,
         * which is, takes the head noun in sr_actors_expand ("American
         * officials"). No span holds another actor's words (11p). */
        if (r->via >= 0 && actor_tok < h && m->end <= h) {
            for (int32_t k = 0; k < sr_dtree_nkids(t, actor_tok); k++) {
                int32_t c = sr_dtree_kid(t, actor_tok, k);
                if (t->rel[c] == SR_DEP_CONJ && c > actor_tok && c < h) {
                    cut = t->lo[c] < m->end ? m->end : t->lo[c];
                    lo = m->first;
                    hi = m->end - 1;
                    break;
                }
            }
        }
    }
    /* An agent head takes its country from an of/from/in complement. */
    if (!base && nag > 0 && depth < 4) {
        for (int32_t k = 0; k < sr_dtree_nkids(t, h); k++) {
            int32_t c = sr_dtree_kid(t, h, k);
            if (t->rel[c] != SR_DEP_NMOD || !S_agent_prep(S_case_of(sa, c))) continue;
            const sr_actor_ref *sub = S_resolve(sa, c, depth + 1);
            if (sub && sub->code) {
                base = sub->base ? sub->base : sub->code;
                entry = sub->entry;
                r->via = c;
                if (sub->first < lo) lo = sub->first;
                if (sub->end - 1 > hi) hi = sub->end - 1;
                break;
            }
        }
    }
    /* Coreference for heads without a dictionary actor. */
    const sr_token *ht = &sa->tok[h];
    /* "the group", "the movement": a definite generic group noun with no
     * country of its own refers to the last organisation named (a
     * non-state or international actor), not to civilians in general. */
    if (!base && nag == 1 && sa->coref && sa->coref->enabled && S_is_group_noun(ht)) {
        int32_t dt = sr_dtree_find_kid(t, h, SR_DEP_DET);
        if (dt >= 0 && sr_tok_is(&sa->tok[dt], "the")) {
            const sr_coref *c = sa->coref;
            for (int k = 0; k < c->nrecent && !base; k++) {
                if (!S_is_org_code(c->recent[k].code)) continue;
                base = sr_arena_strdup(sa->arena, c->recent[k].code);
                entry = sr_arena_strdup(sa->arena, c->recent[k].entry);
                r->coref = 1;
                nag = 0; /* the group's code is the organisation's own */
            }
        }
    }
    if (!base && nag == 0 && sa->coref && sa->coref->enabled) {
        sr_coref *c = sa->coref;
        if (ht->upos == SR_UPOS_PROPN || (ht->form_len && ht->form[0] >= 'A' && ht->form[0] <= 'Z' &&
                                          ht->upos != SR_UPOS_PRON)) {
            char nm[48];
            if (ht->form_len < sizeof nm) {
                S_upper(ht->form, ht->form_len, nm, sizeof nm);
                for (int k = 0; k < c->nnames; k++)
                    if (!strcmp(c->names[k].name, nm)) {
                        base = sr_arena_strdup(sa->arena, c->names[k].code);
                        entry = sr_arena_strdup(sa->arena, c->names[k].entry);
                        r->coref = 1;
                    }
            }
        } else if (S_is_pronoun(ht) && c->nrecent > 0) {
            int person = sr_tok_is(ht, "he") || sr_tok_is(ht, "she") || sr_tok_is(ht, "him") ||
                         sr_tok_is(ht, "her");
            int neuter = sr_tok_is(ht, "it");
            /* An object pronoun is never its own clause's subject
             * ("Netanyahu called Morrison to congratulate him"): the
             * subject's code (up the xcomp/advcl/conj chain) is excluded. */
            const char *notme = NULL;
            if (sr_tok_is(ht, "him") || sr_tok_is(ht, "her") || sr_tok_is(ht, "them")) {
                int32_t v = t->head[h];
                for (int steps = 0; v >= 0 && steps < 4; steps++) {
                    int32_t ns = sr_dtree_find_kid(t, v, SR_DEP_NSUBJ);
                    if (ns >= 0 && ns != h) {
                        const sr_actor_ref *sr = S_resolve(sa, ns, depth + 1);
                        if (sr) notme = sr->code;
                        break;
                    }
                    unsigned vr = t->rel[v];
                    if (vr != SR_DEP_XCOMP && vr != SR_DEP_ADVCL && vr != SR_DEP_CONJ) break;
                    v = t->head[v];
                }
            }
            /* "Hamas said it had accepted", "Putin said he would": the
             * subject pronoun of a clause complementing a verb refers to
             * that verb's own subject when it has one. */
            if (!notme && sr_dep_is_subject(t->rel[h]) && t->head[h] >= 0) {
                int32_t v = t->head[h];
                /* "said X was using ... and that it would study": up the
                 * conjuncts to the complement clause */
                for (int steps = 0; steps < 4 && v >= 0 && t->rel[v] == SR_DEP_CONJ; steps++)
                    v = t->head[v];
                int32_t u = v >= 0 && t->rel[v] == SR_DEP_CCOMP ? t->head[v] : -1;
                int32_t ns = u >= 0 ? sr_dtree_find_kid(t, u, SR_DEP_NSUBJ) : -1;
                /* "In X, President Y said he ..." with Y hung on X as an
                 * apposition: Y is the speaker (11n) */
                if (ns < 0 && u >= 0) ns = sr_dtree_pp_appos_subject(t, u);
                if (ns >= 0 && ns != h && !S_is_pronoun(&sa->tok[ns])) {
                    const sr_actor_ref *sr = S_resolve(sa, ns, depth + 1);
                    if (sr && sr->code && sr->code[0]) {
                        base = sr_arena_strdup(sa->arena, sr->code);
                        entry = sr_arena_strdup(sa->arena, sr->entry ? sr->entry : "");
                        r->coref = 1;
                        lo = sr->first;
                        hi = sr->end - 1;
                    }
                }
            }
            for (int pass = 0; pass < 3 && !base; pass++)
                for (int k = 0; k < c->nrecent; k++) {
                    size_t l = strlen(c->recent[k].code);
                    /* he/she: a role code, singular ("forces" is never
                     * "he"), a subject first; it/they: a country or
                     * organisation first */
                    int ok = person ? l > 3 && (pass == 2 || !c->recent[k].plural) &&
                                          (pass > 0 || c->recent[k].subj)
                                    : (pass == 0 ? l == 3 && !c->recent[k].role
                                                 : pass == 1 ? !c->recent[k].role : 1);
                    /* "it" is one thing: never a plural group ("Hamas said
                     * it had accepted" after "the remaining hostages") */
                    if (neuter && c->recent[k].plural) ok = 0;
                    if (notme && !strcmp(notme, c->recent[k].code)) ok = 0;
                    if (ok && l) {
                        base = sr_arena_strdup(sa->arena, c->recent[k].code);
                        entry = sr_arena_strdup(sa->arena, c->recent[k].entry);
                        r->coref = 1;
                        /* An antecedent in the same sentence ("Russia said
                         * it would ...") is the span that names the actor. */
                        if (c->recent[k].sent == c->sent && c->recent[k].end > c->recent[k].first &&
                            c->recent[k].end <= sa->n) {
                            lo = c->recent[k].first;
                            hi = c->recent[k].end - 1;
                        }
                        break;
                    }
                }
        }
    }
    /* Bridging: a definite proposal noun with no author of its own ("the
     * idea", "the proposal") refers to the last proposal whose authors
     * were named ("the proposal agreed upon by A and B"). */
    if (!base && nag == 0 && sa->coref && sa->coref->enabled && sa->coref->nprop > 0 &&
        sr_actors_is_proposal_noun(ht) && S_proposal_by(sa, h) < 0) {
        int32_t dt = sr_dtree_find_kid(t, h, SR_DEP_DET);
        if (dt >= 0 && (sr_tok_is(&sa->tok[dt], "the") || sr_tok_is(&sa->tok[dt], "this") ||
                        sr_tok_is(&sa->tok[dt], "that"))) {
            base = sr_arena_strdup(sa->arena, sa->coref->prop[0].code);
            entry = sr_arena_strdup(sa->arena, sa->coref->prop[0].entry);
            r->coref = 1;
            r->bridged = 1;
        }
    }
    /* An agent alone ("the court", "German prosecutors" without a
     * dictionary country) is coded by its role: "JUD", "GOV" -- PETRARCH
     * writes "---JUD"; sitrep never writes the "---" placeholder. */
    if (!base && nag > 0) {
        base = "";
        entry = "";
    }
    if (!base) return NULL;
    /* Compose: prefix agents + base + suffix agents (token order), skipping
     * agent codes the base already contains. */
    char pre[S_CODE_MAX] = "", suf[S_CODE_MAX] = "";
    /* sort agents by position */
    for (int i = 1; i < nag; i++)
        for (int j = i; j > 0 && sa->m[agents[j]].first < sa->m[agents[j - 1]].first; j--) {
            int32_t tmp = agents[j]; agents[j] = agents[j - 1]; agents[j - 1] = tmp;
        }
    char aentry[256] = "";
    for (int i = 0; i < nag; i++) {
        const sr_mention *m = &sa->m[agents[i]];
        const char *code = m->code;
        if (S_contains_ci(base, code) || S_contains_ci(pre, code) || S_contains_ci(suf, code)) continue;
        if (m->agent && m->agent->compose == SR_AGENT_PREFIX) S_append(pre, sizeof pre, code);
        else S_append(suf, sizeof suf, code);
        if (cut < 0 || m->end <= cut) {
            if (m->first < lo) lo = m->first;
            if (m->end - 1 > hi) hi = m->end - 1;
        }
        if (!aentry[0] && m->file) {
            const char *b = strrchr(m->file, '/');
            snprintf(aentry, sizeof aentry, " %s:%u", b ? b + 1 : m->file, m->line);
        }
    }
    r->prefix = sr_arena_strdup(sa->arena, pre);
    r->suffix = sr_arena_strdup(sa->arena, suf);
    r->base = base;
    r->code = S_compose(sa->arena, pre, base, suf);
    if (aentry[0] && entry) {
        char eb[512];
        snprintf(eb, sizeof eb, "%s%s", entry, entry[0] ? aentry : aentry + 1);
        entry = sr_arena_strdup(sa->arena, eb);
    }
    r->entry = entry ? entry : "";
    r->first = lo;
    r->end = hi + 1;
    return r->code ? r : NULL;
}

static int S_add1(sr_actor_ref *out, int cnt, int max, const sr_actor_ref *r) {
    if (!r || !r->code || !r->code[0] || cnt >= max) return cnt;
    for (int i = 0; i < cnt; i++)
        if (!strcmp(out[i].code, r->code)) return cnt;
    out[cnt] = *r;
    return cnt + 1;
}

/* Adds r, splitting an actor code that lists several actors
 * ("FRO/BIL/SAM": the Shire is three hobbits) into one actor each. */
static int S_add_split(sr_sent_actors *sa, sr_actor_ref *out, int cnt, int max,
                       const sr_actor_ref *r) {
    if (!r || !r->code) return cnt;
    const char *base = r->base ? r->base : r->code;
    if (!strchr(base, '/')) return S_add1(out, cnt, max, r);
    const char *p = base;
    while (*p) {
        const char *q = strchr(p, '/');
        size_t l = q ? (size_t)(q - p) : strlen(p);
        if (l > 0 && l < S_CODE_MAX) {
            char part[S_CODE_MAX];
            memcpy(part, p, l);
            part[l] = 0;
            sr_actor_ref x = *r;
            x.base = sr_arena_strdup(sa->arena, part);
            x.code = S_compose(sa->arena, r->prefix, part, r->suffix);
            cnt = S_add1(out, cnt, max, &x);
        }
        if (!q) break;
        p = q + 1;
    }
    return cnt;
}
#define S_add(out, cnt, max, r) S_add_split(sa, out, cnt, max, r)

/* First actor in h's subtree, in token order, not entering clauses and
 * skipping NP-core modifiers (they are absorbed by their heads). */
static int32_t S_deep_tok(sr_sent_actors *sa, int32_t h) {
    const sr_dtree *t = &sa->tree;
    for (int32_t x = t->lo[h]; x <= t->hi[h]; x++) {
        if (x == h) continue;
        /* x must be under h without crossing a clause or core relation */
        int ok = 1;
        int32_t y = x;
        if (S_core_rel(t->rel[y]) || t->rel[y] == SR_DEP_CONJ) ok = 0;
        for (int steps = 0; ok && y != h && y >= 0 && steps <= t->n; steps++) {
            /* a ccomp of a noun is the parser's name for its acl ("confidence
             * that Putin is open"; UD gives nouns no ccomp; round 10 parsers) */
            int noun_ccomp = t->rel[y] == SR_DEP_CCOMP && t->head[y] >= 0 &&
                             (sa->tok[t->head[y]].upos == SR_UPOS_NOUN || sa->tok[t->head[y]].upos == SR_UPOS_PROPN);
            if (sr_dep_is_clausal(t->rel[y]) && t->rel[y] != SR_DEP_ACL && !noun_ccomp) ok = 0;
            y = t->head[y];
        }
        if (!ok || y != h) continue;
        const sr_actor_ref *r = sr_actors_np(sa, x);
        if (r) return x;
    }
    return -1;
}

/* A conjunct x of a modifier coordinated before head h ("Russian and
 * American officials"): when only words of h's own phrase stand between
 * x's words and h (no conjunction, punctuation or other actor), x's span
 * runs on over h and h's own mention ("American officials"); otherwise it
 * stays x's own words (11p). */
static void S_conj_head_span(const sr_sent_actors *sa, int32_t h, sr_actor_ref *x) {
    if (h < 0 || x->first < 0 || x->end > h || x->first >= x->end) return;
    const sr_dtree *t = &sa->tree;
    for (int32_t i = x->end; i < h; i++) {
        unsigned up = sa->tok[i].upos;
        if (up == SR_UPOS_CCONJ || up == SR_UPOS_PUNCT || up == SR_UPOS_ADP) return;
        int32_t mi = sa->mention_of[i];
        if (mi >= 0 && sa->m[mi].kind == SR_MENTION_ACTOR) return;
        /* a word of h's own phrase: a direct modifier of h, or inside one */
        int32_t y = i;
        for (int steps = 0; y >= 0 && t->head[y] != h && steps < 8; steps++) y = t->head[y];
        if (y < 0 || t->head[y] != h || t->rel[y] == SR_DEP_CONJ) return;
    }
    int32_t end = h + 1, mh = sa->mention_of[h];
    if (mh >= 0 && sa->m[mh].end > end && sa->m[mh].first <= h) end = sa->m[mh].end;
    x->end = end;
}

/* The conjuncts of h, in tree order, following chains of conj (a parser
 * often attaches "A, B and C" as A <conj B <conj C). */
static void S_conj_chain(const sr_dtree *t, int32_t h, int32_t *out, int32_t max, int32_t *n) {
    for (int32_t k = 0; k < sr_dtree_nkids(t, h) && *n < max; k++) {
        int32_t c = sr_dtree_kid(t, h, k);
        if (t->rel[c] != SR_DEP_CONJ) continue;
        out[(*n)++] = c;
        S_conj_chain(t, c, out, max, n);
    }
}

static int S_expand(sr_sent_actors *sa, int32_t h, int deep, sr_actor_ref *out, int max,
                    int level) {
    if (h < 0 || h >= sa->n || max <= 0 || level > 8) return 0;
    const sr_dtree *t = &sa->tree;
    int cnt = 0;
    const sr_actor_ref *r = sr_actors_np(sa, h);
    if (!r && deep) {
        /* "ties with A, B and C": expand the conjuncts of what was found */
        int32_t d = S_deep_tok(sa, h);
        return d >= 0 ? S_expand(sa, d, 0, out, max, level + 1) : 0;
    }
    cnt = S_add(out, cnt, max, r);
    /* A bridged proposal noun stands for all the proposal's authors. */
    if (r && r->bridged && sa->coref) {
        for (int i = 1; i < sa->coref->nprop; i++) {
            sr_actor_ref x = *r;
            x.code = x.base = sr_arena_strdup(sa->arena, sa->coref->prop[i].code);
            x.prefix = x.suffix = "";
            x.entry = sr_arena_strdup(sa->arena, sa->coref->prop[i].entry);
            cnt = S_add1(out, cnt, max, &x);
        }
    }
    /* "the ambassadors of A, B and C": recompose with each conjunct --
     * also when the parser chained them (A <conj B <conj C). */
    if (r && r->via >= 0) {
        int32_t chain[16], nch = 0;
        S_conj_chain(t, r->via, chain, 16, &nch);
        for (int32_t k = 0; k < nch; k++) {
            int32_t c = chain[k];
            const sr_actor_ref *cr = sr_actors_np(sa, c);
            if (!cr) continue;
            sr_actor_ref x = *cr;
            x.code = S_compose(sa->arena, r->prefix, cr->base ? cr->base : cr->code, r->suffix);
            S_conj_head_span(sa, r->head, &x);
            cnt = S_add(out, cnt, max, &x);
        }
    }
    for (int32_t k = 0; k < sr_dtree_nkids(t, h); k++) {
        int32_t c = sr_dtree_kid(t, h, k);
        if (t->rel[c] == SR_DEP_APPOS && r && r->code && c > h) {
            /* "A, B, C and D" parsed as A <appos B <conj C, D: an
             * "appositive" that is itself coordinated and names another
             * actor than its head is the next member of the list, not
             * another name for A (an apposition of A is A's own code:
             * "Bree, the capital, and ..." is left alone) */
            const sr_actor_ref *ar = sr_actors_np(sa, c);
            if (ar && ar->code && strcmp(ar->code, r->code) != 0 &&
                sr_dtree_find_kid(t, c, SR_DEP_CONJ) >= 0) {
                sr_actor_ref tmp[8];
                int m = S_expand(sa, c, deep, tmp, 8, level + 1);
                for (int i = 0; i < m; i++) cnt = S_add(out, cnt, max, &tmp[i]);
            }
            continue;
        }
        if (t->rel[c] != SR_DEP_CONJ || S_adp_object(sa, h, c)) continue;
        /* "lawmakers and officials in A and B": a role-only conjunct
         * shares the country the first conjunct took from its complement
         * (and that complement's conjuncts). */
        const sr_actor_ref *cr = sr_actors_np(sa, c);
        if (cr && cr->base && !cr->base[0] && r && r->via >= 0 && r->base && r->base[0] &&
            t->rel[r->via] == SR_DEP_NMOD) {
            sr_actor_ref x = *cr;
            x.code = S_compose(sa->arena, cr->prefix, r->base, cr->suffix);
            cnt = S_add(out, cnt, max, &x);
            int32_t chain[16], nch = 0;
            S_conj_chain(t, r->via, chain, 16, &nch);
            for (int32_t j = 0; j < nch; j++) {
                int32_t vc = chain[j];
                const sr_actor_ref *vr = sr_actors_np(sa, vc);
                if (!vr) continue;
                x.code = S_compose(sa->arena, cr->prefix, vr->base ? vr->base : vr->code, cr->suffix);
                cnt = S_add(out, cnt, max, &x);
            }
            continue;
        }
        sr_actor_ref tmp[8];
        int m = S_expand(sa, c, deep, tmp, 8, level + 1);
        /* "Bree Prime Minister Romendacil" parsed as Bree <conj
         * Romendacil with no conjunction or comma between them: one name;
         * the longer code of the two stands for both. */
        int bare = sr_dtree_find_kid(t, c, SR_DEP_CC) < 0;
        for (int32_t i = (h < c ? h : c) + 1; bare && i < (h < c ? c : h); i++)
            if (sa->tok[i].upos == SR_UPOS_PUNCT || sa->tok[i].upos == SR_UPOS_CCONJ) bare = 0;
        if (bare && cnt == 1 && m == 1 && strlen(tmp[0].code) > strlen(out[0].code) &&
            !strncmp(tmp[0].code, out[0].code, strlen(out[0].code))) {
            out[0] = tmp[0];
            continue;
        }
        for (int i = 0; i < m; i++) cnt = S_add(out, cnt, max, &tmp[i]);
    }
    return cnt;
}

int sr_actors_expand(sr_sent_actors *sa, int32_t h, int deep, sr_actor_ref *out, int max) {
    return S_expand(sa, h, deep, out, max, 0);
}
