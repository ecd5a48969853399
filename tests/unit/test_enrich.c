/* test_enrich.c - the CAMEO ontology table and its lookups. Expected values
 * are the source facts (CAMEO codebook Goldstein scores, PLOVER 2021
 * mapping) as recorded in data/ontology/cameo.tsv. */
#include "harness.h"
#include "enrich/ontology.h"

TEST(cameo_lookup_ceasefire_code) {
    const sr_cameo_info *e = sr_cameo_lookup("0871");
    CHECK(e != NULL);
    if (!e) return;
    CHECK_STR_EQ(e->code, "0871");
    CHECK_STR_EQ(e->name, "declare ceasefire");
    CHECK(e->goldstein == 9.0);
    CHECK_INT_EQ(e->quad, 2);
    CHECK_STR_EQ(e->plover_category, "RETREAT");
    CHECK_STR_EQ(e->plover_mode, "ceasefire");
    CHECK_STR_EQ(e->plover_context, "military");
    CHECK_STR_EQ(e->plover_basis, "table");
}

TEST(cameo_lookup_quads_and_scores) {
    const sr_cameo_info *e = sr_cameo_lookup("190");
    CHECK(e && e->quad == 4 && e->goldstein == -10.0);
    CHECK(e && strcmp(e->plover_category, "ASSAULT") == 0);
    e = sr_cameo_lookup("196"); /* violate ceasefire */
    CHECK(e && e->goldstein == -9.5 && e->quad == 4);
    e = sr_cameo_lookup("036");
    CHECK(e && e->quad == 1 && e->goldstein == 4.0 && strcmp(e->plover_category, "AGREE") == 0);
    e = sr_cameo_lookup("064");
    CHECK(e && e->quad == 2 && e->goldstein == 7.0);
    e = sr_cameo_lookup("1246");
    CHECK(e && e->quad == 3 && strcmp(e->plover_category, "REJECT") == 0 &&
          strcmp(e->plover_mode, "yield") == 0);
    e = sr_cameo_lookup("163"); /* the PLOVER table maps sanctions to COERCE */
    CHECK(e && e->goldstein == -8.0 && strcmp(e->plover_category, "COERCE") == 0);
    e = sr_cameo_lookup("20");
    CHECK(e && e->quad == 4);
    e = sr_cameo_lookup("016");
    CHECK(e && e->goldstein == -5.0 && e->quad == 1);
}

TEST(cameo_lookup_plover_fallbacks) {
    /* 0211 is not in the PLOVER table: appeals take their 10x counterpart. */
    const sr_cameo_info *e = sr_cameo_lookup("0256");
    CHECK(e && strcmp(e->plover_category, "REQUEST") == 0 && strcmp(e->plover_mode, "yield") == 0 &&
          strcmp(e->plover_basis, "analogy") == 0);
    /* CAMEO 01 statements are dropped by PLOVER. */
    e = sr_cameo_lookup("013");
    CHECK(e && e->plover_category[0] == '\0' && strcmp(e->plover_basis, "none") == 0);
    CHECK(e && e->goldstein == 0.4);
    /* 0813 sits under RETREAT although its parent 081 is CONCEDE. */
    e = sr_cameo_lookup("0813");
    CHECK(e && strcmp(e->plover_category, "RETREAT") == 0);
    e = sr_cameo_lookup("081");
    CHECK(e && strcmp(e->plover_category, "CONCEDE") == 0);
}

TEST(cameo_lookup_unknown_is_null) {
    CHECK(sr_cameo_lookup(NULL) == NULL);
    CHECK(sr_cameo_lookup("") == NULL);
    CHECK(sr_cameo_lookup("0879") == NULL);
    CHECK(sr_cameo_lookup("21") == NULL);
    CHECK(sr_cameo_lookup("abc") == NULL);
    CHECK(sr_cameo_lookup("08710") == NULL);
    CHECK(!sr_cameo_is_valid("999"));
    CHECK(!sr_cameo_is_valid(NULL));
    CHECK(sr_cameo_is_valid("057"));
    CHECK(sr_cameo_is_valid("01"));
}

TEST(cameo_lookup_nearest_walks_up) {
    const sr_cameo_info *e = sr_cameo_lookup_nearest("0871");
    CHECK(e && strcmp(e->code, "0871") == 0);
    e = sr_cameo_lookup_nearest("0879");
    CHECK(e && strcmp(e->code, "087") == 0);
    e = sr_cameo_lookup_nearest("08719");
    CHECK(e && strcmp(e->code, "0871") == 0);
    e = sr_cameo_lookup_nearest("089");
    CHECK(e && strcmp(e->code, "08") == 0);
    CHECK(sr_cameo_lookup_nearest("99") == NULL);
    CHECK(sr_cameo_lookup_nearest("2") == NULL);
    CHECK(sr_cameo_lookup_nearest("08a") == NULL);
    CHECK(sr_cameo_lookup_nearest(NULL) == NULL);
    CHECK(sr_cameo_lookup_nearest("012345678901234567890") == NULL);
}

TEST(cameo_root) {
    char buf[3] = "xx";
    CHECK_STR_EQ(sr_cameo_root("0871", buf), "08");
    CHECK_STR_EQ(sr_cameo_root("190", buf), "19");
    CHECK_STR_EQ(sr_cameo_root("20", buf), "20");
    CHECK(sr_cameo_root("21", buf) == NULL);
    CHECK(sr_cameo_root("00", buf) == NULL);
    CHECK(sr_cameo_root("7", buf) == NULL);
    CHECK(sr_cameo_root(NULL, buf) == NULL);
}

TEST(cameo_table_sorted_complete) {
    size_t n = sr_cameo_count();
    CHECK_INT_EQ(n, 312);
    CHECK(sr_cameo_at(n) == NULL);
    int roots = 0;
    for (size_t i = 0; i < n; i++) {
        const sr_cameo_info *e = sr_cameo_at(i);
        if (i > 0) CHECK(strcmp(sr_cameo_at(i - 1)->code, e->code) < 0);
        CHECK(sr_cameo_lookup(e->code) == e);
        CHECK(e->quad >= 1 && e->quad <= 4);
        CHECK(e->goldstein >= -10.0 && e->goldstein <= 10.0);
        /* Every code but the CAMEO 01 statements has a PLOVER category. */
        if (strncmp(e->code, "01", 2) != 0) CHECK(e->plover_category[0] != '\0');
        if (strlen(e->code) == 2) roots++;
    }
    CHECK_INT_EQ(roots, 20);
}
