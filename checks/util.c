#include "checks/util.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/accname.h"
#include "core/text.h"
#include "core/xalloc.h"

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

/* ISO 639-1, from Debian's iso-codes (iso_639-2.json, every alpha_2). */
static const char iso639_1[][3] = {
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bh",
    "bi", "bm", "bn", "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da",
    "de", "dv", "dz", "ee", "el", "en", "eo", "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr",
    "fy", "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr", "ht", "hu", "hy", "hz",
    "ia", "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja", "jv", "ka", "kg", "ki", "kj",
    "kk", "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li", "ln",
    "lo", "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt", "my", "na", "nb",
    "nd", "ne", "ng", "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or", "os", "pa", "pi",
    "pl", "ps", "pt", "qu", "rm", "rn", "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "si", "sk",
    "sl", "sm", "sn", "so", "sq", "sr", "ss", "st", "su", "sv", "sw", "ta", "te", "tg", "th", "ti",
    "tk", "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur", "uz", "ve", "vi", "vo",
    "wa", "wo", "xh", "yi", "yo", "za", "zh", "zu",
};

static int cmp_code(const void *key, const void *elem)
{
    return strcmp(key, elem);
}

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool ea_checks_lang_valid(const char *value)
{
    while (is_space(*value))
        value++;
    size_t n = strcspn(value, "- \t\n\f\r");
    for (size_t i = 0; i < n; i++)
        if (!is_alpha(value[i]))
            return false;
    /* A primary subtag followed by whitespace and more text ("lv lv") is not one tag. */
    if (value[n] && value[n] != '-' && !ea_checks_blank(value + n))
        return false;
    if (n == 3)
        return true;
    if (n != 2)
        return false;
    char code[3] = { (char)(value[0] | 0x20), (char)(value[1] | 0x20), '\0' };
    return bsearch(code, iso639_1, EA_ARRAY_LEN(iso639_1), sizeof(iso639_1[0]), cmp_code) != NULL;
}

const struct ea_aria_role *ea_checks_explicit_role(const struct ea_node *n)
{
    return ea_aria_role_of(ea_node_attr(n, "role"));
}

const struct ea_aria_role *ea_checks_role(const struct ea_node *n)
{
    const struct ea_aria_role *r = ea_checks_explicit_role(n);
    if (r)
        return r;
    const char *implicit = ea_role(n);
    return implicit ? ea_aria_role(implicit, strlen(implicit)) : NULL;
}

bool ea_checks_role_is(const struct ea_node *n, const char *role)
{
    const char *r = ea_role(n);
    return r && strcmp(r, role) == 0;
}

bool ea_checks_judged(const struct ea_node *n)
{
    return n->type == EA_NODE_ELEMENT && !ea_node_hidden(n);
}

void ea_checks_verdict(struct ea_results *out, const struct ea_node *n, bool ok, const char *why)
{
    ea_results_add(out, ok ? EA_OUTCOME_PASS : EA_OUTCOME_VIOLATION, n, ok ? NULL : why);
}

bool ea_checks_has_text(const struct ea_node *n)
{
    for (const struct ea_node *c = ea_node_walk(n, n, true); c; c = ea_node_walk(n, c, true))
        if (c->type == EA_NODE_TEXT && !ea_text_is_blank(c->text, strlen(c->text)))
            return true;
    return false;
}

bool ea_checks_native_named(const struct ea_node *n)
{
    static const char *const tags[] = { "area",    "button",   "img",   "input",    "select",
                                        "summary", "textarea", "meter", "progress", "option" };
    if (n->ns != EA_NS_HTML)
        return false;
    if (ea_node_is(n, "a"))
        return ea_node_has_attr(n, "href");
    for (size_t i = 0; i < EA_ARRAY_LEN(tags); i++)
        if (ea_node_is(n, tags[i]))
            return true;
    return false;
}

void ea_checks_name_by_role(const struct ea_doc *doc, struct ea_results *out, const char *roles,
                            const char *why)
{
    for (size_t i = 0; i < doc->nnodes; i++) {
        const struct ea_node *n = &doc->nodes[i];
        if (!ea_checks_judged(n) || !(n->flags & EA_NODE_HAS_ROLE) || ea_checks_native_named(n))
            continue;
        const struct ea_aria_role *r = ea_checks_explicit_role(n);
        if (r && ea_aria_in_list(roles, r->name, strlen(r->name)))
            ea_checks_verdict(out, n, ea_accname_has(doc, n), why);
    }
}

void ea_checks_tokens(const char *s, bool (*fn)(const char *tok, size_t n, void *ctx), void *ctx)
{
    for (const char *p = s; p && *p;) {
        while (is_space(*p))
            p++;
        size_t n = 0;
        while (p[n] && !is_space(p[n]))
            n++;
        if (n && !fn(p, n, ctx))
            return;
        p += n;
    }
}

bool ea_checks_tabbable(const struct ea_node *n)
{
    const char *ti = ea_node_attr(n, "tabindex");
    if (ti) {
        char *end;
        long v = strtol(ti, &end, 10);
        if (end != ti && v < 0)
            return false;
    }
    return ea_node_focusable(n);
}

/* HTML caps colspan at 1000 and rowspan at 65534. */
static size_t span(const struct ea_node *c, const char *attr, size_t max, size_t dflt)
{
    const char *v = ea_node_attr(c, attr);
    if (!v)
        return dflt;
    char *end;
    long n = strtol(v, &end, 10);
    if (end == v || n < 0)
        return dflt;
    if (n == 0)
        return strcmp(attr, "rowspan") == 0 ? 1 : dflt;
    return (size_t)n > max ? max : (size_t)n;
}

/* Each column's first row not yet covered by a rowspan from above. */
struct cover {
    size_t *until;
    size_t n, cap;
};

static void add_row(struct ea_checks_table *t, struct cover *cv, const struct ea_node *tr)
{
    size_t row = t->nrows++, col = 0;
    for (const struct ea_node *c = tr->first_child; c; c = c->next) {
        if (!ea_node_is(c, "td") && !ea_node_is(c, "th"))
            continue;
        while (col < cv->n && cv->until[col] > row)
            col++;
        size_t cs = span(c, "colspan", 1000, 1), rs = span(c, "rowspan", 65534, 1);
        if (col + cs > 10000) /* a hostile table: stop growing the grid */
            break;
        EA_GROW(cv->until, col + cs, cv->cap);
        while (cv->n < col + cs)
            cv->until[cv->n++] = 0;
        for (size_t k = col; k < col + cs; k++)
            cv->until[k] = row + rs;
        EA_GROW(t->cells, t->ncells + 1, t->cap);
        t->cells[t->ncells++] = (struct ea_checks_cell){
            .node = c, .row = row, .col = col, .rowspan = rs, .colspan = cs
        };
        col += cs;
        if (col > t->ncols)
            t->ncols = col;
    }
}

void ea_checks_table_build(const struct ea_node *table, struct ea_checks_table *t)
{
    *t = (struct ea_checks_table){ 0 };
    struct cover cv = { 0 };
    for (const struct ea_node *c = table->first_child; c; c = c->next) {
        if (ea_node_is(c, "tr"))
            add_row(t, &cv, c);
        else if (ea_node_is(c, "thead") || ea_node_is(c, "tbody") || ea_node_is(c, "tfoot"))
            for (const struct ea_node *r = c->first_child; r; r = r->next)
                if (ea_node_is(r, "tr"))
                    add_row(t, &cv, r);
    }
    free(cv.until);
}

void ea_checks_table_release(struct ea_checks_table *t)
{
    free(t->cells);
    *t = (struct ea_checks_table){ 0 };
}

bool ea_checks_table_layout(const struct ea_node *table)
{
    if (ea_checks_role_presentational(table))
        return true;
    const struct ea_aria_role *r = ea_checks_explicit_role(table);
    return r && strcmp(r->name, "table") != 0 && strcmp(r->name, "grid") != 0 &&
           strcmp(r->name, "treegrid") != 0;
}

void ea_checks_each_table(const struct ea_doc *doc, struct ea_results *out,
                          void (*judge)(const struct ea_node *table,
                                        const struct ea_checks_table *t, struct ea_results *out))
{
    size_t nt = 0;
    struct ea_node *const *tables = ea_doc_tagged(doc, "table", &nt);
    for (size_t i = 0; i < nt; i++) {
        const struct ea_node *table = tables[i];
        if (table->ns != EA_NS_HTML || !ea_checks_judged(table) || ea_checks_table_layout(table))
            continue;
        struct ea_checks_table t;
        ea_checks_table_build(table, &t);
        judge(table, &t, out);
        ea_checks_table_release(&t);
    }
}

bool ea_checks_role_transparent(const struct ea_aria_role *r)
{
    return !r || strcmp(r->name, "none") == 0 || strcmp(r->name, "presentation") == 0 ||
           strcmp(r->name, "generic") == 0;
}

/* The colour behind element n: blends translucent backgrounds up to an opaque one (or the
 * white canvas). False when an ancestor's background cannot be known. */
bool ea_checks_background(const struct ea_doc *doc, const struct ea_node *n,
                          struct ea_css_color *out, const char **why)
{
    struct ea_css_color layers[32];
    size_t nl = 0;
    const unsigned unknown = 1u << EA_CSS_BACKGROUND | 1u << EA_CSS_BG_IMAGE;
    for (const struct ea_node *x = n; x; x = x->parent) {
        const struct ea_css_style *s = ea_doc_style(doc, x);
        if (s->bg_image) {
            *why = "text over a background image or gradient";
            return false;
        }
        if ((s->maybe & unknown) || !s->background.valid) {
            *why = "the background colour cannot be decided statically";
            return false;
        }
        /* a translucent positioned box shows whatever layout puts under it; an opaque one
         * hides it */
        if (s->background.a < 1 && (s->positioned || (s->maybe & (1u << EA_CSS_POSITION)))) {
            *why = "a positioned box over content the cascade cannot place (needs layout)";
            return false;
        }
        if (s->background.a <= 0)
            continue;
        if (nl == EA_ARRAY_LEN(layers)) {
            *why = "too many translucent backgrounds";
            return false;
        }
        layers[nl++] = s->background;
        if (s->background.a >= 1)
            break;
    }
    struct ea_css_color bg = { .valid = true, .r = 255, .g = 255, .b = 255, .a = 1 };
    while (nl--)
        bg = layers[nl].a >= 1 ? layers[nl] : ea_css_blend(layers[nl], bg);
    *out = bg;
    return true;
}
