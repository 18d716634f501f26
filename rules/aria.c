/*
 * aria.c — the WAI-ARIA 1.2 tables (see aria.h). Sources: WAI-ARIA 1.2 §5.4 (roles: required
 * states and properties, supported states and properties, required context role, required
 * owned elements, name from, accessible name required, children presentational), §6.7
 * (attribute value types), DPUB-ARIA 1.1 and Graphics-ARIA 1.0 (roles only). Each table is
 * sorted by name (test_checks asserts it) so lookups are binary searches.
 */
#include "rules/aria.h"

#include <string.h>
#include <strings.h>

#include "core/compat.h"

enum {
    ABS = EA_ROLE_ABSTRACT,
    DEP = EA_ROLE_DEPRECATED,
    NAME = EA_ROLE_NAME_REQUIRED,
    CONTENT = EA_ROLE_NAME_FROM_CONTENT,
    PRES = EA_ROLE_CHILDREN_PRESENTATIONAL,
    NONAME = EA_ROLE_NAME_PROHIBITED,
    WIDGET = EA_ROLE_WIDGET,
};

/* Attributes a role supports beyond the globals, shared by several rows. */
#define CELL_ATTRS   "aria-colindex aria-colspan aria-rowindex aria-rowspan aria-expanded"
#define HEADER_ATTRS CELL_ATTRS " aria-sort aria-readonly aria-required aria-selected"
#define RANGE_ATTRS  "aria-valuemax aria-valuemin aria-valuenow aria-valuetext"
#define MENU_ITEMS   "group menuitem menuitemcheckbox menuitemradio menu"
#define DPUB(name, flags)                                                                          \
    {                                                                                              \
        "doc-" name, (flags), NULL, "aria-expanded", NULL, NULL                                    \
    }

const struct ea_aria_role ea_aria_roles[] = {
    { "alert", 0, NULL, "aria-expanded", NULL, NULL },
    { "alertdialog", NAME, NULL, "aria-expanded aria-modal", NULL, NULL },
    { "application", 0, NULL, "aria-activedescendant aria-expanded", NULL, NULL },
    { "article", 0, NULL, "aria-posinset aria-setsize aria-expanded", NULL, NULL },
    { "banner", 0, NULL, "aria-expanded", NULL, NULL },
    { "blockquote", 0, NULL, NULL, NULL, NULL },
    { "button", NAME | CONTENT | PRES | WIDGET, NULL, "aria-expanded aria-pressed", NULL, NULL },
    { "caption", NONAME, NULL, NULL, "figure grid table treegrid", NULL },
    { "cell", CONTENT, NULL, CELL_ATTRS, "row", NULL },
    { "checkbox", NAME | CONTENT | PRES | WIDGET, "aria-checked",
      "aria-readonly aria-required aria-expanded", NULL, NULL },
    { "code", NONAME, NULL, NULL, NULL, NULL },
    { "columnheader", NAME | CONTENT, NULL, HEADER_ATTRS, "row", NULL },
    { "combobox", NAME | WIDGET, "aria-expanded",
      "aria-activedescendant aria-autocomplete aria-controls aria-readonly aria-required "
      "aria-orientation",
      NULL, NULL },
    { "command", ABS, NULL, NULL, NULL, NULL },
    { "complementary", 0, NULL, "aria-expanded", NULL, NULL },
    { "composite", ABS, NULL, NULL, NULL, NULL },
    { "contentinfo", 0, NULL, "aria-expanded", NULL, NULL },
    { "definition", 0, NULL, "aria-expanded", NULL, NULL },
    { "deletion", NONAME, NULL, NULL, NULL, NULL },
    { "dialog", NAME, NULL, "aria-expanded aria-modal", NULL, NULL },
    { "directory", DEP, NULL, "aria-expanded", NULL, NULL },
    DPUB("abstract", 0),
    DPUB("acknowledgments", 0),
    DPUB("afterword", 0),
    DPUB("appendix", 0),
    { "doc-backlink", NAME | CONTENT | WIDGET, NULL, "aria-expanded", NULL, NULL },
    { "doc-biblioentry", DEP, NULL, "aria-expanded aria-level aria-posinset aria-setsize", "list",
      NULL },
    DPUB("bibliography", 0),
    { "doc-biblioref", NAME | CONTENT | WIDGET, NULL, "aria-expanded", NULL, NULL },
    DPUB("chapter", 0),
    DPUB("colophon", 0),
    DPUB("conclusion", 0),
    { "doc-cover", 0, NULL, "aria-expanded", NULL, NULL },
    DPUB("credit", 0),
    DPUB("credits", 0),
    DPUB("dedication", 0),
    { "doc-endnote", DEP, NULL, "aria-expanded aria-level aria-posinset aria-setsize", "list",
      NULL },
    DPUB("endnotes", 0),
    DPUB("epigraph", 0),
    DPUB("epilogue", 0),
    DPUB("errata", 0),
    DPUB("example", 0),
    DPUB("footnote", 0),
    DPUB("foreword", 0),
    DPUB("glossary", 0),
    { "doc-glossref", NAME | CONTENT | WIDGET, NULL, "aria-expanded", NULL, NULL },
    DPUB("index", 0),
    DPUB("introduction", 0),
    { "doc-noteref", NAME | CONTENT | WIDGET, NULL, "aria-expanded", NULL, NULL },
    DPUB("notice", 0),
    { "doc-pagebreak", PRES, NULL,
      "aria-orientation aria-valuemax aria-valuemin aria-valuenow "
      "aria-valuetext",
      NULL, NULL },
    DPUB("pagefooter", 0),
    DPUB("pageheader", 0),
    DPUB("pagelist", 0),
    DPUB("part", 0),
    DPUB("preface", 0),
    DPUB("prologue", 0),
    DPUB("pullquote", 0),
    DPUB("qna", 0),
    DPUB("subtitle", 0),
    DPUB("tip", 0),
    DPUB("toc", 0),
    { "document", 0, NULL, "aria-expanded", NULL, NULL },
    { "emphasis", NONAME, NULL, NULL, NULL, NULL },
    { "feed", 0, NULL, "aria-expanded", NULL, "article" },
    { "figure", 0, NULL, "aria-expanded", NULL, NULL },
    { "form", 0, NULL, "aria-expanded", NULL, NULL },
    { "generic", NONAME, NULL, NULL, NULL, NULL },
    { "graphics-document", 0, NULL, "aria-expanded", NULL, NULL },
    { "graphics-object", 0, NULL, "aria-expanded", NULL, NULL },
    { "graphics-symbol", PRES, NULL, NULL, NULL, NULL },
    { "grid", NAME | WIDGET, NULL,
      "aria-level aria-multiselectable aria-readonly aria-activedescendant aria-colcount "
      "aria-expanded aria-rowcount",
      NULL, "rowgroup row" },
    { "gridcell", CONTENT | WIDGET, NULL, CELL_ATTRS " aria-readonly aria-required aria-selected",
      "row", NULL },
    { "group", 0, NULL, "aria-activedescendant aria-expanded", NULL, NULL },
    { "heading", NAME | CONTENT, "aria-level", "aria-expanded", NULL, NULL },
    { "img", NAME | PRES, NULL, "aria-expanded", NULL, NULL },
    { "input", ABS, NULL, NULL, NULL, NULL },
    { "insertion", NONAME, NULL, NULL, NULL, NULL },
    { "landmark", ABS, NULL, NULL, NULL, NULL },
    { "link", NAME | CONTENT | WIDGET, NULL, "aria-expanded", NULL, NULL },
    { "list", 0, NULL, "aria-expanded", NULL, "listitem" },
    { "listbox", NAME | WIDGET, NULL,
      "aria-multiselectable aria-readonly aria-required aria-activedescendant aria-expanded "
      "aria-orientation",
      NULL, "group option" },
    { "listitem", 0, NULL, "aria-level aria-posinset aria-setsize aria-expanded", "directory list",
      NULL },
    { "log", 0, NULL, "aria-expanded", NULL, NULL },
    { "main", 0, NULL, "aria-expanded", NULL, NULL },
    { "mark", NONAME, NULL, NULL, NULL, NULL },
    { "marquee", 0, NULL, "aria-expanded", NULL, NULL },
    { "math", 0, NULL, "aria-expanded", NULL, NULL },
    { "menu", WIDGET, NULL, "aria-activedescendant aria-expanded aria-orientation", NULL,
      MENU_ITEMS },
    { "menubar", WIDGET, NULL, "aria-activedescendant aria-expanded aria-orientation", NULL,
      MENU_ITEMS },
    { "menuitem", NAME | CONTENT | WIDGET, NULL, "aria-expanded aria-posinset aria-setsize",
      "group menu menubar", NULL },
    { "menuitemcheckbox", NAME | CONTENT | PRES | WIDGET, "aria-checked",
      "aria-expanded aria-posinset aria-setsize aria-readonly", "group menu menubar", NULL },
    { "menuitemradio", NAME | CONTENT | PRES | WIDGET, "aria-checked",
      "aria-expanded aria-posinset aria-setsize aria-readonly", "group menu menubar", NULL },
    { "meter", NAME | PRES, "aria-valuenow", "aria-valuemax aria-valuemin aria-valuetext", NULL,
      NULL },
    { "navigation", 0, NULL, "aria-expanded", NULL, NULL },
    { "none", 0, NULL, NULL, NULL, NULL },
    { "note", 0, NULL, "aria-expanded", NULL, NULL },
    { "option", NAME | CONTENT | PRES | WIDGET, NULL,
      "aria-selected aria-checked aria-posinset aria-setsize", "group listbox", NULL },
    { "paragraph", NONAME, NULL, NULL, NULL, NULL },
    { "presentation", 0, NULL, NULL, NULL, NULL },
    { "progressbar", NAME | PRES, NULL, RANGE_ATTRS " aria-expanded", NULL, NULL },
    { "radio", NAME | CONTENT | PRES | WIDGET, "aria-checked",
      "aria-posinset aria-setsize aria-required", NULL, NULL },
    { "radiogroup", WIDGET, NULL,
      "aria-readonly aria-required aria-activedescendant aria-expanded aria-orientation", NULL,
      NULL },
    { "range", ABS, NULL, NULL, NULL, NULL },
    { "region", 0, NULL, "aria-expanded", NULL, NULL },
    { "roletype", ABS, NULL, NULL, NULL, NULL },
    { "row", CONTENT | WIDGET, NULL,
      "aria-colindex aria-level aria-rowindex aria-selected aria-activedescendant "
      "aria-expanded aria-posinset aria-setsize",
      "grid rowgroup table treegrid", "cell columnheader gridcell rowheader" },
    { "rowgroup", CONTENT, NULL, "aria-expanded", "grid table treegrid", "row" },
    { "rowheader", NAME | CONTENT, NULL, HEADER_ATTRS, "row", NULL },
    { "scrollbar", PRES | WIDGET, "aria-valuenow",
      "aria-controls aria-orientation aria-valuemax aria-valuemin aria-valuetext", NULL, NULL },
    { "search", 0, NULL, "aria-expanded", NULL, NULL },
    { "searchbox", NAME | WIDGET, NULL,
      "aria-activedescendant aria-autocomplete aria-multiline aria-placeholder aria-readonly "
      "aria-required",
      NULL, NULL },
    { "section", ABS, NULL, NULL, NULL, NULL },
    { "sectionhead", ABS, NULL, NULL, NULL, NULL },
    { "select", ABS, NULL, NULL, NULL, NULL },
    { "separator", PRES, NULL, "aria-orientation " RANGE_ATTRS, NULL, NULL },
    { "slider", NAME | PRES | WIDGET, "aria-valuenow",
      "aria-valuemax aria-valuemin aria-valuetext aria-orientation aria-readonly", NULL, NULL },
    { "spinbutton", NAME | WIDGET, NULL,
      RANGE_ATTRS " aria-readonly aria-required aria-activedescendant", NULL, NULL },
    { "status", 0, NULL, "aria-expanded", NULL, NULL },
    { "strong", NONAME, NULL, NULL, NULL, NULL },
    { "structure", ABS, NULL, NULL, NULL, NULL },
    { "subscript", NONAME, NULL, NULL, NULL, NULL },
    { "superscript", NONAME, NULL, NULL, NULL, NULL },
    { "switch", NAME | CONTENT | PRES | WIDGET, "aria-checked",
      "aria-readonly aria-required aria-expanded", NULL, NULL },
    { "tab", NAME | CONTENT | PRES | WIDGET, NULL,
      "aria-posinset aria-selected aria-setsize aria-expanded", "tablist", NULL },
    { "table", NAME, NULL, "aria-colcount aria-rowcount aria-expanded", NULL, "rowgroup row" },
    { "tablist", WIDGET, NULL,
      "aria-level aria-multiselectable aria-orientation aria-activedescendant aria-expanded", NULL,
      "tab" },
    { "tabpanel", NAME, NULL, "aria-expanded", NULL, NULL },
    { "term", 0, NULL, "aria-expanded", NULL, NULL },
    { "textbox", NAME | WIDGET, NULL,
      "aria-activedescendant aria-autocomplete aria-multiline aria-placeholder aria-readonly "
      "aria-required",
      NULL, NULL },
    { "time", 0, NULL, NULL, NULL, NULL },
    { "timer", 0, NULL, "aria-expanded", NULL, NULL },
    { "toolbar", 0, NULL, "aria-orientation aria-activedescendant aria-expanded", NULL, NULL },
    { "tooltip", NAME | CONTENT, NULL, "aria-expanded", NULL, NULL },
    { "tree", NAME | WIDGET, NULL,
      "aria-multiselectable aria-required aria-activedescendant aria-expanded aria-orientation",
      NULL, "group treeitem" },
    { "treegrid", NAME | WIDGET, NULL,
      "aria-activedescendant aria-colcount aria-expanded aria-level aria-multiselectable "
      "aria-orientation aria-readonly aria-required aria-rowcount",
      NULL, "rowgroup row" },
    { "treeitem", NAME | CONTENT | WIDGET, NULL,
      "aria-checked aria-expanded aria-level aria-posinset aria-selected aria-setsize",
      "group tree", NULL },
    { "widget", ABS, NULL, NULL, NULL, NULL },
    { "window", ABS, NULL, NULL, NULL, NULL },
};
const size_t ea_aria_nroles = EA_ARRAY_LEN(ea_aria_roles);

#define G true  /* global */
#define L false /* role-specific */
#define E true  /* an empty value is allowed */

const struct ea_aria_attr ea_aria_attrs[] = {
    { "aria-activedescendant", EA_ARIA_IDREF, NULL, L, E, 0 },
    { "aria-atomic", EA_ARIA_BOOLEAN, NULL, G, false, 0 },
    { "aria-autocomplete", EA_ARIA_TOKEN, "inline list both none", L, false, 0 },
    { "aria-braillelabel", EA_ARIA_STRING, NULL, G, E, 0 },
    { "aria-brailleroledescription", EA_ARIA_STRING, NULL, G, E, 0 },
    { "aria-busy", EA_ARIA_BOOLEAN, NULL, G, false, 0 },
    { "aria-checked", EA_ARIA_TRISTATE, "true false mixed undefined", L, false, 0 },
    { "aria-colcount", EA_ARIA_INTEGER, NULL, L, false, -1 },
    { "aria-colindex", EA_ARIA_INTEGER, NULL, L, false, 1 },
    { "aria-colindextext", EA_ARIA_STRING, NULL, L, E, 0 },
    { "aria-colspan", EA_ARIA_INTEGER, NULL, L, false, 1 },
    { "aria-controls", EA_ARIA_IDREFS, NULL, G, E, 0 },
    { "aria-current", EA_ARIA_TOKEN, "page step location date time true false", G, E, 0 },
    { "aria-describedby", EA_ARIA_IDREFS, NULL, G, E, 0 },
    { "aria-description", EA_ARIA_STRING, NULL, G, E, 0 },
    { "aria-details", EA_ARIA_IDREF, NULL, G, E, 0 },
    { "aria-disabled", EA_ARIA_BOOLEAN, NULL, G, false, 0 },
    { "aria-dropeffect", EA_ARIA_TOKENS, "copy execute link move none popup", G, false, 0 },
    { "aria-errormessage", EA_ARIA_IDREF, NULL, G, E, 0 },
    { "aria-expanded", EA_ARIA_TOKEN, "true false undefined", L, false, 0 },
    { "aria-flowto", EA_ARIA_IDREFS, NULL, G, E, 0 },
    { "aria-grabbed", EA_ARIA_TOKEN, "true false undefined", G, false, 0 },
    { "aria-haspopup", EA_ARIA_TOKEN, "true false menu listbox tree grid dialog", G, E, 0 },
    { "aria-hidden", EA_ARIA_TOKEN, "true false undefined", G, false, 0 },
    { "aria-invalid", EA_ARIA_TOKEN, "grammar false spelling true", G, false, 0 },
    { "aria-keyshortcuts", EA_ARIA_STRING, NULL, G, E, 0 },
    { "aria-label", EA_ARIA_STRING, NULL, G, E, 0 },
    { "aria-labelledby", EA_ARIA_IDREFS, NULL, G, E, 0 },
    { "aria-level", EA_ARIA_INTEGER, NULL, L, false, 1 },
    { "aria-live", EA_ARIA_TOKEN, "assertive off polite", G, false, 0 },
    { "aria-modal", EA_ARIA_BOOLEAN, NULL, L, false, 0 },
    { "aria-multiline", EA_ARIA_BOOLEAN, NULL, L, false, 0 },
    { "aria-multiselectable", EA_ARIA_BOOLEAN, NULL, L, false, 0 },
    { "aria-orientation", EA_ARIA_TOKEN, "horizontal undefined vertical", L, false, 0 },
    { "aria-owns", EA_ARIA_IDREFS, NULL, G, E, 0 },
    { "aria-placeholder", EA_ARIA_STRING, NULL, L, E, 0 },
    { "aria-posinset", EA_ARIA_INTEGER, NULL, L, false, 1 },
    { "aria-pressed", EA_ARIA_TRISTATE, "true false mixed undefined", L, false, 0 },
    { "aria-readonly", EA_ARIA_BOOLEAN, NULL, L, false, 0 },
    { "aria-relevant", EA_ARIA_TOKENS, "additions all removals text", G, false, 0 },
    { "aria-required", EA_ARIA_BOOLEAN, NULL, L, false, 0 },
    { "aria-roledescription", EA_ARIA_STRING, NULL, G, E, 0 },
    { "aria-rowcount", EA_ARIA_INTEGER, NULL, L, false, -1 },
    { "aria-rowindex", EA_ARIA_INTEGER, NULL, L, false, 1 },
    { "aria-rowindextext", EA_ARIA_STRING, NULL, L, E, 0 },
    { "aria-rowspan", EA_ARIA_INTEGER, NULL, L, false, 0 },
    { "aria-selected", EA_ARIA_TOKEN, "true false undefined", L, false, 0 },
    { "aria-setsize", EA_ARIA_INTEGER, NULL, L, false, -1 },
    { "aria-sort", EA_ARIA_TOKEN, "ascending descending none other", L, false, 0 },
    { "aria-valuemax", EA_ARIA_NUMBER, NULL, L, false, 0 },
    { "aria-valuemin", EA_ARIA_NUMBER, NULL, L, false, 0 },
    { "aria-valuenow", EA_ARIA_NUMBER, NULL, L, false, 0 },
    { "aria-valuetext", EA_ARIA_STRING, NULL, L, E, 0 },
};
const size_t ea_aria_nattrs = EA_ARRAY_LEN(ea_aria_attrs);

const struct ea_aria_role *ea_aria_role(const char *name, size_t n)
{
    char key[32];
    if (n == 0 || n >= sizeof(key))
        return NULL;
    for (size_t i = 0; i < n; i++)
        key[i] = name[i] >= 'A' && name[i] <= 'Z' ? (char)(name[i] | 0x20) : name[i];
    key[n] = '\0';
    size_t lo = 0, hi = ea_aria_nroles;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(key, ea_aria_roles[mid].name);
        if (c == 0)
            return &ea_aria_roles[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

const struct ea_aria_attr *ea_aria_attr(const char *name)
{
    size_t lo = 0, hi = ea_aria_nattrs;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(name, ea_aria_attrs[mid].name);
        if (c == 0)
            return &ea_aria_attrs[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

bool ea_aria_in_list(const char *list, const char *word, size_t n)
{
    if (!list || n == 0)
        return false;
    for (const char *p = list; *p;) {
        while (*p == ' ')
            p++;
        size_t len = strcspn(p, " ");
        if (len == n && strncmp(p, word, n) == 0)
            return true;
        p += len;
    }
    return false;
}

bool ea_aria_role_allows(const struct ea_aria_role *role, const struct ea_aria_attr *attr)
{
    if (attr->global)
        return true;
    if (!role)
        return false;
    size_t n = strlen(attr->name);
    return ea_aria_in_list(role->required, attr->name, n) ||
           ea_aria_in_list(role->supported, attr->name, n);
}

static bool ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

const struct ea_aria_role *ea_aria_role_of(const char *v)
{
    for (const char *p = v; p && *p;) {
        while (*p && ws(*p))
            p++;
        size_t n = 0;
        while (p[n] && !ws(p[n]))
            n++;
        const struct ea_aria_role *r = ea_aria_role(p, n);
        if (r && !(r->flags & EA_ROLE_ABSTRACT))
            return r;
        p += n;
    }
    return NULL;
}
