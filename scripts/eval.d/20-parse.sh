# 20-parse.sh - tagger, lemmatizer and parser on UD English EWT test,
# from gold tokens and from raw text (CoNLL 2018 style alignment). Sourced
# by scripts/eval: uses $SITREP, $SHARED and gate.
out=$("$SITREP" eval parse --model models "$SHARED/ud/en_ewt-ud-test.conllu") || return 1
echo "$out" | sed -n '1,3p'
json=$(echo "$out" | tail -1)
parse_json_get() { echo "$json" | sed "s/.*\"$1\":{[^}]*\"$2\":\([0-9.]*\).*/\1/"; }
# Issue 3 asks for raw-text UPOS >= 95.0, UAS >= 84.5, LAS >= 80.5: the
# models shipped since round 11 (supertagger and parser of round 10's x6e;
# docs/parser.md) reach 95.39 / 84.63 / 81.49 (gold tokens 95.87 / 86.55
# / 83.31, lemma 96.49), so UPOS and UAS are gated at the targets and the
# others just below the figures. The raw-text gates keep ~0.15 of margin
# because the tokenizer and sentence splitter change under them (raw text
# loses ~0.9 UAS to tokenization and ~1.1 to sentence splitting: EWT
# sentence F1 ~88 with models/en_ewt.sbd); the gold-token gates depend on
# the models only.
gate "parse.raw.upos(ewt-test) (target 95.0)" "$(parse_json_get raw upos)" 95.0
gate "parse.raw.uas(ewt-test) (target 84.5)" "$(parse_json_get raw uas)" 84.5
gate "parse.raw.las(ewt-test) (target 80.5)" "$(parse_json_get raw las)" 81.3
gate "parse.gold.upos(ewt-test)" "$(parse_json_get gold upos)" 95.7
gate "parse.gold.uas(ewt-test)" "$(parse_json_get gold uas)" 86.4
gate "parse.gold.las(ewt-test)" "$(parse_json_get gold las)" 83.15
gate "parse.gold.lemma(ewt-test)" "$(parse_json_get gold lemma)" 96.3
echo "eval: parse targets (issue 3, raw text): UPOS 95.0, UAS 84.5, LAS 80.5"
