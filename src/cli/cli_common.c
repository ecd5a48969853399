/* cli_common.c - helpers shared by several subcommands (declared in
 * cli.h): model discovery and dictionary loading. Kept apart so that no
 * cmd_*.c file depends on another. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include "cli.h"
#include "dict/dict.h"

int sr_cli_find_model(const char *given, char *out, size_t cap) {
    struct stat st;
    if (given && *given) {
        snprintf(out, cap, "%s", given);
        return stat(out, &st) == 0 ? 0 : -1;
    }
    const char *envs[] = {getenv("SITREP_MODEL"), getenv("SITREP_MODELS")};
    for (int i = 0; i < 2; i++)
        if (envs[i] && *envs[i] && stat(envs[i], &st) == 0) {
            snprintf(out, cap, "%s", envs[i]);
            return 0;
        }
    char dd[1024], cand[1100];
    const char *dirs[2] = {NULL, "models"};
    if (sr_data_path("", dd, sizeof dd) == 0 &&
        snprintf(cand, sizeof cand, "%s/../models", dd) < (int)sizeof cand)
        dirs[0] = cand;
    for (int i = 0; i < 2; i++) {
        char probe[1200];
        if (!dirs[i] || snprintf(probe, sizeof probe, "%s/en_ewt.tagger", dirs[i]) >= (int)sizeof probe)
            continue;
        if (stat(probe, &st) == 0) {
            snprintf(out, cap, "%s", dirs[i]);
            return 0;
        }
    }
    return -1;
}

sitrep_dict *sr_cli_load_dict(const char *const *paths, size_t n) {
    sitrep_dict *d = sitrep_dict_new();
    if (!d) return NULL;
    for (size_t i = 0; i < n; i++) {
        sitrep_error err = {0};
        sitrep_status st = sitrep_dict_load(d, paths[i], &err);
        if (st == SITREP_E_IO || st == SITREP_E_NOMEM || st == SITREP_E_USAGE) {
            sr_cli_report(&err);
            sitrep_dict_free(d);
            return NULL;
        }
    }
    return d;
}
