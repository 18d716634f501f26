/* Placeholder until the questionnaire issue lands: knows no concept. */
#include "rules/concepts.h"

#include <stdlib.h>

#include "core/xalloc.h"

struct ea_concepts {
    int unused;
};

enum ea_err ea_concepts_load(const char *dir, struct ea_concepts **out)
{
    (void)dir;
    *out = ea_xcalloc(1, sizeof(**out));
    return EA_OK;
}

void ea_concepts_free(struct ea_concepts *c)
{
    free(c);
}

int ea_concepts_classify_link(const struct ea_concepts *c, const char *name, const char *url)
{
    (void)c;
    (void)name;
    (void)url;
    return -1;
}

bool ea_concepts_match_text(const struct ea_concepts *c, enum ea_concept concept, const char *text,
                            size_t len)
{
    (void)c;
    (void)concept;
    (void)text;
    (void)len;
    return false;
}

const char *ea_concept_name(enum ea_concept concept)
{
    (void)concept;
    return "";
}
