/* cli_common.c - helpers shared by several subcommands (declared in
 * cli.h): model discovery and dictionary loading. Kept apart so that no
 * cmd_*.c file depends on another. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include "cli.h"
#include "util/datapath.h"
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
    /* The library's search (util/datapath.h), so the CLI and
     * sitrep_model_load(NULL) agree on where the default model is. */
    char dir[1024], probe[1100];
    if (sr_models_path(dir, sizeof dir) == 0 &&
        snprintf(probe, sizeof probe, "%s/en_ewt.tagger", dir) < (int)sizeof probe &&
        stat(probe, &st) == 0) {
        snprintf(out, cap, "%s", dir);
        return 0;
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

int sr_cli_is_date(const char *s) {
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-' || strspn(s, "0123456789-") != 10)
        return 0;
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1]) return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return !(m == 2 && d == 29 && !leap);
}

int sr_cli_add_dict(const char *cmd, const char **paths, size_t *n, size_t cap, const char *path) {
    if (*n >= cap) {
        fprintf(stderr, "sitrep %s: too many --dict options (at most %zu; give a directory instead)\n", cmd, cap);
        return EX_USAGE;
    }
    paths[(*n)++] = path;
    return 0;
}

int sr_cli_check_creatable(const char *cmd, const char *path) {
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash) return 0; /* the current directory */
    if (slash == dir) slash[1] = 0;
    else *slash = 0;
    struct stat st;
    if (stat(dir, &st) != 0) {
        fprintf(stderr, "sitrep %s: %s: cannot create: directory '%s' does not exist (%s)\n", cmd,
                path, dir, strerror(errno));
        return EX_CANTCREAT;
    }
    if (!S_ISDIR(st.st_mode)) {
        fprintf(stderr, "sitrep %s: %s: cannot create: '%s' is not a directory\n", cmd, path, dir);
        return EX_CANTCREAT;
    }
    return 0;
}
