#include "checks/util.h"

#include <stddef.h>
#include <strings.h>

#include "core/accname.h"

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

bool ea_checks_blank(const char *s)
{
    if (!s)
        return true;
    for (; *s; s++)
        if (!is_space(*s))
            return false;
    return true;
}

bool ea_checks_attr_filled(const struct ea_node *node, const char *name)
{
    return !ea_checks_blank(ea_node_attr(node, name));
}

bool ea_checks_ieq(const char *a, const char *b)
{
    return a && b && strcasecmp(a, b) == 0;
}

bool ea_checks_role_presentational(const struct ea_node *node)
{
    const char *role = ea_node_attr(node, "role");
    if (!role)
        return false;
    while (is_space(*role))
        role++;
    size_t n = 0;
    while (role[n] && !is_space(role[n]))
        n++;
    return (n == 4 && strncasecmp(role, "none", 4) == 0) ||
           (n == 12 && strncasecmp(role, "presentation", 12) == 0);
}

bool ea_checks_presentational_honoured(const struct ea_node *node)
{
    if (!ea_checks_role_presentational(node))
        return false;
    /* Global ARIA attributes that are common on these elements; their presence makes the
     * browser keep the native role (WAI-ARIA 1.2 §9.1 "presentational roles conflict"). */
    static const char *const global[] = {
        "aria-label", "aria-labelledby", "aria-describedby",  "aria-controls",        "aria-owns",
        "aria-live",  "aria-haspopup",   "aria-keyshortcuts", "aria-roledescription",
    };
    for (size_t i = 0; i < sizeof(global) / sizeof(global[0]); i++)
        if (ea_node_has_attr(node, global[i]))
            return false;
    return !ea_node_focusable(node);
}

bool ea_checks_meta_inert(const struct ea_node *node)
{
    return ea_node_closest(node, "template") || ea_node_closest(node, "noscript");
}
