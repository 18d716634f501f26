/* Placeholder until the questionnaire issue lands: answers nothing (every column empty). */
#include "checks/site/site.h"

#include <stdlib.h>

#include "core/xalloc.h"

struct ea_site {
    const struct ea_concepts *concepts; /* borrowed */
};

struct ea_site *ea_site_new(const struct ea_concepts *concepts, const char *audit_date)
{
    (void)audit_date;
    struct ea_site *s = ea_xcalloc(1, sizeof(*s));
    s->concepts = concepts;
    return s;
}

void ea_site_free(struct ea_site *site)
{
    free(site);
}

void ea_site_observe(struct ea_site *site, const struct ea_doc *doc, const char *url, bool homepage,
                     int via)
{
    (void)site;
    (void)doc;
    (void)url;
    (void)homepage;
    (void)via;
}

void ea_site_answer(const struct ea_site *site, struct ea_sheet_row *row)
{
    (void)site;
    (void)row;
}
