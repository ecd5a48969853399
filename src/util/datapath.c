/* datapath.c - finding sitrep's data directory (dictionaries, models,
 * ontology) from a source checkout, a build tree or an installation. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "util/datapath.h"

static int S_exists(const char *p) {
    struct stat sb;
    return stat(p, &sb) == 0;
}

/* Writes base + "/" + sub into out; returns 1 when it exists. */
static int S_try(const char *base, const char *sub, char *out, size_t cap) {
    int w = (sub && *sub) ? snprintf(out, cap, "%s/%s", base, sub) : snprintf(out, cap, "%s", base);
    if (w < 0 || (size_t)w >= cap) return 0;
    return S_exists(out);
}

int sr_data_path(const char *sub, char *out, size_t cap) {
    if (!out || !cap) return -1;
    const char *env = getenv("SITREP_DATA");
    if (env && *env && S_try(env, sub, out, cap)) return 0;
    if (S_try("data", sub, out, cap)) return 0;
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            char base[PATH_MAX + 32];
            /* build/rel/sitrep -> <repo>/data */
            snprintf(base, sizeof base, "%s/../../data", exe);
            if (S_try(base, sub, out, cap)) return 0;
            /* <prefix>/bin/sitrep -> <prefix>/share/sitrep */
            snprintf(base, sizeof base, "%s/../share/sitrep", exe);
            if (S_try(base, sub, out, cap)) return 0;
        }
    }
    /* not found: leave the most likely candidate for messages */
    if (env && *env) S_try(env, sub, out, cap);
    else S_try("data", sub, out, cap);
    return -1;
}

int sr_models_path(char *buf, size_t cap) {
    if (!buf || !cap) return -1;
    const char *env = getenv("SITREP_MODELS");
    if (env && *env) {
        snprintf(buf, cap, "%s", env);
        return 0;
    }
    if (S_exists("models/en_ewt.tagger")) {
        snprintf(buf, cap, "models");
        return 0;
    }
    char dd[PATH_MAX];
    if (sr_data_path("", dd, sizeof dd) == 0) {
        /* a checkout keeps models/ beside data/; an installation keeps it
         * inside <prefix>/share/sitrep with the dictionaries */
        static const char *const rel[2] = {"/../models", "/models"};
        for (int i = 0; i < 2; i++) {
            char probe[PATH_MAX + 32];
            int w = snprintf(probe, sizeof probe, "%s%s/en_ewt.tagger", dd, rel[i]);
            if (w < 0 || (size_t)w >= sizeof probe || !S_exists(probe)) continue;
            snprintf(buf, cap, "%s%s", dd, rel[i]);
            return 0;
        }
    }
    snprintf(buf, cap, "models");
    return -1;
}
