/*
 * aria-required-attr (axe-core): an element with an explicit role has every attribute the role
 * requires (rules/aria.c), unless the native element supplies it (the checked state of an
 * <input type=checkbox>, the level of <h1>-<h6>, the value of <input type=range>...). A
 * combobox needs aria-controls too when expanded.
 */
#include <string.h>

#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"

/* True when the native element already exposes attr. */
static bool native_supplies(const struct ea_node *n, const char *attr)
{
    if (n->ns != EA_NS_HTML)
        return false;
    const char *t = ea_node_attr(n, "type");
    if (strcmp(attr, "aria-checked") == 0)
        return ea_node_is(n, "input") &&
               (ea_checks_ieq(t, "checkbox") || ea_checks_ieq(t, "radio"));
    if (strcmp(attr, "aria-level") == 0)
        return n->tag[0] == 'h' && n->tag[1] >= '1' && n->tag[1] <= '6' && !n->tag[2];
    if (strcmp(attr, "aria-valuenow") == 0)
        return (ea_node_is(n, "input") &&
                (ea_checks_ieq(t, "range") || ea_checks_ieq(t, "number"))) ||
               ea_node_is(n, "meter") || ea_node_is(n, "progress");
    if (strcmp(attr, "aria-expanded") == 0)
        return ea_node_is(n, "select");
    return false;
}

struct missing {
    const struct ea_node *node;
    struct ea_buf *msg;
};

static bool need(const char *tok, size_t len, void *ctx)
{
    struct missing *m = ctx;
    char name[40];
    if (len >= sizeof(name))
        return true;
    memcpy(name, tok, len);
    name[len] = '\0';
    if (!ea_checks_attr_filled(m->node, name) && !native_supplies(m->node, name))
        ea_buf_addf(m->msg, "%s%s", m->msg->len ? ", " : "required ARIA attribute missing: ", name);
    return true;
}

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    struct ea_buf msg = EA_BUF_INIT(256);
    for (size_t i = 0; i < doc->nnodes; i++) {
        const struct ea_node *n = &doc->nodes[i];
        if (!ea_checks_judged(n) || !(n->flags & EA_NODE_HAS_ROLE))
            continue;
        const struct ea_aria_role *r = ea_checks_explicit_role(n);
        if (!r || !r->required)
            continue;
        ea_buf_reset(&msg);
        struct missing m = { n, &msg };
        ea_checks_tokens(r->required, need, &m);
        if (strcmp(r->name, "combobox") == 0 &&
            ea_checks_ieq(ea_node_attr(n, "aria-expanded"), "true") &&
            !ea_checks_attr_filled(n, "aria-controls") && !ea_checks_attr_filled(n, "aria-owns"))
            need("aria-controls", 13, &m);
        ea_checks_verdict(out, n, msg.len == 0, msg.buf);
    }
    ea_buf_release(&msg);
}

const struct ea_check ea_check_aria_required_attr = {
    .id = "aria-required-attr",
    .wcag = "4.1.2",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_CRITICAL,
    .help_lv = "Elementiem ar ARIA lomu jābūt visiem lomai obligātajiem atribūtiem",
    .help_en = "Required ARIA attributes must be provided",
    .fix_lv =
        "Pievienojiet lomai obligātos atribūtus (piem., role=\"checkbox\" vajag aria-checked)",
    .fix_en = "Add the attributes the role requires (e.g. role=\"checkbox\" needs aria-checked)",
    .run = run,
};
