/*
 * aria-required-children (axe-core): an element whose explicit role requires owned elements
 * (list, listbox, menu, menubar, grid, table, tablist, tree, treegrid, row, rowgroup, feed)
 * owns at least one, and owns nothing with another role. Owned: the nearest descendants
 * with a role (generic and presentational elements are looked through) and aria-owns
 * targets. An element with aria-busy="true" passes (it is being filled).
 */
#include <string.h>

#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"

struct owned {
    const struct ea_aria_role *role;
    size_t good, bad;
};

static void judge_child(struct owned *o, const struct ea_node *c)
{
    const struct ea_aria_role *r = ea_checks_role(c);
    if (!r)
        return;
    if (ea_aria_in_list(o->role->owned, r->name, strlen(r->name)))
        o->good++;
    else
        o->bad++;
}

/* Walks the owned elements of n: a child with a role is owned (not entered); one without a
 * role (or presentational) is looked through. */
static void walk(const struct ea_node *n, struct owned *o)
{
    for (const struct ea_node *c = ea_node_walk(n, n, true); c;) {
        bool descend = true;
        if (c->type == EA_NODE_ELEMENT && !ea_node_hidden(c)) {
            const struct ea_aria_role *r = ea_checks_role(c);
            if (!ea_checks_role_transparent(r)) {
                /* group inside menus, listboxes and trees holds the items */
                if (strcmp(r->name, "group") == 0 && ea_aria_in_list(o->role->owned, "group", 5))
                    o->good++;
                else
                    judge_child(o, c);
                descend = false;
            }
        } else if (c->type == EA_NODE_ELEMENT)
            descend = false;
        c = ea_node_walk(n, c, descend);
    }
}

static bool owns_id(const char *tok, size_t len, void *ctx)
{
    void **p = ctx;
    const struct ea_doc *doc = p[0];
    struct owned *o = p[1];
    char id[256];
    if (len >= sizeof(id))
        return true;
    memcpy(id, tok, len);
    id[len] = '\0';
    const struct ea_node *t = ea_doc_by_id(doc, id);
    if (t && !ea_node_hidden(t))
        judge_child(o, t);
    return true;
}

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    for (size_t i = 0; i < doc->nnodes; i++) {
        const struct ea_node *n = &doc->nodes[i];
        if (!ea_checks_judged(n) || !(n->flags & EA_NODE_HAS_ROLE))
            continue;
        const struct ea_aria_role *r = ea_checks_explicit_role(n);
        if (!r || !r->owned)
            continue;
        if (ea_checks_ieq(ea_node_attr(n, "aria-busy"), "true")) {
            ea_results_add(out, EA_OUTCOME_PASS, n, NULL);
            continue;
        }
        struct owned o = { r, 0, 0 };
        walk(n, &o);
        void *ctx[2] = { (void *)doc, &o };
        ea_checks_tokens(ea_node_attr(n, "aria-owns"), owns_id, ctx);
        if (o.bad)
            ea_checks_verdict(out, n, false, "element owns children whose role is not allowed");
        else
            ea_checks_verdict(out, n, o.good > 0,
                              "element has none of the children its role requires");
    }
}

const struct ea_check ea_check_aria_required_children = {
    .id = "aria-required-children",
    .wcag = "1.3.1",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_CRITICAL,
    .help_lv = "Elementiem ar ARIA lomu jāsatur lomai vajadzīgie bērnelementi",
    .help_en = "Certain ARIA roles must contain particular children",
    .fix_lv = "Ievietojiet elementā vajadzīgās lomas bērnus (piem., role=\"list\" iekšā "
              "role=\"listitem\")",
    .fix_en =
        "Put children with the required roles inside (e.g. role=\"listitem\" inside role=\"list\")",
    .run = run,
};
