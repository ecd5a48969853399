/* test_parse.c - CoNLL-U reader/writer, XPOS table, model file checks,
 * training determinism, linear-time parsing and robustness. Uses only
 * tests/data (a tiny model is trained here from tests/data/parse_train.conllu). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include "harness.h"
#include "io/source.h"
#include "parse/clusters.h"
#include "parse/conllu.h"
#include "parse/memo.h"
#include "parse/parser.h"
#include "parse/percep.h"
#include "parse/sbd.h"
#include "parse/tagger.h"
#include "parse/ud.h"
#include "sitrep.h"
#include "text/article.h"
#include "text/sentences.h"

typedef struct {
    sitrep_article *a[8];
    const char **ids[8];
    size_t n;
} S_docs;

static int S_keep(void *ctx, sr_conllu_doc *d) {
    S_docs *ds = ctx;
    if (ds->n == 8) { sitrep_article_free(d->article); return 1; }
    ds->ids[ds->n] = d->sent_ids;
    ds->a[ds->n++] = d->article;
    return 0;
}

static void S_free_docs(S_docs *ds) {
    for (size_t i = 0; i < ds->n; i++) sitrep_article_free(ds->a[i]);
    ds->n = 0;
}

static const char S_doc1[] =
    "# newdoc id = d1\n"
    "# sent_id = s1\n"
    "# text = They didn't go.\n"
    "1\tThey\tthey\tPRON\tPRP\tNumber=Plur\t4\tnsubj\t_\t_\n"
    "2-3\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "2\tdid\tdo\tAUX\tVBD\tMood=Ind|Tense=Past|VerbForm=Fin\t4\taux\t_\t_\n"
    "3\tn't\tnot\tPART\tRB\tPolarity=Neg\t4\tadvmod\t_\t_\n"
    "4\tgo\tgo\tVERB\tVB\tVerbForm=Inf\t0\troot\t_\tSpaceAfter=No\n"
    "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n"
    "\n"
    "# sent_id = s2\n"
    "1\tRain\train\tNOUN\tNN\tNumber=Sing\t2\tnsubj\t_\t_\n"
    "2\tfell\tfall\tVERB\tVBD\tMood=Ind|Tense=Past|VerbForm=Fin\t0\troot\t_\t_\n"
    "2.1\tx\tx\tX\tXX\t_\t_\t_\t_\t_\n"
    "\n"
    "# newdoc id = d2\n"
    "# text = Hi!\n"
    "1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\tSpaceAfter=No\n"
    "2\t!\t!\tPUNCT\t.\t_\t1\tpunct\t_\t_\n";

TEST(parse_xpos_table_round_trips) {
    for (unsigned i = 1; i < SR_XPOS_COUNT; i++) {
        const char *n = sr_xpos_name(i);
        CHECK_INT_EQ(sr_xpos_from_name(n, strlen(n)), i);
    }
    CHECK_STR_EQ(sr_xpos_name(SR_XPOS_PRPS), "PRP$");
    CHECK_STR_EQ(sr_xpos_name(SR_XPOS_LRB), "-LRB-");
    CHECK_STR_EQ(sr_xpos_name(9999), "_");
    CHECK_INT_EQ(sr_xpos_from_name("NNX", 3), 0);
}

TEST(parse_conllu_reads_documents_mwt_and_comments) {
    S_docs ds = {0};
    sitrep_error err = {0};
    CHECK_INT_EQ(sr_conllu_read(S_doc1, sizeof S_doc1 - 1, "t.conllu", 0, S_keep, &ds, &err), SITREP_OK);
    CHECK_INT_EQ(ds.n, 2);
    if (ds.n != 2) { S_free_docs(&ds); return; }
    sitrep_article *a = ds.a[0];
    CHECK_STR_EQ(a->id, "d1");
    CHECK_INT_EQ(a->nsents, 2);
    CHECK_INT_EQ(a->ntokens, 7); /* empty node 2.1 skipped */
    CHECK_STR_EQ(ds.ids[0][0], "s1");
    CHECK_STR_EQ(ds.ids[0][1], "s2");
    /* text rebuilt: "# text" for s1, forms for s2 */
    CHECK_STR_EQ(a->text, "They didn't go. Rain fell");
    const sr_token *t = a->tokens;
    CHECK_SPAN_EQ(t[1].form, t[1].form_len, "did");
    CHECK_SPAN_EQ(t[2].form, t[2].form_len, "n't");
    CHECK_INT_EQ(t[1].start, 5); /* both words span "didn't" */
    CHECK_INT_EQ(t[2].end, 11);
    CHECK_STR_EQ(t[2].lemma, "not");
    CHECK_INT_EQ(t[2].feats & SR_FEAT_POLARITY_NEG, SR_FEAT_POLARITY_NEG);
    CHECK_INT_EQ(t[3].upos, SR_UPOS_VERB);
    CHECK_INT_EQ(t[3].xpos, SR_XPOS_VB);
    CHECK_INT_EQ(t[3].head, 0);
    CHECK_INT_EQ(t[3].deprel, SR_DEP_ROOT);
    CHECK_INT_EQ(t[0].head, 4);
    CHECK(!(t[3].flags & SR_TOK_SPACE_AFTER));
    CHECK(t[0].flags & SR_TOK_SPACE_AFTER);
    CHECK(t[0].form >= a->text && t[0].form < a->text + a->len); /* form points into text */
    CHECK_SPAN_EQ(a->text + a->sents[1].start, a->sents[1].end - a->sents[1].start, "Rain fell");
    CHECK_INT_EQ(a->analyzed, 1);
    CHECK_STR_EQ(ds.a[1]->id, "d2");
    CHECK_STR_EQ(ds.a[1]->text, "Hi!");
    S_free_docs(&ds);
}

TEST(parse_conllu_write_round_trips) {
    S_docs ds = {0};
    sitrep_error err = {0};
    CHECK_INT_EQ(sr_conllu_read(S_doc1, sizeof S_doc1 - 1, NULL, 0, S_keep, &ds, &err), SITREP_OK);
    sr_buf out = SR_BUF_INIT;
    for (size_t i = 0; i < ds.n; i++) CHECK_INT_EQ(sr_conllu_write(&out, ds.a[i], ds.ids[i]), 0);
    CHECK(strstr(out.data, "2-3\tdidn't\t") != NULL);
    CHECK(strstr(out.data, "# sent_id = s2\n# text = Rain fell\n") != NULL);
    CHECK(strstr(out.data, "4\tgo\tgo\tVERB\tVB\tVerbForm=Inf\t0\troot\t_\tSpaceAfter=No\n") != NULL);
    /* read back and write again: identical */
    S_docs d2 = {0};
    CHECK_INT_EQ(sr_conllu_read(out.data, out.len, NULL, 0, S_keep, &d2, &err), SITREP_OK);
    sr_buf out2 = SR_BUF_INIT;
    for (size_t i = 0; i < d2.n; i++) sr_conllu_write(&out2, d2.a[i], d2.ids[i]);
    CHECK_STR_EQ(out.data, out2.data);
    sr_buf_free(&out);
    sr_buf_free(&out2);
    S_free_docs(&ds);
    S_free_docs(&d2);
}

static sitrep_status S_read_err(const char *s, sitrep_error *err) {
    S_docs ds = {0};
    memset(err, 0, sizeof *err);
    sitrep_status st = sr_conllu_read(s, strlen(s), "bad.conllu", 0, S_keep, &ds, err);
    S_free_docs(&ds);
    return st;
}

/* Quotation marks read from CoNLL-U get the tokenizer's SR_TOK_QUOTE flag
 * (the coder finds quoted speech by it); a lone ' (often a possessive) and
 * words do not. */
TEST(parse_conllu_flags_quotation_marks) {
    const char *s = "1\t\"\t\"\tPUNCT\t``\t_\t2\tpunct\t_\t_\n"
                    "2\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n"
                    "3\t\xE2\x80\x9D\t\xE2\x80\x9D\tPUNCT\t''\t_\t2\tpunct\t_\t_\n"
                    "4\t'\t'\tPART\tPOS\t_\t2\tcase\t_\t_\n\n";
    S_docs ds = {0};
    sitrep_error err = {0};
    CHECK_INT_EQ(sr_conllu_read(s, strlen(s), "q.conllu", 0, S_keep, &ds, &err), SITREP_OK);
    CHECK_INT_EQ(ds.n, 1);
    if (ds.n == 1 && ds.a[0]->ntokens == 4) {
        const sr_token *t = ds.a[0]->tokens;
        CHECK((t[0].flags & SR_TOK_QUOTE) != 0);
        CHECK((t[1].flags & SR_TOK_QUOTE) == 0);
        CHECK((t[2].flags & SR_TOK_QUOTE) != 0);
        CHECK((t[3].flags & SR_TOK_QUOTE) == 0);
    } else {
        CHECK(0);
    }
    S_free_docs(&ds);
}

TEST(parse_conllu_errors_have_positions) {
    sitrep_error err;
    CHECK_INT_EQ(S_read_err("1\tA\ta\tX\tXX\t_\t0\troot\t_\n", &err), SITREP_E_SYNTAX);
    CHECK_INT_EQ(err.line, 1);
    CHECK(strstr(err.msg, "10 tab-separated") != NULL);
    CHECK_STR_EQ(err.file, "bad.conllu");
    CHECK_INT_EQ(S_read_err("# c\n1\tA\ta\tX\tXX\t_\t5\troot\t_\t_\n", &err), SITREP_E_SYNTAX);
    CHECK_INT_EQ(err.line, 2);
    CHECK_INT_EQ(err.col, 14); /* the HEAD column */
    CHECK_INT_EQ(S_read_err("2\tA\ta\tX\tXX\t_\t0\troot\t_\t_\n", &err), SITREP_E_SYNTAX);
    CHECK(strstr(err.msg, "expected word ID 1") != NULL);
    CHECK_INT_EQ(S_read_err("1\tA\ta\tX\tXX\t_\tq\troot\t_\t_\n", &err), SITREP_E_SYNTAX);
    CHECK_INT_EQ(S_read_err("1-x\tA\t_\t_\t_\t_\t_\t_\t_\t_\n", &err), SITREP_E_SYNTAX);
    CHECK_INT_EQ(S_read_err("1\t\ta\tX\tXX\t_\t0\troot\t_\t_\n", &err), SITREP_E_SYNTAX);
    CHECK_INT_EQ(err.col, 3);
    CHECK_INT_EQ(S_read_err("1\tA\ta\tX\tXX\t_\t1\troot\t_\t_\n", &err), SITREP_E_SYNTAX);
    /* CRLF, BOM, lenient labels are fine */
    CHECK_INT_EQ(S_read_err("\xEF\xBB\xBF# text = A\r\n1\tA\ta\tFOO\tBAR\t_\t0\tnsubj:xyz\t_\t_\r\n\r\n", &err), SITREP_OK);
    CHECK_INT_EQ(S_read_err("", &err), SITREP_OK);
    /* a multiword range whose words never came must not leak into the
     * next sentence (found by fuzzing) */
    CHECK_INT_EQ(S_read_err("1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n# x\n\n1\tdo\tdo\tAUX\tVBP\t_\t0\troot\t_\t_\n", &err),
                 SITREP_OK);
}

/* ------------------------------------------------------------ models */

static char S_dir[64];
static char S_tagger[96], S_parser[96];
/* buf (an array) = S_dir/name */
#define S_PATH(buf, name) snprintf(buf, sizeof buf, "%s/%s", S_dir, name)

/* Training options on tests/data/parse_train.conllu, the rest 0. */
static sitrep_train_opts S_train_opts(int epochs, uint64_t seed) {
    sitrep_train_opts o;
    memset(&o, 0, sizeof o);
    o.train_path = TEST_DATA("parse_train.conllu");
    o.epochs = epochs;
    o.seed = seed;
    return o;
}

static int S_train_tiny(uint64_t seed, uint32_t *tcrc, uint32_t *pcrc) {
    if (!S_dir[0]) {
        snprintf(S_dir, sizeof S_dir, "/tmp/sitrep-test-parse-XXXXXX");
        if (!mkdtemp(S_dir)) return -1;
        S_PATH(S_tagger, "t.tagger");
        S_PATH(S_parser, "t.parser");
    }
    sitrep_train_opts o = {0};
    o.train_path = TEST_DATA("parse_train.conllu");
    o.epochs = 3;
    o.seed = seed;
    sitrep_error err = {0};
    char msg[800];
    if (sitrep_train("tagger", &o, S_tagger, tcrc, &err)) {
        fprintf(stderr, "train tagger: %s\n", sitrep_error_format(&err, msg, sizeof msg));
        return -1;
    }
    o.tagger_path = S_tagger;
    o.jackknife = 2;
    o.tagger_epochs = 2;
    if (sitrep_train("parser", &o, S_parser, pcrc, &err)) {
        fprintf(stderr, "train parser: %s\n", sitrep_error_format(&err, msg, sizeof msg));
        return -1;
    }
    return 0;
}

static sitrep_model *S_tiny(void) {
    static int trained;
    if (!trained) {
        uint32_t a, b;
        if (S_train_tiny(7, &a, &b)) return NULL;
        trained = 1;
    }
    sitrep_error err = {0};
    return sitrep_model_load(S_tagger, &err);
}

TEST(parse_training_is_deterministic) {
    uint32_t t1, p1, t2, p2, t3, p3;
    CHECK_INT_EQ(S_train_tiny(42, &t1, &p1), 0);
    CHECK_INT_EQ(S_train_tiny(42, &t2, &p2), 0);
    CHECK_INT_EQ(t1, t2);
    CHECK_INT_EQ(p1, p2);
    CHECK_INT_EQ(S_train_tiny(43, &t3, &p3), 0);
    CHECK(p3 != p1); /* the seed matters */
}

/* Tagger ensembles and jackknifed lexicons (sitrep train tagger
 * --ensemble N --lexicon-folds K) are deterministic, change the model, and
 * the ensemble's model tags as well as a single run on its training data. */
TEST(parse_tagger_ensemble_deterministic) {
    char p1[128], p2[128], p3[128];
    sitrep_model *mt = S_tiny(); /* makes S_dir */
    CHECK(mt != NULL);
    sitrep_model_free(mt);
    S_PATH(p1, "e1.tagger");
    S_PATH(p2, "e2.tagger");
    S_PATH(p3, "e3.tagger");
    sitrep_train_opts o = {0};
    o.train_path = TEST_DATA("parse_train.conllu");
    o.dev_path = TEST_DATA("parse_train.conllu");
    o.epochs = 3;
    o.seed = 9;
    sitrep_error err = {0};
    uint32_t c1 = 0, c2 = 0, c3 = 0, c0 = 0;
    CHECK_INT_EQ(sitrep_train("tagger", &o, p3, &c0, &err), SITREP_OK);
    o.tagger_ensemble = 3;
    o.tagger_lex_folds = 4;
    CHECK_INT_EQ(sitrep_train("tagger", &o, p1, &c1, &err), SITREP_OK);
    CHECK_INT_EQ(sitrep_train("tagger", &o, p2, &c2, &err), SITREP_OK);
    CHECK_INT_EQ(c1, c2);
    CHECK(c1 != c0);
    o.tagger_lex_folds = 0;
    CHECK_INT_EQ(sitrep_train("tagger", &o, p2, &c3, &err), SITREP_OK);
    CHECK(c3 != c1 && c3 != c0);
    /* the ensemble tags its own training sentences (nearly) right */
    sitrep_model *m = sitrep_model_load(p1, &err);
    CHECK(m != NULL);
    if (!m) return;
    const char *txt = "The minister met the ambassador in the capital on Monday.";
    sitrep_article *a = sitrep_article_new(NULL, txt, strlen(txt), &err);
    CHECK_INT_EQ(sitrep_article_analyze(a, m, &err), SITREP_OK);
    sitrep_token tk;
    CHECK_INT_EQ(sitrep_article_token(a, 0, 0, &tk), 0);
    CHECK_STR_EQ(tk.upos, "DET");
    CHECK_INT_EQ(sitrep_article_token(a, 0, 2, &tk), 0);
    CHECK_STR_EQ(tk.upos, "VERB");
    sitrep_article_free(a);
    sitrep_model_free(m);
}

/* Options for training a parser on the small test treebank, tagged by
 * the tiny tagger of S_tiny (made in S_dir if needed): 2 epochs, seed 7.
 * 0, or -1 when the tagger could not be made. */
static int S_small_parser_opts(sitrep_train_opts *o) {
    sitrep_model *mt = S_tiny();
    if (!mt) return -1;
    sitrep_model_free(mt);
    memset(o, 0, sizeof *o);
    o->train_path = TEST_DATA("parse_train.conllu");
    o->tagger_path = S_tagger;
    o->epochs = 2;
    o->seed = 7;
    return 0;
}

/* Parser ensembles (--parser-ensemble N) are deterministic and differ
 * from one run; --base-features writes a model without the extension
 * templates (fx 0), which parses through the same code paths. */
TEST(parse_parser_ensemble_and_feature_sets) {
    sitrep_train_opts o;
    CHECK(S_small_parser_opts(&o) == 0);
    char p1[128], p2[128], p3[128];
    S_PATH(p1, "pe1.parser");
    S_PATH(p2, "pe2.parser");
    S_PATH(p3, "pb.parser");
    sitrep_error err = {0};
    uint32_t c1 = 0, c2 = 0, c0 = 0;
    o.parser_ensemble = 3;
    CHECK_INT_EQ(sitrep_train("parser", &o, p1, &c1, &err), SITREP_OK);
    CHECK_INT_EQ(sitrep_train("parser", &o, p2, &c2, &err), SITREP_OK);
    CHECK_INT_EQ(c1, c2);
    o.parser_ensemble = 0;
    o.parser_base_features = 1;
    CHECK_INT_EQ(sitrep_train("parser", &o, p3, &c0, &err), SITREP_OK);
    CHECK(c0 != c1);
    sr_mfile f1, f3;
    sr_parser q1, q3;
    CHECK_INT_EQ(sr_mfile_load(&f1, p1, &err), SITREP_OK);
    CHECK_INT_EQ(sr_mfile_load(&f3, p3, &err), SITREP_OK);
    CHECK_INT_EQ(sr_parser_from(&q1, &f1), 0);
    CHECK_INT_EQ(sr_parser_from(&q3, &f3), 0);
    CHECK_INT_EQ(q1.fx, SR_PFX_TEMPLATES | SR_PFX_KEYS2); /* no clusters: its tagger has none */
    CHECK_INT_EQ(q3.fx, SR_PFX_KEYS2); /* no templates, today's keys */
    sr_mfile_free(&f1);
    sr_mfile_free(&f3);
}

/* Features of the transition table in a parser model file. */
static size_t S_trans_features(const char *path) {
    sr_mfile f;
    sr_parser q;
    sitrep_error err = {0};
    if (sr_mfile_load(&f, path, &err)) return (size_t)-1;
    size_t n = (size_t)-1;
    if (sr_parser_from(&q, &f) == 0) {
        n = 0;
        for (size_t i = 0; i <= q.trans.mask; i++) n += q.trans.slots[i].fp != 0;
    }
    sr_mfile_free(&f);
    return n;
}

/* --prune N (parser_prune) leaves out the features updated fewer than N
 * times in all runs: a cut of 1 keeps more than the default, which is 3
 * per run (also for an ensemble, whose runs' counts are summed), and a
 * cut no feature reaches keeps none. */
TEST(parse_parser_prune) {
    sitrep_train_opts o;
    CHECK(S_small_parser_opts(&o) == 0);
    char p1[128], p3[128], pb[128], e2[128], e3[128];
    S_PATH(p1, "pr1.parser");
    S_PATH(p3, "pr3.parser");
    S_PATH(pb, "prb.parser");
    S_PATH(e2, "pre2.parser");
    S_PATH(e3, "pre3.parser");
    sitrep_error err = {0};
    uint32_t c = 0, cd = 0, c3 = 0;
    o.parser_prune = 1;
    CHECK_INT_EQ(sitrep_train("parser", &o, p1, &c, &err), SITREP_OK);
    o.parser_prune = 0;
    CHECK_INT_EQ(sitrep_train("parser", &o, p3, &cd, &err), SITREP_OK);
    o.parser_prune = 3;
    CHECK_INT_EQ(sitrep_train("parser", &o, pb, &c3, &err), SITREP_OK);
    CHECK_INT_EQ(cd, c3); /* the default of one run is 3 */
    size_t n1 = S_trans_features(p1), n3 = S_trans_features(p3);
    CHECK(n3 != (size_t)-1 && n1 != (size_t)-1);
    CHECK(n3 > 0);
    CHECK(n1 > n3);
    o.parser_prune = 100000;
    CHECK_INT_EQ(sitrep_train("parser", &o, pb, &c, &err), SITREP_OK);
    CHECK_INT_EQ(S_trans_features(pb), 0);
    o.parser_ensemble = 2;
    o.parser_prune = 0;
    uint32_t ce = 0, c6 = 0;
    CHECK_INT_EQ(sitrep_train("parser", &o, e2, &ce, &err), SITREP_OK);
    o.parser_prune = 6;
    CHECK_INT_EQ(sitrep_train("parser", &o, pb, &c6, &err), SITREP_OK);
    CHECK_INT_EQ(ce, c6); /* 2 runs: 3 x 2 */
    o.parser_prune = 4;
    CHECK_INT_EQ(sitrep_train("parser", &o, e3, &c, &err), SITREP_OK);
    CHECK(S_trans_features(e3) > S_trans_features(e2));
    /* --max-features N: the cut rises until at most N are left, and no
     * further (a bound above the default's count changes nothing) */
    o.parser_ensemble = 0;
    o.parser_prune = 1;
    size_t half = n1 / 2;
    o.parser_max_features = (long)half;
    CHECK_INT_EQ(sitrep_train("parser", &o, pb, &c, &err), SITREP_OK);
    size_t nm = S_trans_features(pb);
    CHECK(nm <= half);
    CHECK(nm > half / 4);
    o.parser_max_features = (long)n1 + 10;
    uint32_t cm = 0, c1 = 0;
    CHECK_INT_EQ(sitrep_train("parser", &o, pb, &cm, &err), SITREP_OK);
    o.parser_max_features = 0;
    CHECK_INT_EQ(sitrep_train("parser", &o, pb, &c1, &err), SITREP_OK);
    CHECK_INT_EQ(cm, c1);
}

/* Writes to `path` the parser sections of f with meta[idx] set to value,
 * and returns the code with which sitrep_model_load refuses the file
 * (SITREP_OK if it loads); err gets the message. */
static sitrep_status S_patched_parser(const sr_mfile *f, int idx, float value, const char *path, sitrep_error *err) {
    static const uint32_t tags[] = {SR_TAG('P', 'T', 'S', 'L'), SR_TAG('P', 'L', 'S', 'L'),
                                    SR_TAG('P', 'L', 'C', 'L'), SR_TAG('P', 'M', 'E', 'T')};
    sr_mbuild mb = {0};
    for (size_t i = 0; i < 4; i++) {
        size_t n = 0;
        const void *sec = sr_mfile_section(f, tags[i], &n);
        CHECK(sec != NULL);
        if (!sec) break;
        if (i == 3) {
            float meta[4];
            CHECK(n >= sizeof meta);
            memcpy(meta, sec, sizeof meta);
            meta[idx] = value;
            CHECK_INT_EQ(sr_mbuild_add(&mb, tags[i], meta, sizeof meta), 0);
        } else {
            CHECK_INT_EQ(sr_mbuild_add(&mb, tags[i], sec, n), 0);
        }
    }
    CHECK_INT_EQ(sr_mbuild_write(&mb, path, NULL, err), SITREP_OK);
    sr_mbuild_free(&mb);
    memset(err, 0, sizeof *err);
    sitrep_model *m = sitrep_model_load(path, err);
    sitrep_status st = m ? SITREP_OK : err->code;
    sitrep_model_free(m);
    return st;
}

/* A parser model naming feature templates this build does not know (as
 * one from a newer sitrep would) is refused with SITREP_E_VERSION and a
 * message that says so, not parsed with missing features. */
TEST(parse_model_with_unknown_templates_is_a_version_error) {
    sitrep_model *mt = S_tiny();
    CHECK(mt != NULL);
    sitrep_model_free(mt);
    sitrep_error err = {0};
    sr_mfile f;
    CHECK_INT_EQ(sr_mfile_load(&f, S_parser, &err), SITREP_OK);
    char path[128];
    for (int variant = 0; variant < 3; variant++) {
        /* 1.5: not an integer; ALL + 1: an unknown template; TEMPLATES: no
         * SR_PFX_KEYS2, i.e. a model of the old key scheme (as every model
         * before 2026-11-22) */
        float fx = variant == 0 ? 1.5f : variant == 1 ? (float)(SR_PFX_ALL + 1) : (float)SR_PFX_TEMPLATES;
        snprintf(path, sizeof path, "%s/fx%d.parser", S_dir, variant);
        sitrep_status st = S_patched_parser(&f, 2, fx, path, &err);
        if (variant == 1) {
            CHECK_INT_EQ(st, SITREP_E_VERSION);
            CHECK(strstr(err.msg, "feature templates") != NULL);
        } else if (variant == 2) {
            CHECK_INT_EQ(st, SITREP_E_VERSION);
            CHECK(strstr(err.msg, "retrain") != NULL);
        } else {
            CHECK_INT_EQ(st, SITREP_E_CORRUPT); /* not an integer */
        }
    }
    sr_mfile_free(&f);
}

static unsigned char *S_slurp(const char *path, size_t *n) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long sz = ftell(f);
    rewind(f);
    unsigned char *d = malloc((size_t)sz + 1);
    *n = fread(d, 1, (size_t)sz, f);
    fclose(f);
    return d;
}

static sitrep_status S_load_bytes(const unsigned char *d, size_t n, sitrep_error *err) {
    char p[128];
    S_PATH(p, "bad.model");
    FILE *f = fopen(p, "wb");
    fwrite(d, 1, n, f);
    fclose(f);
    memset(err, 0, sizeof *err);
    sitrep_model *m = sitrep_model_load(p, err);
    sitrep_model_free(m);
    return m ? SITREP_OK : err->code;
}

TEST(parse_model_file_errors) {
    sitrep_model *m = S_tiny();
    CHECK(m != NULL);
    sitrep_model_free(m);
    size_t n;
    unsigned char *d = S_slurp(S_tagger, &n);
    CHECK(d != NULL);
    if (!d) return;
    sitrep_error err;
    CHECK_INT_EQ(S_load_bytes(d, n, &err), SITREP_OK);
    CHECK_INT_EQ(S_load_bytes(d, n / 2, &err), SITREP_E_CORRUPT); /* truncated */
    CHECK(strstr(err.msg, "truncated") != NULL);
    CHECK_INT_EQ(S_load_bytes(d, 20, &err), SITREP_E_CORRUPT);
    d[n / 2] ^= 0x40; /* flipped bit */
    CHECK_INT_EQ(S_load_bytes(d, n, &err), SITREP_E_CORRUPT);
    CHECK(strstr(err.msg, "checksum") != NULL);
    d[n / 2] ^= 0x40;
    d[8] = 99; /* version */
    CHECK_INT_EQ(S_load_bytes(d, n, &err), SITREP_E_VERSION);
    d[8] = 1;
    d[0] = 'X'; /* magic */
    CHECK_INT_EQ(S_load_bytes(d, n, &err), SITREP_E_FORMAT);
    CHECK_INT_EQ(S_load_bytes((const unsigned char *)"hello", 5, &err), SITREP_E_FORMAT);
    free(d);
    memset(&err, 0, sizeof err);
    CHECK(sitrep_model_load("/nonexistent/x.tagger", &err) == NULL);
    CHECK_INT_EQ(err.code, SITREP_E_IO);
}

static void S_check_tree(const sitrep_article *a) {
    for (size_t s = 0; s < a->nsents; s++) {
        const sr_sentence *se = &a->sents[s];
        int roots = 0;
        for (size_t i = 0; i < se->ntok; i++) {
            const sr_token *t = &a->tokens[se->first + i];
            CHECK(t->head >= 0 && t->head <= (int)se->ntok && t->head != (int)i + 1);
            CHECK(t->upos > 0 && t->deprel > 0 && t->lemma && t->lemma[0]);
            roots += t->head == 0;
        }
        if (se->ntok) CHECK_INT_EQ(roots, 1);
    }
}

/* The model at path loads and gives every sentence of txt a tree. */
static void S_loads_and_parses(const char *path, const char *txt) {
    sitrep_error err = {0};
    sitrep_model *m = sitrep_model_load(path, &err);
    CHECK(m != NULL);
    if (!m) return;
    sitrep_article *a = sitrep_article_new(NULL, txt, strlen(txt), &err);
    CHECK_INT_EQ(sitrep_article_analyze(a, m, &err), SITREP_OK);
    S_check_tree(a);
    sitrep_article_free(a);
    sitrep_model_free(m);
}

TEST(parse_long_sentence_is_linear) {
    sitrep_model *m = S_tiny();
    CHECK(m != NULL);
    if (!m) return;
    /* one 1000-word sentence from CoNLL-U (the text layer would cut it) */
    sr_buf b = SR_BUF_INIT;
    for (int i = 1; i <= 1000; i++)
        sr_buf_printf(&b, "%d\t%s\t_\t_\t_\t_\t_\t_\t_\t_\n", i, i % 7 == 0 ? "," : i % 3 ? "word" : "the");
    S_docs ds = {0};
    sitrep_error err = {0};
    CHECK_INT_EQ(sr_conllu_read(b.data, b.len, NULL, 0, S_keep, &ds, &err), SITREP_OK);
    CHECK_INT_EQ(ds.n, 1);
    sitrep_article *a = ds.a[0];
    CHECK_INT_EQ(a->ntokens, 1000);
    CHECK_INT_EQ(sitrep_article_analyze(a, m, &err), SITREP_OK);
    S_check_tree(a);
    /* count transitions directly: exactly 2n */
    sr_mfile f;
    CHECK_INT_EQ(sr_mfile_load(&f, S_parser, &err), SITREP_OK);
    sr_parser p;
    CHECK_INT_EQ(sr_parser_from(&p, &f), 0);
    uint64_t *w = calloc(1000, sizeof *w);
    uint32_t *t = calloc(1000, sizeof *t);
    int16_t *h = calloc(1000, sizeof *h);
    uint8_t *l = calloc(1000, 1);
    sr_scratch sc = {0};
    size_t nt = 0;
    for (int i = 0; i < 1000; i++) w[i] = sr_word_hash("word", 4);
    CHECK_INT_EQ(sr_parser_parse(&p, 1000, w, t, h, l, &sc, &nt), 0);
    CHECK_INT_EQ(nt, 2000);
    free(w); free(t); free(h); free(l);
    sr_scratch_free(&sc);
    sr_mfile_free(&f);
    sr_buf_free(&b);
    S_free_docs(&ds);
    sitrep_model_free(m);
}

TEST(parse_odd_text_never_crashes) {
    sitrep_model *m = S_tiny();
    CHECK(m != NULL);
    if (!m) return;
    static const char *texts[] = {
        "\xF0\x9F\x98\x80\xF0\x9F\x94\xA5 \xF0\x9F\x87\xBA\xF0\x9F\x87\xA6!!!",
        "\xD0\x9F\xD1\x83\xD1\x82\xD0\xB8\xD0\xBD \xE6\x99\xAE\xE4\xBA\xAC \xD8\xA8\xD9\x88\xD8\xAA\xD9\x8A\xD9\x86",
        "12 345 6.78 9,000 -1 +2 3/4 2025-03-14",
        "... ??? --- !!! ((( )))",
        "a",
        "",
        "\xFF\xFE broken \xC3 utf8",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        sitrep_error err = {0};
        sitrep_article *a = sitrep_article_new(NULL, texts[i], strlen(texts[i]), &err);
        CHECK(a != NULL);
        if (!a) continue;
        CHECK_INT_EQ(sitrep_article_analyze(a, m, &err), SITREP_OK);
        S_check_tree(a);
        sitrep_article_free(a);
    }
    sitrep_model_free(m);
}

TEST(parse_output_is_deterministic) {
    sitrep_model *m = S_tiny();
    CHECK(m != NULL);
    if (!m) return;
    const char *txt = "The minister met the envoy. Talks resumed on Monday in the capital.";
    sr_buf o[2] = {SR_BUF_INIT, SR_BUF_INIT};
    for (int k = 0; k < 2; k++) {
        sitrep_error err = {0};
        sitrep_article *a = sitrep_article_new(NULL, txt, strlen(txt), &err);
        CHECK(a != NULL);
        if (!a) break;
        CHECK_INT_EQ(sitrep_article_analyze(a, m, &err), SITREP_OK);
        CHECK_INT_EQ(sr_conllu_write(&o[k], a, NULL), 0);
        sitrep_article_free(a);
    }
    CHECK(o[0].data && o[1].data && o[0].len > 100);
    if (o[0].data && o[1].data) CHECK_STR_EQ(o[0].data, o[1].data);
    sr_buf_free(&o[0]);
    sr_buf_free(&o[1]);
    sitrep_model_free(m);
}

TEST(parse_public_token_view) {
    sitrep_model *m = S_tiny();
    if (!m) { CHECK(m != NULL); return; }
    const char *txt = "Soldiers fired.";
    sitrep_error err = {0};
    sitrep_article *a = sitrep_article_new(NULL, txt, strlen(txt), &err);
    CHECK_INT_EQ(sitrep_article_analyze(a, m, &err), SITREP_OK);
    sitrep_token tk;
    CHECK_INT_EQ(sitrep_article_token(a, 0, 0, &tk), 0);
    CHECK(tk.xpos[0] != '\0'); /* XPOS names reach the public view */
    CHECK(tk.upos[0] != '\0');
    CHECK(tk.lemma[0] != '\0');
    CHECK(tk.head >= 0);
    sitrep_article_free(a);
    sitrep_model_free(m);
}

/* Loads the tagger file tpath and the parser file ppath (the caller
 * frees tf and pf) and reads their sections into tg and p. */
static void S_open_pair(const char *tpath, const char *ppath, sr_mfile *tf, sr_mfile *pf, sr_tagger *tg,
                        sr_parser *p) {
    sitrep_error err = {0};
    CHECK_INT_EQ(sr_mfile_load(tf, tpath, &err), SITREP_OK);
    CHECK_INT_EQ(sr_mfile_load(pf, ppath, &err), SITREP_OK);
    CHECK_INT_EQ(sr_tagger_from(tg, tf), 0);
    CHECK_INT_EQ(sr_parser_from(p, pf), 0);
}

/* Every occupied slot i of a sparse table is hit by the key (fp << 32) | i
 * (home slot i, same fingerprint): scores must be equal with and without
 * the dense rows built at load time. */
static int S_same_scores(const sr_stab *a, const sr_stab *b, size_t nclass, size_t *hits) {
    size_t len = sr_stab_score_len(b, nclass);
    int32_t *x = calloc(len + 16, sizeof *x), *y = calloc(len + 16, sizeof *y);
    int same = x && y;
    for (size_t i = 0; same && i <= a->mask; i++) {
        if (!a->slots[i].fp) continue;
        uint64_t keys[3] = {(uint64_t)a->slots[i].fp << 32 | i, UINT64_C(0x123456789) * (i + 1), (uint64_t)a->slots[i].fp << 32 | ((i + 1) & a->mask)};
        memset(x, 0, len * sizeof *x);
        memset(y, 0, len * sizeof *y);
        sr_stab_score_many(a, keys, 3, x);
        sr_stab_score_many(b, keys, 3, y);
        for (size_t k = 0; k < 3; k++) sr_stab_score(b, keys[k], y);
        for (size_t k = 0; k < 3; k++) sr_stab_score(a, keys[k], x);
        same = memcmp(x, y, len * sizeof *x) == 0;
        (*hits)++;
    }
    free(x); free(y);
    return same;
}

TEST(parse_dense_rows_keep_scores) {
    sitrep_model *m = S_tiny();
    CHECK(m != NULL);
    if (!m) return;
    sitrep_model_free(m);
    sitrep_error err = {0};
    sr_mfile tf, pf;
    sr_tagger tg;
    sr_parser p;
    S_open_pair(S_tagger, S_parser, &tf, &pf, &tg, &p);
    for (unsigned min = 1; min <= 4; min += 3) {
        sr_stab tw = tg.w, lw = p.lab;
        CHECK_INT_EQ(sr_stab_densify(&tw, tg.nclass, min), 0);
        CHECK_INT_EQ(sr_stab_densify(&lw, SR_DEP_COUNT, min), 0);
        CHECK(tw.dense != NULL && lw.dense != NULL);
        CHECK(tw.slots != tg.w.slots); /* a private copy; the file is untouched */
        CHECK_INT_EQ(tw.dstride % 16, 0);
        CHECK(tw.dstride >= tg.nclass);
        size_t hits = 0;
        CHECK(S_same_scores(&tg.w, &tw, tg.nclass, &hits));
        CHECK(S_same_scores(&p.lab, &lw, SR_DEP_COUNT, &hits));
        CHECK(hits > 100);
        sr_stab_release(&tw);
        sr_stab_release(&lw);
        CHECK(tw.dense == NULL && tw.owned == NULL);
    }
    /* in place (as sitrep_model_load does): the slots of a second copy of
     * the file are marked, and the scores are those of the first copy */
    sr_mfile tf2, pf2;
    CHECK_INT_EQ(sr_mfile_load(&tf2, S_tagger, &err), SITREP_OK);
    CHECK_INT_EQ(sr_mfile_load(&pf2, S_parser, &err), SITREP_OK);
    sr_tagger tg2;
    sr_parser p2;
    CHECK_INT_EQ(sr_tagger_from(&tg2, &tf2), 0);
    CHECK_INT_EQ(sr_parser_from(&p2, &pf2), 0);
    const sr_sslot *before = tg2.w.slots;
    CHECK_INT_EQ(sr_stab_densify_in_place(&tg2.w, (sr_sslot *)(uintptr_t)p2.lab.slots, tg2.nclass, 4), -1);
    CHECK_INT_EQ(sr_stab_densify_in_place(&tg2.w, (sr_sslot *)(uintptr_t)tg2.w.slots, tg2.nclass, 4), 0);
    CHECK_INT_EQ(sr_stab_densify_in_place(&p2.lab, (sr_sslot *)(uintptr_t)p2.lab.slots, SR_DEP_COUNT, 2), 0);
    CHECK(tg2.w.slots == before && tg2.w.dense != NULL && p2.lab.dense != NULL);
    size_t hits2 = 0;
    CHECK(S_same_scores(&tg.w, &tg2.w, tg.nclass, &hits2));
    CHECK(S_same_scores(&p.lab, &p2.lab, SR_DEP_COUNT, &hits2));
    CHECK(hits2 > 100);
    sr_stab_release(&tg2.w);
    sr_stab_release(&p2.lab);
    sr_mfile_free(&tf2);
    sr_mfile_free(&pf2);
    sr_mfile_free(&tf);
    sr_mfile_free(&pf);
}

/* The parser's fast path (cached buffer and stack-token sums, dense label
 * rows) must give exactly the parse of the plain one, on random input. */
/* A random "sentence" of 1..maxn words drawn from vocab, with random tag
 * classes below nclass, for comparing parser paths; returns its length. */
static size_t S_random_sentence(uint64_t *rng, const char *const *vocab, size_t nv, uint32_t nclass, size_t maxn,
                                uint64_t *w, uint32_t *t) {
    size_t n = 1 + (size_t)(sr_rand(rng) % maxn);
    for (size_t i = 0; i < n; i++) {
        const char *v = vocab[sr_rand(rng) % nv];
        w[i] = sr_word_hash(v, strlen(v));
        t[i] = (uint32_t)(sr_rand(rng) % nclass);
    }
    return n;
}

TEST(parse_fast_path_matches_reference) {
    sitrep_model *m = S_tiny();
    CHECK(m != NULL);
    if (!m) return;
    sitrep_model_free(m);
    sitrep_error err = {0};
    sr_mfile tf, pf;
    CHECK_INT_EQ(sr_mfile_load(&tf, S_tagger, &err), SITREP_OK);
    CHECK_INT_EQ(sr_mfile_load(&pf, S_parser, &err), SITREP_OK);
    sr_tagger tg;
    sr_parser p, pd, p0;
    CHECK_INT_EQ(sr_tagger_from(&tg, &tf), 0);
    CHECK_INT_EQ(sr_parser_from(&p, &pf), 0);
    CHECK_INT_EQ(p.fx, SR_PFX_TEMPLATES | SR_PFX_KEYS2); /* new models have the extension templates */
    pd = p;
    p0 = p;
    p0.fx = SR_PFX_KEYS2; /* as a model trained with --base-features */
    CHECK_INT_EQ(sr_stab_densify(&pd.lab, SR_DEP_COUNT, 1), 0);
    static const char *vocab[] = {"the", "minister", "met", "ambassador", "in", "capital", "on", ",", ".",
                                  "Rebels", "attacked", "a", "convoy", "near", "border", "killing", "three",
                                  "soldiers", "said", "zzzunknown", "of", "and"};
    const size_t nv = sizeof vocab / sizeof vocab[0];
    uint64_t w[80];
    uint32_t t[80];
    int16_t h1[80], h2[80], h3[80], h4[80], h5[80];
    uint8_t l1[80], l2[80], l3[80], l4[80], l5[80];
    sr_scratch s1 = {0}, s2 = {0};
    uint64_t rng = 42;
    size_t differ = 0, nonroot = 0, fxdiff = 0;
    for (int it = 0; it < 300; it++) {
        size_t n = S_random_sentence(&rng, vocab, nv, tg.nclass, 79, w, t);
        size_t n1 = 0, n2 = 0, n3 = 0;
        CHECK_INT_EQ(sr_parser_parse_reference(&p, n, w, t, h1, l1, &s1, &n1), 0);
        CHECK_INT_EQ(sr_parser_parse(&p, n, w, t, h2, l2, &s2, &n2), 0);
        CHECK_INT_EQ(sr_parser_parse(&pd, n, w, t, h3, l3, &s2, &n3), 0);
        CHECK_INT_EQ(n1, 2 * n);
        CHECK_INT_EQ(n2, n1);
        CHECK_INT_EQ(n3, n1);
        size_t n4 = 0, n5 = 0;
        CHECK_INT_EQ(sr_parser_parse_reference(&p0, n, w, t, h4, l4, &s1, &n4), 0);
        CHECK_INT_EQ(sr_parser_parse(&p0, n, w, t, h5, l5, &s2, &n5), 0);
        /* a beam of one is greedy decoding: checks the beam's shared-stack
         * view of a parse against the full state, feature by feature */
        int16_t hb[80];
        uint8_t lb[80];
        size_t nb = 0;
        CHECK_INT_EQ(sr_parser_parse_beam(&p, n, w, t, 1, hb, lb, &s2, &nb), 0);
        CHECK_INT_EQ(nb, n1);
        for (size_t i = 0; i < n; i++) differ += hb[i] != h1[i] || lb[i] != l1[i];
        for (size_t i = 0; i < n; i++) {
            differ += h1[i] != h2[i] || l1[i] != l2[i] || h1[i] != h3[i] || l1[i] != l3[i];
            differ += h4[i] != h5[i] || l4[i] != l5[i];
            nonroot += h1[i] != 0;
            fxdiff += h4[i] != h1[i];
        }
    }
    CHECK_INT_EQ(differ, 0);
    CHECK(nonroot > 1000); /* real trees, not all-root */
    CHECK(fxdiff > 0);     /* the extension templates are scored */
    /* lockstep parsing of several sentences of different lengths */
    {
        enum { NJ = 5 };
        uint64_t jw[NJ][40];
        uint32_t jt[NJ][40];
        int16_t jh[NJ][40], rh[40];
        uint8_t jl[NJ][40], rl[40];
        sr_parser_job jobs[NJ];
        size_t bad = 0;
        for (int it = 0; it < 50; it++) {
            for (int j = 0; j < NJ; j++) {
                size_t n = S_random_sentence(&rng, vocab, nv, tg.nclass, 39, jw[j], jt[j]);
                sr_parser_job jb = {n, jw[j], jt[j], jh[j], jl[j], 0};
                jobs[j] = jb;
            }
            CHECK_INT_EQ(sr_parser_parse_many(&pd, jobs, NJ, &s2), 0);
            for (int j = 0; j < NJ; j++) {
                size_t nt = 0;
                CHECK_INT_EQ(sr_parser_parse_reference(&p, jobs[j].n, jw[j], jt[j], rh, rl, &s1, &nt), 0);
                CHECK_INT_EQ(jobs[j].ntrans, nt);
                bad += memcmp(rh, jh[j], jobs[j].n * sizeof *rh) != 0 || memcmp(rl, jl[j], jobs[j].n) != 0;
            }
        }
        CHECK_INT_EQ(bad, 0);
        CHECK_INT_EQ(sr_parser_parse_many(&pd, jobs, SR_PARSER_MAX_JOBS + 1, &s2), -1);
    }
    sr_stab_release(&pd.lab);
    sr_scratch_free(&s1);
    sr_scratch_free(&s2);
    sr_mfile_free(&tf);
    sr_mfile_free(&pf);
}

/* Tagging several sentences in lockstep gives what tagging them one at a
 * time gives (classes, tags, features, lemmas). */
TEST(parse_tag_many_matches_single) {
    sitrep_model *m = S_tiny();
    CHECK(m != NULL);
    if (!m) return;
    sitrep_model_free(m);
    sitrep_error err = {0};
    sr_mfile tf;
    CHECK_INT_EQ(sr_mfile_load(&tf, S_tagger, &err), SITREP_OK);
    sr_tagger tg;
    CHECK_INT_EQ(sr_tagger_from(&tg, &tf), 0);
    static const char *texts[] = {
        "The minister met the ambassador in the capital on Tuesday.",
        "Rebels attacked a convoy near the border, killing three soldiers.",
        "Talks resumed.",
        "Officials in Nairobi said the ceasefire would hold until the elections next year despite protests.",
        "Why?",
        "The army withdrew its troops from the disputed region after a week of clashes with local militias.",
    };
    enum { NT = sizeof texts / sizeof texts[0] };
    sitrep_article *a1[NT], *a2[NT];
    sr_tag_job jobs[NT];
    uint32_t c1[NT][64], c2[NT][64];
    sr_scratch sc = {0};
    for (int k = 0; k < NT; k++) {
        a1[k] = sitrep_article_new(NULL, texts[k], strlen(texts[k]), &err);
        a2[k] = sitrep_article_new(NULL, texts[k], strlen(texts[k]), &err);
        CHECK(a1[k] && a2[k]);
        if (!a1[k] || !a2[k]) return;
        CHECK_INT_EQ(a1[k]->nsents, 1);
        CHECK(a1[k]->ntokens < 64);
        CHECK_INT_EQ(sr_tagger_tag(&tg, a1[k]->tokens, a1[k]->ntokens, c1[k], &a1[k]->arena, &sc), 0);
        sr_tag_job jb = {a2[k]->tokens, a2[k]->ntokens, c2[k]};
        jobs[k] = jb;
    }
    /* one arena for the batch: lemmas of all sentences go to a2[0] */
    CHECK_INT_EQ(sr_tagger_tag_many(&tg, jobs, NT, &a2[0]->arena, &sc), 0);
    size_t bad = 0, lemmas = 0;
    for (int k = 0; k < NT; k++)
        for (size_t i = 0; i < a1[k]->ntokens; i++) {
            const sr_token *x = &a1[k]->tokens[i], *y = &a2[k]->tokens[i];
            bad += c1[k][i] != c2[k][i] || x->upos != y->upos || x->xpos != y->xpos || x->feats != y->feats;
            bad += !x->lemma || !y->lemma || strcmp(x->lemma, y->lemma) != 0;
            lemmas += x->lemma && x->lemma[0];
        }
    CHECK_INT_EQ(bad, 0);
    CHECK(lemmas > 40);
    CHECK_INT_EQ(sr_tagger_tag_many(&tg, jobs, SR_TAGGER_MAX_JOBS + 1, NULL, &sc), -1);
    for (int k = 0; k < NT; k++) { sitrep_article_free(a1[k]); sitrep_article_free(a2[k]); }
    sr_scratch_free(&sc);
    sr_mfile_free(&tf);
}

__attribute__((destructor)) static void S_cleanup(void) {
    if (!S_dir[0]) return;
    char p[128];
    static const char *names[] = {"t.tagger", "t.parser", "bad.model"};
    for (size_t i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s/%s", S_dir, names[i]);
        unlink(p);
    }
    rmdir(S_dir);
}

/* ------------------------------------------------- sentence boundaries */

/* Trains the tiny tagger/parser and a sentence-boundary model next to it
 * (t.sbd, loaded with t.tagger). */
static sitrep_model *S_tiny_sbd(uint32_t *crc) {
    sitrep_model *m0 = S_tiny(); /* makes S_dir and t.tagger */
    sitrep_model_free(m0);
    if (!S_dir[0]) return NULL;
    char p[128];
    S_PATH(p, "t.sbd");
    sitrep_train_opts o = {0};
    o.train_path = TEST_DATA("sbd_train.conllu");
    o.dev_path = TEST_DATA("sbd_train.conllu");
    o.epochs = 5;
    o.seed = 3;
    sitrep_error err = {0};
    if (sitrep_train("sentences", &o, p, crc, &err)) return NULL;
    return sitrep_model_load(S_tagger, &err);
}

TEST(parse_sbd_training_is_deterministic) {
    uint32_t c1 = 0, c2 = 0;
    sitrep_model *m1 = S_tiny_sbd(&c1), *m2 = S_tiny_sbd(&c2);
    CHECK(m1 != NULL && m2 != NULL);
    CHECK(c1 != 0);
    CHECK_INT_EQ(c1, c2);
    sitrep_model_free(m1);
    sitrep_model_free(m2);
}

TEST(parse_sbd_adds_learned_boundaries_only_to_rule_sentences) {
    uint32_t crc;
    sitrep_model *m = S_tiny_sbd(&crc);
    CHECK(m != NULL);
    if (!m) return;
    /* the pattern of the training data: a lowercase clause, then a
     * capitalized one, no punctuation in between */
    const char *txt = "thanks for the photos They look great";
    sitrep_error err;
    sitrep_article *a = sitrep_article_new(NULL, txt, strlen(txt), &err);
    CHECK(a != NULL);
    if (!a) { sitrep_model_free(m); return; }
    CHECK_INT_EQ(a->nsents, 1);
    CHECK(a->sents[0].flags & SR_SENT_RULE_SPLIT);
    CHECK_INT_EQ(sitrep_article_analyze(a, m, &err), SITREP_OK);
    CHECK_INT_EQ(a->nsents, 2);
    if (a->nsents == 2) {
        CHECK_INT_EQ(a->sents[0].ntok, 4);
        CHECK_INT_EQ(a->sents[1].first, 4);
        CHECK_INT_EQ(a->sents[1].ntok, 3);
        CHECK_INT_EQ(a->sents[1].start, 22);
        CHECK_INT_EQ(a->sents[1].end, strlen(txt));
        CHECK(a->sents[0].flags & SR_SENT_PARA_START);
        CHECK(!(a->sents[1].flags & SR_SENT_PARA_START));
        CHECK(!(a->sents[1].flags & SR_SENT_RULE_SPLIT)); /* refined once */
        S_check_tree(a);
    }
    sitrep_article_free(a);
    /* sentences given by CoNLL-U are kept as they are */
    const char *cu = "# text = thanks for the photos They look great\n"
                     "1\tthanks\t_\t_\t_\t_\t_\t_\t_\t_\n2\tfor\t_\t_\t_\t_\t_\t_\t_\t_\n"
                     "3\tthe\t_\t_\t_\t_\t_\t_\t_\t_\n4\tphotos\t_\t_\t_\t_\t_\t_\t_\t_\n"
                     "5\tThey\t_\t_\t_\t_\t_\t_\t_\t_\n6\tlook\t_\t_\t_\t_\t_\t_\t_\t_\n"
                     "7\tgreat\t_\t_\t_\t_\t_\t_\t_\t_\n\n";
    S_docs ds = {0};
    CHECK_INT_EQ(sr_conllu_read(cu, strlen(cu), NULL, 0, S_keep, &ds, &err), SITREP_OK);
    CHECK_INT_EQ(ds.n, 1);
    if (ds.n == 1) {
        CHECK_INT_EQ(sitrep_article_analyze(ds.a[0], m, &err), SITREP_OK);
        CHECK_INT_EQ(ds.a[0]->nsents, 1);
        CHECK_INT_EQ(ds.a[0]->sents[0].ntok, 7);
    }
    S_free_docs(&ds);
    sitrep_model_free(m);
}

TEST(parse_sbd_corrupt_file_is_an_error) {
    uint32_t crc;
    sitrep_model *m = S_tiny_sbd(&crc);
    sitrep_model_free(m);
    char p[128];
    S_PATH(p, "t.sbd");
    size_t n;
    unsigned char *d = S_slurp(p, &n);
    CHECK(d != NULL && n > 64);
    if (!d) return;
    d[n - 3] ^= 0x11;
    FILE *f = fopen(p, "wb");
    fwrite(d, 1, n, f);
    fclose(f);
    sitrep_error err = {0};
    CHECK(sitrep_model_load(S_tagger, &err) == NULL);
    CHECK_INT_EQ(err.code, SITREP_E_CORRUPT);
    CHECK(strstr(err.file ? err.file : "", "t.sbd") != NULL);
    remove(p); /* later tests use the tagger alone */
    free(d);
}

/* The model checksum (PCLMULQDQ folding where available) is zlib's
 * CRC-32 on every length, alignment and starting value. */
TEST(parse_model_crc32_matches_zlib) {
    enum { N = 5000 };
    unsigned char *buf = malloc(N + 8);
    CHECK(buf != NULL);
    if (!buf) return;
    uint64_t r = 42;
    for (size_t i = 0; i < N + 8; i++) buf[i] = (unsigned char)(sr_rand(&r) >> 24);
    int bad = 0;
    for (size_t n = 0; n <= 700; n++)
        for (size_t off = 0; off < 3; off++) {
            uint32_t start = (uint32_t)sr_rand(&r);
            if (sr_model_crc32(start, buf + off, n) != (uint32_t)crc32(start, buf + off, (uInt)n)) bad++;
        }
    CHECK_INT_EQ(bad, 0);
    CHECK_INT_EQ(sr_model_crc32(0, buf, N), (uint32_t)crc32(0, buf, N));
    /* a known value: CRC-32 of "123456789" repeated to 72 bytes */
    char s[73];
    for (int i = 0; i < 8; i++) memcpy(s + 9 * i, "123456789", 9);
    CHECK_INT_EQ(sr_model_crc32(0, s, 9), 0xCBF43926u);
    CHECK_INT_EQ(sr_model_crc32(0, s, 72), (uint32_t)crc32(0, (const unsigned char *)s, 72));
    free(buf);
}

/* sr_argmax_i32 (AVX2 where available) is the first index of the largest
 * value, as the plain loop gives, including ties and short vectors. */
TEST(parse_argmax_matches_plain_loop) {
    int32_t v[200];
    uint64_t r = 9;
    int bad = 0;
    for (int round = 0; round < 400; round++) {
        uint32_t n = 1 + (uint32_t)(sr_rand(&r) % 200);
        int range = round % 3 == 0 ? 3 : 100000; /* many ties, or few */
        for (uint32_t i = 0; i < n; i++) v[i] = (int32_t)(sr_rand(&r) % (uint64_t)range) - range / 2;
        uint32_t best = 0;
        for (uint32_t c = 1; c < n; c++)
            if (v[c] > v[best]) best = c;
        if (sr_argmax_i32(v, n) != best) bad++;
    }
    CHECK_INT_EQ(bad, 0);
    int32_t tie[20] = {0};
    tie[17] = 5;
    tie[19] = 5;
    CHECK_INT_EQ(sr_argmax_i32(tie, 20), 17);
    CHECK_INT_EQ(sr_argmax_i32(tie, 17), 0);
}

/* sr_stab_add_rows with dense rows (score vector in AVX-512 or AVX2
 * registers for 64, 128, 144 and 208 classes, the generic loop otherwise) must
 * give the sums of the plain per-cell loop, for every row width, mixes
 * of dense and sparse rows, repeated rows and non-zero starting scores. */
TEST(parse_add_rows_every_width) {
    static const uint32_t widths[] = {20, 59, 64, 113, 128, 134, 144, 150, 200, 208, 230};
    uint64_t r = 77;
    int bad = 0, dense_seen = 0;
    for (size_t wi = 0; wi < sizeof widths / sizeof widths[0]; wi++) {
        uint32_t nclass = widths[wi];
        enum { CAP = 256, NROWS = 100 };
        sr_sslot *slots = calloc(CAP, sizeof *slots);
        sr_scell *cells = calloc(NROWS * 64, sizeof *cells);
        CHECK(slots && cells);
        if (!slots || !cells) { free(slots); free(cells); return; }
        size_t nc = 0;
        for (uint32_t row = 0; row < NROWS; row++) {
            /* row lengths 1..60: distinct classes, non-zero weights */
            uint32_t n = 1 + (uint32_t)(sr_rand(&r) % 60);
            if (n > nclass) n = nclass;
            uint32_t start = (uint32_t)(sr_rand(&r) % nclass);
            for (uint32_t k = 0; k < n; k++) {
                cells[nc + k].cls = (uint16_t)((start + k * 7) % nclass);
                if (nclass % 7 == 0 && k * 7 >= nclass) cells[nc + k].cls = (uint16_t)((start + k) % nclass);
                cells[nc + k].w = (int16_t)((int)(sr_rand(&r) % 2001) - 1000);
                if (cells[nc + k].w == 0) cells[nc + k].w = 3;
            }
            slots[row * 2 + 1].fp = row + 1;
            slots[row * 2 + 1].offn = (uint32_t)nc << 8 | n;
            nc += n;
        }
        sr_stab t = {0};
        t.slots = slots;
        t.mask = CAP - 1;
        t.cells = cells;
        t.ncells = nc;
        t.scale = 1;
        sr_stab d = t;
        CHECK_INT_EQ(sr_stab_densify(&d, nclass, nclass < 48 ? 8 : 24), 0);
        CHECK(d.dense != NULL);
        size_t len = sr_stab_score_len(&d, nclass);
        int32_t *x = calloc(len, sizeof *x), *y = calloc(len, sizeof *y);
        CHECK(x && y);
        if (!x || !y) { free(x); free(y); free(slots); free(cells); return; }
        for (int round = 0; round < 200; round++) {
            const sr_sslot *sa[64], *sb[64];
            size_t m = (size_t)(sr_rand(&r) % 65);
            for (size_t j = 0; j < m; j++) {
                size_t i = 2 * (size_t)(sr_rand(&r) % NROWS) + 1;
                sa[j] = &t.slots[i];
                sb[j] = &d.slots[i];
                dense_seen += (d.slots[i].offn & 0xFF) == SR_STAB_DENSE;
            }
            for (size_t c = 0; c < len; c++) x[c] = y[c] = (int32_t)(c * 31 % 17) - 8;
            for (size_t j = 0; j < m; j++) {
                const sr_scell *c = t.cells + (sa[j]->offn >> 8);
                for (uint32_t k = 0; k < (sa[j]->offn & 0xFF); k++) x[c[k].cls] += c[k].w;
            }
            sr_stab_add_rows(&d, sb, m, y);
            if (memcmp(x, y, nclass * sizeof *x) != 0) bad++;
        }
        sr_stab_release(&d);
        free(x); free(y); free(slots); free(cells);
    }
    CHECK_INT_EQ(bad, 0);
    CHECK(dense_seen > 1000);
}

/* `train parser --tagger X.tagger` loads the tagger alone: a parser file
 * beside it that no longer loads (an old key scheme, a broken copy) must
 * not stop the parser's own retraining, while a full load of X.tagger
 * (tagger, parser and sbd siblings) still reports it. */
TEST(parse_training_loads_only_the_tagger) {
    sitrep_model *mt = S_tiny();
    CHECK(mt != NULL);
    sitrep_model_free(mt);
    size_t n = 0;
    unsigned char *d = S_slurp(S_tagger, &n);
    CHECK(d != NULL);
    if (!d) return;
    char tp[128], pp[128], out[128];
    S_PATH(tp, "u.tagger");
    S_PATH(pp, "u.parser");
    S_PATH(out, "u2.parser");
    FILE *f = fopen(tp, "wb");
    CHECK(f != NULL);
    if (f) { CHECK_INT_EQ(fwrite(d, 1, n, f), n); fclose(f); }
    free(d);
    f = fopen(pp, "wb");
    CHECK(f != NULL);
    if (f) { fputs("not a model", f); fclose(f); }
    sitrep_error err = {0};
    sitrep_model *m = sitrep_model_load(tp, &err);
    CHECK(m == NULL); /* the full load sees the broken sibling */
    sitrep_model_free(m);
    sitrep_train_opts o = {0};
    o.train_path = TEST_DATA("parse_train.conllu");
    o.tagger_path = tp;
    o.epochs = 1;
    o.seed = 3;
    uint32_t crc = 0;
    memset(&err, 0, sizeof err);
    CHECK_INT_EQ(sitrep_train("parser", &o, out, &crc, &err), SITREP_OK);
    CHECK(crc != 0);
}

/* ------------------------------------------------------------ word clusters */

/* Reads ARPA text from memory. */
static sitrep_status S_arpa_mem(const char *text, sr_arpa *a, sitrep_error *err) {
    sr_src *s = sr_src_open_mem("<arpa>", text, strlen(text));
    if (!s) return SITREP_E_NOMEM;
    sitrep_status st = sr_arpa_read(s, a, err);
    sr_src_close(s);
    return st;
}

/* The ARPA reader keeps unigrams and bigrams, skips trigrams, and says
 * where a malformed file goes wrong. */
TEST(parse_arpa_reader) {
    sr_arpa a;
    sitrep_error err = {0};
    const char *ok = "free text before the data\n\\data\\\nngram 1=3\nngram 2=2\nngram 3=1\n\n\\1-grams:\n"
                     "-1.0\t<s>\t-0.5\n-0.5 cat -0.2\n-0.7\tsat\n\n\\2-grams:\n-0.1\t<s> cat\t-0.1\n-0.3 cat sat\n\n"
                     "\\3-grams:\n-0.2 <s> cat sat\n\n\\end\\\n";
    CHECK_INT_EQ(S_arpa_mem(ok, &a, &err), SITREP_OK);
    CHECK_INT_EQ(a.nwords, 3);
    CHECK_INT_EQ(a.nbigrams, 2);
    if (a.nbigrams == 2) {
        CHECK_STR_EQ(a.words[a.bi_a[1]], "cat");
        CHECK_STR_EQ(a.words[a.bi_b[1]], "sat");
        CHECK(a.lp2[1] > -0.31 && a.lp2[1] < -0.29);
    }
    sr_arpa_free(&a);
    /* errors: where, and what was expected */
    CHECK_INT_EQ(S_arpa_mem("just text\n", &a, &err), SITREP_E_FORMAT);
    CHECK_INT_EQ(S_arpa_mem("\\data\\\nngram 1=1\n\n\\1-grams:\n-1 a\n", &a, &err), SITREP_E_SYNTAX); /* no \end\ */
    CHECK_INT_EQ(S_arpa_mem("\\data\\\n\\1-grams:\nx a\n\\end\\\n", &a, &err), SITREP_E_SYNTAX);
    CHECK_INT_EQ(err.line, 3);
    CHECK_INT_EQ(err.col, 1);
    CHECK(strstr(err.msg, "log10 probability") != NULL);
    CHECK_INT_EQ(S_arpa_mem("\\data\\\n\\1-grams:\n-1 a\n\\2-grams:\n-1 a  zebra\n\\end\\\n", &a, &err), SITREP_E_SYNTAX);
    CHECK_INT_EQ(err.line, 5);
    CHECK_INT_EQ(err.col, 7);
    CHECK(strstr(err.msg, "not among the unigrams") != NULL);
    CHECK_INT_EQ(S_arpa_mem("\\data\\\n\\1-grams:\n-1 a b c d\n\\end\\\n", &a, &err), SITREP_E_SYNTAX);
    CHECK_INT_EQ(S_arpa_mem("\\data\\\n\\1-grams:\n+3 a\n\\end\\\n", &a, &err), SITREP_E_SYNTAX); /* > 0 */
    CHECK_INT_EQ(S_arpa_mem("\\data\\\n\\x-grams:\n\\end\\\n", &a, &err), SITREP_E_SYNTAX);
    CHECK_INT_EQ(S_arpa_mem("\\data\\\n\\1-grams:\n-1 a\n\\end\\\n", &a, &err), SITREP_E_FORMAT); /* no bigrams */
    CHECK_INT_EQ(a.nwords, 0); /* nothing left to free after an error */
}

static const char *const S_dets[] = {"the", "a", "this", "their"};
static const char *const S_nouns[] = {"company", "bank", "year", "workers", "troops", "talks", "soldiers", "senator"};
static const char *const S_verbs[] = {"withdrew", "welcomed", "warned", "signed", "said", "summoned"};

static uint32_t S_cl(const sr_clusters *c, const char *w) { return sr_clusters_get(c, sr_word_hash(w, strlen(w))); }

/* Trains tests/data/tiny.arpa into S_dir/name (3 coarse and `fine`
 * classes; S_tiny makes S_dir); the path goes to path[cap]. The status of
 * sitrep_train; *crc gets the file's checksum. */
static sitrep_status S_tiny_clusters(const char *name, int fine, char *path, size_t cap, uint32_t *crc) {
    sitrep_model *mt = S_tiny();
    sitrep_model_free(mt);
    snprintf(path, cap, "%s/%s", S_dir, name);
    sitrep_train_opts o = {0};
    o.train_path = TEST_DATA("tiny.arpa");
    o.cluster_coarse = 3;
    o.cluster_fine = fine;
    sitrep_error err = {0};
    return sitrep_train("clusters", &o, path, crc, &err);
}

/* Exchange clustering of tests/data/tiny.arpa (determiners before nouns,
 * nouns before verbs, verbs before determiners) puts each part of speech
 * in a class of its own; training is deterministic; lookups ignore case;
 * a word that is not in the table (or no table) has class 0. */
TEST(parse_clusters_train_and_lookup) {
    char p1[128], p2[128];
    sitrep_error err = {0};
    uint32_t c1 = 0, c2 = 0;
    CHECK_INT_EQ(S_tiny_clusters("k1.clusters", 6, p1, sizeof p1, &c1), SITREP_OK);
    CHECK_INT_EQ(S_tiny_clusters("k2.clusters", 6, p2, sizeof p2, &c2), SITREP_OK);
    CHECK_INT_EQ(c1, c2);
    sr_mfile f;
    sr_clusters cl;
    CHECK_INT_EQ(sr_mfile_load(&f, p1, &err), SITREP_OK);
    CHECK_INT_EQ(sr_clusters_from(&cl, &f), 0);
    CHECK_INT_EQ(cl.ncoarse, 3);
    CHECK_INT_EQ(cl.nfine, 6);
    CHECK_INT_EQ(cl.crc, c1);
    uint32_t d = sr_cl_coarse(S_cl(&cl, "the")), n = sr_cl_coarse(S_cl(&cl, "company")),
             v = sr_cl_coarse(S_cl(&cl, "withdrew"));
    CHECK(d >= 1 && d <= 3 && n >= 1 && n <= 3 && v >= 1 && v <= 3);
    CHECK(d != n && n != v && d != v);
    for (size_t i = 0; i < sizeof S_dets / sizeof *S_dets; i++) CHECK_INT_EQ(sr_cl_coarse(S_cl(&cl, S_dets[i])), d);
    for (size_t i = 0; i < sizeof S_nouns / sizeof *S_nouns; i++) CHECK_INT_EQ(sr_cl_coarse(S_cl(&cl, S_nouns[i])), n);
    for (size_t i = 0; i < sizeof S_verbs / sizeof *S_verbs; i++) CHECK_INT_EQ(sr_cl_coarse(S_cl(&cl, S_verbs[i])), v);
    CHECK(sr_cl_fine(S_cl(&cl, "the")) >= 1 && sr_cl_fine(S_cl(&cl, "the")) <= 6);
    CHECK_INT_EQ(S_cl(&cl, "THE"), S_cl(&cl, "the"));
    CHECK_INT_EQ(S_cl(&cl, "zebra"), 0);
    CHECK_INT_EQ(S_cl(&cl, "<s>"), 0);
    CHECK_INT_EQ(S_cl(NULL, "the"), 0);
    sr_mfile_free(&f);
    /* bad class counts are refused */
    CHECK_INT_EQ(S_tiny_clusters("k3.clusters", 1, p2, sizeof p2, &c2), SITREP_E_USAGE);
}

/* A tagger trained with --clusters (and a parser trained with that
 * tagger, which takes its clusters) need the very clusters file beside
 * them: without it the load fails with SITREP_E_IO, with another one with
 * SITREP_E_CORRUPT, each saying so. The fast parser path gives the
 * reference parse with cluster features too, and the features count. */
/* Parses 200 random sentences (tag classes below nclass; with stags,
 * random supertags in the atoms too) with p's plain, fast and width-1
 * beam paths, and with the alternative: parser alt, or (alt NULL) p on
 * the atoms without supertags. *differ counts the words on which the three
 * paths of p disagree (the fast paths must equal the plain one), *altdiff
 * those the alternative parses otherwise (the features it lacks are
 * used). */
static void S_paths_agree(const sr_parser *p, const sr_parser *alt, uint32_t nclass, int stags, uint64_t seed,
                          size_t *differ, size_t *altdiff) {
    static const char *vocab[] = {"the", "senator", "welcomed", "talks", "their", "troops", "withdrew", "after",
                                  "report", ".", "a", "bank", "signed", "zzzunknown", "of", "and", "warned"};
    const size_t nv = sizeof vocab / sizeof vocab[0];
    uint64_t w[60];
    uint32_t t[60], t0[60];
    int16_t h1[60], h2[60], h3[60], hb[60];
    uint8_t l1[60], l2[60], l3[60], lb[60];
    sr_scratch s1 = {0}, s2 = {0};
    uint64_t rng = seed;
    for (int it = 0; it < 200; it++) {
        size_t n = S_random_sentence(&rng, vocab, nv, nclass, 59, w, t0);
        for (size_t i = 0; i < n; i++)
            t[i] = stags ? sr_parser_atom(t0[i], (unsigned)(sr_rand(&rng) % SR_STAG_COUNT)) : t0[i];
        size_t n1 = 0, n2 = 0;
        CHECK_INT_EQ(sr_parser_parse_reference(p, n, w, t, h1, l1, &s1, &n1), 0);
        CHECK_INT_EQ(sr_parser_parse(p, n, w, t, h2, l2, &s2, &n2), 0);
        CHECK_INT_EQ(n2, n1);
        CHECK_INT_EQ(sr_parser_parse_beam(p, n, w, t, 1, hb, lb, &s2, NULL), 0);
        CHECK_INT_EQ(sr_parser_parse(alt ? alt : p, n, w, alt ? t : t0, h3, l3, &s2, NULL), 0);
        for (size_t i = 0; i < n; i++) {
            *differ += h1[i] != h2[i] || l1[i] != l2[i] || hb[i] != h1[i] || lb[i] != l1[i];
            *altdiff += h1[i] != h3[i] || l1[i] != l3[i];
        }
    }
    sr_scratch_free(&s1);
    sr_scratch_free(&s2);
}

/* Loading the model at path fails with code and a message containing msg. */
static void S_load_refused(const char *path, sitrep_status code, const char *msg) {
    sitrep_error err = {0};
    sitrep_model *m = sitrep_model_load(path, &err);
    CHECK(m == NULL);
    CHECK_INT_EQ(err.code, code);
    CHECK(strstr(err.msg, msg) != NULL);
    sitrep_model_free(m);
}

TEST(parse_models_with_clusters) {
    char cp[128], cp2[128], tp[128], pp[128];
    uint32_t crc = 0, tcrc = 0, tcrc2 = 0, pcrc = 0;
    CHECK_INT_EQ(S_tiny_clusters("c.clusters", 6, cp, sizeof cp, &crc), SITREP_OK);
    CHECK_INT_EQ(S_tiny_clusters("other.clusters", 5, cp2, sizeof cp2, &crc), SITREP_OK);
    S_PATH(tp, "c.tagger");
    S_PATH(pp, "c.parser");
    sitrep_error err = {0};
    sitrep_train_opts o = S_train_opts(3, 5);
    CHECK_INT_EQ(sitrep_train("tagger", &o, tp, &tcrc, &err), SITREP_OK);
    o.clusters_path = cp;
    CHECK_INT_EQ(sitrep_train("tagger", &o, tp, &tcrc2, &err), SITREP_OK);
    CHECK(tcrc2 != tcrc); /* the cluster features are in the model */
    o.clusters_path = NULL;
    o.tagger_path = tp;
    o.jackknife = 2;
    o.tagger_epochs = 2;
    CHECK_INT_EQ(sitrep_train("parser", &o, pp, &pcrc, &err), SITREP_OK);
    sitrep_model *m = sitrep_model_load(tp, &err);
    CHECK(m != NULL);
    if (m) {
        /* tags and parses (the parser finds its clusters through the model) */
        const char *txt = "The senator welcomed the talks. Their troops withdrew after the report.";
        sitrep_article *a = sitrep_article_new(NULL, txt, strlen(txt), &err);
        CHECK_INT_EQ(sitrep_article_analyze(a, m, &err), SITREP_OK);
        sitrep_token t0, t2;
        CHECK_INT_EQ(sitrep_article_token(a, 1, 0, &t0), 0);
        CHECK_INT_EQ(sitrep_article_token(a, 0, 2, &t2), 0);
        CHECK_STR_EQ(t0.upos, "PRON");
        CHECK_STR_EQ(t2.upos, "VERB");
        sitrep_article_free(a);
        sitrep_model_free(m);
    }
    /* the parser's model says it uses clusters, with their checksum */
    sr_mfile cf, pf, tf;
    sr_parser p;
    sr_clusters cl;
    sr_tagger tg;
    CHECK_INT_EQ(sr_mfile_load(&cf, cp, &err), SITREP_OK);
    CHECK_INT_EQ(sr_mfile_load(&pf, pp, &err), SITREP_OK);
    CHECK_INT_EQ(sr_mfile_load(&tf, tp, &err), SITREP_OK);
    CHECK_INT_EQ(sr_clusters_from(&cl, &cf), 0);
    CHECK_INT_EQ(sr_parser_from(&p, &pf), 0);
    CHECK_INT_EQ(sr_tagger_from(&tg, &tf), 0);
    CHECK_INT_EQ(p.fx, SR_PFX_ALL & ~(SR_PFX_BEAM | SR_PFX_STAG | SR_PFX_TMASK)); /* every template but supertags; greedy */
    CHECK_INT_EQ(p.cl_crc, cl.crc);
    CHECK_INT_EQ(tg.fx, SR_TFX_CLUSTERS);
    CHECK_INT_EQ(tg.cl_crc, cl.crc);
    p.cl = &cl;
    sr_parser p0 = p;
    p0.cl = NULL; /* every word unknown to the clusters */
    size_t differ = 0, cldiff = 0;
    S_paths_agree(&p, &p0, tg.nclass, 0, 11, &differ, &cldiff);
    CHECK_INT_EQ(differ, 0);
    CHECK(cldiff > 0);
    sr_mfile_free(&cf);
    sr_mfile_free(&pf);
    sr_mfile_free(&tf);
    /* another clusters file: refused, naming the checksums */
    size_t len = 0;
    unsigned char *good = S_slurp(cp, &len), *other = NULL;
    size_t olen = 0;
    other = S_slurp(cp2, &olen);
    CHECK(good != NULL && other != NULL);
    FILE *fp = fopen(cp, "wb");
    if (fp && other) { fwrite(other, 1, olen, fp); fclose(fp); }
    S_load_refused(tp, SITREP_E_CORRUPT, "is not the one");
    /* no clusters file at all */
    CHECK_INT_EQ(unlink(cp), 0);
    S_load_refused(tp, SITREP_E_IO, "clusters file is missing");
    /* restored: loads again */
    fp = fopen(cp, "wb");
    if (fp && good) { fwrite(good, 1, len, fp); fclose(fp); }
    m = sitrep_model_load(tp, &err);
    CHECK(m != NULL);
    sitrep_model_free(m);
    free(good);
    free(other);
    /* --clusters takes a clusters model, nothing else */
    memset(&o, 0, sizeof o);
    o.train_path = TEST_DATA("parse_train.conllu");
    o.epochs = 1;
    o.clusters_path = TEST_DATA("parse_train.conllu");
    CHECK(sitrep_train("tagger", &o, tp, &tcrc, &err) != SITREP_OK);
}

/* --beam K: global training is deterministic and makes a model that says
 * its width; such a model is decoded with that beam (sitrep_article_analyze
 * gives trees), and the fast beam equals the plain one. --silver adds
 * sentences to the training data. */
TEST(parse_beam_models) {
    sitrep_model *mt = S_tiny(); /* the tiny tagger and greedy parser */
    CHECK(mt != NULL);
    if (!mt) return;
    sitrep_model_free(mt);
    char bp[128], bp2[128], sp[128];
    S_PATH(bp, "b.parser");
    S_PATH(bp2, "b2.parser");
    S_PATH(sp, "s.parser");
    sitrep_error err = {0};
    sitrep_train_opts o;
    memset(&o, 0, sizeof o);
    o.train_path = TEST_DATA("parse_train.conllu");
    o.tagger_path = S_tagger;
    o.epochs = 3;
    o.seed = 7;
    o.jackknife = 2;
    o.tagger_epochs = 2;
    o.parser_beam = 4;
    uint32_t c1 = 0, c2 = 0, c3 = 0, cg = 0;
    CHECK_INT_EQ(sitrep_train("parser", &o, bp, &c1, &err), SITREP_OK);
    CHECK_INT_EQ(sitrep_train("parser", &o, bp2, &c2, &err), SITREP_OK);
    CHECK_INT_EQ(c1, c2);
    {
        uint32_t tc, pc;
        CHECK_INT_EQ(S_train_tiny(7, &tc, &pc), 0); /* the same run without --beam */
        cg = pc;
    }
    CHECK(c1 != cg);
    /* silver sentences change the model; a missing file is an I/O error */
    o.silver_path = TEST_DATA("sbd_train.conllu");
    CHECK_INT_EQ(sitrep_train("parser", &o, sp, &c3, &err), SITREP_OK);
    CHECK(c3 != c1);
    o.silver_path = "/nonexistent/silver.conllu";
    memset(&err, 0, sizeof err);
    CHECK_INT_EQ(sitrep_train("parser", &o, sp, &c3, &err), SITREP_E_IO);
    sr_mfile tf, pf;
    sr_tagger tg;
    sr_parser p;
    S_open_pair(S_tagger, bp, &tf, &pf, &tg, &p);
    CHECK_INT_EQ(p.beam, 4);
    CHECK(p.fx & SR_PFX_BEAM);
    static const char *vocab[] = {"the", "minister", "met", "ambassador", "in", "capital", "on", ",", ".",
                                  "Rebels", "attacked", "a", "convoy", "near", "border", "said", "of", "and"};
    const size_t nv = sizeof vocab / sizeof vocab[0];
    uint64_t w[70];
    uint32_t t[70];
    int16_t h1[70], h2[70], hg[70];
    uint8_t l1[70], l2[70], lg[70];
    sr_scratch s1 = {0}, s2 = {0};
    uint64_t rng = 5;
    size_t differ = 0, vsgreedy = 0, roots = 0;
    for (int it = 0; it < 150; it++) {
        size_t n = S_random_sentence(&rng, vocab, nv, tg.nclass, 69, w, t);
        int K = 2 << (it % 3); /* 2, 4, 8 */
        size_t nt = 0;
        CHECK_INT_EQ(sr_parser_parse_beam(&p, n, w, t, K, h1, l1, &s1, &nt), 0);
        CHECK_INT_EQ(nt, 2 * n);
        CHECK_INT_EQ(sr_parser_parse_beam_reference(&p, n, w, t, K, h2, l2, &s2), 0);
        CHECK_INT_EQ(sr_parser_parse_reference(&p, n, w, t, hg, lg, &s2, NULL), 0);
        size_t r = 0;
        for (size_t i = 0; i < n; i++) {
            differ += h1[i] != h2[i] || l1[i] != l2[i];
            vsgreedy += h1[i] != hg[i];
            r += h1[i] == 0;
            CHECK(h1[i] >= 0 && (size_t)h1[i] <= n && (size_t)h1[i] != i + 1);
        }
        roots += r >= 1;
    }
    CHECK_INT_EQ(differ, 0);
    CHECK_INT_EQ(roots, 150); /* every parse has a root */
    CHECK(vsgreedy > 0);      /* the beam is not greedy decoding */
    CHECK_INT_EQ(sr_parser_parse_beam(&p, 5, w, t, 0, h1, l1, &s1, NULL), -1);
    CHECK_INT_EQ(sr_parser_parse_beam(&p, 5, w, t, SR_PARSER_MAX_BEAM + 1, h1, l1, &s1, NULL), -1);
    /* memory stays linear: a 1,000-word sentence with a beam of 8 */
    {
        enum { N = 1000 };
        uint64_t *lw = calloc(N, sizeof *lw);
        uint32_t *lt = calloc(N, sizeof *lt);
        int16_t *lh = calloc(N, sizeof *lh);
        uint8_t *ll = calloc(N, 1);
        for (int i = 0; i < N; i++) lw[i] = sr_word_hash(i % 5 ? "word" : "the", i % 5 ? 4 : 3);
        sr_scratch s3 = {0};
        size_t nt = 0;
        CHECK_INT_EQ(sr_parser_parse_beam(&p, N, lw, lt, 8, lh, ll, &s3, &nt), 0);
        CHECK_INT_EQ(nt, 2 * N);
        CHECK(s3.cap < (size_t)N * 8 * 1024); /* well under 8 KiB per word */
        sr_scratch_free(&s3);
        free(lw); free(lt); free(lh); free(ll);
    }
    sr_scratch_free(&s1);
    sr_scratch_free(&s2);
    /* the whole pipeline decodes the beam model with its beam */
    {
        char tp[128];
        S_PATH(tp, "bm.tagger");
        size_t n = 0;
        unsigned char *d = S_slurp(S_tagger, &n);
        FILE *f = fopen(tp, "wb");
        CHECK(f != NULL);
        if (f) { fwrite(d, 1, n, f); fclose(f); }
        free(d);
        char pp[128];
        S_PATH(pp, "bm.parser");
        d = S_slurp(bp, &n);
        f = fopen(pp, "wb");
        CHECK(f != NULL);
        if (f) { fwrite(d, 1, n, f); fclose(f); }
        free(d);
        S_loads_and_parses(tp, "The minister met the ambassador in the capital. Rebels attacked a convoy near the border.");
    }
    /* a beam model without a valid width is corrupt; with one, the lone
     * parser file is refused only for having no tagger */
    for (int variant = 0; variant < 4; variant++) {
        float width = variant == 0 ? 0.0f : variant == 1 ? 2.5f : variant == 2 ? (float)(SR_PARSER_MAX_BEAM + 1) : 8.0f;
        char path[128];
        snprintf(path, sizeof path, "%s/beam%d.parser", S_dir, variant);
        CHECK_INT_EQ(S_patched_parser(&pf, 3, width, path, &err), variant == 3 ? SITREP_E_FORMAT : SITREP_E_CORRUPT);
    }
    sr_mfile_free(&tf);
    sr_mfile_free(&pf);
}

/* ------------------------------------------------------------ supertags */

/* Copies file src to dst; 0 on success. */
static int S_copy_file(const char *src, const char *dst) {
    size_t n = 0;
    unsigned char *d = S_slurp(src, &n);
    FILE *fp = d ? fopen(dst, "wb") : NULL;
    int ok = fp && fwrite(d, 1, n, fp) == n;
    if (fp) ok &= fclose(fp) == 0;
    free(d);
    return ok ? 0 : -1;
}

/* The gold supertag of a word: its universal relation and the side of
 * its head; a supertagger class stores it and gives it back. */
TEST(parse_supertag_encoding) {
    S_docs ds = {0};
    sitrep_error err = {0};
    CHECK_INT_EQ(sr_conllu_read(S_doc1, sizeof S_doc1 - 1, "t.conllu", 0, S_keep, &ds, &err), SITREP_OK);
    CHECK(ds.n >= 1);
    if (ds.n < 1) return;
    sitrep_article *a = ds.a[0];
    const sr_sentence *se = &a->sents[0];
    const sr_token *t = sr_sent_tokens(a, se);
    size_t roots = 0;
    for (size_t i = 0; i < se->ntok; i++) {
        unsigned s = sr_stag_gold(t, se->ntok, i);
        CHECK(s < SR_STAG_COUNT);
        unsigned ch = 0;
        for (size_t j = 0; j < se->ntok; j++)
            if (t[j].head == (int)i + 1) ch |= j < i ? SR_STAG_HAS_LEFT : SR_STAG_HAS_RIGHT;
        CHECK_INT_EQ(s & 3, ch);
        if (t[i].head == 0) {
            CHECK_INT_EQ(s, sr_stag_id(SR_DEP_ROOT, SR_STAG_ROOT, ch));
            roots++;
        } else {
            /* the relation without its subtype, the side of the head */
            CHECK_INT_EQ((s >> 2) / 3, sr_deprel_universal(t[i].deprel));
            CHECK_INT_EQ((s >> 2) % 3, (size_t)t[i].head < i + 1 ? SR_STAG_LEFT : SR_STAG_RIGHT);
        }
        sr_token c = t[i];
        sr_stag_to_token(s, &c);
        sr_tclass k = {c.upos, 0, c.xpos, 0};
        CHECK_INT_EQ(sr_stag_of_class(&k), s);
        CHECK(c.upos < SR_UPOS_COUNT && c.xpos < SR_XPOS_COUNT);
    }
    CHECK_INT_EQ(roots, 1);
    /* "They did n't go ." spelled out */
    CHECK_INT_EQ(se->ntok, 5);
    CHECK_INT_EQ(sr_stag_gold(t, 5, 0), sr_stag_id(SR_DEP_NSUBJ, SR_STAG_RIGHT, 0));
    CHECK_INT_EQ(sr_stag_gold(t, 5, 3), sr_stag_id(SR_DEP_ROOT, SR_STAG_ROOT, SR_STAG_HAS_LEFT | SR_STAG_HAS_RIGHT));
    CHECK_INT_EQ(sr_stag_gold(t, 5, 4), sr_stag_id(SR_DEP_PUNCT, SR_STAG_LEFT, 0));
    CHECK_INT_EQ(sr_deprel_universal(SR_DEP_NSUBJ_PASS), SR_DEP_NSUBJ);
    CHECK_INT_EQ(sr_deprel_universal(SR_DEP_OBL), SR_DEP_OBL);
    CHECK_INT_EQ(sr_deprel_universal(SR_DEP_NMOD_POSS), SR_DEP_NMOD);
    /* the largest supertag still fits a tagger class */
    sr_token c = {0};
    sr_stag_to_token(SR_STAG_COUNT - 1, &c);
    CHECK(c.upos < SR_UPOS_COUNT && c.xpos < SR_XPOS_COUNT);
    S_free_docs(&ds);
}

/* `train supertagger` + `train parser --supertagger`: deterministic; the
 * parser says it uses supertags and which supertagger; the model loads
 * with <name>.stag and parses; the fast path equals the plain one; a
 * missing or other supertagger is refused, and neither file is taken for
 * the other. */
TEST(parse_supertag_models) {
    sitrep_model *mt = S_tiny(); /* makes S_dir */
    CHECK(mt != NULL);
    if (!mt) return;
    sitrep_model_free(mt);
    char gp[128], gp2[128], tp[128], pp[128], xp[128];
    S_PATH(gp, "sup1.stag");
    S_PATH(gp2, "sup2.stag");
    S_PATH(tp, "g.tagger");
    S_PATH(pp, "g.parser");
    S_PATH(xp, "x.stag");
    sitrep_error err = {0};
    sitrep_train_opts o = S_train_opts(3, 3);
    uint32_t g1 = 0, g2 = 0, g3 = 0, tcrc = 0, p1 = 0, p2 = 0;
    CHECK_INT_EQ(sitrep_train("supertagger", &o, gp, &g1, &err), SITREP_OK);
    CHECK_INT_EQ(sitrep_train("supertagger", &o, gp2, &g2, &err), SITREP_OK);
    CHECK_INT_EQ(g1, g2);
    o.seed = 4;
    CHECK_INT_EQ(sitrep_train("supertagger", &o, xp, &g3, &err), SITREP_OK);
    CHECK(g3 != g1);
    o.seed = 3;
    CHECK_INT_EQ(sitrep_train("tagger", &o, tp, &tcrc, &err), SITREP_OK);
    sr_mfile gf;
    sr_tagger stg;
    CHECK_INT_EQ(sr_mfile_load(&gf, gp, &err), SITREP_OK);
    CHECK_INT_EQ(sr_tagger_from(&stg, &gf), 0);
    CHECK_INT_EQ(stg.fx, SR_TFX_STAG);
    for (uint32_t c = 0; c < stg.nclass; c++) CHECK(sr_stag_of_class(&stg.classes[c]) < SR_STAG_COUNT);
    /* classes only: the tokens keep their tags; same classes as tagging a copy */
    {
        S_docs ds = {0};
        CHECK_INT_EQ(sr_conllu_read(S_doc1, sizeof S_doc1 - 1, "t.conllu", 0, S_keep, &ds, &err), SITREP_OK);
        if (ds.n >= 1) {
            sitrep_article *a = ds.a[0];
            sr_token *t = sr_sent_tokens(a, &a->sents[0]);
            size_t n = a->sents[0].ntok;
            sr_token before[64], copy[64];
            uint32_t c1[64], c2[64];
            CHECK(n <= 64);
            memcpy(before, t, n * sizeof *t);
            memcpy(copy, t, n * sizeof *t);
            sr_scratch sc = {0};
            sr_tag_job j1 = {t, n, c1}, j2 = {copy, n, c2};
            CHECK_INT_EQ(sr_tagger_classify_many(&stg, &j1, 1, &sc), 0);
            CHECK_INT_EQ(sr_tagger_tag_many(&stg, &j2, 1, NULL, &sc), 0);
            CHECK(memcmp(before, t, n * sizeof *t) == 0);
            for (size_t i = 0; i < n; i++) CHECK_INT_EQ(c1[i], c2[i]);
            sr_scratch_free(&sc);
        }
        S_free_docs(&ds);
    }
    /* After the tagger on the same jobs and scratch, its word atoms serve
     * the supertagger (sr_tagger_classify_many_after): the same classes as
     * on its own, sentence by sentence, batches of up to 8 in lockstep */
    {
        S_docs ds = {0};
        CHECK_INT_EQ(sr_conllu_read_file(TEST_DATA("parse_train.conllu"), 0, S_keep, &ds, &err), SITREP_OK);
        sr_mfile tgf;
        sr_tagger tgr;
        CHECK_INT_EQ(sr_mfile_load(&tgf, tp, &err), SITREP_OK);
        CHECK_INT_EQ(sr_tagger_from(&tgr, &tgf), 0);
        CHECK(tgr.cl == stg.cl);
        sr_scratch sa = {0}, sb = {0};
        size_t total = 0, bad = 0;
        for (size_t d = 0; d < ds.n; d++) {
            sitrep_article *a = ds.a[d];
            sr_tag_job ja[SR_TAGGER_MAX_JOBS], jt[SR_TAGGER_MAX_JOBS], jb[SR_TAGGER_MAX_JOBS];
            static uint32_t ca[SR_TAGGER_MAX_JOBS][128], ct[SR_TAGGER_MAX_JOBS][128], cb[SR_TAGGER_MAX_JOBS][128];
            size_t nj = 0;
            for (size_t si = 0; si < a->nsents; si++) {
                size_t n = a->sents[si].ntok;
                if (n == 0 || n > 128) continue;
                sr_token *tk = sr_sent_tokens(a, &a->sents[si]);
                ja[nj] = (sr_tag_job){tk, n, ca[nj]};
                jt[nj] = (sr_tag_job){tk, n, ct[nj]};
                jb[nj] = (sr_tag_job){tk, n, cb[nj]};
                nj++;
                if (nj < SR_TAGGER_MAX_JOBS && si + 1 < a->nsents) continue;
                CHECK_INT_EQ(sr_tagger_classify_many(&stg, ja, nj, &sa), 0);
                CHECK_INT_EQ(sr_tagger_classify_many(&tgr, jt, nj, &sb), 0);
                CHECK_INT_EQ(sr_tagger_classify_many_after(&stg, jb, nj, &sb), 0);
                for (size_t j = 0; j < nj; j++)
                    for (size_t i = 0; i < ja[j].n; i++) bad += ca[j][i] != cb[j][i], total++;
                nj = 0;
            }
        }
        CHECK(total >= 200); /* the words of the file, not a few */
        CHECK_INT_EQ(bad, 0);
        sr_scratch_free(&sa);
        sr_scratch_free(&sb);
        sr_mfile_free(&tgf);
        S_free_docs(&ds);
    }
    o.tagger_path = tp;
    o.supertagger_path = gp;
    o.jackknife = 2;
    o.tagger_epochs = 2;
    CHECK_INT_EQ(sitrep_train("parser", &o, pp, &p1, &err), SITREP_OK);
    CHECK_INT_EQ(sitrep_train("parser", &o, pp, &p2, &err), SITREP_OK);
    CHECK_INT_EQ(p1, p2);
    sr_mfile pf;
    sr_parser p;
    CHECK_INT_EQ(sr_mfile_load(&pf, pp, &err), SITREP_OK);
    CHECK_INT_EQ(sr_parser_from(&p, &pf), 0);
    CHECK_INT_EQ(p.fx, SR_PFX_ALL & ~(SR_PFX_BEAM | SR_PFX_CLUSTERS | SR_PFX_TMASK));
    CHECK_INT_EQ(p.st_crc, g1);
    /* fast path == reference, and the supertags are used */
    sr_tagger tg;
    sr_mfile tf;
    CHECK_INT_EQ(sr_mfile_load(&tf, tp, &err), SITREP_OK);
    CHECK_INT_EQ(sr_tagger_from(&tg, &tf), 0);
    size_t differ = 0, stdiff = 0;
    S_paths_agree(&p, NULL, tg.nclass, 1, 5, &differ, &stdiff);
    CHECK_INT_EQ(differ, 0);
    CHECK(stdiff > 0);
    sr_mfile_free(&pf);
    sr_mfile_free(&tf);
    sr_mfile_free(&gf);
    /* missing <name>.stag: refused, naming it */
    S_load_refused(tp, SITREP_E_IO, "supertagger is missing");
    /* another supertagger: refused, naming the checksums */
    char mp[128];
    S_PATH(mp, "g.stag");
    CHECK_INT_EQ(S_copy_file(xp, mp), 0);
    S_load_refused(tp, SITREP_E_CORRUPT, "is not the one");
    /* the right one: tags, supertags and parses */
    CHECK_INT_EQ(S_copy_file(gp2, mp), 0);
    S_loads_and_parses(tp, "The senator welcomed the talks. Their troops withdrew after the report.");
    /* a supertagger is not a tagger, nor a tagger a supertagger */
    S_load_refused(gp, SITREP_E_FORMAT, "supertagger model");
    o.supertagger_path = tp;
    CHECK_INT_EQ(sitrep_train("parser", &o, pp, &p1, &err), SITREP_E_FORMAT);
    CHECK(strstr(err.msg, "not a supertagger model") != NULL);
}

/* --drop-templates: the model records the templates it was trained
 * without (SR_PFX_TMASK and their bits), training is deterministic, the
 * model has fewer transition features than the full one, the fast path,
 * the plain one and a beam of 1 leave out the same templates (they agree
 * on random sentences), and bad lists are usage errors that say why. */
TEST(parse_dropped_templates) {
    sitrep_train_opts o;
    CHECK(S_small_parser_opts(&o) == 0);
    char pf[128], pd[128], pd2[128];
    S_PATH(pf, "full.parser");
    S_PATH(pd, "drop.parser");
    S_PATH(pd2, "drop2.parser");
    sitrep_error err = {0};
    uint32_t cf = 0, cd = 0, cd2 = 0;
    CHECK_INT_EQ(sitrep_train("parser", &o, pf, &cf, &err), SITREP_OK);
    o.drop_templates = "1-3,17-29,44,101-105";
    CHECK_INT_EQ(sitrep_train("parser", &o, pd, &cd, &err), SITREP_OK);
    CHECK_INT_EQ(sitrep_train("parser", &o, pd2, &cd2, &err), SITREP_OK);
    CHECK_INT_EQ(cd, cd2);
    CHECK(cd != cf);
    size_t nf = S_trans_features(pf), nd = S_trans_features(pd);
    CHECK(nf != (size_t)-1 && nd != (size_t)-1);
    CHECK(nd > 0);
    CHECK(nd < nf);

    sr_mfile tf, f;
    sr_tagger tg;
    sr_parser p;
    S_open_pair(S_tagger, pd, &tf, &f, &tg, &p);
    CHECK(p.fx & SR_PFX_TMASK);
    static const int dropped[] = {1, 2, 3, 17, 23, 29, 44, 101, 105};
    static const int kept[] = {4, 16, 30, 43, 45, 63, 100, 106, 255};
    for (size_t i = 0; i < sizeof dropped / sizeof dropped[0]; i++) CHECK((p.off[dropped[i] >> 6] >> (dropped[i] & 63)) & 1u);
    for (size_t i = 0; i < sizeof kept / sizeof kept[0]; i++) CHECK(!((p.off[kept[i] >> 6] >> (kept[i] & 63)) & 1u));
    size_t differ = 0, unused = 0;
    S_paths_agree(&p, NULL, tg.nclass, 0, 11, &differ, &unused);
    CHECK_INT_EQ(differ, 0);
    /* The full model has no mask. With the dropped model's mask put on
     * it, its weights for those templates are there but must not count:
     * then every path has to skip exactly the masked templates to agree
     * (a path that scored one, or skipped another, would parse
     * differently), and the parses differ from the unmasked model's. */
    sr_mfile f2;
    sr_parser q;
    CHECK_INT_EQ(sr_mfile_load(&f2, pf, &err), SITREP_OK);
    CHECK_INT_EQ(sr_parser_from(&q, &f2), 0);
    CHECK(!(q.fx & SR_PFX_TMASK));
    CHECK(!(q.off[0] | q.off[1] | q.off[2] | q.off[3]));
    sr_parser qm = q;
    qm.fx |= SR_PFX_TMASK;
    memcpy(qm.off, p.off, sizeof qm.off);
    differ = 0;
    size_t changed = 0;
    S_paths_agree(&qm, &q, tg.nclass, 0, 12, &differ, &changed);
    CHECK_INT_EQ(differ, 0);
    CHECK(changed > 0);
    sr_mfile_free(&f2);
    sr_mfile_free(&tf);
    /* the mask bit without its section: a damaged model */
    char pm[128];
    S_PATH(pm, "nomask.parser");
    CHECK_INT_EQ(S_patched_parser(&f, 2, (float)(p.fx), pm, &err), SITREP_E_CORRUPT);
    sr_mfile_free(&f);

    static const char *bad[] = {"0", "256", "5-3", "x", "1,,2", "", "7,", "3-"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        o.drop_templates = bad[i];
        memset(&err, 0, sizeof err);
        CHECK_INT_EQ(sitrep_train("parser", &o, pd2, NULL, &err), SITREP_E_USAGE);
        CHECK(strstr(err.msg, "bad template list") != NULL);
    }
    o.drop_templates = "17";
    memset(&err, 0, sizeof err);
    CHECK_INT_EQ(sitrep_train("sentences", &o, pd2, NULL, &err), SITREP_E_USAGE);
    CHECK(strstr(err.msg, "parser training only") != NULL);
    /* tagger template ids are 1-63 */
    o.drop_templates = "17,64";
    memset(&err, 0, sizeof err);
    CHECK_INT_EQ(sitrep_train("tagger", &o, pd2, NULL, &err), SITREP_E_USAGE);
    CHECK(strstr(err.msg, "1-63") != NULL);
}

/* Tagger and supertagger --drop-templates (SR_TFX_TMASK) and the
 * supertagger's class cap (--max-classes): deterministic, recorded in the
 * model (mask bits; cap in meta[3]), fewer features than without, and the
 * capped supertagger has at most that many classes, all decoding to
 * supertags, with the rarest ones reduced to their relation and side (no
 * child flags). A parser trained with that supertagger (jackknifed)
 * inherits both in its fold supertaggers, and loads and parses. */
TEST(parse_tagger_masks_and_supertag_cap) {
    sitrep_model *mt = S_tiny(); /* makes S_dir */
    CHECK(mt != NULL);
    if (!mt) return;
    sitrep_model_free(mt);
    char full[128], lean[128], lean2[128], capd[128], pp[128];
    S_PATH(full, "mfull.stag");
    S_PATH(lean, "mlean.stag");
    S_PATH(lean2, "mlean2.stag");
    S_PATH(capd, "mcap.stag");
    S_PATH(pp, "mcap.parser");
    sitrep_error err = {0};
    sitrep_train_opts o = S_train_opts(3, 3);
    uint32_t cf = 0, cl = 0, cl2 = 0, cc = 0;
    CHECK_INT_EQ(sitrep_train("supertagger", &o, full, &cf, &err), SITREP_OK);
    o.drop_templates = "2-3,5-11,40-46";
    CHECK_INT_EQ(sitrep_train("supertagger", &o, lean, &cl, &err), SITREP_OK);
    CHECK_INT_EQ(sitrep_train("supertagger", &o, lean2, &cl2, &err), SITREP_OK);
    CHECK_INT_EQ(cl, cl2);
    CHECK(cl != cf);
    sr_mfile ff, lf;
    sr_tagger ft, lt;
    CHECK_INT_EQ(sr_mfile_load(&ff, full, &err), SITREP_OK);
    CHECK_INT_EQ(sr_mfile_load(&lf, lean, &err), SITREP_OK);
    CHECK_INT_EQ(sr_tagger_from(&ft, &ff), 0);
    CHECK_INT_EQ(sr_tagger_from(&lt, &lf), 0);
    CHECK_INT_EQ(ft.fx, SR_TFX_STAG);
    CHECK_INT_EQ(lt.fx, SR_TFX_STAG | SR_TFX_TMASK);
    CHECK_INT_EQ(ft.off, 0);
    CHECK(lt.off == ((UINT64_C(3) << 2) | (UINT64_C(0x7F) << 5) | (UINT64_C(0x7F) << 40)));
    size_t nfull = 0, nlean = 0;
    for (size_t i = 0; i <= ft.w.mask; i++) nfull += ft.w.slots[i].fp != 0;
    for (size_t i = 0; i <= lt.w.mask; i++) nlean += lt.w.slots[i].fp != 0;
    CHECK(nlean > 0);
    CHECK(nlean < nfull);
    CHECK_INT_EQ(ft.stag_cap, 0);
    /* a cap between the number of (relation, side) classes and the number
     * of supertags of the data: room for some whole ones */
    uint32_t ncoarse = 0;
    {
        static unsigned char seen[SR_STAG_COUNT];
        memset(seen, 0, sizeof seen);
        for (uint32_t c = 0; c < ft.nclass; c++) {
            unsigned s = sr_stag_of_class(&ft.classes[c]) & ~3u;
            if (s < SR_STAG_COUNT && !seen[s]) { seen[s] = 1; ncoarse++; }
        }
    }
    uint32_t want = (ncoarse + ft.nclass) / 2;
    if (want < 32) want = 32;
    CHECK(want > ncoarse && want < ft.nclass); /* the test data has room for a cap */
    o.drop_templates = NULL;
    o.supertag_classes = (int)want;
    CHECK_INT_EQ(sitrep_train("supertagger", &o, capd, &cc, &err), SITREP_OK);
    sr_mfile kf;
    sr_tagger kt;
    CHECK_INT_EQ(sr_mfile_load(&kf, capd, &err), SITREP_OK);
    CHECK_INT_EQ(sr_tagger_from(&kt, &kf), 0);
    CHECK_INT_EQ(kt.stag_cap, want);
    CHECK(kt.nclass <= want);
    CHECK(kt.nclass > 0);
    size_t coarse_only = 0;
    for (uint32_t c = 0; c < kt.nclass; c++) CHECK(sr_stag_of_class(&kt.classes[c]) < SR_STAG_COUNT);
    /* every class of the full model is in the capped one, or is there
     * without its child flags */
    for (uint32_t c = 0; c < ft.nclass; c++) {
        unsigned s = sr_stag_of_class(&ft.classes[c]);
        int whole = 0, coarse = 0;
        for (uint32_t d = 0; d < kt.nclass; d++) {
            unsigned t = sr_stag_of_class(&kt.classes[d]);
            whole |= t == s;
            coarse |= t == (s & ~3u);
        }
        CHECK(whole || coarse);
        coarse_only += !whole;
    }
    CHECK(coarse_only > 0);
    /* a parser with it: the fold supertaggers are capped the same way */
    sitrep_train_opts po;
    CHECK(S_small_parser_opts(&po) == 0);
    po.supertagger_path = capd;
    po.jackknife = 2;
    po.tagger_epochs = 2;
    CHECK_INT_EQ(sitrep_train("parser", &po, pp, NULL, &err), SITREP_OK);
    sr_mfile_free(&kf);
    sr_mfile_free(&ff);
    sr_mfile_free(&lf);
    /* bad caps and misplaced options are usage errors */
    o.supertag_classes = 8;
    CHECK_INT_EQ(sitrep_train("supertagger", &o, lean2, NULL, &err), SITREP_E_USAGE);
    o.supertag_classes = 64;
    CHECK_INT_EQ(sitrep_train("tagger", &o, lean2, NULL, &err), SITREP_E_USAGE);
    CHECK(strstr(err.msg, "supertagger training only") != NULL);
}

/* The per-word memos of the tagger and the parser (memo.h) give exactly
 * the tags and trees of probing every template: the shipped model on the
 * example articles, read twice (the second time from the memos), with
 * the memos off, on, and on with 16 entries (words evict each other and,
 * in the tagger, meet taken entries in their batch). */
TEST(parse_memo_exact) {
    const char *dir = sr_test_models_dir("parse_memo_exact");
    if (!dir) return;
    static const char *files[] = {"examples/01-jeddah-ukraine-accepts.txt", "examples/03-putin-in-principle.txt",
                                  "examples/05-energy-strikes.txt", "examples/06-gaza-talks.txt"};
    sr_buf text = SR_BUF_INIT;
    for (size_t f = 0; f < sizeof files / sizeof *files; f++) {
        FILE *fp = fopen(files[f], "rb");
        CHECK(fp != NULL);
        if (!fp) continue;
        char b[4096];
        size_t n;
        while ((n = fread(b, 1, sizeof b, fp)) > 0) sr_buf_append(&text, b, n);
        fclose(fp);
        sr_buf_append(&text, "\n\n", 2);
    }
    /* words with two tags (a memo keyed on the word alone mixes them up) */
    static const char two_tags[] =
        "The record shows that they record every call. Envoys will talk before the talks. "
        "Record numbers fled the shelling, and aid groups record them. They talk; the talk goes on.\n";
    sr_buf_append(&text, two_tags, sizeof two_tags - 1);
    static const struct { int on; uint32_t cap; } cfg[] = {{0, 0}, {1, 0}, {1, 16}};
    sr_buf out[3] = {SR_BUF_INIT, SR_BUF_INIT, SR_BUF_INIT};
    for (int c = 0; c < 3; c++) {
        sr_memo_config(cfg[c].on, cfg[c].cap);
        sitrep_error err = {0};
        sitrep_model *m = sitrep_model_load(dir, &err);
        CHECK(m != NULL);
        if (!m) break;
        uint64_t h0, m0, h1, m1;
        sr_memo_stats(&h0, &m0);
        for (int pass = 0; pass < 2; pass++) {
            sitrep_article *a = sitrep_article_new(NULL, text.data, text.len, &err);
            CHECK(a != NULL);
            if (!a) continue;
            CHECK_INT_EQ(sitrep_article_analyze(a, m, &err), SITREP_OK);
            sr_buf o = SR_BUF_INIT;
            CHECK_INT_EQ(sr_conllu_write(&o, a, NULL), 0);
            if (pass == 0) out[c] = o;
            else {
                CHECK(o.len == out[c].len && memcmp(o.data, out[c].data, o.len) == 0);
                sr_buf_free(&o);
            }
            sitrep_article_free(a);
        }
        sr_memo_stats(&h1, &m1);
        if (cfg[c].on) {
            /* the memo was used: with room, most words (every word of the
             * second pass) were found; in 16 slots some */
            CHECK(h1 - h0 > 0);
            if (!cfg[c].cap) CHECK(h1 - h0 > m1 - m0);
        } else {
            CHECK_INT_EQ(h1 - h0, 0);
            CHECK_INT_EQ(m1 - m0, 0);
        }
        sitrep_model_free(m);
    }
    sr_memo_config(1, 0);
    CHECK(out[0].len > 1000);
    for (int c = 1; c < 3; c++) CHECK(out[c].len == out[0].len && memcmp(out[c].data, out[0].data, out[0].len) == 0);
    for (int c = 0; c < 3; c++) sr_buf_free(&out[c]);
    sr_buf_free(&text);
}
