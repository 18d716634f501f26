#include "core/accname.h"

#include <stdlib.h>
#include <string.h>

#include "core/limits.h"
#include "core/text.h"
#include "core/xalloc.h"

/* ---------------------------------------------------------------- roles */

/* WAI-ARIA 1.2, DPUB-ARIA 1.1 and Graphics-ARIA roles (rules/aria.c has their details; core
 * cannot depend on rules/, so only the names are here), sorted for binary search. */
static const char *const aria_roles[] = {
    "alert",
    "alertdialog",
    "application",
    "article",
    "banner",
    "blockquote",
    "button",
    "caption",
    "cell",
    "checkbox",
    "code",
    "columnheader",
    "combobox",
    "complementary",
    "contentinfo",
    "definition",
    "deletion",
    "dialog",
    "directory",
    "doc-abstract",
    "doc-acknowledgments",
    "doc-afterword",
    "doc-appendix",
    "doc-backlink",
    "doc-biblioentry",
    "doc-bibliography",
    "doc-biblioref",
    "doc-chapter",
    "doc-colophon",
    "doc-conclusion",
    "doc-cover",
    "doc-credit",
    "doc-credits",
    "doc-dedication",
    "doc-endnote",
    "doc-endnotes",
    "doc-epigraph",
    "doc-epilogue",
    "doc-errata",
    "doc-example",
    "doc-footnote",
    "doc-foreword",
    "doc-glossary",
    "doc-glossref",
    "doc-index",
    "doc-introduction",
    "doc-noteref",
    "doc-notice",
    "doc-pagebreak",
    "doc-pagefooter",
    "doc-pageheader",
    "doc-pagelist",
    "doc-part",
    "doc-preface",
    "doc-prologue",
    "doc-pullquote",
    "doc-qna",
    "doc-subtitle",
    "doc-tip",
    "doc-toc",
    "document",
    "emphasis",
    "feed",
    "figure",
    "form",
    "generic",
    "graphics-document",
    "graphics-object",
    "graphics-symbol",
    "grid",
    "gridcell",
    "group",
    "heading",
    "img",
    "insertion",
    "link",
    "list",
    "listbox",
    "listitem",
    "log",
    "main",
    "mark",
    "marquee",
    "math",
    "menu",
    "menubar",
    "menuitem",
    "menuitemcheckbox",
    "menuitemradio",
    "meter",
    "navigation",
    "none",
    "note",
    "option",
    "paragraph",
    "presentation",
    "progressbar",
    "radio",
    "radiogroup",
    "region",
    "row",
    "rowgroup",
    "rowheader",
    "scrollbar",
    "search",
    "searchbox",
    "separator",
    "slider",
    "spinbutton",
    "status",
    "strong",
    "subscript",
    "superscript",
    "switch",
    "tab",
    "table",
    "tablist",
    "tabpanel",
    "term",
    "textbox",
    "time",
    "timer",
    "toolbar",
    "tooltip",
    "tree",
    "treegrid",
    "treeitem",
};

static const char *const content_roles[] = {
    "button", "cell",      "checkbox",         "columnheader",  "gridcell", "heading",
    "link",   "menuitem",  "menuitemcheckbox", "menuitemradio", "option",   "radio",
    "row",    "rowheader", "switch",           "tab",           "tooltip",  "treeitem",
};

static const char *find_role(const char *s, size_t n)
{
    char tok[32];
    if (n == 0 || n >= sizeof(tok))
        return NULL;
    for (size_t i = 0; i < n; i++)
        tok[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a') : s[i];
    tok[n] = '\0';
    size_t lo = 0, hi = EA_ARRAY_LEN(aria_roles);
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(tok, aria_roles[mid]);
        if (c == 0)
            return aria_roles[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

bool ea_role_name_from_content(const char *role)
{
    if (!role)
        return false;
    for (size_t i = 0; i < EA_ARRAY_LEN(content_roles); i++)
        if (strcmp(role, content_roles[i]) == 0)
            return true;
    return false;
}

static bool attr_is(const struct ea_node *n, const char *name, const char *lit)
{
    const char *v = ea_node_attr(n, name);
    return v && ea_text_ieq(v, strlen(v), lit);
}

static bool nonblank(const char *v)
{
    return v && !ea_text_is_blank(v, strlen(v));
}

/* The lowercase type of an input, "text" when missing or unknown to us. */
static const char *input_type(const struct ea_node *n)
{
    static const char *const types[] = {
        "button", "checkbox", "color", "date",   "datetime-local", "email",
        "file",   "hidden",   "image", "month",  "number",         "password",
        "radio",  "range",    "reset", "search", "submit",         "tel",
        "text",   "time",     "url",   "week",
    };
    const char *t = ea_node_attr(n, "type");
    if (t)
        for (size_t i = 0; i < EA_ARRAY_LEN(types); i++)
            if (ea_text_ieq(t, strlen(t), types[i]))
                return types[i];
    return "text";
}

/* The label of <input type=button|submit|reset>: its value, or for submit and reset the
 * browser's default when the value is missing or blank (HTML-AAM; axe-core agrees). */
static const char *button_value(const struct ea_node *n, const char *type)
{
    const char *v = ea_node_attr(n, "value");
    if (v && !ea_text_is_blank(v, strlen(v)))
        return v;
    if (!strcmp(type, "submit"))
        return "Submit";
    if (!strcmp(type, "reset"))
        return "Reset";
    return v ? v : "";
}

static bool is_text_input_type(const char *t)
{
    return !strcmp(t, "text") || !strcmp(t, "email") || !strcmp(t, "tel") || !strcmp(t, "url") ||
           !strcmp(t, "search") || !strcmp(t, "password") || !strcmp(t, "number");
}

static bool has_own_name_attr(const struct ea_node *n)
{
    return nonblank(ea_node_attr(n, "aria-label")) ||
           nonblank(ea_node_attr(n, "aria-labelledby")) || nonblank(ea_node_attr(n, "title"));
}

/* strcmp(t, lit) == 0, without the call for the many tags whose first letter differs. */
static bool tag_is(const char *t, const char *lit)
{
    return t[0] == lit[0] && strcmp(t, lit) == 0;
}

static const char *implicit_role(const struct ea_node *n)
{
    if (n->type != EA_NODE_ELEMENT || n->ns != EA_NS_HTML)
        return NULL;
    const char *t = n->tag;
    if ((tag_is(t, "a") || tag_is(t, "area")) && ea_node_has_attr(n, "href"))
        return "link";
    if (tag_is(t, "button"))
        return "button";
    if (tag_is(t, "img")) {
        const char *alt = ea_node_attr(n, "alt");
        return alt && !*alt ? "presentation" : "img";
    }
    if (tag_is(t, "input")) {
        const char *ty = input_type(n);
        if (!strcmp(ty, "button") || !strcmp(ty, "submit") || !strcmp(ty, "reset") ||
            !strcmp(ty, "image"))
            return "button";
        if (!strcmp(ty, "checkbox"))
            return "checkbox";
        if (!strcmp(ty, "radio"))
            return "radio";
        if (!strcmp(ty, "range"))
            return "slider";
        if (!strcmp(ty, "number"))
            return "spinbutton";
        if (ea_node_has_attr(n, "list") && is_text_input_type(ty))
            return "combobox";
        if (!strcmp(ty, "search"))
            return "searchbox";
        if (is_text_input_type(ty))
            return "textbox";
        return NULL;
    }
    if (tag_is(t, "select")) {
        const char *size = ea_node_attr(n, "size");
        if (ea_node_has_attr(n, "multiple") || (size && strtol(size, NULL, 10) > 1))
            return "listbox";
        return "combobox";
    }
    if (tag_is(t, "textarea"))
        return "textbox";
    if (t[0] == 'h' && t[1] >= '1' && t[1] <= '6' && !t[2])
        return "heading";
    if (tag_is(t, "header") || tag_is(t, "footer")) {
        for (const struct ea_node *p = n->parent; p; p = p->parent)
            if (ea_node_is(p, "article") || ea_node_is(p, "aside") || ea_node_is(p, "main") ||
                ea_node_is(p, "nav") || ea_node_is(p, "section"))
                return NULL;
        return t[0] == 'h' ? "banner" : "contentinfo";
    }
    if (tag_is(t, "form"))
        return has_own_name_attr(n) ? "form" : NULL;
    if (tag_is(t, "section"))
        return has_own_name_attr(n) ? "region" : NULL;
    if (tag_is(t, "td")) {
        const struct ea_node *tb = ea_node_closest(n, "table");
        return tb && attr_is(tb, "role", "grid") ? "gridcell" : "cell";
    }
    if (tag_is(t, "th"))
        return attr_is(n, "scope", "row") ? "rowheader" : "columnheader";
    if (tag_is(t, "select"))
        return "combobox";
    static const char *const map[][2] = {
        { "article", "article" },
        { "aside", "complementary" },
        { "datalist", "listbox" },
        { "dd", "definition" },
        { "details", "group" },
        { "dialog", "dialog" },
        { "dl", "list" },
        { "dt", "term" },
        { "fieldset", "group" },
        { "figure", "figure" },
        { "hr", "separator" },
        { "li", "listitem" },
        { "main", "main" },
        { "math", "math" },
        { "menu", "list" },
        { "nav", "navigation" },
        { "ol", "list" },
        { "optgroup", "group" },
        { "option", "option" },
        { "output", "status" },
        { "progress", "progressbar" },
        { "table", "table" },
        { "tbody", "rowgroup" },
        { "tfoot", "rowgroup" },
        { "thead", "rowgroup" },
        { "tr", "row" },
        { "ul", "list" },
    };
    for (size_t i = 0; i < EA_ARRAY_LEN(map); i++)
        if (tag_is(t, map[i][0]))
            return map[i][1];
    return NULL;
}

const char *ea_role(const struct ea_node *node)
{
    if (!node || node->type != EA_NODE_ELEMENT)
        return NULL;
    const char *r = ea_node_attr(node, "role");
    if (r) {
        size_t i = 0, n = strlen(r);
        while (i < n) {
            while (i < n && ea_text_is_ascii_ws(r[i]))
                i++;
            size_t s = i;
            while (i < n && !ea_text_is_ascii_ws(r[i]))
                i++;
            const char *known = find_role(r + s, i - s);
            if (known)
                return known;
        }
    }
    return implicit_role(node);
}

bool ea_node_focusable(const struct ea_node *node)
{
    /* aria-hidden does not stop focus (that is what aria-hidden-focus looks for); not being
     * rendered does. */
    if (!node || node->type != EA_NODE_ELEMENT || (node->flags & EA_NODE_HIDDEN))
        return false;
    const char *t = node->tag;
    bool html = node->ns == EA_NS_HTML;
    if (html &&
        (!strcmp(t, "button") || !strcmp(t, "input") || !strcmp(t, "select") ||
         !strcmp(t, "textarea") || !strcmp(t, "optgroup") || !strcmp(t, "option") ||
         !strcmp(t, "fieldset")) &&
        ea_node_has_attr(node, "disabled"))
        return false;
    const char *ti = ea_node_attr(node, "tabindex");
    if (ti) {
        char *end;
        (void)strtol(ti, &end, 10);
        if (end != ti)
            return true;
    }
    if (!html)
        return false;
    if ((!strcmp(t, "a") || !strcmp(t, "area")) && ea_node_has_attr(node, "href"))
        return true;
    if (!strcmp(t, "button") || !strcmp(t, "input") || !strcmp(t, "select") ||
        !strcmp(t, "textarea") || !strcmp(t, "summary") || !strcmp(t, "iframe"))
        return true;
    if ((!strcmp(t, "audio") || !strcmp(t, "video")) && ea_node_has_attr(node, "controls"))
        return true;
    const char *ce = ea_node_attr(node, "contenteditable");
    return ce && !ea_text_ieq(ce, strlen(ce), "false");
}

/* ---------------------------------------------------------------- names */

struct ctx {
    const struct ea_doc *doc;
    const struct ea_node *skip; /* the control a label names: its value is not in the label */
    struct ea_buf *out;         /* collapsed text so far */
};

static void add(struct ctx *c, const char *s)
{
    ea_text_add_collapsed(c->out, s, strlen(s));
}

static void sep(struct ctx *c)
{
    add(c, " ");
}

static bool is_block(const struct ea_node *n)
{
    static const char *const blocks[] = {
        "address",  "article",    "aside",  "blockquote", "br",   "dd",   "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer",     "form", "h1",   "h2",  "h3", "h4",
        "h5",       "h6",         "header", "hr",         "li",   "main", "nav", "ol", "p",
        "pre",      "section",    "table",  "td",         "th",   "tr",   "ul",
    };
    if (n->ns != EA_NS_HTML)
        return false;
    for (size_t i = 0; i < EA_ARRAY_LEN(blocks); i++)
        if (!strcmp(n->tag, blocks[i]))
            return true;
    return false;
}

static void subtree_text(struct ctx *c, const struct ea_node *root, bool in_lb, bool all);

/* The first child element of n called tag (HTML, or SVG when svg is set). */
static const struct ea_node *child_tag(const struct ea_node *n, const char *tag, bool svg)
{
    for (const struct ea_node *k = n->first_child; k; k = k->next)
        if (k->type == EA_NODE_ELEMENT && !strcmp(k->tag, tag) &&
            (svg ? k->ns == EA_NS_SVG : k->ns == EA_NS_HTML))
            return k;
    return NULL;
}

/* Text of the selected options of a select (the first option when none is selected). */
static void select_value(struct ctx *c, const struct ea_node *sel)
{
    const struct ea_node *first = NULL;
    bool any = false;
    for (const struct ea_node *n = ea_node_walk(sel, sel, true); n;
         n = ea_node_walk(sel, n, true)) {
        if (!ea_node_is(n, "option"))
            continue;
        if (!first)
            first = n;
        if (ea_node_has_attr(n, "selected")) {
            if (any)
                sep(c);
            subtree_text(c, n, true, true);
            any = true;
        }
    }
    if (!any && first && !ea_node_has_attr(sel, "multiple"))
        subtree_text(c, first, true, true);
}

/* accname 2E: a control embedded in the content being named contributes its value.
 * Returns false when n is not such a control. */
static bool embedded_value(struct ctx *c, const struct ea_node *n)
{
    const char *role = ea_role(n);
    if (!role)
        return false;
    if (!strcmp(role, "textbox") || !strcmp(role, "searchbox")) {
        if (ea_node_is(n, "textarea"))
            subtree_text(c, n, true, true);
        else if (ea_node_is(n, "input"))
            add(c, ea_node_attr(n, "value") ? ea_node_attr(n, "value") : "");
        else
            subtree_text(c, n, true, true);
        return true;
    }
    if (!strcmp(role, "combobox") || !strcmp(role, "listbox")) {
        if (ea_node_is(n, "select"))
            select_value(c, n);
        else if (ea_node_is(n, "input"))
            add(c, ea_node_attr(n, "value") ? ea_node_attr(n, "value") : "");
        return true;
    }
    if (!strcmp(role, "slider") || !strcmp(role, "spinbutton") || !strcmp(role, "progressbar")) {
        const char *v = ea_node_attr(n, "aria-valuetext");
        if (!v)
            v = ea_node_attr(n, "aria-valuenow");
        if (!v)
            v = ea_node_attr(n, "value");
        if (v)
            add(c, v);
        return true;
    }
    return false;
}

static void labelledby_text(struct ctx *c, const struct ea_node *n);

/* Steps 2B-2E for a node met inside content: appends its own text alternative and returns
 * true, or returns false when its children should be walked instead. */
static bool own_alternative(struct ctx *c, const struct ea_node *n, bool in_lb)
{
    if (!in_lb && nonblank(ea_node_attr(n, "aria-labelledby"))) {
        size_t before = c->out->len;
        labelledby_text(c, n);
        if (c->out->len != before)
            return true;
    }
    if (nonblank(ea_node_attr(n, "aria-label")) && !(in_lb && n == c->skip)) {
        add(c, ea_node_attr(n, "aria-label"));
        return true;
    }
    if (embedded_value(c, n))
        return true;
    if (n->ns != EA_NS_HTML)
        return false;
    if (ea_node_is(n, "img") || ea_node_is(n, "area")) {
        const char *alt = ea_node_attr(n, "alt");
        if (alt) {
            add(c, alt);
            return true;
        }
        return false;
    }
    if (ea_node_is(n, "input")) {
        const char *t = input_type(n);
        if (!strcmp(t, "image") && ea_node_has_attr(n, "alt")) {
            add(c, ea_node_attr(n, "alt"));
            return true;
        }
        if (!strcmp(t, "button") || !strcmp(t, "submit") || !strcmp(t, "reset")) {
            add(c, button_value(n, t));
            return true;
        }
        return true; /* other inputs have no content */
    }
    return false;
}

struct open_el {
    const struct ea_node *n;
    size_t start; /* out->len when its content began */
};

/* accname 2F: the text of root's descendants, each through its own alternative when it has
 * one. Iterative (pages nest deep); hidden nodes are skipped unless all is set. */
static void subtree_text(struct ctx *c, const struct ea_node *root, bool in_lb, bool all)
{
    struct open_el *st = NULL;
    size_t sp = 0, cap = 0;
    const struct ea_node *n = ea_node_walk(root, root, true);
    while (n && !ea_buf_overflow(c->out)) {
        bool descend = false;
        if (n->type == EA_NODE_TEXT) {
            if (all || !ea_node_hidden(n))
                add(c, n->text);
        } else if ((!all && ea_node_hidden(n)) || n == c->skip) {
            /* skipped with its subtree */
        } else {
            bool block = is_block(n);
            if (block)
                sep(c);
            if (!own_alternative(c, n, in_lb)) {
                descend = true;
                EA_GROW(st, sp + 1, cap);
                st[sp++] = (struct open_el){ .n = n, .start = c->out->len };
            } else if (block) {
                sep(c);
            }
        }
        const struct ea_node *next = ea_node_walk(root, n, descend);
        /* Close the elements whose subtree ends here: title when they gave no text. */
        while (sp && (!next || next->depth <= st[sp - 1].n->depth)) {
            struct open_el *e = &st[--sp];
            const char *title = ea_node_attr(e->n, "title");
            if (c->out->len == e->start && nonblank(title))
                add(c, title);
            if (is_block(e->n))
                sep(c);
        }
        n = next;
    }
    free(st);
}

/* The text alternative of a node referenced by aria-labelledby (2B: no second hop). */
static void referenced_text(struct ctx *c, const struct ea_node *r)
{
    if (r->type == EA_NODE_TEXT) {
        add(c, r->text);
        return;
    }
    size_t before = c->out->len;
    if (own_alternative(c, r, true))
        return;
    subtree_text(c, r, true, ea_node_hidden(r));
    if (c->out->len == before && nonblank(ea_node_attr(r, "title")))
        add(c, ea_node_attr(r, "title"));
}

static void labelledby_text(struct ctx *c, const struct ea_node *n)
{
    const char *v = ea_node_attr(n, "aria-labelledby");
    size_t i = 0, len = strlen(v), refs = 0;
    const struct ea_node *skip = c->skip;
    c->skip = NULL;
    while (i < len && refs < EA_MAX_IDREFS) {
        while (i < len && ea_text_is_ascii_ws(v[i]))
            i++;
        size_t s = i;
        while (i < len && !ea_text_is_ascii_ws(v[i]))
            i++;
        if (i == s)
            break;
        refs++;
        char id[256];
        if (i - s >= sizeof(id))
            continue;
        memcpy(id, v + s, i - s);
        id[i - s] = '\0';
        const struct ea_node *r = ea_doc_by_id(c->doc, id);
        if (!r)
            continue;
        sep(c);
        referenced_text(c, r);
    }
    c->skip = skip;
}

static bool labelable(const struct ea_node *n)
{
    if (n->ns != EA_NS_HTML)
        return false;
    if (ea_node_is(n, "input"))
        return strcmp(input_type(n), "hidden") != 0;
    return ea_node_is(n, "select") || ea_node_is(n, "textarea") || ea_node_is(n, "button") ||
           ea_node_is(n, "meter") || ea_node_is(n, "progress") || ea_node_is(n, "output");
}

/* One label's text (its title when the text is empty). */
static void one_label(struct ctx *c, const struct ea_node *l)
{
    sep(c);
    size_t before = c->out->len;
    subtree_text(c, l, false, ea_node_hidden(l));
    if (c->out->len == before && nonblank(ea_node_attr(l, "title")))
        add(c, ea_node_attr(l, "title"));
}

/* <label for=id> and a wrapping <label> without for, in document order. */
static void label_text(struct ctx *c, const struct ea_node *n)
{
    const char *id = ea_node_attr(n, "id");
    bool by_for = id && *id && ea_doc_by_id(c->doc, id) == n;
    const struct ea_node *wrap = ea_node_closest(n, "label");
    size_t nl = 0;
    struct ea_node *const *labels = by_for ? ea_doc_labels_for(c->doc, id, &nl) : NULL;
    const struct ea_node *skip = c->skip;

    if (wrap && (wrap->ns != EA_NS_HTML || ea_node_has_attr(wrap, "for")))
        wrap = NULL; /* a label with for names only its for target */
    c->skip = n;
    for (size_t i = 0; i < nl; i++) {
        if (wrap && wrap->index < labels[i]->index) {
            one_label(c, wrap);
            wrap = NULL;
        }
        one_label(c, labels[i]);
    }
    if (wrap)
        one_label(c, wrap);
    c->skip = skip;
}

/* The host language label (HTML-AAM); appends nothing when there is none. */
static void native_text(struct ctx *c, const struct ea_node *n)
{
    if (n->ns == EA_NS_SVG) {
        const struct ea_node *t = child_tag(n, "title", true);
        if (t)
            subtree_text(c, t, true, true);
        return;
    }
    if (n->ns != EA_NS_HTML)
        return;
    const char *t = n->tag;
    if (!strcmp(t, "input")) {
        const char *ty = input_type(n);
        if (!strcmp(ty, "button") || !strcmp(ty, "submit") || !strcmp(ty, "reset")) {
            add(c, button_value(n, ty));
            return;
        }
        if (!strcmp(ty, "image")) {
            const char *alt = ea_node_attr(n, "alt");
            if (alt)
                add(c, alt);
            return;
        }
    }
    if (labelable(n)) {
        label_text(c, n);
        return;
    }
    if (!strcmp(t, "img") || !strcmp(t, "area")) {
        const char *alt = ea_node_attr(n, "alt");
        if (alt)
            add(c, alt);
        return;
    }
    const struct ea_node *k = NULL;
    if (!strcmp(t, "table"))
        k = child_tag(n, "caption", false);
    else if (!strcmp(t, "fieldset"))
        k = child_tag(n, "legend", false);
    else if (!strcmp(t, "figure"))
        k = child_tag(n, "figcaption", false);
    if (k) {
        subtree_text(c, k, false, false);
        return;
    }
    if (!strcmp(t, "optgroup") || !strcmp(t, "option")) {
        const char *l = ea_node_attr(n, "label");
        if (nonblank(l))
            add(c, l);
    }
}

static bool content_by_tag(const struct ea_node *n)
{
    return ea_node_is(n, "summary") || ea_node_is(n, "caption") || ea_node_is(n, "legend") ||
           ea_node_is(n, "figcaption") || ea_node_is(n, "label") || ea_node_is(n, "option");
}

static bool done(struct ea_buf *b)
{
    ea_text_trim_end(b);
    return b->len > 0;
}

enum ea_name_source ea_accname(const struct ea_doc *doc, const struct ea_node *node,
                               struct ea_buf *out)
{
    if (!node || node->type != EA_NODE_ELEMENT || ea_node_hidden(node))
        return EA_NAME_NONE;
    struct ea_buf tmp = EA_BUF_INIT(EA_MAX_ACCNAME + 8);
    struct ctx c = { .doc = doc, .out = &tmp };
    enum ea_name_source src = EA_NAME_NONE;
    const char *role = ea_role(node);

    if (nonblank(ea_node_attr(node, "aria-labelledby"))) {
        labelledby_text(&c, node);
        if (done(&tmp)) {
            src = EA_NAME_LABELLEDBY;
            goto out;
        }
    }
    if (nonblank(ea_node_attr(node, "aria-label"))) {
        add(&c, ea_node_attr(node, "aria-label"));
        if (done(&tmp)) {
            src = EA_NAME_LABEL_ATTR;
            goto out;
        }
    }
    bool presentational = role && (!strcmp(role, "presentation") || !strcmp(role, "none"));
    if (!presentational || ea_node_focusable(node)) {
        native_text(&c, node);
        if (done(&tmp)) {
            src = EA_NAME_NATIVE;
            goto out;
        }
        ea_buf_reset(&tmp);
    }
    if (ea_role_name_from_content(role) || content_by_tag(node)) {
        subtree_text(&c, node, false, false);
        if (done(&tmp)) {
            src = EA_NAME_CONTENT;
            goto out;
        }
        ea_buf_reset(&tmp);
    }
    if (nonblank(ea_node_attr(node, "title"))) {
        add(&c, ea_node_attr(node, "title"));
    } else if ((ea_node_is(node, "input") && is_text_input_type(input_type(node))) ||
               ea_node_is(node, "textarea")) {
        const char *ph = ea_node_attr(node, "placeholder");
        if (!nonblank(ph))
            ph = ea_node_attr(node, "aria-placeholder");
        if (nonblank(ph))
            add(&c, ph);
    }
    if (done(&tmp))
        src = EA_NAME_TITLE;
out:
    if (src != EA_NAME_NONE) {
        ea_text_truncate_utf8(&tmp, EA_MAX_ACCNAME);
        ea_text_trim_end(&tmp);
        ea_buf_addn(out, tmp.buf, tmp.len);
    }
    ea_buf_release(&tmp);
    return src;
}

bool ea_accname_has(const struct ea_doc *doc, const struct ea_node *node)
{
    struct ea_buf b = EA_BUF_INIT(EA_MAX_ACCNAME);
    enum ea_name_source s = ea_accname(doc, node, &b);
    ea_buf_release(&b);
    return s != EA_NAME_NONE;
}
