/* store_filter.c - see store_filter.h. */
#include "store_filter.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static int S_is_date(const char *s) {
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-') return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && !isdigit((unsigned char)s[i])) return 0;
    int m = atoi(s + 5), d = atoi(s + 8);
    return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

static int S_is_code(const char *s) {
    if (!*s) return 0;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '_') return 0;
    return 1;
}

static int S_bad(const char *cmd, const char *opt, const char *arg, const char *expected) {
    fprintf(stderr, "sitrep %s: --%s '%s': expected %s\n", cmd, opt, arg, expected);
    return -1;
}

int sr_cli_filter_opt(const char *cmd, int c, const char *arg, sitrep_store_filter *f,
                      int *mentions) {
    static char dyad[2][64];
    char *end;
    switch (c) {
    case SR_OPT_FROM:
        if (!S_is_date(arg)) return S_bad(cmd, "from", arg, "a date YYYY-MM-DD");
        f->from = arg;
        return 1;
    case SR_OPT_TO:
        if (!S_is_date(arg)) return S_bad(cmd, "to", arg, "a date YYYY-MM-DD");
        f->to = arg;
        return 1;
    case SR_OPT_ACTOR:
        if (!S_is_code(arg)) return S_bad(cmd, "actor", arg, "an actor code such as RUS or USAGOV");
        f->actor = arg;
        return 1;
    case SR_OPT_DYAD: {
        const char *dash = strchr(arg, '-');
        size_t n = dash ? (size_t)(dash - arg) : 0;
        if (!dash || n == 0 || n >= sizeof dyad[0] || strlen(dash + 1) >= sizeof dyad[1])
            return S_bad(cmd, "dyad", arg, "SOURCE-TARGET code prefixes such as RUS-UKR");
        memcpy(dyad[0], arg, n);
        dyad[0][n] = '\0';
        strcpy(dyad[1], dash + 1);
        if (!S_is_code(dyad[0]) || !S_is_code(dyad[1]))
            return S_bad(cmd, "dyad", arg, "SOURCE-TARGET code prefixes such as RUS-UKR");
        f->dyad_source = dyad[0];
        f->dyad_target = dyad[1];
        return 1;
    }
    case SR_OPT_DYAD_ANY: f->dyad_any = 1; return 1;
    case SR_OPT_CAMEO:
        if (!S_is_code(arg) || strspn(arg, "0123456789") != strlen(arg))
            return S_bad(cmd, "cameo", arg, "a CAMEO code (prefix) such as 0871 or 08");
        f->cameo = arg;
        return 1;
    case SR_OPT_ROOT:
        if (strlen(arg) != 2 || !isdigit((unsigned char)arg[0]) || !isdigit((unsigned char)arg[1]) ||
            atoi(arg) < 1 || atoi(arg) > 20)
            return S_bad(cmd, "root", arg, "a two-digit CAMEO root 01..20");
        f->root = arg;
        return 1;
    case SR_OPT_PLOVER:
        if (!S_is_code(arg)) return S_bad(cmd, "plover", arg, "a PLOVER category such as ASSAULT");
        f->plover = arg;
        return 1;
    case SR_OPT_MIN_SOURCES: {
        long v = strtol(arg, &end, 10);
        if (!*arg || *end || v < 0 || v > 1000000)
            return S_bad(cmd, "min-sources", arg, "a count >= 0");
        f->min_sources = (int)v;
        return 1;
    }
    case SR_OPT_LIMIT: {
        long v = strtol(arg, &end, 10);
        if (!*arg || *end || v < 0) return S_bad(cmd, "limit", arg, "a count >= 0");
        f->limit = (size_t)v;
        return 1;
    }
    case SR_OPT_EVENTS: *mentions = 0; return 1;
    case SR_OPT_MENTIONS: *mentions = 1; return 1;
    }
    return 0;
}

void sr_cli_filter_help(FILE *out) {
    fputs("Filters (all optional; codes match as prefixes):\n"
          "  --from DATE, --to DATE  inclusive YYYY-MM-DD bounds on the event date\n"
          "  --actor CODE            source or target starts with CODE (RUS matches RUSGOV)\n"
          "  --dyad SRC-TGT          source starts with SRC and target with TGT\n"
          "  --dyad-any              with --dyad: either direction\n"
          "  --cameo CODE            CAMEO code starts with CODE (0871, 08)\n"
          "  --root RR               CAMEO root, exactly (01..20)\n"
          "  --plover CAT            PLOVER category (any case), e.g. ASSAULT\n"
          "  --min-sources N         events reported by at least N distinct outlets\n"
          "  --events                linked events (default)\n"
          "  --mentions              raw event mentions, one per coded sentence-event\n"
          "  --limit N               at most N rows\n",
          out);
}
