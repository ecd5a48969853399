/* cmd_train.c - `sitrep train tagger|supertagger|parser|sentences --train X.conllu [--dev Y.conllu]
 * -o MODEL [--epochs N] [--seed S] [--tagger MODEL]` and `sitrep train clusters
 * --train LM.arpa -o MODEL`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include "cli.h"

/* Parses the integer value v of option opt into *out: digits only, within
 * lo..hi; otherwise says which option and range, and returns -1. */
static int S_int_opt(const char *opt, const char *v, long lo, long hi, long *out) {
    char *end;
    long e = strtol(v, &end, 10);
    if (end == v || *end || e < lo || e > hi) {
        fprintf(stderr, "sitrep train: bad %s '%s' (%ld-%ld)\n", opt, v, lo, hi);
        return -1;
    }
    *out = e;
    return 0;
}

static void S_usage(FILE *out) {
    fprintf(out,
            "usage: sitrep train tagger --train TRAIN.conllu [--dev DEV.conllu] -o MODEL\n"
            "                           [--clusters CLUSTERS_MODEL] [--ensemble N] [--lexicon-folds K]\n"
            "                           [--prune N] [--drop-templates LIST]\n"
            "                           [--epochs N] [--seed S] [--quiet]\n"
            "       sitrep train supertagger --train TRAIN.conllu [--dev DEV.conllu] -o MODEL\n"
            "                           [--clusters CLUSTERS_MODEL] [--ensemble N] [--prune N]\n"
            "                           [--drop-templates LIST] [--max-classes N]\n"
            "                           [--epochs N] [--seed S] [--quiet]\n"
            "       sitrep train parser --train TRAIN.conllu [--dev DEV.conllu] -o MODEL\n"
            "                           --tagger TAGGER_MODEL [--supertagger STAG_MODEL]\n"
            "                           [--jackknife K] [--tagger-epochs N]\n"
            "                           [--parser-ensemble N] [--base-features] [--prune N]\n"
            "                           [--beam K] [--silver SILVER.conllu] [--max-features N]\n"
            "                           [--drop-templates LIST]\n"
            "                           [--ensemble N] [--lexicon-folds K]\n"
            "                           [--epochs N] [--seed S] [--quiet]\n"
            "       sitrep train sentences --train TRAIN.conllu [--dev DEV.conllu] -o MODEL\n"
            "                           [--epochs N] [--seed S] [--quiet]\n"
            "       sitrep train clusters --train LM.arpa[.gz|.zst] -o MODEL\n"
            "                           [--coarse N] [--fine N] [--epochs N] [--quiet]\n\n"
            "Trains the averaged-perceptron tagger+lemmatizer or the arc-hybrid parser\n"
            "(which is trained on tags predicted by --tagger, or with --jackknife K by\n"
            "taggers trained on the other K-1 folds), or the sentence-boundary\n"
            "refinement for web text (from the raw text of the # text lines; dev tunes\n"
            "its margin). Progress (dev accuracy) is printed per epoch on stderr.\n"
            "Tagger options (for the parser: of its jackknife taggers): --ensemble N\n"
            "averages the weights of N runs with different seeds; --lexicon-folds K\n"
            "gives each training sentence the word lexicons of the other K-1 folds.\n"
            "Parser options: --parser-ensemble N averages the weights of N parser runs\n"
            "(seeds seed, seed + 7919, ...) into one model of the same speed;\n"
            "--base-features trains with the 63 base feature templates only (as the\n"
            "models before 2026-11-22), without the 9 extension templates; --prune N\n"
            "leaves out the parser features updated fewer than N times in all runs\n"
            "(default 3 per run); --beam K (2-64; 1 = greedy, the default) trains\n"
            "globally with a beam of K (max-violation perceptron), and the model is then\n"
            "always decoded with that beam: more accurate, several times slower (use it\n"
            "with --model DIR/NAME.parser); --silver FILE adds the sentences\n"
            "of FILE (CoNLL-U, e.g. a --beam model's parse of unannotated text) to the\n"
            "training data, with their tags as given (docs/parser.md, Round 8);\n"
            "--max-features N raises the --prune cut until at most N transition\n"
            "features are left (the model's size and speed stay bounded);\n"
            "--drop-templates LIST (ids and ranges, \"18,23-29\"; docs/parser.md) trains a\n"
            "tagger, supertagger or parser without those feature templates, and the\n"
            "model is scored without them (fewer keys per word: faster). --prune N\n"
            "also cuts a tagger's features updated fewer than N times (default 1).\n"
            "Supertags: `train supertagger` learns to predict each word's dependency\n"
            "relation and the side of its head from the trees of TRAIN (a tagger whose\n"
            "classes are these supertags; --prune N drops its features updated fewer\n"
            "than N times; --max-classes N keeps the N - k most frequent supertags\n"
            "whole and the rest without their child flags, N classes in all);\n"
            "`train parser --supertagger FILE` uses its predictions as\n"
            "parser features (with --jackknife K, the training sentences' supertags\n"
            "come from supertaggers trained on the other K-1 folds), and the parser\n"
            "then needs FILE beside it as <name>.stag (models/en_ewt.stag).\n"
            "Word clusters: `train clusters` learns a coarse and a fine class for each\n"
            "word of an ARPA language model (its unigrams and bigrams; default 64 and\n"
            "512 classes, --epochs exchange passes, default 20); `train tagger\n"
            "--clusters FILE` trains a tagger with cluster features, which then needs\n"
            "FILE beside it as <name>.clusters (models/en_ewt.clusters), and a parser\n"
            "trained with such a tagger uses the same clusters.\n"
            "Same data + same seed = identical model (the CRC-32 printed at the end).\n"
            "Defaults: tagger 10 epochs, parser 15, sentences 8, seed 1, no ensemble,\n"
            "no lexicon folds. The shipped models: models/en_ewt.tagger,\n"
            "models/en_ewt.stag, models/en_ewt.parser, models/en_ewt.sbd,\n"
            "models/en_ewt.clusters (commands in docs/parser.md).\n");
}

int cmd_train(int argc, char **argv) {
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        S_usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? EX_USAGE : EX_OK;
    }
    const char *kind = argv[1], *out = NULL;
    sitrep_train_opts o = {0};
    o.seed = 1;
    o.log = stderr;
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) { o.log = NULL; continue; }
        if (!strcmp(a, "--base-features")) { o.parser_base_features = 1; continue; }
        static const char *const valued[] = {"--train", "--dev", "-o", "--output", "--tagger",
                                             "--jackknife", "--tagger-epochs", "--epochs", "--seed",
                                             "--ensemble", "--lexicon-folds", "--parser-ensemble", "--prune",
                                             "--clusters", "--coarse", "--fine", "--beam", "--silver",
                                             "--max-features", "--supertagger", "--drop-templates", "--max-classes"};
        int known = 0;
        for (size_t k = 0; k < sizeof valued / sizeof valued[0]; k++) known |= !strcmp(a, valued[k]);
        if (!known) {
            fprintf(stderr, "sitrep train: unknown option '%s' (see `sitrep train --help`)\n", a);
            return EX_USAGE;
        }
        if (!v) { fprintf(stderr, "sitrep train: %s needs a value\n", a); return EX_USAGE; }
        long n = 0;
        if (!strcmp(a, "--train")) o.train_path = v;
        else if (!strcmp(a, "--dev")) o.dev_path = v;
        else if (!strcmp(a, "-o") || !strcmp(a, "--output")) out = v;
        else if (!strcmp(a, "--tagger")) o.tagger_path = v;
        else if (!strcmp(a, "--clusters")) o.clusters_path = v;
        else if (!strcmp(a, "--silver")) o.silver_path = v;
        else if (!strcmp(a, "--supertagger")) o.supertagger_path = v;
        else if (!strcmp(a, "--drop-templates")) o.drop_templates = v;
        else if (!strcmp(a, "--max-classes")) {
            if (S_int_opt(a, v, 32, 4096, &n)) return EX_USAGE;
            o.supertag_classes = (int)n;
        } else if (!strcmp(a, "--max-features")) {
            if (S_int_opt(a, v, 1, 100000000, &n)) return EX_USAGE;
            o.parser_max_features = n;
        } else if (!strcmp(a, "--beam")) {
            if (S_int_opt(a, v, 1, 64, &n)) return EX_USAGE;
            o.parser_beam = (int)n;
        } else if (!strcmp(a, "--coarse") || !strcmp(a, "--fine")) {
            if (S_int_opt(a, v, 2, 65534, &n)) return EX_USAGE;
            if (a[2] == 'c') o.cluster_coarse = (int)n; else o.cluster_fine = (int)n;
        } else if (!strcmp(a, "--jackknife") || !strcmp(a, "--tagger-epochs")) {
            if (S_int_opt(a, v, 0, 100, &n)) return EX_USAGE;
            if (a[2] == 'j') o.jackknife = (int)n; else o.tagger_epochs = (int)n;
        } else if (!strcmp(a, "--ensemble") || !strcmp(a, "--lexicon-folds") || !strcmp(a, "--parser-ensemble")) {
            if (S_int_opt(a, v, 1, 32, &n)) return EX_USAGE;
            if (a[2] == 'e') o.tagger_ensemble = (int)n;
            else if (a[2] == 'l') o.tagger_lex_folds = (int)n;
            else o.parser_ensemble = (int)n;
        } else if (!strcmp(a, "--epochs")) {
            if (S_int_opt(a, v, 1, 1000, &n)) return EX_USAGE;
            o.epochs = (int)n;
        } else if (!strcmp(a, "--prune")) {
            if (S_int_opt(a, v, 1, 100000, &n)) return EX_USAGE;
            o.parser_prune = (int)n;
        } else if (!strcmp(a, "--seed")) {
            char *end;
            unsigned long long s = strtoull(v, &end, 10);
            if (*end) { fprintf(stderr, "sitrep train: bad --seed '%s'\n", v); return EX_USAGE; }
            o.seed = s;
        } else {
            fprintf(stderr, "sitrep train: unknown option '%s' (see --help)\n", a);
            return EX_USAGE;
        }
        i++;
    }
    int is_stag = !strcmp(kind, "supertagger");
    if (o.parser_prune && strcmp(kind, "parser") != 0 && !is_stag && strcmp(kind, "tagger") != 0) {
        fprintf(stderr, "sitrep train: --prune is for `train tagger`, `train supertagger` and `train parser` only\n");
        return EX_USAGE;
    }
    if (o.drop_templates && strcmp(kind, "parser") != 0 && strcmp(kind, "tagger") != 0 && !is_stag) {
        fprintf(stderr, "sitrep train: --drop-templates is for `train tagger`, `train supertagger` and `train parser` only\n");
        return EX_USAGE;
    }
    if (o.supertag_classes && !is_stag) {
        fprintf(stderr, "sitrep train: --max-classes is for `train supertagger` only\n");
        return EX_USAGE;
    }
    if ((o.parser_beam || o.silver_path || o.parser_max_features || o.supertagger_path) &&
        strcmp(kind, "parser") != 0) {
        fprintf(stderr, "sitrep train: %s is for `train parser` only\n",
                o.parser_beam           ? "--beam"
                : o.silver_path         ? "--silver"
                : o.parser_max_features ? "--max-features"
                                        : "--supertagger");
        return EX_USAGE;
    }
    if (strcmp(kind, "tagger") != 0 && strcmp(kind, "parser") != 0 && strcmp(kind, "sentences") != 0 &&
        strcmp(kind, "clusters") != 0 && !is_stag) {
        fprintf(stderr, "sitrep train: unknown model kind '%s' (tagger, supertagger, parser, sentences, clusters)\n", kind);
        return EX_USAGE;
    }
    if (o.clusters_path && strcmp(kind, "tagger") != 0 && !is_stag) {
        fprintf(stderr, "sitrep train: --clusters is for `train tagger` and `train supertagger` (a parser uses its tagger's clusters)\n");
        return EX_USAGE;
    }
    if ((o.cluster_coarse || o.cluster_fine) && strcmp(kind, "clusters") != 0) {
        fprintf(stderr, "sitrep train: --coarse and --fine are for `train clusters` only\n");
        return EX_USAGE;
    }
    if (!o.train_path || !out) {
        fprintf(stderr, "sitrep train: --train and -o are required (see --help)\n");
        return EX_USAGE;
    }
    sitrep_error err = {0};
    uint32_t crc = 0;
    clock_t t0 = clock();
    sitrep_status st = sitrep_train(kind, &o, out, &crc, &err);
    if (st) return sr_cli_report(&err);
    if (o.log)
        fprintf(o.log, "wrote %s (crc32 %08x) in %.1f s\n", out, crc, (double)(clock() - t0) / CLOCKS_PER_SEC);
    return EX_OK;
}
