/*
 * aria-valid-attr-value (axe-core): every known aria-* attribute has a value of its type
 * (WAI-ARIA 1.2 §6.7, rules/aria.c): true/false, a listed token, an integer at or above its
 * minimum, a number, an id that exists. References that name no element are violations,
 * except in aria-describedby and aria-labelledby (incomplete, as axe-core) and in
 * aria-controls of a collapsed element (its popup may not exist yet).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"

enum verdict {
    OK,
    BAD,
    UNSURE
};

static bool lower_eq(const char *s, size_t n, const char *w)
{
    return strlen(w) == n && strncasecmp(s, w, n) == 0;
}

struct tokctx {
    const struct ea_aria_attr *attr;
    const struct ea_doc *doc;
    size_t n, good;
};

static bool token_ok(const char *tok, size_t n, void *ctx)
{
    struct tokctx *c = ctx;
    c->n++;
    if (c->attr->type == EA_ARIA_IDREFS) {
        char id[256];
        if (n < sizeof(id)) {
            memcpy(id, tok, n);
            id[n] = '\0';
            if (ea_doc_by_id(c->doc, id))
                c->good++;
        }
        return true;
    }
    char lower[32];
    if (n >= sizeof(lower))
        return true;
    for (size_t i = 0; i < n; i++)
        lower[i] = tok[i] >= 'A' && tok[i] <= 'Z' ? (char)(tok[i] | 0x20) : tok[i];
    if (ea_aria_in_list(c->attr->values, lower, n))
        c->good++;
    return true;
}

static bool is_integer(const char *v, long *out)
{
    while (*v == ' ')
        v++;
    const char *p = v;
    if (*p == '-' || *p == '+')
        p++;
    if (!*p)
        return false;
    for (const char *q = p; *q; q++)
        if ((*q < '0' || *q > '9') && !(*q == ' ' && ea_checks_blank(q)))
            return false;
    *out = strtol(v, NULL, 10);
    return true;
}

static bool is_number(const char *v)
{
    char *end;
    while (*v == ' ')
        v++;
    if (!*v)
        return false;
    (void)strtod(v, &end);
    return end != v && ea_checks_blank(end);
}

static enum verdict value_ok(const struct ea_doc *doc, const struct ea_node *n,
                             const struct ea_aria_attr *a, const char *v)
{
    if (ea_checks_blank(v)) /* axe-core asks for review of an empty token or boolean */
        return a->allow_empty || a->type == EA_ARIA_STRING ? OK : UNSURE;
    size_t len = strlen(v);
    while (len && (v[len - 1] == ' ' || v[len - 1] == '\t' || v[len - 1] == '\n'))
        len--;
    while (*v == ' ' || *v == '\t' || *v == '\n')
        v++, len--;
    switch (a->type) {
    case EA_ARIA_BOOLEAN:
        return lower_eq(v, len, "true") || lower_eq(v, len, "false") ? OK : BAD;
    case EA_ARIA_TRISTATE:
    case EA_ARIA_TOKEN: {
        char lower[32];
        if (len >= sizeof(lower))
            return BAD;
        for (size_t i = 0; i < len; i++)
            lower[i] = v[i] >= 'A' && v[i] <= 'Z' ? (char)(v[i] | 0x20) : v[i];
        return ea_aria_in_list(a->values, lower, len) ? OK : BAD;
    }
    case EA_ARIA_TOKENS: {
        struct tokctx c = { a, doc, 0, 0 };
        ea_checks_tokens(v, token_ok, &c);
        return c.n && c.good == c.n ? OK : BAD;
    }
    case EA_ARIA_IDREF: {
        char id[256];
        if (len >= sizeof(id))
            return BAD;
        memcpy(id, v, len);
        id[len] = '\0';
        return ea_doc_by_id(doc, id) ? OK : BAD;
    }
    case EA_ARIA_IDREFS: {
        struct tokctx c = { a, doc, 0, 0 };
        ea_checks_tokens(v, token_ok, &c);
        if (c.good)
            return OK;
        if (strcmp(a->name, "aria-describedby") == 0 || strcmp(a->name, "aria-labelledby") == 0)
            return UNSURE;
        if (strcmp(a->name, "aria-controls") == 0 &&
            (ea_checks_ieq(ea_node_attr(n, "aria-expanded"), "false") ||
             ea_node_has_attr(n, "aria-haspopup")))
            return OK;
        return BAD;
    }
    case EA_ARIA_INTEGER: {
        long i;
        return is_integer(v, &i) && i >= a->min ? OK : BAD;
    }
    case EA_ARIA_NUMBER:
        return is_number(v) ? OK : BAD;
    case EA_ARIA_STRING:
        return OK;
    }
    return OK;
}

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    struct ea_buf msg = EA_BUF_INIT(256);
    for (size_t i = 0; i < doc->nnodes; i++) {
        const struct ea_node *n = &doc->nodes[i];
        if (!(n->flags & EA_NODE_HAS_ARIA) || !ea_checks_judged(n))
            continue;
        bool any = false, unsure = false;
        ea_buf_reset(&msg);
        for (size_t k = 0; k < n->nattrs; k++) {
            if (strncmp(n->attrs[k].name, "aria-", 5) != 0)
                continue;
            const struct ea_aria_attr *a = ea_aria_attr(n->attrs[k].name);
            if (!a)
                continue;
            any = true;
            enum verdict v = value_ok(doc, n, a, n->attrs[k].value);
            if (v == BAD)
                ea_buf_addf(&msg, "%s%s=\"%.40s\"",
                            msg.len ? ", " : "invalid ARIA attribute value: ", a->name,
                            n->attrs[k].value);
            unsure |= v == UNSURE;
        }
        if (!any)
            continue;
        if (msg.len)
            ea_results_add(out, EA_OUTCOME_VIOLATION, n, msg.buf);
        else if (unsure)
            ea_results_add(
                out, EA_OUTCOME_INCOMPLETE, n,
                "an ARIA attribute is empty, or aria-describedby/aria-labelledby names no "
                "element on the page");
        else
            ea_results_add(out, EA_OUTCOME_PASS, n, NULL);
    }
    ea_buf_release(&msg);
}

const struct ea_check ea_check_aria_valid_attr_value = {
    .id = "aria-valid-attr-value",
    .wcag = "4.1.2",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_CRITICAL,
    .help_lv = "ARIA atribūtiem jābūt derīgām vērtībām",
    .help_en = "ARIA attributes must conform to valid values",
    .fix_lv = "Lietojiet atribūtam atļautu vērtību (piem., aria-expanded=\"true\" vai \"false\") "
              "un id, kas lapā eksistē",
    .fix_en = "Use a value the attribute allows (e.g. aria-expanded=\"true\" or \"false\") and ids "
              "that exist on the page",
    .run = run,
};
