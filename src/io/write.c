/* write.c - event writers: JSON Lines, CSV, TSV, GDELT-like, PLOVER JSON
 * (columns and fields documented in docs/event-schema.md).
 *
 * Each call formats all events of one article into one buffer and writes
 * it with a single fwrite, so a sink can run per article cheaply. Text is
 * always emitted as valid UTF-8 (invalid bytes become U+FFFD) so the
 * output loads in JSON parsers, pandas, R, DuckDB and SQLite. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "coder/events.h"
#include "text/article.h"
#include "util/buf.h"
#include "util/hash.h"

int sitrep_output_format_from_name(const char *name) {
    static const struct { const char *name; sitrep_output_format f; } names[] = {
        {"jsonl", SITREP_OUT_JSONL}, {"json", SITREP_OUT_JSONL},   {"ndjson", SITREP_OUT_JSONL},
        {"csv", SITREP_OUT_CSV},     {"tsv", SITREP_OUT_TSV},      {"gdelt", SITREP_OUT_GDELT},
        {"plover", SITREP_OUT_PLOVER},
    };
    if (!name) return -1;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcasecmp(name, names[i].name) == 0) return (int)names[i].f;
    return -1;
}

static const char *S_z(const char *s) { return s ? s : ""; }


/* --- delimited text ------------------------------------------------ */

enum { S_CSV, S_TSV, S_RAW_TAB };

/* Appends one field. CSV (RFC 4180): quoted when it holds a comma,
 * quote, CR or LF, quotes doubled. TSV: tab, LF, CR and backslash escaped
 * as \t \n \r \\, and the field quoted CSV-style when it holds a double
 * quote (pandas, R, DuckDB and sqlite all treat '"' as a quote character
 * in tab-separated files too). RAW_TAB (GDELT): tabs and line breaks
 * become spaces, like GDELT's own files, which never quote. */
static int S_field(sr_buf *b, const char *s, int mode) {
    s = S_z(s);
    size_t n = strlen(s);
    int quote = 0;
    if (mode == S_CSV) quote = strpbrk(s, ",\"\r\n") != NULL;
    else if (mode == S_TSV) quote = strchr(s, '"') != NULL;
    if (sr_buf_reserve(b, n + 2)) return -1;
    if (quote) b->data[b->len++] = '"';
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        unsigned char c = p[i];
        if (c >= 0x80) {
            size_t l = sr_buf_put_utf8_char(b, p + i, n - i, NULL);
            if (l == 0) return -1;
            i += l;
            continue;
        }
        const char *esc = NULL;
        if (c == '"' && quote) esc = "\"\"";
        else if (mode == S_TSV) {
            if (c == '\t') esc = "\\t";
            else if (c == '\n') esc = "\\n";
            else if (c == '\r') esc = "\\r";
            else if (c == '\\') esc = "\\\\";
        } else if (mode == S_RAW_TAB && (c == '\t' || c == '\n' || c == '\r')) {
            esc = " ";
        }
        if (esc ? sr_buf_puts(b, esc) : sr_buf_putc(b, (char)c)) return -1;
        i++;
    }
    if (quote && sr_buf_putc(b, '"')) return -1;
    return 0;
}

static const char *const S_flat_cols[] = {
    "article_id", "sentence", "date", "source_code", "source_text", "source_start", "source_end",
    "target_code", "target_text", "target_start", "target_end", "cameo", "root", "quad", "goldstein",
    "plover_category", "plover_mode", "issues", "modality", "verb_text", "verb_start", "verb_end",
    "pattern", "pattern_loc", "source_entry", "target_entry", "sentence_text",
    /* appended after the first release: existing columns keep their place */
    "attribution_code", "attribution_text"};
#define S_NFLAT (sizeof S_flat_cols / sizeof S_flat_cols[0])

static void S_fmt_goldstein(char *out, size_t cap, double g) {
    if (isfinite(g)) snprintf(out, cap, "%.10g", g);
    else out[0] = '\0';
}

static int S_flat_row(sr_buf *b, const sitrep_event *e, int mode) {
    char num[8][32];
    snprintf(num[0], 32, "%zu", e->sentence);
    snprintf(num[1], 32, "%zu", e->source_start);
    snprintf(num[2], 32, "%zu", e->source_end);
    snprintf(num[3], 32, "%zu", e->target_start);
    snprintf(num[4], 32, "%zu", e->target_end);
    snprintf(num[5], 32, "%d", e->quad);
    S_fmt_goldstein(num[6], 32, e->goldstein);
    snprintf(num[7], 32, "%zu", e->verb_start);
    char vend[32];
    snprintf(vend, sizeof vend, "%zu", e->verb_end);
    const char *v[S_NFLAT] = {
        e->article_id, num[0], e->date, e->source_code, e->source_text, num[1], num[2],
        e->target_code, e->target_text, num[3], num[4], e->cameo, e->root, num[5], num[6],
        e->plover_category, e->plover_mode, e->issues, e->modality, e->verb_text, num[7], vend,
        e->pattern, e->pattern_loc, e->source_entry, e->target_entry, e->sentence_text,
        e->attribution_code, e->attribution_text};
    const char *sep = mode == S_CSV ? "," : "\t";
    for (size_t i = 0; i < S_NFLAT; i++) {
        if (i && sr_buf_puts(b, sep)) return -1;
        if (S_field(b, v[i], mode)) return -1;
    }
    return sr_buf_puts(b, mode == S_CSV ? "\r\n" : "\n");
}

/* --- GDELT 2.0-like ------------------------------------------------ */

static const char *const S_gdelt_cols[] = {
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL"};
#define S_NGDELT (sizeof S_gdelt_cols / sizeof S_gdelt_cols[0])

/* CAMEO role ("type") codes and religion codes: the 3-letter pieces of an
 * actor code that are not a country. */
static int S_in_set(const char *code3, const char *set) {
    for (const char *p = set; *p; p += 4)
        if (!memcmp(p, code3, 3)) return 1;
    return 0;
}
static const char S_types[] =
    "AGR BUS CHR COP CRM CVL DEV EDU ELI ENV GOV HLH HRI IGO IMG INS INT JUD LAB LEG MED MIL MNC "
    "MOD NGM NGO OPP PKO PRM PTY RAD REB REF REL SEP SET SOC SPY UAF UIS UNK ";
static const char S_religions[] =
    "ALE ATH BAH BUD CHR CON CTH DRZ HIN ITH JAN JEW MOS ORT PRO SFI SHI SIK SUN TAO ZRO ";

/* A CAMEO actor code split into GDELT's columns, e.g. "IRQGOVSHI" ->
 * country IRQ, type1 GOV, religion1 SHI; "IGOUNO" -> group UNO. */
typedef struct S_actor {
    char country[4], group[4], rel[2][4], type[3][4];
} S_actor;

static void S_actor_parts(const char *code, S_actor *a) {
    memset(a, 0, sizeof *a);
    int nt = 0, nr = 0;
    size_t n = strlen(code);
    for (size_t i = 0; i + 3 <= n; i += 3) {
        char c3[4] = {code[i], code[i + 1], code[i + 2], 0};
        int is_type = S_in_set(c3, S_types), is_rel = S_in_set(c3, S_religions);
        if (i == 0 && !is_type && !is_rel) memcpy(a->country, c3, 4);
        else if (is_rel && nr < 2) memcpy(a->rel[nr++], c3, 4);
        else if (is_type && nt < 3 && strcmp(c3, "IGO") != 0) memcpy(a->type[nt++], c3, 4);
        else if (!a->group[0] && !is_type) memcpy(a->group, c3, 4);
    }
}

static int S_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int S_gdelt_row(sr_buf *b, const sitrep_event *e, size_t idx, const sitrep_article *a) {
    const char *v[S_NGDELT];
    for (size_t i = 0; i < S_NGDELT; i++) v[i] = "";
    char id[32], day[9] = "", my[7] = "", yr[5] = "", frac[16] = "", gold[32], quad[8];
    /* A stable id: the same event gets the same id whatever -j or run. */
    uint64_t h = sr_hash_bytes(SR_HASH_SEED, S_z(e->article_id), strlen(S_z(e->article_id)));
    h = sr_hash_mix(h, e->sentence);
    h = sr_hash_mix(h, idx);
    snprintf(id, sizeof id, "%llu", (unsigned long long)(h & UINT64_C(0x7fffffffffffffff)));
    v[0] = id;
    const char *d = S_z(e->date);
    if (strlen(d) == 10) {
        snprintf(day, sizeof day, "%.4s%.2s%.2s", d, d + 5, d + 8);
        snprintf(my, sizeof my, "%.4s%.2s", d, d + 5);
        snprintf(yr, sizeof yr, "%.4s", d);
        int y = atoi(yr), mo = atoi(d + 5), dd = atoi(d + 8);
        static const int cum[12] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
        int doy = (mo >= 1 && mo <= 12 ? cum[mo - 1] : 0) + dd + (mo > 2 && S_leap(y));
        snprintf(frac, sizeof frac, "%.4f", y + doy / 365.0 - (doy == 366 ? 1.0 / 365 : 0));
    }
    v[1] = day, v[2] = my, v[3] = yr, v[4] = frac;
    S_actor p[2];
    S_actor_parts(S_z(e->source_code), &p[0]);
    S_actor_parts(S_z(e->target_code), &p[1]);
    for (size_t k = 0; k < 2; k++) {
        const char **c = v + 5 + 10 * k; /* Actor1* from 5, Actor2* from 15 */
        c[0] = S_z(k ? e->target_code : e->source_code);
        c[1] = S_z(k ? e->target_text : e->source_text);
        c[2] = p[k].country, c[3] = p[k].group; /* c[4]: EthnicCode, unknown */
        c[5] = p[k].rel[0], c[6] = p[k].rel[1];
        c[7] = p[k].type[0], c[8] = p[k].type[1], c[9] = p[k].type[2];
    }
    v[25] = e->sentence < 2 ? "1" : "0";
    const char *cameo = S_z(e->cameo);
    char base[4] = "", root[3] = "";
    snprintf(base, sizeof base, "%.3s", cameo);
    snprintf(root, sizeof root, "%.2s", *S_z(e->root) ? e->root : cameo);
    v[26] = cameo, v[27] = base, v[28] = root;
    snprintf(quad, sizeof quad, "%d", e->quad);
    v[29] = e->quad ? quad : "";
    S_fmt_goldstein(gold, sizeof gold, e->goldstein);
    v[30] = gold;
    v[31] = v[32] = v[33] = "1";
    v[60] = a && a->url && *a->url ? a->url : S_z(e->article_id);
    for (size_t i = 0; i < S_NGDELT; i++) {
        if (i && sr_buf_putc(b, '\t')) return -1;
        if (S_field(b, v[i], S_RAW_TAB)) return -1;
    }
    return sr_buf_putc(b, '\n');
}

/* --- JSON ---------------------------------------------------------- */

static int S_jstr(sr_buf *b, const char *s) { s = S_z(s); return sr_buf_json_str(b, s, strlen(s)); }

static int S_jkey(sr_buf *b, const char *k, const char *s) {
    return sr_buf_printf(b, ",\"%s\":", k) || S_jstr(b, s);
}

static int S_jactor(sr_buf *b, const char *key, const char *code, const char *text, size_t st, size_t en) {
    if (sr_buf_printf(b, ",\"%s\":", key)) return -1;
    if (!*S_z(code) && !*S_z(text)) return sr_buf_puts(b, "null");
    return sr_buf_puts(b, "{\"code\":") || S_jstr(b, code) || S_jkey(b, "text", text) ||
           sr_buf_printf(b, ",\"start\":%zu,\"end\":%zu}", st, en);
}

/* "A,B" -> ["A","B"] */
static int S_jlist(sr_buf *b, const char *csv) {
    csv = S_z(csv);
    if (sr_buf_putc(b, '[')) return -1;
    int first = 1;
    while (*csv) {
        const char *c = strchr(csv, ',');
        size_t n = c ? (size_t)(c - csv) : strlen(csv);
        while (n && csv[0] == ' ') csv++, n--;
        while (n && csv[n - 1] == ' ') n--;
        if (n) {
            if (!first && sr_buf_putc(b, ',')) return -1;
            if (sr_buf_json_str(b, csv, n)) return -1;
            first = 0;
        }
        if (!c) break;
        csv = c + 1;
    }
    return sr_buf_putc(b, ']');
}

static int S_jgold(sr_buf *b, double g) {
    char num[32];
    S_fmt_goldstein(num, sizeof num, g);
    return sr_buf_puts(b, num[0] ? num : "null");
}

static int S_jsonl_row(sr_buf *b, const sitrep_event *e) {
    return sr_buf_puts(b, "{\"article_id\":") || S_jstr(b, e->article_id) ||
           sr_buf_printf(b, ",\"sentence\":%zu", e->sentence) || S_jkey(b, "date", e->date) ||
           S_jactor(b, "source", e->source_code, e->source_text, e->source_start, e->source_end) ||
           S_jactor(b, "target", e->target_code, e->target_text, e->target_start, e->target_end) ||
           S_jkey(b, "cameo", e->cameo) || S_jkey(b, "root", e->root) ||
           sr_buf_printf(b, ",\"quad\":%d,\"goldstein\":", e->quad) || S_jgold(b, e->goldstein) ||
           sr_buf_puts(b, ",\"plover\":{\"category\":") || S_jstr(b, e->plover_category) ||
           S_jkey(b, "mode", e->plover_mode) || sr_buf_puts(b, "},\"issues\":") || S_jlist(b, e->issues) ||
           S_jkey(b, "modality", e->modality) ||
           S_jactor(b, "attribution", e->attribution_code, e->attribution_text,
                    e->attribution_start, e->attribution_end) ||
           sr_buf_puts(b, ",\"evidence\":{\"sentence_text\":") || S_jstr(b, e->sentence_text) ||
           sr_buf_puts(b, ",\"verb\":{\"text\":") || S_jstr(b, e->verb_text) ||
           sr_buf_printf(b, ",\"start\":%zu,\"end\":%zu}", e->verb_start, e->verb_end) ||
           sr_buf_puts(b, ",\"pattern\":{\"text\":") || S_jstr(b, e->pattern) ||
           S_jkey(b, "loc", e->pattern_loc) || sr_buf_putc(b, '}') ||
           S_jkey(b, "source_entry", e->source_entry) || S_jkey(b, "target_entry", e->target_entry) ||
           sr_buf_puts(b, "}}\n");
}

/* PLOVER entity object: "code" is the first 3 characters of the CAMEO
 * actor code (country or international actor), "sector" the rest. */
static int S_plover_entity(sr_buf *b, const char *code, const char *text) {
    code = S_z(code);
    size_t n = strlen(code);
    return sr_buf_puts(b, "[{\"code\":") || sr_buf_json_str(b, code, n < 3 ? n : 3) ||
           sr_buf_puts(b, ",\"sector\":") || sr_buf_json_str(b, n > 3 ? code + 3 : "", n > 3 ? n - 3 : 0) ||
           S_jkey(b, "entitytext", text) || sr_buf_puts(b, "}]");
}

static int S_plover_row(sr_buf *b, const sitrep_event *e, size_t idx, const sitrep_article *a) {
    size_t st = e->verb_start, en = e->verb_end;
    size_t spans[3][2] = {{e->source_start, e->source_end}, {e->target_start, e->target_end},
                          {e->verb_start, e->verb_end}};
    for (int i = 0; i < 3; i++) {
        if (spans[i][1] <= spans[i][0]) continue;
        if (en <= st || spans[i][0] < st) st = spans[i][0];
        if (spans[i][1] > en) en = spans[i][1];
    }
    sr_buf id = SR_BUF_INIT;
    int rc = sr_buf_printf(&id, "%s-%zu-%zu", S_z(e->article_id), e->sentence, idx) ||
             sr_buf_puts(b, "{\"id\":") || sr_buf_json_str(b, id.data, id.len);
    sr_buf_free(&id);
    if (rc) return -1;
    if (S_jkey(b, "date", e->date) || sr_buf_puts(b, ",\"actor\":") ||
        S_plover_entity(b, e->source_code, e->source_text) || sr_buf_puts(b, ",\"recipient\":"))
        return -1;
    if (*S_z(e->target_code) || *S_z(e->target_text)) {
        if (S_plover_entity(b, e->target_code, e->target_text)) return -1;
    } else if (sr_buf_puts(b, "[]")) {
        return -1;
    }
    if (sr_buf_puts(b, ",\"event\":[") || S_jstr(b, e->plover_category) || sr_buf_puts(b, "],\"mode\":") ||
        S_jlist(b, e->plover_mode) || sr_buf_puts(b, ",\"context\":") || S_jlist(b, e->issues))
        return -1;
    if (e->quad && sr_buf_printf(b, ",\"quad\":%d", e->quad)) return -1;
    if (sr_buf_puts(b, ",\"eventscale\":") || S_jgold(b, e->goldstein) ||
        S_jkey(b, "text", e->sentence_text) ||
        sr_buf_printf(b, ",\"textinfo\":{\"sequence\":%zu,\"start\":%zu,\"end\":%zu}", e->sentence, st, en) ||
        S_jkey(b, "cameo", e->cameo) || S_jkey(b, "modality", e->modality) ||
        /* extension field (not PLOVER): who reports the event */
        S_jactor(b, "attribution", e->attribution_code, e->attribution_text,
                 e->attribution_start, e->attribution_end))
        return -1;
    if (a && ((a->url && *a->url) || (a->source && *a->source) || (a->title && *a->title))) {
        if (sr_buf_puts(b, ",\"citeinfo\":{\"url\":") || S_jstr(b, a->url) ||
            S_jkey(b, "title", a->title) || S_jkey(b, "publication", a->source) || sr_buf_putc(b, '}'))
            return -1;
    }
    return sr_buf_puts(b, ",\"hasevent\":true,\"coder\":\"sitrep " SITREP_VERSION "\"}\n");
}

/* --- entry points --------------------------------------------------- */

sitrep_status sitrep_write_header(FILE *out, sitrep_output_format f) {
    sr_buf b = SR_BUF_INIT;
    int rc = 0;
    if (f == SITREP_OUT_CSV || f == SITREP_OUT_TSV) {
        for (size_t i = 0; i < S_NFLAT && !rc; i++)
            rc = (i && sr_buf_putc(&b, f == SITREP_OUT_CSV ? ',' : '\t')) || sr_buf_puts(&b, S_flat_cols[i]);
        if (!rc) rc = sr_buf_puts(&b, f == SITREP_OUT_CSV ? "\r\n" : "\n");
    } else if (f == SITREP_OUT_GDELT) {
        for (size_t i = 0; i < S_NGDELT && !rc; i++)
            rc = (i && sr_buf_putc(&b, '\t')) || sr_buf_puts(&b, S_gdelt_cols[i]);
        if (!rc) rc = sr_buf_putc(&b, '\n');
    }
    sitrep_status st = SITREP_OK;
    if (rc) st = SITREP_E_NOMEM;
    else if (b.len && fwrite(b.data, 1, b.len, out) != b.len) st = SITREP_E_IO;
    sr_buf_free(&b);
    return st;
}

sitrep_status sitrep_write_article_events(FILE *out, sitrep_output_format f, const sitrep_article *a,
                                          const sitrep_events *ev) {
    size_t n = sitrep_events_count(ev);
    if (n == 0) return SITREP_OK;
    sr_buf b = SR_BUF_INIT;
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        const sitrep_event *e = sitrep_events_get(ev, i);
        switch (f) {
        case SITREP_OUT_CSV: rc = S_flat_row(&b, e, S_CSV); break;
        case SITREP_OUT_TSV: rc = S_flat_row(&b, e, S_TSV); break;
        case SITREP_OUT_GDELT: rc = S_gdelt_row(&b, e, i, a); break;
        case SITREP_OUT_PLOVER:
            /* CAMEO 01/02 have no PLOVER category ("dropped"). */
            if (*S_z(e->plover_category)) rc = S_plover_row(&b, e, i, a);
            break;
        default: rc = S_jsonl_row(&b, e); break;
        }
    }
    sitrep_status st = SITREP_OK;
    if (rc) st = SITREP_E_NOMEM;
    else if (b.len && fwrite(b.data, 1, b.len, out) != b.len) st = SITREP_E_IO;
    sr_buf_free(&b);
    return st;
}

sitrep_status sitrep_write_events(FILE *out, sitrep_output_format f, const sitrep_events *ev) {
    return sitrep_write_article_events(out, f, NULL, ev);
}
