/* test_dict.c - dictionary readers and the compiled dictionary, on the
 * small dictionaries in tests/data/dict (one per format feature). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "dict/dict.h"
#include "harness.h"

static sitrep_dict *S_load_dir(const char *path) {
    sitrep_dict *d = sitrep_dict_new();
    sitrep_error err;
    sitrep_status st = sitrep_dict_load(d, path, &err);
    if (st) sr_test_fail(__FILE__, __LINE__, "load %s: %s", path, err.msg);
    return d;
}

/* Code for a typed phrase: the first line of sitrep_dict_lookup. */
static char *S_code(const sitrep_dict *d, const char *phrase, const char *date) {
    sitrep_error err;
    char *res = sitrep_dict_lookup(d, phrase, date, &err);
    if (!res) return strdup("(error)");
    char *nl = strchr(res, '\n');
    if (nl) *nl = '\0';
    return res;
}

#define CHECK_CODE(d, phrase, date, want)                                 \
    do {                                                                  \
        char *c_ = S_code(d, phrase, date);                               \
        CHECK_STR_EQ(c_, want);                                           \
        free(c_);                                                         \
    } while (0)

TEST(dict_fold_case_and_marks) {
    char out[64];
    size_t n = sr_dict_fold("Erdoğan", strlen("Erdoğan"), out, sizeof out);
    CHECK_SPAN_EQ(out, n, "erdogan");
    n = sr_dict_fold("ZELENSKYY", 9, out, sizeof out);
    CHECK_SPAN_EQ(out, n, "zelenskyy");
    n = sr_dict_fold("Kremlin\xE2\x80\x99s", strlen("Kremlin\xE2\x80\x99s"), out, sizeof out);
    CHECK_SPAN_EQ(out, n, "kremlin's");
    CHECK_INT_EQ(sr_dict_fold("abcdef", 6, out, 4), SIZE_MAX);
}

TEST(dict_actor_synonyms_and_comments) {
    sitrep_dict *d = S_load_dir(TEST_DATA("dict/test.actors.txt"));
    CHECK_CODE(d, "Freedonia", NULL, "FRD");
    CHECK_CODE(d, "Freedonian", NULL, "FRD");
    CHECK_CODE(d, "the Republic of Freedonia", NULL, "FRD");
    CHECK_CODE(d, "SYLVANIAN", NULL, "SYL");
    CHECK_CODE(d, "Vera Marcal", NULL, "FRDGOV"); /* codeless run shares codes */
    CHECK_CODE(d, "Marcal", NULL, "FRDGOV");
    CHECK_CODE(d, "Ban Ki-moon", NULL, "IGOUNO");
    CHECK_CODE(d, "U.S.", NULL, "USA");
    CHECK_CODE(d, "Null actor", NULL, "");
    CHECK_CODE(d, "Grand Fenwick", NULL, "");
    sitrep_dict_free(d);
}

TEST(dict_actor_dates) {
    sitrep_dict *d = S_load_dir(TEST_DATA("dict/test.actors.txt"));
    CHECK_CODE(d, "Rufus T. Firefly", "1931-05-01", "FRDELI");  /* <date */
    CHECK_CODE(d, "President Firefly", "1933-06-01", "FRDGOV"); /* range */
    CHECK_CODE(d, "Rufus T. Firefly", "1934-12-31", "FRDGOV");  /* inclusive */
    CHECK_CODE(d, "Rufus T. Firefly", "1936-01-01", "FRDELI");  /* >date */
    /* same-line codes, YYMMDD dates (33 -> 1933), undated default */
    CHECK_CODE(d, "Trentino", "1934-01-01", "SYLGOV");
    CHECK_CODE(d, "Trentino", "1937-01-01", "SYLELI");
    CHECK_CODE(d, "Trentino", "1920-01-01", "SYL");
    /* overlapping ranges: the first in file order wins */
    CHECK_CODE(d, "Trentino Junior", "2020-06-15", "SYLGOV");
    CHECK_CODE(d, "Trentino Junior", "2019-06-15", "SYL");
    sitrep_dict_free(d);
}

TEST(dict_actor_match_tokens) {
    sitrep_dict *d = S_load_dir(TEST_DATA("dict/test.actors.txt"));
    sr_arena ar;
    sr_arena_init(&ar, 0);
    sr_token *t;
    size_t n = sr_dict_tokenize("Yesterday the Kremlin said Volodymyr Zelenskiy's aide", &ar, &t);
    CHECK_INT_EQ(n, 8); /* ... Zelenskiy 's aide */
    sr_actor_hit h;
    CHECK_INT_EQ(sr_dict_match_actor(d, t, n, 0, 20250314, &h), 0);
    CHECK(h.entry == NULL);
    CHECK_INT_EQ(sr_dict_match_actor(d, t, n, 1, 20250314, &h), 2);
    CHECK_STR_EQ(h.code, "RUSGOV");
    CHECK_STR_EQ(h.phrase, "THE_KREMLIN");
    CHECK_INT_EQ(sr_dict_match_actor(d, t, n, 4, 20250314, &h), 2);
    CHECK_STR_EQ(h.code, "UKRGOV");
    CHECK_STR_EQ(h.entry->primary, "ZELENSKYY_");
    CHECK_STR_EQ(h.phrase, "VOLODYMYR_ZELENSKIY");
    CHECK(strstr(h.file, "test.actors.txt") != NULL);
    CHECK_INT_EQ(h.entry->line, 31);
    CHECK_INT_EQ(h.line, 32);
    /* lemma matching: a token whose form differs but lemma matches */
    sr_token lt[1];
    memset(lt, 0, sizeof lt);
    lt[0].form = "Freedonias";
    lt[0].form_len = 10;
    lt[0].lemma = "Freedonia";
    CHECK_INT_EQ(sr_dict_match_actor(d, lt, 1, 0, 0, &h), 1);
    CHECK_STR_EQ(h.code, "FRD");
    /* tokens split at a hyphen (no space between) still match "KI-MOON" */
    n = sr_dict_tokenize("Ban Ki - moon", &ar, &t);
    CHECK_INT_EQ(sr_dict_match_actor(d, t, n, 0, 0, &h), 0); /* spaces: no glue */
    const char *txt = "Ban Ki-moon";
    sr_token ht[4];
    memset(ht, 0, sizeof ht);
    ht[0] = (sr_token){.start = 0, .end = 3, .form = txt, .form_len = 3};
    ht[1] = (sr_token){.start = 4, .end = 6, .form = txt + 4, .form_len = 2};
    ht[2] = (sr_token){.start = 6, .end = 7, .form = txt + 6, .form_len = 1};
    ht[3] = (sr_token){.start = 7, .end = 11, .form = txt + 7, .form_len = 4};
    CHECK_INT_EQ(sr_dict_match_actor(d, ht, 4, 0, 0, &h), 4);
    CHECK_STR_EQ(h.code, "IGOUNO");
    sr_arena_free(&ar);
    sitrep_dict_free(d);
}

TEST(dict_agents) {
    sitrep_dict *d = S_load_dir(TEST_DATA("dict"));
    CHECK_CODE(d, "Freedonian foreign minister", NULL, "FRDGOVFRM");
    CHECK_CODE(d, "Freedonian foreign ministers", NULL, "FRDGOVFRM");
    CHECK_CODE(d, "Sylvanian relief agency", NULL, "NGOSYL");   /* NGO~ */
    CHECK_CODE(d, "relief agencies", NULL, "NGO");              /* Y -> IES */
    CHECK_CODE(d, "congresswomen", NULL, "LEG");                /* !PERSON! */
    CHECK_CODE(d, "attorneys general", NULL, "JUD");            /* {plural} */
    CHECK_CODE(d, "police", NULL, "COP");
    CHECK_CODE(d, "polices", NULL, "");                         /* {}: none */
    CHECK_CODE(d, "militias", NULL, "REB");
    CHECK_CODE(d, "President Zelenskyy", NULL, "UKRGOV"); /* GOV not doubled */
    sr_arena ar;
    sr_arena_init(&ar, 0);
    sr_token *t;
    size_t n = sr_dict_tokenize("two foreign ministers", &ar, &t);
    sr_agent_hit g;
    CHECK_INT_EQ(sr_dict_match_agent(d, t, n, 1, &g), 2);
    CHECK_INT_EQ(g.plural, 1);
    CHECK_STR_EQ(g.entry->code, "GOVFRM");
    CHECK_INT_EQ(g.entry->compose, SR_AGENT_SUFFIX);
    char buf[32];
    CHECK_STR_EQ(sr_agent_compose_code("SYL", g.entry, buf, sizeof buf), "SYLGOVFRM");
    sr_arena_free(&ar);
    sitrep_dict_free(d);
}

static const sr_verb_pattern *S_find_pattern(const sr_verb_block *b, const char *code) {
    for (uint32_t k = 0; k < b->npatterns; k++)
        if (!strcmp(b->patterns[k].code, code)) return &b->patterns[k];
    return NULL;
}

TEST(dict_verbs_blocks_and_forms) {
    sitrep_dict *d = S_load_dir(TEST_DATA("dict/test.verbs.txt"));
    sr_dict_stats st;
    sr_dict_get_stats(d, &st);
    CHECK_INT_EQ(st.verb_blocks, 3);
    CHECK_INT_EQ(st.verbs, 6);
    CHECK_INT_EQ(st.patterns, 6);
    CHECK_INT_EQ(st.synsets, 4);
    CHECK_INT_EQ(st.transforms, 1);
    CHECK_INT_EQ(st.errors, 0);
    const sr_verb_block *b = sr_dict_verb_block(d, "send");
    CHECK(b != NULL);
    CHECK_STR_EQ(b->code, "070");
    CHECK_INT_EQ(b->npatterns, 4);

    sr_arena ar;
    sr_arena_init(&ar, 0);
    sr_token *t;
    sr_verb_hit vh;
    /* an irregular form given in {...} */
    size_t n = sr_dict_tokenize("they sent rifles", &ar, &t);
    CHECK(sr_dict_match_verb(d, t, n, 1, &vh));
    CHECK_STR_EQ(vh.verb->code, "070");
    CHECK(vh.verb->block == b);
    /* a generated regular form, and the verb's own code */
    n = sr_dict_tokenize("she decries it", &ar, &t);
    CHECK(sr_dict_match_verb(d, t, n, 1, &vh));
    CHECK_STR_EQ(vh.verb->code, "121");
    n = sr_dict_tokenize("they condemned it", &ar, &t);
    CHECK(sr_dict_match_verb(d, t, n, 1, &vh));
    CHECK_STR_EQ(vh.verb->code, "122");
    /* multi-word verbs: particle after (+CALL_OFF), word before (WIRE_+TAP) */
    n = sr_dict_tokenize("they called off talks", &ar, &t);
    CHECK(sr_dict_match_verb(d, t, n, 1, &vh));
    CHECK_STR_EQ(vh.verb->code, "160");
    CHECK_INT_EQ(vh.first, 1);
    CHECK_INT_EQ(vh.end, 3);
    n = sr_dict_tokenize("police wire tapped phones", &ar, &t);
    CHECK(sr_dict_match_verb(d, t, n, 2, &vh));
    CHECK_STR_EQ(vh.verb->code, "1712");
    CHECK_INT_EQ(vh.first, 1);
    CHECK_INT_EQ(vh.end, 3);
    n = sr_dict_tokenize("troops carried out raids", &ar, &t);
    CHECK(sr_dict_match_verb(d, t, n, 1, &vh));
    CHECK_STR_EQ(vh.verb->code, "180");
    /* by lemma */
    n = sr_dict_tokenize("they X it", &ar, &t);
    t[1].lemma = "send";
    CHECK(sr_dict_match_verb(d, t, n, 1, &vh));
    n = sr_dict_tokenize("they praised it", &ar, &t);
    CHECK(!sr_dict_match_verb(d, t, n, 1, &vh));
    CHECK(vh.verb == NULL);
    sr_arena_free(&ar);
    sitrep_dict_free(d);
}

TEST(dict_verb_patterns_structure) {
    sitrep_dict *d = S_load_dir(TEST_DATA("dict/test.verbs.txt"));
    const sr_verb_block *b = sr_dict_verb_block(d, "CONDEMN");
    CHECK(b != NULL);
    /* "- * (FOR {BRUTAL ATTACK})  [1221]" */
    const sr_verb_pattern *p = S_find_pattern(b, "1221");
    CHECK(p != NULL);
    if (!p) goto out;
    CHECK_INT_EQ(p->syntax, SR_SYNTAX_PETR2);
    CHECK_INT_EQ(p->nelems, 4);
    CHECK_INT_EQ(p->verb_pos, 0);
    CHECK_INT_EQ(p->elems[1].type, SR_PE_WORD);
    CHECK(p->elems[1].flags & SR_PEF_PREP);
    CHECK(p->elems[1].flags & SR_PEF_PP);
    CHECK(p->elems[2].flags & SR_PEF_NP);
    CHECK(!(p->elems[2].flags & SR_PEF_NP_HEAD));
    CHECK(p->elems[3].flags & SR_PEF_NP_HEAD);
    CHECK_STR_EQ(p->elems[3].text, "ATTACK");
    CHECK(strstr(p->file, "test.verbs.txt") != NULL);
    CHECK_INT_EQ(p->line, 21);
    /* a synset whose name contains '_' */
    p = S_find_pattern(b, "123");
    CHECK(p && p->elems[1].type == SR_PE_SYNSET && p->elems[1].synset);

    b = sr_dict_verb_block(d, "SEND");
    /* "- $ * TROOPS_TO + [0712]": TABARI syntax, '_' joins */
    p = S_find_pattern(b, "0712");
    CHECK(p != NULL);
    if (!p) goto out;
    CHECK_INT_EQ(p->syntax, SR_SYNTAX_TABARI);
    CHECK_INT_EQ(p->nelems, 5);
    CHECK_INT_EQ(p->elems[0].type, SR_PE_SOURCE);
    CHECK_INT_EQ(p->elems[1].type, SR_PE_VERB);
    CHECK_INT_EQ(p->verb_pos, 1);
    CHECK(!(p->elems[2].flags & SR_PEF_JOINED));
    CHECK(p->elems[3].flags & SR_PEF_JOINED);
    CHECK_INT_EQ(p->elems[4].type, SR_PE_TARGET);
    /* "- % * ^ TALKS" */
    p = S_find_pattern(b, "0313");
    CHECK(p && p->elems[0].type == SR_PE_COMPOUND && p->elems[2].type == SR_PE_SKIP);
    /* "[071:072]" */
    p = S_find_pattern(b, "071");
    CHECK(p && p->code2 && !strcmp(p->code2, "072"));
    /* synsets: plurals added, '_' suppresses them, nesting flattened */
    p = S_find_pattern(b, "0711");
    CHECK(p != NULL);
    if (!p) goto out;
    const sr_pat_elem *arms = &p->elems[1];
    CHECK_INT_EQ(arms->type, SR_PE_SYNSET);
    CHECK_STR_EQ(arms->synset->name, "&ARMS");
    /* RIFLE RIFLES SHELL TANK TANKS HOWITZER HOWITZERS */
    CHECK_INT_EQ(arms->synset->nalts, 7);
    sr_arena ar;
    sr_arena_init(&ar, 0);
    sr_token *t;
    size_t n = sr_dict_tokenize("howitzers shells shell", &ar, &t);
    CHECK_INT_EQ(sr_dict_match_elem(d, arms, t, n, 0), 1);
    CHECK_INT_EQ(sr_dict_match_elem(d, arms, t, n, 1), 0);
    CHECK_INT_EQ(sr_dict_match_elem(d, arms, t, n, 2), 1);
    const sr_pat_elem *cash = &S_find_pattern(b, "071")->elems[1];
    n = sr_dict_tokenize("hard currency", &ar, &t);
    CHECK_INT_EQ(sr_dict_match_elem(d, cash, t, n, 0), 2); /* multi-word member */
    n = sr_dict_tokenize("moneys", &ar, &t);
    CHECK_INT_EQ(sr_dict_match_elem(d, cash, t, n, 0), 0); /* &CASH_: no plurals */
    /* (TO +) */
    CHECK(p->elems[2].flags & SR_PEF_PREP);
    CHECK_INT_EQ(p->elems[3].type, SR_PE_TARGET);
    CHECK(p->elems[3].flags & SR_PEF_PP);
    sr_arena_free(&ar);
    size_t nx;
    const sr_verb_transform *x = sr_dict_transforms(d, &nx);
    CHECK_INT_EQ(nx, 1);
    CHECK_INT_EQ(x[0].nlhs, 5);
    CHECK_INT_EQ(x[0].nrhs, 3);
    CHECK_STR_EQ(x[0].lhs[3], "SEND");
    CHECK_STR_EQ(x[0].rhs[2], "070");
out:
    sitrep_dict_free(d);
}

TEST(dict_discards_and_issues) {
    sitrep_dict *d = S_load_dir(TEST_DATA("dict"));
    sr_arena ar;
    sr_arena_init(&ar, 0);
    sr_token *t;
    const sr_discard_entry *de;
    size_t n = sr_dict_tokenize("after the World Cup final", &ar, &t);
    CHECK_INT_EQ(sr_dict_match_discard(d, t, n, 2, &de), 2);
    CHECK(de && de->story == 0);
    n = sr_dict_tokenize("a fantasy league", &ar, &t);
    CHECK_INT_EQ(sr_dict_match_discard(d, t, n, 1, &de), 2);
    CHECK(de && de->story == 1);
    CHECK_INT_EQ(sr_dict_match_discard(d, t, n, 0, &de), 0);
    const sr_issue_entry *ie;
    n = sr_dict_tokenize("drones bombed a cease-fire line", &ar, &t);
    CHECK_INT_EQ(sr_dict_match_issue(d, t, n, 0, &ie), 1);
    CHECK(ie && !strcmp(ie->code, "DRONES") && !strcmp(ie->category, "SECURITY"));
    CHECK_INT_EQ(sr_dict_match_issue(d, t, n, 1, &ie), 1);
    CHECK(ie && !strcmp(ie->code, "BOMBING"));
    CHECK_INT_EQ(sr_dict_match_issue(d, t, n, 3, &ie), 1);
    CHECK(ie && !strcmp(ie->code, "CEASEFIRE"));
    n = sr_dict_tokenize("cease fire", &ar, &t);
    CHECK_INT_EQ(sr_dict_match_issue(d, t, n, 0, &ie), 2);
    n = sr_dict_tokenize("drone racing", &ar, &t);
    CHECK_INT_EQ(sr_dict_match_issue(d, t, n, 0, &ie), 2);
    CHECK(ie && ie->type == SR_ISSUE_IGNORE && ie->code == NULL);
    n = sr_dict_tokenize("model aircraft show", &ar, &t);
    CHECK_INT_EQ(sr_dict_match_issue(d, t, n, 0, &ie), 3);
    CHECK(ie && ie->type == SR_ISSUE_IGNORE_STORY);
    sr_arena_free(&ar);
    sitrep_dict_free(d);
}

typedef struct {
    int n;
    size_t lines[32];
} S_errs;

static void S_count(void *ctx, const sitrep_error *e) {
    S_errs *c = ctx;
    if (c->n < 32) c->lines[c->n] = e->line;
    c->n++;
}

TEST(dict_malformed_lines_reported) {
    S_errs c = {0, {0}};
    sitrep_error err;
    size_t n = sitrep_dict_check(TEST_DATA("dict/bad/bad.actors.txt"), S_count, &c, &err);
    CHECK_INT_EQ(n, 8);
    CHECK_INT_EQ(c.n, 8);
    CHECK_INT_EQ(c.lines[0], 2); /* sorted by line */
    CHECK_INT_EQ(c.lines[7], 9);
    n = sitrep_dict_check(TEST_DATA("dict/bad/bad.verbs.txt"), NULL, NULL, &err);
    CHECK_INT_EQ(n, 9);
    n = sitrep_dict_check(TEST_DATA("dict/bad/bad.agents.txt"), NULL, NULL, &err);
    CHECK_INT_EQ(n, 5);
    n = sitrep_dict_check(TEST_DATA("dict/bad/bad.issues.txt"), NULL, NULL, &err);
    CHECK_INT_EQ(n, 3);
    n = sitrep_dict_check(TEST_DATA("dict"), NULL, NULL, &err);
    CHECK_INT_EQ(n, 0);
    /* the good lines of a bad file are still loaded */
    sitrep_dict *d = sitrep_dict_new();
    CHECK_INT_EQ(sitrep_dict_load(d, TEST_DATA("dict/bad/bad.actors.txt"), &err),
                 SITREP_E_SYNTAX);
    CHECK_INT_EQ(err.line, 2);
    CHECK_INT_EQ(err.col, 10);
    CHECK(strstr(err.msg, "expected") != NULL);
    CHECK_INT_EQ(sitrep_dict_error_count(d), 8);
    CHECK_CODE(d, "Good one", NULL, "GD1");
    sitrep_dict_free(d);
    /* missing files and unknown kinds */
    CHECK_INT_EQ(sitrep_dict_check("tests/data/dict/nope.txt", NULL, NULL, &err), (size_t)-1);
    CHECK_INT_EQ(err.code, SITREP_E_IO);
}

TEST(dict_loads_garbage_without_crashing) {
    static const char garbage[] =
        "[\n]\n+\n---\n--- [\n- * [\n&\n+&\n~ = \n!X! =\n{[}]\n\t[A 1-]\n- ( * ) [1]\n"
        "- {{{{{{{{{{{{{{{{{{{{ * [1]\n<!-- unclosed\n";
    const char *kinds[] = {"actors", "agents", "verbs", "discards", "issues"};
    for (size_t k = 0; k < 5; k++) {
        char path[128];
        snprintf(path, sizeof path, "/tmp/sitrep-test-garbage.%s.txt", kinds[k]);
        FILE *f = fopen(path, "wb");
        CHECK(f != NULL);
        if (!f) continue;
        fwrite(garbage, 1, sizeof garbage - 1, f);
        fclose(f);
        sitrep_dict *d = sitrep_dict_new();
        sitrep_error err;
        sitrep_status st = sitrep_dict_load(d, path, &err);
        CHECK(st == SITREP_OK || st == SITREP_E_SYNTAX);
        sitrep_dict_free(d);
        remove(path);
    }
}

/* A directory without any *.txt dictionary loads as an empty dictionary
 * (it once sorted a NULL name list: undefined behaviour, caught by UBSan). */
TEST(dict_load_dir_without_dictionaries) {
    char dir[] = "/tmp/sitrep-test-emptydict.XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char note[64];
    snprintf(note, sizeof note, "%s/README.md", dir);
    FILE *f = fopen(note, "wb");
    CHECK(f != NULL);
    if (f) {
        fputs("not a dictionary\n", f);
        fclose(f);
    }
    sitrep_dict *d = sitrep_dict_new();
    sitrep_error err;
    CHECK_INT_EQ(sitrep_dict_load(d, dir, &err), SITREP_OK);
    CHECK_INT_EQ(sitrep_dict_error_count(d), 0);
    CHECK_CODE(d, "Not a dictionary", NULL, "");
    sitrep_dict_free(d);
    CHECK_INT_EQ(sitrep_dict_check(dir, NULL, NULL, &err), 0);
    remove(note);
    rmdir(dir);
}

TEST(dict_data_path_env) {
    char out[512];
    setenv("SITREP_DATA", "tests/data", 1);
    CHECK_INT_EQ(sr_data_path("dict", out, sizeof out), 0);
    CHECK_STR_EQ(out, "tests/data/dict");
    unsetenv("SITREP_DATA");
    CHECK_INT_EQ(sr_data_path("no-such-subdir-xyz", out, sizeof out), -1);
}

/* The acceptance lookups on sitrep's own dictionaries (data/dict). They
 * fail when data/dict is missing or wrong. */
TEST(dict_own_dictionaries_acceptance) {
    sitrep_dict *d = sitrep_dict_new();
    sitrep_error err;
    sitrep_status st = sitrep_dict_load(d, "data/dict", &err);
    CHECK(st == SITREP_OK);
    if (st) {
        char buf[1024];
        sr_test_fail(__FILE__, __LINE__, "data/dict: %s", sitrep_error_format(&err, buf, sizeof buf));
    }
    CHECK_CODE(d, "Volodymyr Zelenskiy", "2025-03-14", "UKRGOV");
    CHECK_CODE(d, "Zelenskyy", "2025-03-14", "UKRGOV");
    CHECK_CODE(d, "Trump", "2025-03-14", "USAGOV");
    CHECK_CODE(d, "Trump", "2022-06-01", "USAELI");
    CHECK_CODE(d, "the Kremlin", "2025-03-14", "RUSGOV");
    CHECK_CODE(d, "Peskov", "2025-03-14", "RUSGOV");
    CHECK_CODE(d, "Steve Witkoff", "2025-03-14", "USAGOV");
    CHECK_CODE(d, "Saudi Arabia", "2025-03-14", "SAU");
    CHECK_CODE(d, "NATO", "2025-03-14", "IGOWSTNAT");
    sitrep_dict_free(d);
}

/* The same verb listed by blocks in two files (ours + a user's --dict
 * extra) and twice in one file: the patterns of all blocks apply, each
 * with its own code and file:line. */
TEST(dict_verb_blocks_merge_across_files) {
    static const char a[] = "--- SEND [070] ---\n"
                            "SEND {SENDS SENT SENDING}\n"
                            "- * RIFLES [0711]\n";
    static const char b[] = "# extras\n"
                            "--- DISPATCH [---] ---\n"
                            "SEND {SENDS SENT SENDING}\n"
                            "DISPATCH\n"
                            "- * TROOPS [0712]\n"
                            "--- POST [---] ---\n"
                            "SEND\n"
                            "- * ENVOY [042]\n";
    sitrep_dict *d = sitrep_dict_new();
    sitrep_error err;
    CHECK_INT_EQ(sr_dict_load_mem(d, "a.verbs.txt", a, sizeof a - 1, SR_DICT_VERB, &err), SITREP_OK);
    sr_arena ar;
    sr_arena_init(&ar, 0);
    sr_token *t;
    sr_verb_hit vh;
    size_t n = sr_dict_tokenize("they sent troops", &ar, &t);
    CHECK(sr_dict_match_verb(d, t, n, 1, &vh));
    CHECK_INT_EQ(vh.verb->block->npatterns, 1);
    CHECK_INT_EQ(sr_dict_load_mem(d, "b.verbs.txt", b, sizeof b - 1, SR_DICT_VERB, &err), SITREP_OK);
    CHECK(sr_dict_match_verb(d, t, n, 1, &vh));
    const sr_verb_block *mb = vh.verb->block;
    CHECK_INT_EQ(mb->npatterns, 2); /* POST lists SEND without "sent" */
    CHECK_STR_EQ(vh.verb->code, "070"); /* the first listing's code */
    CHECK_STR_EQ(mb->patterns[0].code, "0711");
    CHECK_STR_EQ(mb->patterns[0].file, "a.verbs.txt");
    CHECK_INT_EQ(mb->patterns[0].line, 3);
    CHECK_STR_EQ(mb->patterns[1].code, "0712");
    CHECK_STR_EQ(mb->patterns[1].file, "b.verbs.txt");
    CHECK_INT_EQ(mb->patterns[1].line, 5);
    /* the base form is in all three blocks */
    n = sr_dict_tokenize("they send troops", &ar, &t);
    CHECK(sr_dict_match_verb(d, t, n, 1, &vh));
    mb = vh.verb->block;
    CHECK_INT_EQ(mb->npatterns, 3);
    CHECK_STR_EQ(mb->patterns[2].code, "042");
    CHECK_STR_EQ(mb->patterns[2].file, "b.verbs.txt");
    CHECK_INT_EQ(mb->patterns[2].line, 8);
    /* a verb listed once keeps its own block */
    n = sr_dict_tokenize("they dispatched troops", &ar, &t);
    CHECK(sr_dict_match_verb(d, t, n, 1, &vh));
    CHECK_INT_EQ(vh.verb->block->npatterns, 1);
    CHECK_STR_EQ(vh.verb->block->name, "DISPATCH");
    /* merged blocks are not counted as blocks */
    sr_dict_stats st;
    sr_dict_get_stats(d, &st);
    CHECK_INT_EQ(st.verb_blocks, 3);
    CHECK_INT_EQ(st.patterns, 3);
    sr_arena_free(&ar);
    sitrep_dict_free(d);
}

/* Short entries are acronyms: the lowercase pronoun "us" is not USA. */
TEST(dict_short_actor_needs_capitals) {
    static const char a[] = "US [USA]\nUNITED_STATES [USA]\nXI [CHN]\n";
    sitrep_dict *d = sitrep_dict_new();
    sitrep_error err;
    CHECK_INT_EQ(sr_dict_load_mem(d, "t.actors.txt", a, sizeof a - 1, SR_DICT_ACTOR, &err), SITREP_OK);
    sr_arena ar;
    sr_arena_init(&ar, 0);
    sr_token *t;
    sr_actor_hit h;
    size_t n = sr_dict_tokenize("they told us that", &ar, &t);
    CHECK_INT_EQ(sr_dict_match_actor(d, t, n, 2, 0, &h), 0);
    n = sr_dict_tokenize("the US said", &ar, &t);
    CHECK_INT_EQ(sr_dict_match_actor(d, t, n, 1, 0, &h), 1);
    CHECK_STR_EQ(h.code, "USA");
    n = sr_dict_tokenize("Us and them", &ar, &t);
    CHECK_INT_EQ(sr_dict_match_actor(d, t, n, 0, 0, &h), 1);
    n = sr_dict_tokenize("Xi met the united states", &ar, &t);
    CHECK_INT_EQ(sr_dict_match_actor(d, t, n, 0, 0, &h), 1);
    CHECK_STR_EQ(h.code, "CHN");
    CHECK_INT_EQ(sr_dict_match_actor(d, t, n, 3, 0, &h), 2);
    CHECK_STR_EQ(h.code, "USA");
    sr_arena_free(&ar);
    sitrep_dict_free(d);
}

/* The per-sentence token cache (sr_dict_bind_tokens) is an optimization
 * only: every actor and agent match must be the same with and without it. */
TEST(dict_bound_token_cache_matches_unbound) {
    sitrep_dict *d = S_load_dir(TEST_DATA("dict"));
    CHECK(d != NULL);
    if (!d) return;
    sr_arena ar;
    sr_arena_init(&ar, 0);
    sr_token *t;
    size_t n = sr_dict_tokenize(
        "Yesterday the Kremlin said Volodymyr Zelenskiy's aide met Ban Ki - moon and "
        "Freedonian officials while the Russian troops and police stayed home", &ar, &t);
    CHECK(n > 20);
    sr_actor_hit plain_a[64], bound_a[64];
    sr_agent_hit plain_g[64], bound_g[64];
    size_t plain_na[64], bound_na[64], plain_ng[64], bound_ng[64];
    for (size_t i = 0; i < n && i < 64; i++) {
        plain_na[i] = sr_dict_match_actor(d, t, n, i, 20250314, &plain_a[i]);
        plain_ng[i] = sr_dict_match_agent(d, t, n, i, &plain_g[i]);
    }
    int h = sr_dict_bind_tokens(d, t, n, &ar);
    CHECK(h >= 0);
    for (size_t i = 0; i < n && i < 64; i++) {
        bound_na[i] = sr_dict_match_actor(d, t, n, i, 20250314, &bound_a[i]);
        bound_ng[i] = sr_dict_match_agent(d, t, n, i, &bound_g[i]);
    }
    sr_dict_unbind_tokens(h);
    size_t matched = 0;
    for (size_t i = 0; i < n && i < 64; i++) {
        CHECK_INT_EQ(bound_na[i], plain_na[i]);
        CHECK(bound_a[i].entry == plain_a[i].entry);
        CHECK_INT_EQ(bound_ng[i], plain_ng[i]);
        CHECK(bound_g[i].entry == plain_g[i].entry);
        matched += plain_na[i] + plain_ng[i];
    }
    CHECK(matched >= 4); /* the sentence really exercises matching */
    sr_arena_free(&ar);
    sitrep_dict_free(d);
}

/* True when the verb block matched at token VI of TEXT has a pattern with
 * code CODE (the patterns of all blocks listing the verb are merged). */
static int S_verb_has_code(const sitrep_dict *d, const char *text, size_t vi, const char *code) {
    sr_arena ar;
    sr_arena_init(&ar, 0);
    sr_token *t;
    sr_verb_hit vh;
    int found = 0;
    size_t n = sr_dict_tokenize(text, &ar, &t);
    if (sr_dict_match_verb(d, t, n, vi, &vh)) {
        const sr_verb_block *b = vh.verb->block;
        for (size_t i = 0; i < b->npatterns && !found; i++)
            found = b->patterns[i].code && strcmp(b->patterns[i].code, code) == 0;
    }
    sr_arena_free(&ar);
    return found;
}

/* Issue 5 vocabulary in data/dict: subnational places, companies and
 * universities, more role agents, and verbs for meetings attended,
 * inquiries joined or led, cancelled visits, peacekeeping service and
 * asylum requests. Each lookup here found nothing before these entries. */
TEST(dict_own_dictionaries_issue5_vocabulary) {
    sitrep_dict *d = sitrep_dict_new();
    sitrep_error err;
    CHECK(sitrep_dict_load(d, "data/dict", &err) == SITREP_OK);
    /* places below country level */
    CHECK_CODE(d, "Eastern Ghouta", "2019-01-01", "SYR");
    CHECK_CODE(d, "Kirkuk", "2019-01-01", "IRQ");
    CHECK_CODE(d, "the premier of Alberta", "2019-01-01", "CANGOV");
    CHECK_CODE(d, "the Uttar Pradesh government", "2019-01-01", "INDGOV");
    CHECK_CODE(d, "Nagorno-Karabakh", "2019-01-01", "AZE");
    CHECK_CODE(d, "Donetsk", "2024-01-01", "UKR");
    CHECK_CODE(d, "a detention center in Texas", "2019-01-01", "USA");
    /* companies and universities */
    CHECK_CODE(d, "Siemens", "2019-01-01", "DEUBUS");
    CHECK_CODE(d, "Huawei", "2024-01-01", "CHNBUS");
    CHECK_CODE(d, "Reliance Jio", "2019-01-01", "INDBUS");
    CHECK_CODE(d, "Yale", "2019-01-01", "USAEDU");
    /* ambiguous words stay unresolved: the rainforest, a fruit */
    CHECK_CODE(d, "Amazon", "2019-01-01", "");
    CHECK_CODE(d, "apple", "2019-01-01", "");
    /* role agents */
    CHECK_CODE(d, "two servicemen", "2019-01-01", "MIL");
    CHECK_CODE(d, "Chinese hackers", "2019-01-01", "CHNSPY");
    CHECK_CODE(d, "Mexican cartels", "2019-01-01", "MEXCRM");
    CHECK_CODE(d, "Indonesia's donors", "2019-01-01", "IDNGOV");
    /* verbs */
    CHECK(S_verb_has_code(d, "Trump attended a NATO summit", 1, "040"));
    CHECK(S_verb_has_code(d, "the FBI joined an investigation", 2, "090"));
    CHECK(S_verb_has_code(d, "a barrister is heading an inquiry", 3, "090"));
    CHECK(S_verb_has_code(d, "Saraki led a delegation", 1, "042"));
    CHECK(S_verb_has_code(d, "she cancelled a planned visit", 1, "161"));
    CHECK(S_verb_has_code(d, "Erdogan commenced assaults", 1, "190"));
    CHECK(S_verb_has_code(d, "troops participate in peacekeeping operations", 1, "074"));
    CHECK(S_verb_has_code(d, "Syrians sought refuge", 1, "0233"));
    CHECK(S_verb_has_code(d, "MSF flew medicine", 1, "073"));
    CHECK(!S_verb_has_code(d, "MSF flew medicine", 1, "190"));
    sitrep_dict_free(d);
}

/* ------------------------------------------------------------------ */
/* TABARI stems: a word without a trailing '_' matches every word it     */
/* begins; "WORD_" only the whole word. Dictionaries invented here.    */
/* ------------------------------------------------------------------ */

static sitrep_dict *S_load_text(const char *name, const char *text, int mode) {
    sitrep_dict *d = sitrep_dict_new();
    if (mode >= 0) sr_dict_stems(d, mode);
    sitrep_error err;
    sitrep_status st = sr_dict_load_mem(d, name, text, strlen(text), 0, &err);
    if (st) sr_test_fail(__FILE__, __LINE__, "load %s: %s", name, err.msg);
    return d;
}

/* Actor match at token i of `text`: tokens matched, code and stem count. */
static size_t S_actor_at(const sitrep_dict *d, const char *text, size_t i, int32_t date,
                         char *code, size_t cap, unsigned *stem) {
    sr_arena ar;
    sr_arena_init(&ar, 0);
    sr_token *t;
    size_t n = sr_dict_tokenize(text, &ar, &t);
    sr_actor_hit h;
    size_t m = sr_dict_match_actor(d, t, n, i, date, &h);
    snprintf(code, cap, "%s", m && h.code ? h.code : "");
    *stem = h.stem;
    sr_arena_free(&ar);
    return m;
}

static const char S_tabari_actors[] =
    "; invented TABARI-style actors\n"
    "ISRAEL [ISR]\n"
    "ISRAELI_ [ISRPPL]          ; whole word: beats the stem on a tie\n"
    "ISRAELI_DEFENSE [ISRMIL]   ; multi-word, last word a stem\n"
    "JORDAN_ [JOR]\n"
    "NORTH [NTH]\n"
    "NORTH_KOREA_ [PRK]\n"
    "KOREA [KOR]\n"
    "RUSS [RUSX]\n"
    "RUSSIA [RUS]\n"
    "RAEL [RAE]\n"
    "BENJAMIN_NETANYAH\n"
    "    [ISRELI <19960617]\n"
    "    [ISRGOV 19960618-19990706]\n";

TEST(dict_tabari_stem_vs_whole_word) {
    sitrep_dict *d = S_load_text("invented.actors", S_tabari_actors, -1);
    char code[32];
    unsigned stem;
    CHECK_INT_EQ(S_actor_at(d, "Israelis", 0, 0, code, sizeof code, &stem), 1);
    CHECK_STR_EQ(code, "ISR");
    CHECK_INT_EQ(stem, 1);
    CHECK_INT_EQ(S_actor_at(d, "Israel", 0, 0, code, sizeof code, &stem), 1);
    CHECK_STR_EQ(code, "ISR");
    CHECK_INT_EQ(stem, 0); /* the stem itself is a whole-word match */
    CHECK_INT_EQ(S_actor_at(d, "Jordan", 0, 0, code, sizeof code, &stem), 1);
    CHECK_STR_EQ(code, "JOR");
    CHECK_INT_EQ(S_actor_at(d, "Jordanian", 0, 0, code, sizeof code, &stem), 0);
    CHECK_CODE(d, "the Israelis", NULL, "ISR");
    CHECK_CODE(d, "Jordanians", NULL, "");
    sr_dict_stats st;
    sr_dict_get_stats(d, &st);
    CHECK(st.stem_words >= 8);
    sitrep_dict_free(d);

    /* The same text as a PETRARCH file (.txt): whole words only, as in
     * PETRARCH, which does no stemming. */
    d = S_load_text("invented.actors.txt", S_tabari_actors, -1);
    CHECK_INT_EQ(S_actor_at(d, "Israelis", 0, 0, code, sizeof code, &stem), 0);
    CHECK_INT_EQ(S_actor_at(d, "Israel", 0, 0, code, sizeof code, &stem), 1);
    CHECK_STR_EQ(code, "ISR");
    sr_dict_get_stats(d, &st);
    CHECK_INT_EQ(st.stem_words, 0);
    sitrep_dict_free(d);
}

TEST(dict_tabari_multiword_stems_and_dates) {
    sitrep_dict *d = S_load_text("invented.actors", S_tabari_actors, -1);
    char code[32];
    unsigned stem;
    /* last word a stem; the words joined by '_' are whole words */
    CHECK_INT_EQ(S_actor_at(d, "Israeli Defenses", 0, 0, code, sizeof code, &stem), 2);
    CHECK_STR_EQ(code, "ISRMIL");
    CHECK_INT_EQ(stem, 1);
    CHECK_INT_EQ(S_actor_at(d, "Israelis Defense", 0, 0, code, sizeof code, &stem), 1);
    CHECK_STR_EQ(code, "ISR"); /* "ISRAELI_" is whole: no 2-word match */
    /* a dated entry written as a stem keeps its date restrictions */
    CHECK_INT_EQ(S_actor_at(d, "Benjamin Netanyahu", 0, 19970101, code, sizeof code, &stem), 2);
    CHECK_STR_EQ(code, "ISRGOV");
    CHECK_INT_EQ(stem, 1);
    CHECK_INT_EQ(S_actor_at(d, "Benjamin Netanyahu", 0, 19900101, code, sizeof code, &stem), 2);
    CHECK_STR_EQ(code, "ISRELI");
    CHECK_CODE(d, "Benjamin Netanyahu's", "1998-05-01", "ISRGOV");
    sitrep_dict_free(d);
}

TEST(dict_tabari_stem_not_inside_words) {
    sitrep_dict *d = S_load_text("invented.actors", S_tabari_actors, -1);
    char code[32];
    unsigned stem;
    /* "RAEL" is a stem: it must not match in the middle of "Israel" ... */
    CHECK_INT_EQ(S_actor_at(d, "Israel", 0, 0, code, sizeof code, &stem), 1);
    CHECK_STR_EQ(code, "ISR");
    /* ... nor "ISRAEL" after a letter, nor a stem longer than the word */
    CHECK_INT_EQ(S_actor_at(d, "Bisraeli", 0, 0, code, sizeof code, &stem), 0);
    CHECK_INT_EQ(S_actor_at(d, "Isra", 0, 0, code, sizeof code, &stem), 0);
    CHECK_INT_EQ(S_actor_at(d, "Rus", 0, 0, code, sizeof code, &stem), 0);
    /* a stem matches at the start of a word only, so "Raelians" does */
    CHECK_INT_EQ(S_actor_at(d, "Raelians", 0, 0, code, sizeof code, &stem), 1);
    CHECK_STR_EQ(code, "RAE");
    /* stems never show up as word ids for the coder's candidate lists */
    sr_arena ar;
    sr_arena_init(&ar, 0);
    sr_token *t;
    size_t n = sr_dict_tokenize("Israelis", &ar, &t);
    uint32_t w[8];
    uint8_t nt[8];
    CHECK_INT_EQ(sr_dict_token_cands(d, t, n, 0, w, nt, 8), 0);
    n = sr_dict_tokenize("Israel", &ar, &t);
    CHECK_INT_EQ(sr_dict_token_cands(d, t, n, 0, w, nt, 8), 1);
    CHECK(w[0] < sr_dict_nwords(d));
    sr_arena_free(&ar);
    sitrep_dict_free(d);
}

TEST(dict_tabari_longest_match_precedence) {
    sitrep_dict *d = S_load_text("invented.actors", S_tabari_actors, -1);
    char code[32];
    unsigned stem;
    /* more tokens win: the whole-word pair beats the one-word stem */
    CHECK_INT_EQ(S_actor_at(d, "North Korea", 0, 0, code, sizeof code, &stem), 2);
    CHECK_STR_EQ(code, "PRK");
    CHECK_INT_EQ(stem, 0);
    /* "NORTH_KOREA_" needs the whole word: "Koreans" leaves the stem */
    CHECK_INT_EQ(S_actor_at(d, "North Koreans", 0, 0, code, sizeof code, &stem), 1);
    CHECK_STR_EQ(code, "NTH");
    CHECK_INT_EQ(S_actor_at(d, "North Koreans", 1, 0, code, sizeof code, &stem), 1);
    CHECK_STR_EQ(code, "KOR");
    /* same length: the whole-word entry beats the stem ... */
    CHECK_INT_EQ(S_actor_at(d, "Israeli", 0, 0, code, sizeof code, &stem), 1);
    CHECK_STR_EQ(code, "ISRPPL");
    CHECK_INT_EQ(stem, 0);
    /* ... and a longer stem a shorter one, whatever the file order */
    CHECK_INT_EQ(S_actor_at(d, "Russians", 0, 0, code, sizeof code, &stem), 1);
    CHECK_STR_EQ(code, "RUS");
    CHECK_INT_EQ(S_actor_at(d, "Russky", 0, 0, code, sizeof code, &stem), 1);
    CHECK_STR_EQ(code, "RUSX");
    sitrep_dict_free(d);
}

TEST(dict_tabari_stems_agents_verbs_lookup) {
    sitrep_dict *d = S_load_text("invented.agents",
                                 "MINISTRY_ [~GOV]\n"
                                 "SOLDIER [~MIL]\n", -1);
    sr_arena ar;
    sr_arena_init(&ar, 0);
    sr_token *t;
    sr_agent_hit gh;
    size_t n = sr_dict_tokenize("soldiery ministries ministrys", &ar, &t);
    CHECK_INT_EQ(sr_dict_match_agent(d, t, n, 0, &gh), 1);
    CHECK_STR_EQ(gh.entry ? gh.entry->code : "", "MIL");
    CHECK_INT_EQ(gh.stem, 1);
    CHECK_INT_EQ(sr_dict_match_agent(d, t, n, 1, &gh), 1); /* whole-word plural */
    CHECK_STR_EQ(gh.entry ? gh.entry->code : "", "GOV");
    CHECK_INT_EQ(sr_dict_match_agent(d, t, n, 2, &gh), 0);
    /* lookup marks a stem match in a last column */
    sitrep_error err;
    char *res = sitrep_dict_lookup(d, "soldiery", NULL, &err);
    CHECK(res && strstr(res, "\tstem\n") != NULL);
    free(res);
    res = sitrep_dict_lookup(d, "ministry", NULL, &err);
    CHECK(res && strstr(res, "stem") == NULL);
    free(res);
    sitrep_dict_free(d);

    d = S_load_text("invented.verbs",
                    "--- DENOUNCE [122] ---\n"
                    "DENOUNC\n"
                    "SCOLD_ [121]\n", -1);
    sr_verb_hit vh;
    n = sr_dict_tokenize("they denounced and scolded", &ar, &t);
    CHECK(sr_dict_match_verb(d, t, n, 1, &vh)); /* generated DENOUNCED */
    CHECK_STR_EQ(vh.verb ? vh.verb->primary : "", "DENOUNC");
    CHECK_INT_EQ(vh.stem, 0);
    CHECK(sr_dict_match_verb(d, t, n, 3, &vh)); /* generated -ED form */
    CHECK_STR_EQ(vh.verb ? vh.verb->code : "", "121");
    n = sr_dict_tokenize("they denouncements scoldingly", &ar, &t);
    CHECK(sr_dict_match_verb(d, t, n, 1, &vh)); /* only the stem covers it */
    CHECK_STR_EQ(vh.verb ? vh.verb->primary : "", "DENOUNC");
    CHECK_INT_EQ(vh.stem, 1);
    CHECK(!sr_dict_match_verb(d, t, n, 2, &vh)); /* SCOLD_ is whole */
    sr_arena_free(&ar);
    sitrep_dict_free(d);
}

TEST(dict_tabari_stem_modes) {
    CHECK_INT_EQ(sr_dict_tabari_name("x/CAMEO.091003.master.verbs"), 1);
    CHECK_INT_EQ(sr_dict_tabari_name("Levant.ACTORS"), 1);
    CHECK_INT_EQ(sr_dict_tabari_name("a.agents"), 1);
    CHECK_INT_EQ(sr_dict_tabari_name("Phoenix.agents.txt"), 0);
    CHECK_INT_EQ(sr_dict_tabari_name("actors"), 0);
    CHECK_INT_EQ(sr_dict_stem_mode_parse("ON"), SR_STEMS_ON);
    CHECK_INT_EQ(sr_dict_stem_mode_parse("off"), SR_STEMS_OFF);
    CHECK_INT_EQ(sr_dict_stem_mode_parse("auto"), SR_STEMS_AUTO);
    CHECK_INT_EQ(sr_dict_stem_mode_parse("yes"), -1);
    char code[32];
    unsigned stem;
    /* on: a .txt file gets stems; off: a .actors file does not */
    sitrep_dict *d = S_load_text("invented.actors.txt", S_tabari_actors, SR_STEMS_ON);
    CHECK_INT_EQ(S_actor_at(d, "Israelis", 0, 0, code, sizeof code, &stem), 1);
    CHECK_INT_EQ(sr_dict_stems(d, SR_STEMS_OFF), SR_STEMS_ON);
    CHECK_INT_EQ(sr_dict_stems(d, 7), SR_STEMS_OFF); /* out of range: unchanged */
    sitrep_dict_free(d);
    d = S_load_text("invented.actors", S_tabari_actors, SR_STEMS_OFF);
    CHECK_INT_EQ(S_actor_at(d, "Israelis", 0, 0, code, sizeof code, &stem), 0);
    sitrep_dict_free(d);
}

TEST(dict_tabari_stems_bound_cache_matches_unbound) {
    sitrep_dict *d = S_load_text("invented.actors", S_tabari_actors, -1);
    sr_arena ar;
    sr_arena_init(&ar, 0);
    sr_token *t;
    size_t n = sr_dict_tokenize("North Koreans told Israelis and Russians that Israeli "
                                "Defenses and Benjamin Netanyahu's Israel", &ar, &t);
    sr_actor_hit pa[32], ba[32];
    size_t pn[32], bn[32];
    for (size_t i = 0; i < n && i < 32; i++) pn[i] = sr_dict_match_actor(d, t, n, i, 0, &pa[i]);
    int h = sr_dict_bind_tokens(d, t, n, &ar);
    CHECK(h >= 0);
    for (size_t i = 0; i < n && i < 32; i++) bn[i] = sr_dict_match_actor(d, t, n, i, 0, &ba[i]);
    sr_dict_unbind_tokens(h);
    size_t stems = 0;
    for (size_t i = 0; i < n && i < 32; i++) {
        CHECK_INT_EQ(bn[i], pn[i]);
        CHECK(ba[i].entry == pa[i].entry);
        CHECK_INT_EQ(ba[i].stem, pa[i].stem);
        stems += pa[i].stem;
    }
    CHECK(stems >= 4);
    sr_arena_free(&ar);
    sitrep_dict_free(d);
}
