/*
 * duplicate-id-aria (axe-core): an id that an ARIA reference (aria-labelledby, -describedby,
 * -controls, -owns, -activedescendant, -details, -errormessage, -flowto) or a <label for>
 * names is unique on the page. One finding per referenced id, on its first element.
 */
#include <stdlib.h>
#include <string.h>

#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"
#include "core/xalloc.h"

static const char *const ref_attrs[] = {
    "aria-activedescendant", "aria-controls", "aria-describedby", "aria-details",
    "aria-errormessage",     "aria-flowto",   "aria-labelledby",  "aria-owns",
};

struct seen {
    const struct ea_doc *doc;
    struct ea_results *out;
    const char **done; /* borrowed (doc): ids already judged */
    size_t ndone, cap;
};

static bool judge_id(const char *tok, size_t n, void *ctx)
{
    struct seen *s = ctx;
    char id[256];
    if (n >= sizeof(id))
        return true;
    memcpy(id, tok, n);
    id[n] = '\0';
    const struct ea_node *e = ea_doc_by_id(s->doc, id);
    if (!e)
        return true;
    const char *key = ea_node_attr(e, "id");
    for (size_t i = 0; i < s->ndone; i++)
        if (s->done[i] == key)
            return true;
    EA_GROW(s->done, s->ndone + 1, s->cap);
    s->done[s->ndone++] = key;
    /* review on fail, as axe-core: the reference may still reach the element meant */
    bool unique = ea_doc_id_count(s->doc, id) == 1;
    ea_results_add(s->out, unique ? EA_OUTCOME_PASS : EA_OUTCOME_INCOMPLETE, e,
                   unique ? NULL : "id is used by an ARIA reference or label and is not unique");
    return true;
}

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    struct seen s = { doc, out, NULL, 0, 0 };
    for (size_t i = 0; i < doc->nnodes; i++) {
        const struct ea_node *n = &doc->nodes[i];
        if (n->type != EA_NODE_ELEMENT)
            continue;
        for (size_t k = 0; k < EA_ARRAY_LEN(ref_attrs); k++)
            ea_checks_tokens(ea_node_attr(n, ref_attrs[k]), judge_id, &s);
        if (ea_node_is(n, "label"))
            ea_checks_tokens(ea_node_attr(n, "for"), judge_id, &s);
    }
    free(s.done);
}

const struct ea_check ea_check_duplicate_id_aria = {
    .id = "duplicate-id-aria",
    .wcag = "4.1.1,4.1.2",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_CRITICAL,
    .help_lv = "ARIA un etiķetēs izmantotajiem id jābūt unikāliem",
    .help_en = "IDs used in ARIA and labels must be unique",
    .fix_lv = "Pārsauciet atkārtotos id, lai katru aria-labelledby, aria-describedby vai <label "
              "for> atsauce norāda uz vienu elementu",
    .fix_en = "Rename the repeated ids so each aria-labelledby, aria-describedby or <label for> "
              "points at one element",
    .run = run,
};
