#include <stdlib.h>
#include <string.h>

#include "checks/check.h"

const struct ea_check *const ea_checks[] = {
#define CHECK(name) &ea_check_##name,
#include "checks/check_list.h"
#undef CHECK
};

const size_t ea_checks_len = EA_ARRAY_LEN(ea_checks);

static int cmp_id(const void *key, const void *elem)
{
    const struct ea_check *const *c = elem;
    return strcmp(key, (*c)->id);
}

const struct ea_check *ea_check_find(const char *id)
{
    const struct ea_check *const *c =
        bsearch(id, ea_checks, ea_checks_len, sizeof(ea_checks[0]), cmp_id);
    return c ? *c : NULL;
}

static bool selected(const char *id, const char *const *only, size_t nonly)
{
    if (!only)
        return true;
    for (size_t i = 0; i < nonly; i++)
        if (strcmp(only[i], id) == 0)
            return true;
    return false;
}

void ea_checks_run(const struct ea_doc *doc, const char *const *only, size_t nonly,
                   struct ea_results *out)
{
    for (size_t i = 0; i < ea_checks_len; i++) {
        const struct ea_check *c = ea_checks[i];
        if (!selected(c->id, only, nonly))
            continue;
        ea_results_begin(out, c->id);
        c->run(doc, out);
    }
}

const char *ea_level_name(enum ea_level level)
{
    switch (level) {
    case EA_LEVEL_A:
        return "A";
    case EA_LEVEL_AA:
        return "AA";
    case EA_LEVEL_BEST_PRACTICE:
        return "best-practice";
    }
    return "?";
}

const char *ea_impact_name(enum ea_impact impact)
{
    switch (impact) {
    case EA_IMPACT_MINOR:
        return "minor";
    case EA_IMPACT_MODERATE:
        return "moderate";
    case EA_IMPACT_SERIOUS:
        return "serious";
    case EA_IMPACT_CRITICAL:
        return "critical";
    }
    return "?";
}

void ea_check_tags(const struct ea_check *c, struct ea_buf *out)
{
    if (!c->wcag) {
        ea_buf_add(out, "best-practice");
        return;
    }
    ea_buf_add(out, c->level == EA_LEVEL_AA ? "wcag2aa" : "wcag2a");
    /* "1.1.1,2.4.4" -> ",wcag111,wcag244" */
    for (const char *p = c->wcag; *p;) {
        ea_buf_add(out, ",wcag");
        while (*p && *p != ',') {
            if (*p != '.' && *p != ' ')
                ea_buf_addch(out, *p);
            p++;
        }
        if (*p == ',')
            p++;
    }
}
