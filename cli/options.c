#include "cli/options.h"

#include <stdlib.h>
#include <string.h>

#include "checks/check.h"
#include "cli/cli.h"
#include "core/xalloc.h"

bool ea_id_list_parse(const char *cmd, const char *s, struct ea_id_list *out)
{
    while (*s) {
        size_t n = strcspn(s, ",");
        char *id = ea_xstrndup(s, n);
        if (!*id || !ea_check_find(id)) {
            ea_usage_error(cmd, "--only: '%s' is not a rule id (see 'eaudit rules')", id);
            free(id);
            return false;
        }
        EA_GROW(out->v, out->len + 1, out->cap);
        out->v[out->len++] = id;
        s += n + (s[n] == ',');
    }
    return true;
}

void ea_id_list_release(struct ea_id_list *l)
{
    for (size_t i = 0; i < l->len; i++)
        free(l->v[i]);
    free(l->v);
    memset(l, 0, sizeof(*l));
}

bool ea_resolve_valid(const char *cmd, const char *s)
{
    const char *c1 = strchr(s, ':');
    const char *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
    unsigned long port;
    if (!c1 || !c2 || c1 == s || c2[1] == '\0') {
        ea_usage_error(cmd, "--resolve wants HOST:PORT:ADDRESS, not '%s'", s);
        return false;
    }
    char *p = ea_xstrndup(c1 + 1, (size_t)(c2 - c1 - 1));
    bool ok = ea_parse_uint(cmd, "--resolve port", p, 1, 65535, &port);
    free(p);
    return ok;
}

bool ea_resolve_add(const char *cmd, const char *value, const char **list, size_t cap, size_t *n)
{
    if (!ea_resolve_valid(cmd, value))
        return false;
    if (*n == cap) {
        ea_usage_error(cmd, "at most %zu --resolve options", cap);
        return false;
    }
    list[(*n)++] = value;
    return true;
}

const char *ea_default_user_agent(void)
{
    return "eaudit/" EA_VERSION " (+" EA_ABOUT_URL ")";
}
