/*
 * list (axe-core): a <ul> or <ol> without a role directly holds only <li> (without a role
 * other than listitem), <script> and <template>, and no text.
 */
#include <string.h>

#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"
#include "core/text.h"

static bool allowed(const struct ea_node *c)
{
    if (c->type == EA_NODE_TEXT)
        return ea_text_is_blank(c->text, strlen(c->text));
    if (ea_node_hidden(c) || ea_node_is(c, "script") || ea_node_is(c, "template"))
        return true;
    if (ea_node_is(c, "li")) {
        const char *role = ea_node_attr(c, "role");
        return !role || ea_checks_ieq(role, "listitem");
    }
    return ea_checks_ieq(ea_node_attr(c, "role"), "listitem");
}

static void judge(const struct ea_node *l, struct ea_results *out)
{
    if (l->ns != EA_NS_HTML || !ea_checks_judged(l) || ea_node_has_attr(l, "role"))
        return;
    bool ok = true;
    for (const struct ea_node *c = l->first_child; c && ok; c = c->next)
        ok = allowed(c);
    ea_checks_verdict(out, l, ok, "list contains elements other than li, script and template");
}

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    static const char *const tags[] = { "ul", "ol" };
    for (size_t t = 0; t < 2; t++) {
        size_t n = 0;
        struct ea_node *const *e = ea_doc_tagged(doc, tags[t], &n);
        for (size_t i = 0; i < n; i++)
            judge(e[i], out);
    }
}

const struct ea_check ea_check_list = {
    .id = "list",
    .wcag = "1.3.1",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_SERIOUS,
    .help_lv = "Sarakstos jābūt tikai <li> elementiem",
    .help_en = "<ul> and <ol> must only directly contain <li>, <script> or <template> elements",
    .fix_lv = "Ievietojiet <ul>/<ol> tieši tikai <li>; citus elementus ielieciet <li> iekšā",
    .fix_en = "Put only <li> directly in <ul>/<ol>; move other elements inside an <li>",
    .run = run,
};
