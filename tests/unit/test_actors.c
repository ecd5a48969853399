/* test_actors.c - dependency views (including broken parses) and actor
 * composition over hand-built sentences. */
#include <stdlib.h>
#include <string.h>
#include "actors/actors.h"
#include "actors/deps.h"
#include "harness.h"
#include "parse/ud.h"

static void S_tok(sr_token *t, const char *form, unsigned upos, int head, unsigned rel) {
    memset(t, 0, sizeof *t);
    t->form = form;
    t->form_len = (uint32_t)strlen(form);
    t->lemma = form;
    t->upos = (uint8_t)upos;
    t->head = (int16_t)head;
    t->deprel = (uint8_t)rel;
}

TEST(dtree_children_and_spans) {
    /* "Arnor will restore ties with Gondor" */
    sr_token tk[6];
    S_tok(&tk[0], "Arnor", SR_UPOS_PROPN, 3, SR_DEP_NSUBJ);
    S_tok(&tk[1], "will", SR_UPOS_AUX, 3, SR_DEP_AUX);
    S_tok(&tk[2], "restore", SR_UPOS_VERB, 0, SR_DEP_ROOT);
    S_tok(&tk[3], "ties", SR_UPOS_NOUN, 3, SR_DEP_OBJ);
    S_tok(&tk[4], "with", SR_UPOS_ADP, 6, SR_DEP_CASE);
    S_tok(&tk[5], "Gondor", SR_UPOS_PROPN, 4, SR_DEP_NMOD);
    sr_arena ar;
    sr_arena_init(&ar, 0);
    sr_dtree t;
    CHECK_INT_EQ(sr_dtree_build(&t, tk, 6, &ar), 0);
    CHECK_INT_EQ(t.nfixed, 0);
    CHECK_INT_EQ(t.head[2], -1);
    CHECK_INT_EQ(sr_dtree_nkids(&t, 2), 3);
    CHECK_INT_EQ(sr_dtree_kid(&t, 2, 0), 0);
    CHECK_INT_EQ(sr_dtree_find_kid(&t, 2, SR_DEP_OBJ), 3);
    CHECK_INT_EQ(t.lo[3], 3);
    CHECK_INT_EQ(t.hi[3], 5);
    CHECK_INT_EQ(t.lo[2], 0);
    CHECK_INT_EQ(t.depth[5], 2);
    CHECK(sr_dtree_dominates(&t, 2, 5));
    CHECK(!sr_dtree_dominates(&t, 3, 0));
    sr_arena_free(&ar);
}

TEST(dtree_repairs_cycles_and_bad_heads) {
    /* 1->2->3->1 cycle, a self-loop, an out-of-range head, unset head. */
    sr_token tk[6];
    S_tok(&tk[0], "a", SR_UPOS_NOUN, 2, SR_DEP_NSUBJ);
    S_tok(&tk[1], "b", SR_UPOS_VERB, 3, SR_DEP_XCOMP);
    S_tok(&tk[2], "c", SR_UPOS_VERB, 1, SR_DEP_CCOMP);
    S_tok(&tk[3], "d", SR_UPOS_NOUN, 4, SR_DEP_OBJ);
    S_tok(&tk[4], "e", SR_UPOS_NOUN, 99, SR_DEP_OBJ);
    S_tok(&tk[5], "f", SR_UPOS_NOUN, -1, 200);
    sr_arena ar;
    sr_arena_init(&ar, 0);
    sr_dtree t;
    CHECK_INT_EQ(sr_dtree_build(&t, tk, 6, &ar), 0);
    CHECK_INT_EQ(t.nfixed, 4);
    /* every walk to the root terminates within n steps */
    for (int32_t i = 0; i < 6; i++) {
        int32_t j = i, steps = 0;
        while (j >= 0 && steps <= 6) { j = t.head[j]; steps++; }
        CHECK(j == -1);
        CHECK(t.depth[i] >= 0 && t.depth[i] < 6);
    }
    CHECK_INT_EQ(t.head[3], -1);
    CHECK_INT_EQ(t.head[4], -1);
    CHECK_INT_EQ(t.rel[5], SR_DEP_ROOT);
    sr_arena_free(&ar);
    /* empty sentence */
    sr_arena_init(&ar, 0);
    CHECK_INT_EQ(sr_dtree_build(&t, tk, 0, &ar), 0);
    CHECK_INT_EQ(t.n, 0);
    sr_arena_free(&ar);
}

static sitrep_dict *S_dict(void) {
    sitrep_dict *d = sitrep_dict_new();
    sitrep_error err = {0};
    CHECK_INT_EQ(sitrep_dict_load(d, TEST_DATA("coder/test.actors.txt"), &err), SITREP_OK);
    CHECK_INT_EQ(sitrep_dict_load(d, TEST_DATA("coder/test.agents.txt"), &err), SITREP_OK);
    return d;
}

TEST(actors_compose_country_and_agent) {
    sitrep_dict *d = S_dict();
    /* "the Russian leader and Gondorian troops" */
    sr_token tk[6];
    S_tok(&tk[0], "the", SR_UPOS_DET, 3, SR_DEP_DET);
    S_tok(&tk[1], "Russian", SR_UPOS_ADJ, 3, SR_DEP_AMOD);
    S_tok(&tk[2], "leader", SR_UPOS_NOUN, 0, SR_DEP_ROOT);
    S_tok(&tk[3], "and", SR_UPOS_CCONJ, 6, SR_DEP_CC);
    S_tok(&tk[4], "Gondorian", SR_UPOS_ADJ, 6, SR_DEP_AMOD);
    S_tok(&tk[5], "troops", SR_UPOS_NOUN, 3, SR_DEP_CONJ);
    sr_arena ar;
    sr_arena_init(&ar, 0);
    sr_sent_actors sa;
    CHECK_INT_EQ(sr_actors_sentence(&sa, d, tk, 6, 20250314, NULL, &ar), 0);
    CHECK_INT_EQ(sa.nm, 4);
    const sr_actor_ref *r = sr_actors_np(&sa, 2);
    CHECK(r != NULL);
    if (r) CHECK_STR_EQ(r->code, "RUSGOV");
    sr_actor_ref out[4];
    int n = sr_actors_expand(&sa, 2, 0, out, 4);
    CHECK_INT_EQ(n, 2);
    if (n == 2) {
        CHECK_STR_EQ(out[0].code, "RUSGOV");
        CHECK_STR_EQ(out[1].code, "GONMIL");
        CHECK_INT_EQ(out[1].first, 4);
        CHECK_INT_EQ(out[1].end, 6);
        CHECK(strstr(out[1].entry, "test.actors.txt:") != NULL);
    }
    sr_arena_free(&ar);
    sitrep_dict_free(d);
}

TEST(actors_agent_of_conjoined_countries) {
    sitrep_dict *d = S_dict();
    /* "officials of Arnor and Rohan" -> ARNGOV, ROHGOV */
    sr_token tk[5];
    S_tok(&tk[0], "officials", SR_UPOS_NOUN, 0, SR_DEP_ROOT);
    S_tok(&tk[1], "of", SR_UPOS_ADP, 3, SR_DEP_CASE);
    S_tok(&tk[2], "Arnor", SR_UPOS_PROPN, 1, SR_DEP_NMOD);
    S_tok(&tk[3], "and", SR_UPOS_CCONJ, 5, SR_DEP_CC);
    S_tok(&tk[4], "Rohan", SR_UPOS_PROPN, 3, SR_DEP_CONJ);
    sr_arena ar;
    sr_arena_init(&ar, 0);
    sr_sent_actors sa;
    CHECK_INT_EQ(sr_actors_sentence(&sa, d, tk, 5, 20250314, NULL, &ar), 0);
    sr_actor_ref out[4];
    const sr_actor_ref *r;
    int n = sr_actors_expand(&sa, 0, 0, out, 4);
    CHECK_INT_EQ(n, 2);
    if (n == 2) {
        CHECK_STR_EQ(out[0].code, "ARNGOV");
        CHECK_STR_EQ(out[1].code, "ROHGOV");
    }
    /* a bare agent is coded by its role alone ("GOV", never "---GOV") */
    sr_token t2[1];
    S_tok(&t2[0], "officials", SR_UPOS_NOUN, 0, SR_DEP_ROOT);
    CHECK_INT_EQ(sr_actors_sentence(&sa, d, t2, 1, 20250314, NULL, &ar), 0);
    r = sr_actors_np(&sa, 0);
    CHECK(r != NULL);
    if (r) CHECK_STR_EQ(r->code, "GOV");
    /* a word in no dictionary is no actor */
    S_tok(&t2[0], "crowds", SR_UPOS_NOUN, 0, SR_DEP_ROOT);
    CHECK_INT_EQ(sr_actors_sentence(&sa, d, t2, 1, 20250314, NULL, &ar), 0);
    CHECK(sr_actors_np(&sa, 0) == NULL);
    sr_arena_free(&ar);
    sitrep_dict_free(d);
}

TEST(actors_date_restricted_codes) {
    sitrep_dict *d = S_dict();
    sr_token tk[1];
    S_tok(&tk[0], "Smeagol", SR_UPOS_PROPN, 0, SR_DEP_ROOT);
    sr_arena ar;
    sr_arena_init(&ar, 0);
    sr_sent_actors sa;
    CHECK_INT_EQ(sr_actors_sentence(&sa, d, tk, 1, 19940101, NULL, &ar), 0);
    const sr_actor_ref *r = sr_actors_np(&sa, 0);
    CHECK(r && !strcmp(r->code, "HOB"));
    CHECK_INT_EQ(sr_actors_sentence(&sa, d, tk, 1, 19960101, NULL, &ar), 0);
    r = sr_actors_np(&sa, 0);
    CHECK(r && !strcmp(r->code, "HOBGOV"));
    sr_arena_free(&ar);
    sitrep_dict_free(d);
}

/* PETRARCH writes multi-word names as one token joined by underscores
 * ("Vladimir_Putin"): matched word by word, but only as whole tokens. */
TEST(actors_underscore_joined_names) {
    sitrep_dict *d = S_dict();
    sr_token tk[2];
    S_tok(&tk[0], "met", SR_UPOS_VERB, 0, SR_DEP_ROOT);
    S_tok(&tk[1], "Vladimir_Putin", SR_UPOS_PROPN, 1, SR_DEP_OBJ);
    sr_arena ar;
    sr_arena_init(&ar, 0);
    sr_sent_actors sa;
    CHECK_INT_EQ(sr_actors_sentence(&sa, d, tk, 2, 20250314, NULL, &ar), 0);
    CHECK_INT_EQ(sa.nm, 1);
    if (sa.nm == 1) {
        CHECK_INT_EQ(sa.m[0].first, 1);
        CHECK_INT_EQ(sa.m[0].end, 2);
    }
    const sr_actor_ref *r = sr_actors_np(&sa, 1);
    CHECK(r != NULL);
    if (r) CHECK_STR_EQ(r->code, "RUSGOV");
    /* a name ending inside a token is no match */
    S_tok(&tk[1], "Vladimir_Putin_Street", SR_UPOS_PROPN, 1, SR_DEP_OBJ);
    CHECK_INT_EQ(sr_actors_sentence(&sa, d, tk, 2, 20250314, NULL, &ar), 0);
    CHECK_INT_EQ(sa.nm, 0);
    sr_arena_free(&ar);
    sitrep_dict_free(d);
}

/* "the officials of Arnor, Rohan and Osgiliath" parsed as a chain
 * (Arnor <conj Rohan <conj Osgiliath): every conjunct gets the agent. */
TEST(actors_chained_conjuncts_of_complement) {
    sitrep_dict *d = S_dict();
    sr_token tk[7];
    S_tok(&tk[0], "officials", SR_UPOS_NOUN, 0, SR_DEP_ROOT);
    S_tok(&tk[1], "of", SR_UPOS_ADP, 3, SR_DEP_CASE);
    S_tok(&tk[2], "Arnor", SR_UPOS_PROPN, 1, SR_DEP_NMOD);
    S_tok(&tk[3], ",", SR_UPOS_PUNCT, 5, SR_DEP_PUNCT);
    S_tok(&tk[4], "Rohan", SR_UPOS_PROPN, 3, SR_DEP_CONJ);
    S_tok(&tk[5], "and", SR_UPOS_CCONJ, 7, SR_DEP_CC);
    S_tok(&tk[6], "Osgiliath", SR_UPOS_PROPN, 5, SR_DEP_CONJ);
    sr_arena ar;
    sr_arena_init(&ar, 0);
    sr_sent_actors sa;
    CHECK_INT_EQ(sr_actors_sentence(&sa, d, tk, 7, 20250314, NULL, &ar), 0);
    sr_actor_ref out[4];
    int n = sr_actors_expand(&sa, 0, 0, out, 4);
    CHECK_INT_EQ(n, 3);
    if (n == 3) {
        CHECK_STR_EQ(out[0].code, "ARNGOV");
        CHECK_STR_EQ(out[1].code, "ROHGOV");
        CHECK_STR_EQ(out[2].code, "OSGGOV");
    }
    sr_arena_free(&ar);
    sitrep_dict_free(d);
}
