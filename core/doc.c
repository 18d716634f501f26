#include "core/doc.h"

#include <gumbo.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/css.h"
#include "core/limits.h"
#include "core/text.h"
#include "core/xalloc.h"

/* Per-element facts the selector needs, computed once in O(n). */
struct info {
    unsigned tagid;     /* interned tag name */
    unsigned nth;       /* 1-based position among element siblings (:nth-child) */
    unsigned sibs;      /* element siblings, self included */
    unsigned nth_type;  /* 1-based position among element siblings of its tag */
    unsigned same_sibs; /* element siblings (self included) with the same tag */
    unsigned parent;    /* the parent's node index; NO_PARENT for the root */
};

#define NO_PARENT UINT_MAX

struct idslot {
    const char *id; /* borrowed (arena); NULL for an empty slot */
    size_t first;   /* index of the first element with this id */
    size_t count;
};

struct clsslot {
    const char *cls; /* borrowed (attribute value); NULL for an empty slot */
    size_t len;
    size_t count; /* elements carrying this class */
    size_t last;  /* 1 + the index of the last element counted (a class listed twice) */
};

struct priv {
    char *arena; /* owned: every string of the tree */
    size_t arena_bytes;
    struct ea_attr *attrs; /* owned */
    size_t nattrs;
    struct info *info;  /* owned: one per node (text nodes unused) */
    struct idslot *ids; /* owned: open addressing, power-of-two size */
    size_t ids_cap;
    struct clsslot *cls; /* owned: open addressing, power-of-two size */
    size_t cls_cap;
    const char **tagnames; /* owned array of borrowed names, indexed by tagid */
    size_t ntags;
    size_t *tag_start;          /* owned: ntags + 1 offsets into tag_nodes */
    struct ea_node **tag_nodes; /* owned: elements grouped by tag, document order */
    struct ea_node **label_for; /* owned: HTML <label for> elements sorted by (for, order) */
    size_t nlabel_for;
    struct ea_css_cascade *casc; /* owned: declared values per node (elements only) */
    struct ea_css_style *styles; /* owned: computed values per node */
    unsigned link_order;         /* next source order for a linked stylesheet's rules */
    size_t css_budget;           /* cascade work left (EA_MAX_CASCADE_WORK at the start) */
    /* owned, made on first use: ea_doc_selector's answer per node index (NULL until asked),
     * as several rules' findings often name the same element (half the calls on corpus/) */
    char **sel;
};

/* ---------------------------------------------------------------- hashing */

static size_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 14695981039346656037u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211u;
    }
    return (size_t)h;
}

static size_t pow2_at_least(size_t n)
{
    size_t c = 16;
    while (c < n)
        c *= 2;
    return c;
}

/* ---------------------------------------------------------------- depth guard */

static bool name_in(const char *name, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (name[0] == list[i][0] && strcmp(name, list[i]) == 0)
            return true;
    return false;
}

/* Start tags that never nest (void), whose end tag is optional (they close themselves,
 * so counting them would overestimate), or whose content is raw text (skipped whole). */
static const char *const void_tags[] = {
    "area",  "base",  "basefont", "bgsound",  "br",       "col",      "embed",  "frame", "hr",
    "img",   "input", "keygen",   "link",     "meta",     "param",    "source", "track", "wbr",
    "p",     "li",    "dt",       "dd",       "option",   "optgroup", "tr",     "td",    "th",
    "tbody", "thead", "tfoot",    "colgroup", "caption",  "rb",       "rt",     "rtc",   "rp",
    "html",  "head",  "body",     "image",    "menuitem",
};
static const char *const raw_tags[] = {
    "script", "style", "xmp", "iframe", "noembed", "noframes", "textarea", "title",
};

static bool alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static size_t find_ci(const char *s, size_t n, size_t from, const char *needle)
{
    size_t m = strlen(needle);
    for (size_t i = from; i + m <= n; i++) {
        const char *p = memchr(s + i, '<', n - i);
        if (!p)
            return n;
        i = (size_t)(p - s);
        if (i + m > n)
            return n;
        size_t k = 0;
        while (k < m && lower(s[i + k]) == needle[k])
            k++;
        if (k == m)
            return i;
    }
    return n;
}

static size_t find_str(const char *s, size_t n, size_t from, const char *needle)
{
    size_t m = strlen(needle);
    for (size_t i = from; i + m <= n; i++)
        if (memcmp(s + i, needle, m) == 0)
            return i;
    return n;
}

/* Turns the tag at s[a, b] (at least "<b>") into a bogus comment "<?   >", keeping newlines
 * so that later line numbers and offsets stay right. Not spaces: whitespace text under a
 * deep stack of formatting elements is slow in gumbo (it scans the stack per character). */
static void blank(char *s, size_t a, size_t b)
{
    for (size_t i = a + 1; i < b; i++)
        if (s[i] != '\n')
            s[i] = ' ';
    s[a + 1] = '?';
    s[b] = '>';
}

/* Where html stops holding at most EA_MAX_PAGE_TAGS tags: before the next '<' (len when it
 * holds fewer). A bound on the tree's size whatever the markup, found without parsing. */
static size_t tags_cut(const char *html, size_t len)
{
    size_t tags = 0;
    for (const char *p = html, *end = html + len; p < end; p++) {
        p = memchr(p, '<', (size_t)(end - p));
        if (!p)
            break;
        if (++tags > EA_MAX_PAGE_TAGS)
            return (size_t)(p - html);
    }
    return len;
}

/* The attributes of the tag whose name ends at s[j], from the first past EA_MAX_TAG_ATTRS to
 * the tag's end, become spaces (newlines kept, and a closing "/"), so gumbo, which compares
 * each attribute with those before it, reads only the first ones. Roughly: an attribute
 * starts where a character other than '=' and '/' follows whitespace and the previous one
 * was not '='; quoted values are skipped. Returns the tag's '>' (n when there is none). */
static size_t tag_end_guarded(char *s, size_t n, size_t j, bool *cut)
{
    size_t attrs = 0, cut_at = 0;
    char prev = 0;
    bool after_ws = false;
    while (j < n && s[j] != '>') {
        if ((s[j] == '"' || s[j] == '\'') && prev == '=') {
            const char *q = memchr(s + j + 1, s[j], n - j - 1);
            j = q ? (size_t)(q - s) : n - 1;
        } else if (ea_text_is_ascii_ws(s[j])) {
            after_ws = true;
            j++;
            continue;
        } else if (after_ws && prev != '=' && s[j] != '=' && s[j] != '/' &&
                   ++attrs == EA_MAX_TAG_ATTRS + 1) {
            cut_at = j;
        }
        after_ws = false;
        prev = s[j];
        j++;
    }
    if (cut_at && j < n) {
        size_t stop = s[j - 1] == '/' ? j - 1 : j;
        for (size_t k = cut_at; k < stop; k++)
            if (s[k] != '\n')
                s[k] = ' ';
        *cut = true;
    }
    return j;
}

/* A linear estimate of element nesting (gumbo is quadratic in depth). Start tags past
 * EA_MAX_DEPTH are blanked, and as many of the end tags that follow, so a hostile run of
 * nested elements loses its excess levels and the page after it keeps its shape. Returns
 * true when something was blanked. Attributes past EA_MAX_TAG_ATTRS are blanked too
 * (tag_end_guarded; *attrs_cut says so). */
static bool depth_guard(char *s, size_t n, bool *attrs_cut)
{
    size_t depth = 0, suppressed = 0, foreign_at = 0;
    bool limited = false;
    size_t i = 0;

    while (i < n) {
        const char *lt = memchr(s + i, '<', n - i);
        if (!lt)
            break;
        i = (size_t)(lt - s);
        if (i + 1 >= n)
            break;
        char c = s[i + 1];
        if (c == '!') {
            if (i + 3 < n && s[i + 2] == '-' && s[i + 3] == '-') {
                size_t e = find_str(s, n, i + 4, "-->");
                i = e < n ? e + 3 : n;
            } else {
                const char *gt = memchr(s + i, '>', n - i);
                i = gt ? (size_t)(gt - s) + 1 : n;
            }
            continue;
        }
        if (c == '?') {
            const char *gt = memchr(s + i, '>', n - i);
            i = gt ? (size_t)(gt - s) + 1 : n;
            continue;
        }
        bool end = c == '/';
        size_t ns = i + 1 + (end ? 1 : 0);
        if (ns >= n || !alpha(s[ns])) {
            i++;
            continue;
        }
        char name[16];
        size_t nl = 0, j = ns;
        while (j < n && !ea_text_is_ascii_ws(s[j]) && s[j] != '/' && s[j] != '>') {
            if (nl < sizeof(name) - 1)
                name[nl++] = lower(s[j]);
            j++;
        }
        name[nl] = '\0';
        /* To the '>' that ends the tag, skipping quoted attribute values. */
        j = tag_end_guarded(s, n, j, attrs_cut);
        if (j >= n)
            break; /* an unterminated tag at the end: gumbo drops it */
        size_t tag_end = j;
        bool self_closing = tag_end > i && s[tag_end - 1] == '/';
        i = tag_end + 1;
        bool raw = name_in(name, raw_tags, EA_ARRAY_LEN(raw_tags));
        if (raw || name_in(name, void_tags, EA_ARRAY_LEN(void_tags))) {
            if (raw && !end) {
                char close[24] = "</";
                memcpy(close + 2, name, nl + 1);
                i = find_ci(s, n, i, close);
            }
            continue;
        }
        if (!end && strcmp(name, "plaintext") == 0)
            break;
        if (!end) {
            if (foreign_at && self_closing)
                continue;
            if (depth >= EA_MAX_DEPTH) {
                blank(s, (size_t)(lt - s), tag_end);
                suppressed++;
                limited = true;
                continue;
            }
            depth++;
            if (!foreign_at && (strcmp(name, "svg") == 0 || strcmp(name, "math") == 0))
                foreign_at = depth;
        } else if (suppressed) {
            blank(s, (size_t)(lt - s), tag_end);
            suppressed--;
        } else if (depth) {
            if (foreign_at == depth)
                foreign_at = 0;
            depth--;
        }
    }
    return limited;
}

/* ---------------------------------------------------------------- gumbo's memory */

/* gumbo makes about one small allocation per five bytes of input and frees most of them
 * again soon (token buffers, growing vectors), then its whole output node by node: through
 * malloc that was a sixth of the parse. So each parse has an arena of its own: small blocks
 * are cut from big chunks and a freed one is reused by its size class; big blocks go to
 * malloc and are tracked. The arena is dropped whole, without gumbo_destroy_output. */
#define ARENA_CHUNK   (128u * 1024) /* bytes malloc'd at a time for small blocks */
#define ARENA_GRAIN   16u           /* small sizes are rounded up to this (alignment) */
#define ARENA_SMALL   1024u         /* larger blocks go to malloc */
#define ARENA_CLASSES (ARENA_SMALL / ARENA_GRAIN)

/* Before every block: its size class, 0 for a big block, which also has list links. */
struct arena_small {
    size_t pad, cls;
};
struct arena_big {
    struct arena_big *prev, *next;
    size_t pad, cls;
};

struct arena_chunk {
    struct arena_chunk *next;
    size_t pad;
};

struct arena {
    struct arena_chunk *chunks;
    char *cur, *end;
    void *free_list[ARENA_CLASSES + 1]; /* freed small blocks by class, linked through them */
    struct arena_big *big;
};

static void *arena_alloc(void *ud, size_t n)
{
    struct arena *p = ud;
    if (n > ARENA_SMALL) {
        struct arena_big *b = ea_xmalloc(sizeof(*b) + n);
        *b = (struct arena_big){ .next = p->big };
        if (p->big)
            p->big->prev = b;
        p->big = b;
        return b + 1;
    }
    size_t cls = n ? (n + ARENA_GRAIN - 1) / ARENA_GRAIN : 1;
    void *blk = p->free_list[cls];
    if (blk) {
        memcpy(&p->free_list[cls], blk, sizeof(void *));
        return blk;
    }
    size_t need = sizeof(struct arena_small) + cls * ARENA_GRAIN;
    if ((size_t)(p->end - p->cur) < need) {
        struct arena_chunk *c = ea_xmalloc(ARENA_CHUNK);
        c->next = p->chunks;
        p->chunks = c;
        p->cur = (char *)(c + 1);
        p->end = (char *)c + ARENA_CHUNK;
    }
    struct arena_small *h = (struct arena_small *)p->cur;
    p->cur += need;
    h->cls = cls;
    return h + 1;
}

static void arena_free(void *ud, void *ptr)
{
    struct arena *p = ud;
    if (!ptr)
        return;
    size_t cls = ((struct arena_small *)ptr - 1)->cls;
    if (cls) {
        memcpy(ptr, &p->free_list[cls], sizeof(void *));
        p->free_list[cls] = ptr;
        return;
    }
    struct arena_big *b = (struct arena_big *)ptr - 1;
    if (b->prev)
        b->prev->next = b->next;
    else
        p->big = b->next;
    if (b->next)
        b->next->prev = b->prev;
    free(b);
}

static void arena_release(struct arena *p)
{
    while (p->chunks) {
        struct arena_chunk *c = p->chunks;
        p->chunks = c->next;
        free(c);
    }
    while (p->big) {
        struct arena_big *b = p->big;
        p->big = b->next;
        free(b);
    }
}

/* ---------------------------------------------------------------- conversion */

static bool has_children(const GumboNode *g)
{
    return g->type == GUMBO_NODE_ELEMENT || g->type == GUMBO_NODE_TEMPLATE;
}

/* The tag name as gumbo knows it, or the original one for tags it does not know. */
static void tag_name(const GumboElement *e, const char **name, size_t *len)
{
    const char *t = e->tag == GUMBO_TAG_UNKNOWN ? "" : gumbo_normalized_tagname(e->tag);
    if (t && *t) {
        *name = t;
        *len = strlen(t);
        return;
    }
    GumboStringPiece p = e->original_tag;
    if (p.length) {
        gumbo_tag_from_original_text(&p);
        *name = p.data;
        *len = p.length;
        /* gumbo keeps "<foo/" for a self-closing unknown tag */
        while (*len && (*name)[*len - 1] == '/')
            (*len)--;
        return;
    }
    *name = "unknown";
    *len = 7;
}

struct frame {
    const GumboNode *g;
    size_t next;
    struct ea_node *n;
};

struct sizes {
    size_t nodes, attrs, bytes;
};

static void count_tree(const GumboNode *root, struct sizes *sz)
{
    struct frame *st = NULL;
    size_t sp = 0, cap = 0;
    EA_GROW(st, 1, cap);
    st[sp++] = (struct frame){ .g = root };
    sz->nodes = 1;
    while (sp) {
        struct frame *top = &st[sp - 1];
        const GumboElement *e = &top->g->v.element;
        if (top->next == 0) {
            const char *nm;
            size_t nl;
            tag_name(e, &nm, &nl);
            sz->bytes += nl + 1;
            sz->attrs += e->attributes.length;
            for (unsigned a = 0; a < e->attributes.length; a++) {
                const GumboAttribute *at = e->attributes.data[a];
                sz->bytes += strlen(at->name) + strlen(at->value) + 2;
            }
        }
        if (top->next >= e->children.length) {
            sp--;
            continue;
        }
        const GumboNode *c = e->children.data[top->next++];
        if (c->type == GUMBO_NODE_COMMENT)
            continue;
        sz->nodes++;
        if (has_children(c)) {
            EA_GROW(st, sp + 1, cap);
            st[sp++] = (struct frame){ .g = c };
        } else {
            sz->bytes += strlen(c->v.text.text) + 1;
        }
    }
    free(st);
}

static char *arena_put(char **cursor, const char *s, size_t n, bool lowercase)
{
    char *d = *cursor;
    for (size_t i = 0; i < n; i++)
        d[i] = lowercase ? lower(s[i]) : s[i];
    d[n] = '\0';
    *cursor = d + n + 1;
    return d;
}

static bool attr_true(const char *v)
{
    if (!v)
        return false;
    struct ea_buf b = EA_BUF_INIT(16);
    ea_text_collapse_ws(v, strlen(v), &b);
    bool t = ea_text_ieq(b.buf, b.len, "true");
    ea_buf_release(&b);
    return t;
}

static unsigned own_flags(const struct ea_node *n)
{
    unsigned f = 0;
    if (n->ns == EA_NS_HTML && (ea_node_is(n, "template") || ea_node_is(n, "script") ||
                                ea_node_is(n, "style") || ea_node_is(n, "noscript")))
        f |= EA_NODE_HIDDEN;
    if (strcmp(n->tag, "script") == 0 || strcmp(n->tag, "style") == 0)
        f |= EA_NODE_HIDDEN;
    if (ea_node_is(n, "input")) {
        const char *t = ea_node_attr(n, "type");
        if (t && ea_text_ieq(t, strlen(t), "hidden"))
            f |= EA_NODE_HIDDEN;
    }
    if (attr_true(ea_node_attr(n, "aria-hidden")))
        f |= EA_NODE_ARIA_HIDDEN;
    return f;
}

static void link_child(struct ea_node *p, struct ea_node *c)
{
    c->parent = p;
    c->depth = p->depth + 1;
    c->prev = p->last_child;
    if (p->last_child)
        p->last_child->next = c;
    else
        p->first_child = c;
    p->last_child = c;
}

static void fill_element(struct ea_doc *doc, struct priv *pv, struct ea_node *n, const GumboNode *g,
                         char **cur, size_t *attr_i)
{
    const GumboElement *e = &g->v.element;
    n->type = EA_NODE_ELEMENT;
    n->ns = e->tag_namespace == GUMBO_NAMESPACE_SVG      ? EA_NS_SVG
            : e->tag_namespace == GUMBO_NAMESPACE_MATHML ? EA_NS_MATHML
                                                         : EA_NS_HTML;
    const char *nm;
    size_t nl;
    tag_name(e, &nm, &nl);
    n->tag = arena_put(cur, nm, nl, true);
    n->attrs = pv->attrs + *attr_i;
    n->nattrs = e->attributes.length;
    for (unsigned a = 0; a < e->attributes.length; a++) {
        const GumboAttribute *at = e->attributes.data[a];
        struct ea_attr *d = &pv->attrs[(*attr_i)++];
        d->name = arena_put(cur, at->name, strlen(at->name), true);
        d->value = arena_put(cur, at->value, strlen(at->value), false);
        if (strncmp(d->name, "aria-", 5) == 0)
            n->flags |= EA_NODE_HAS_ARIA;
        else if (strcmp(d->name, "role") == 0)
            n->flags |= EA_NODE_HAS_ROLE;
        else if (d->name[0] == 'o' && d->name[1] == 'n')
            n->flags |= EA_NODE_HAS_HANDLER;
    }
    const char *d = e->original_tag.data;
    if (e->original_tag.length && d >= doc->html && d < doc->html + doc->html_len) {
        n->src_offset = (size_t)(d - doc->html);
        n->src_len = e->original_tag.length;
        if (n->src_len > doc->html_len - n->src_offset)
            n->src_len = doc->html_len - n->src_offset;
        n->line = e->start_pos.line;
        n->column = e->start_pos.column;
    }
}

static void convert(struct ea_doc *doc, struct priv *pv, const GumboNode *root)
{
    struct sizes sz = { 0 };
    count_tree(root, &sz);
    doc->nodes = ea_xcalloc(sz.nodes, sizeof(*doc->nodes));
    pv->attrs = ea_xcalloc(sz.attrs ? sz.attrs : 1, sizeof(*pv->attrs));
    pv->arena = ea_xmalloc(sz.bytes ? sz.bytes : 1);
    pv->arena_bytes = sz.bytes;
    pv->nattrs = sz.attrs;
    char *cur = pv->arena;
    size_t attr_i = 0, ni = 0;

    struct frame *st = NULL;
    size_t sp = 0, cap = 0;
    EA_GROW(st, 1, cap);
    struct ea_node *rn = &doc->nodes[ni];
    rn->index = ni++;
    fill_element(doc, pv, rn, root, &cur, &attr_i);
    rn->flags |= own_flags(rn);
    st[sp++] = (struct frame){ .g = root, .n = rn };
    while (sp) {
        struct frame *top = &st[sp - 1];
        const GumboElement *e = &top->g->v.element;
        if (top->next >= e->children.length) {
            sp--;
            continue;
        }
        const GumboNode *c = e->children.data[top->next++];
        if (c->type == GUMBO_NODE_COMMENT)
            continue;
        struct ea_node *n = &doc->nodes[ni];
        n->index = ni++;
        link_child(top->n, n);
        unsigned inherited = top->n->flags & (EA_NODE_HIDDEN | EA_NODE_ARIA_HIDDEN);
        if (has_children(c)) {
            fill_element(doc, pv, n, c, &cur, &attr_i);
            n->flags |= inherited | own_flags(n);
            EA_GROW(st, sp + 1, cap);
            st[sp++] = (struct frame){ .g = c, .n = n };
        } else {
            n->type = EA_NODE_TEXT;
            n->ns = top->n->ns;
            n->text = arena_put(&cur, c->v.text.text, strlen(c->v.text.text), false);
            n->flags = inherited;
        }
    }
    free(st);
    doc->nnodes = ni;
}

/* ---------------------------------------------------------------- indexes */

static struct idslot *id_find(const struct priv *pv, const char *id)
{
    if (!pv->ids_cap)
        return NULL;
    size_t mask = pv->ids_cap - 1;
    size_t h = hash_bytes(id, strlen(id)) & mask;
    while (pv->ids[h].id) {
        if (strcmp(pv->ids[h].id, id) == 0)
            return &pv->ids[h];
        h = (h + 1) & mask;
    }
    return NULL;
}

static void build_ids(struct ea_doc *doc, struct priv *pv)
{
    size_t nids = 0;
    for (size_t i = 0; i < doc->nnodes; i++) {
        const char *id = ea_node_attr(&doc->nodes[i], "id");
        if (id && *id)
            nids++;
    }
    pv->ids_cap = pow2_at_least(nids * 2);
    pv->ids = ea_xcalloc(pv->ids_cap, sizeof(*pv->ids));
    size_t mask = pv->ids_cap - 1;
    for (size_t i = 0; i < doc->nnodes; i++) {
        const char *id = ea_node_attr(&doc->nodes[i], "id");
        if (!id || !*id)
            continue;
        size_t h = hash_bytes(id, strlen(id)) & mask;
        while (pv->ids[h].id && strcmp(pv->ids[h].id, id) != 0)
            h = (h + 1) & mask;
        if (!pv->ids[h].id)
            pv->ids[h] = (struct idslot){ .id = id, .first = i, .count = 0 };
        pv->ids[h].count++;
    }
    for (size_t i = 0; i < doc->nnodes; i++) {
        const char *id = ea_node_attr(&doc->nodes[i], "id");
        if (id && *id && id_find(pv, id)->count == 1)
            doc->nodes[i].flags |= EA_NODE_UNIQUE_ID;
    }
}

/* Calls fn for each distinct class token of n. */
#define FOR_CLASS(n, tok, toklen, body)                                                            \
    do {                                                                                           \
        const char *cl_ = ea_node_attr((n), "class");                                              \
        size_t i_ = 0, len_ = cl_ ? strlen(cl_) : 0;                                               \
        while (i_ < len_) {                                                                        \
            while (i_ < len_ && ea_text_is_ascii_ws(cl_[i_]))                                      \
                i_++;                                                                              \
            size_t s_ = i_;                                                                        \
            while (i_ < len_ && !ea_text_is_ascii_ws(cl_[i_]))                                     \
                i_++;                                                                              \
            if (i_ == s_)                                                                          \
                break;                                                                             \
            const char *tok = cl_ + s_;                                                            \
            size_t toklen = i_ - s_;                                                               \
            body                                                                                   \
        }                                                                                          \
    } while (0)

static struct clsslot *cls_slot(const struct priv *pv, const char *c, size_t n)
{
    size_t mask = pv->cls_cap - 1;
    size_t h = hash_bytes(c, n) & mask;
    while (pv->cls[h].cls) {
        if (pv->cls[h].len == n && memcmp(pv->cls[h].cls, c, n) == 0)
            return &pv->cls[h];
        h = (h + 1) & mask;
    }
    return &pv->cls[h];
}

/* True when the token at tok is the first occurrence of itself in the class value. */
static void build_classes(struct ea_doc *doc, struct priv *pv)
{
    size_t ntok = 0;
    for (size_t i = 0; i < doc->nnodes; i++) {
        FOR_CLASS(&doc->nodes[i], t, tl, {
            (void)t;
            (void)tl;
            ntok++;
        });
    }
    pv->cls_cap = pow2_at_least(ntok * 2);
    pv->cls = ea_xcalloc(pv->cls_cap, sizeof(*pv->cls));
    for (size_t i = 0; i < doc->nnodes; i++) {
        FOR_CLASS(&doc->nodes[i], t, tl, {
            struct clsslot *s = cls_slot(pv, t, tl);
            if (!s->cls) {
                s->cls = t;
                s->len = tl;
            }
            if (s->last != i + 1) { /* once per element, however often it lists the class */
                s->last = i + 1;
                s->count++;
            }
        });
    }
}

static size_t cls_count(const struct priv *pv, const char *c, size_t n)
{
    struct clsslot *s = cls_slot(pv, c, n);
    return s->cls ? s->count : 0;
}

static void build_tags(struct ea_doc *doc, struct priv *pv)
{
    pv->info = ea_xcalloc(doc->nnodes ? doc->nnodes : 1, sizeof(*pv->info));
    /* Intern tag names: few distinct ones, so a small open-addressed table. */
    size_t cap = 256, ntags = 0, tcap = 0;
    unsigned *slots = NULL;
    const char **names = NULL;
    size_t nel = 0;
    for (size_t i = 0; i < doc->nnodes; i++)
        nel += doc->nodes[i].type == EA_NODE_ELEMENT;
    cap = pow2_at_least(nel * 2 < 256 ? 256 : nel * 2);
    slots = ea_xcalloc(cap, sizeof(*slots)); /* tagid + 1, 0 = empty */
    for (size_t i = 0; i < doc->nnodes; i++) {
        struct ea_node *n = &doc->nodes[i];
        if (n->type != EA_NODE_ELEMENT)
            continue;
        size_t h = hash_bytes(n->tag, strlen(n->tag)) & (cap - 1);
        while (slots[h] && strcmp(names[slots[h] - 1], n->tag) != 0)
            h = (h + 1) & (cap - 1);
        if (!slots[h]) {
            EA_GROW(names, ntags + 1, tcap);
            names[ntags++] = n->tag;
            slots[h] = (unsigned)ntags;
        }
        pv->info[i].tagid = slots[h] - 1;
    }
    free(slots);
    pv->tagnames = names;
    pv->ntags = ntags;
    pv->tag_start = ea_xcalloc(ntags + 1, sizeof(*pv->tag_start));
    for (size_t i = 0; i < doc->nnodes; i++)
        if (doc->nodes[i].type == EA_NODE_ELEMENT)
            pv->tag_start[pv->info[i].tagid + 1]++;
    for (size_t t = 0; t < ntags; t++)
        pv->tag_start[t + 1] += pv->tag_start[t];
    pv->tag_nodes = ea_xcalloc(nel ? nel : 1, sizeof(*pv->tag_nodes));
    size_t *fill = ea_xcalloc(ntags + 1, sizeof(*fill));
    for (size_t i = 0; i < doc->nnodes; i++)
        if (doc->nodes[i].type == EA_NODE_ELEMENT) {
            unsigned t = pv->info[i].tagid;
            pv->tag_nodes[pv->tag_start[t] + fill[t]++] = &doc->nodes[i];
        }
    /* nth-child and same-tag sibling counts, one pass per parent; fill is reused as the
     * per-tag counters, reset after each parent. */
    memset(fill, 0, (ntags + 1) * sizeof(*fill));
    for (size_t i = 0; i < doc->nnodes; i++) {
        struct ea_node *p = &doc->nodes[i];
        if (p->type != EA_NODE_ELEMENT)
            continue;
        unsigned k = 0;
        for (struct ea_node *c = p->first_child; c; c = c->next) {
            if (c->type != EA_NODE_ELEMENT)
                continue;
            pv->info[c->index].parent = (unsigned)i;
            pv->info[c->index].nth = ++k;
            pv->info[c->index].nth_type = (unsigned)++fill[pv->info[c->index].tagid];
        }
        for (struct ea_node *c = p->first_child; c; c = c->next)
            if (c->type == EA_NODE_ELEMENT) {
                pv->info[c->index].sibs = k;
                pv->info[c->index].same_sibs = (unsigned)fill[pv->info[c->index].tagid];
            }
        for (struct ea_node *c = p->first_child; c; c = c->next)
            if (c->type == EA_NODE_ELEMENT)
                fill[pv->info[c->index].tagid] = 0;
    }
    free(fill);
    if (doc->nnodes) {
        pv->info[0].nth = pv->info[0].sibs = pv->info[0].nth_type = 1;
        pv->info[0].same_sibs = 1;
        pv->info[0].parent = NO_PARENT;
    }
}

static int cmp_label_for(const void *a, const void *b)
{
    const struct ea_node *x = *(struct ea_node *const *)a, *y = *(struct ea_node *const *)b;
    int c = strcmp(ea_node_attr(x, "for"), ea_node_attr(y, "for"));
    return c ? c : (x->index > y->index) - (x->index < y->index);
}

/* label[for] sorted by its for value: a control finds its labels in O(log n), so a form of
 * thousands of controls does not cost controls x labels. */
static void build_label_for(struct ea_doc *doc, struct priv *pv)
{
    size_t nl, k = 0;
    struct ea_node *const *labels = ea_doc_tagged(doc, "label", &nl);
    for (size_t i = 0; i < nl; i++)
        k += labels[i]->ns == EA_NS_HTML && ea_node_has_attr(labels[i], "for");
    if (!k)
        return;
    pv->label_for = ea_xcalloc(k, sizeof(*pv->label_for));
    for (size_t i = 0; i < nl; i++)
        if (labels[i]->ns == EA_NS_HTML && ea_node_has_attr(labels[i], "for"))
            pv->label_for[pv->nlabel_for++] = labels[i];
    qsort(pv->label_for, pv->nlabel_for, sizeof(*pv->label_for), cmp_label_for);
}

/* ---------------------------------------------------------------- parse / free */

/* ---------------------------------------------------------------- cascade */

static const void *css_parent(const void *e)
{
    const struct ea_node *p = ((const struct ea_node *)e)->parent;
    return p && p->type == EA_NODE_ELEMENT ? p : NULL;
}

static const char *css_tag(const void *e)
{
    return ((const struct ea_node *)e)->tag;
}

static const char *css_attr(const void *e, const char *name)
{
    return ea_node_attr(e, name);
}

static const void *css_prev(const void *e)
{
    const struct ea_node *x = ((const struct ea_node *)e)->prev;
    while (x && x->type != EA_NODE_ELEMENT)
        x = x->prev;
    return x;
}

static const void *css_next(const void *e)
{
    const struct ea_node *x = ((const struct ea_node *)e)->next;
    while (x && x->type != EA_NODE_ELEMENT)
        x = x->next;
    return x;
}

/* Counted once when the tree was built (build_tags): walking the siblings for each test
 * was quadratic in a long list's length (60,000 <li> and li:nth-child(2n): 15 s). */
static unsigned css_position(const void *ctx, const void *e, bool of_type, bool from_end)
{
    const struct priv *pv = ctx;
    const struct info *in = &pv->info[((const struct ea_node *)e)->index];
    unsigned pos = of_type ? in->nth_type : in->nth;
    unsigned n = of_type ? in->same_sibs : in->sibs;
    return from_end ? n - pos + 1 : pos;
}

/* Past the page's budget of cascade work (EA_MAX_CASCADE_WORK) every element's styles are
 * "maybe": the rules not tried, in this sheet and the ones after it, could set any of them. */
static void apply_sheet(struct ea_doc *doc, struct priv *pv, const struct ea_css_sheet *css)
{
    if (!ea_css_sheet_rules(css) || doc->cascade_limited)
        return;
    const struct ea_css_elem_ops ops = { css_parent, css_tag,      css_attr, css_prev,
                                         css_next,   css_position, pv };
    for (size_t i = 0; i < doc->nnodes && pv->css_budget; i++)
        if (doc->nodes[i].type == EA_NODE_ELEMENT)
            ea_css_sheet_apply(css, &ops, &doc->nodes[i], &pv->casc[i], &pv->css_budget);
    if (pv->css_budget)
        return;
    doc->cascade_limited = true;
    for (size_t i = 0; i < doc->nnodes; i++)
        pv->casc[i].style.maybe |= (1u << EA_CSS_NSLOTS) - 1;
}

/* <style> blocks (outside <template> and <noscript>, for screen) and style attributes. Their rules
 * rank after every linked stylesheet of the same specificity: the crawler attaches linked sheets
 * after parsing, and most pages put their <link>s before their <style>s. */
static void style_blocks(struct ea_doc *doc, struct priv *pv)
{
    pv->casc = ea_xcalloc(doc->nnodes, sizeof(*pv->casc));
    pv->styles = ea_xcalloc(doc->nnodes, sizeof(*pv->styles));
    unsigned order = 1u << 30;
    size_t n = 0;
    struct ea_node *const *st = ea_doc_tagged(doc, "style", &n);
    for (size_t i = 0; i < n; i++) {
        const struct ea_node *s = st[i];
        const char *media = ea_node_attr(s, "media");
        /* (a <noscript> style does not apply: browsers run with scripting enabled; bench/
         * blocks page scripts with a CSP, which leaves scripting on) */
        if (!ea_node_style_applies(s))
            continue;
        struct ea_buf text = EA_BUF_INIT(EA_MAX_CSS);
        ea_node_text(s, &text);
        struct ea_css_sheet *css = ea_css_sheet_parse(
            text.buf, text.len, order, ea_css_media_of(media, media ? strlen(media) : 0));
        order = ea_css_sheet_end_order(css);
        apply_sheet(doc, pv, css);
        ea_css_sheet_free(css);
        ea_buf_release(&text);
    }
    for (size_t i = 0; i < doc->nnodes; i++) {
        const char *a = ea_node_attr(&doc->nodes[i], "style");
        if (a)
            ea_css_apply_inline(a, strlen(a), &pv->casc[i]);
    }
}

static struct ea_css_color rgb(unsigned v)
{
    return (struct ea_css_color){
        .valid = true, .r = (v >> 16) & 0xff, .g = (v >> 8) & 0xff, .b = v & 0xff, .a = 1
    };
}

/* Italic and monospace by default (Chromium's html.css). */
static bool ua_italic(const struct ea_node *n)
{
    static const char *const tags[] = { "i", "em", "cite", "var", "dfn", "address" };
    return name_in(n->tag, tags, EA_ARRAY_LEN(tags));
}

static bool ua_monospace(const struct ea_node *n)
{
    static const char *const tags[] = { "code", "kbd", "samp", "tt", "pre" };
    return name_in(n->tag, tags, EA_ARRAY_LEN(tags));
}

/* The font_family of the user agent's monospace (any value other than a real hash will do
 * as long as it differs from the default). */
#define MONOSPACE 2u

/* The user agent's defaults the rules depend on (Chromium's html.css). */
static void ua_defaults(const struct ea_node *n, struct ea_css_style *s)
{
    static const struct {
        const char *tag;
        double em;
        bool bold;
    } fonts[] = {
        { "h1", 2, true },        { "h2", 1.5, true },    { "h3", 1.17, true },
        { "h4", 1, true },        { "h5", 0.83, true },   { "h6", 0.67, true },
        { "th", 1, true },        { "b", 1, true },       { "strong", 1, true },
        { "small", 0.83, false }, { "sub", 0.83, false }, { "sup", 0.83, false },
    };
    if (n->ns != EA_NS_HTML)
        return;
    if (ea_node_has_attr(n, "hidden")) {
        s->display_none = true;
        s->set |= 1u << EA_CSS_DISPLAY;
    }
    /* Every tag below starts with one of these letters: most elements stop here. */
    if (!strchr("abcdehikmpstv", n->tag[0]) || !n->tag[0])
        return;
    for (size_t i = 0; i < EA_ARRAY_LEN(fonts); i++)
        if (strcmp(n->tag, fonts[i].tag) == 0) {
            s->font_px = -fonts[i].em;
            s->font_weight = fonts[i].bold ? 700 : 0;
            s->set |= 1u << EA_CSS_FONT_SIZE | (fonts[i].bold ? 1u << EA_CSS_FONT_WEIGHT : 0);
        }
    if (ua_italic(n)) {
        s->italic = true;
        s->set |= 1u << EA_CSS_FONT_STYLE;
    }
    if (ua_monospace(n)) {
        s->font_family = MONOSPACE;
        s->set |= 1u << EA_CSS_FONT_FAMILY;
    }
    if ((ea_node_is(n, "a") || ea_node_is(n, "area")) && ea_node_has_attr(n, "href")) {
        s->color = rgb(0x0000ee);
        s->underline = true;
        s->set |= 1u << EA_CSS_COLOR | 1u << EA_CSS_UNDERLINE;
    } else if (ea_node_is(n, "mark")) {
        s->color = rgb(0);
        s->background = rgb(0xffff00);
        s->set |= 1u << EA_CSS_COLOR | 1u << EA_CSS_BACKGROUND;
    } else if (ea_node_is(n, "button") || ea_node_is(n, "select") || ea_node_is(n, "textarea") ||
               ea_node_is(n, "input")) {
        const char *t = ea_node_attr(n, "type");
        bool push = ea_node_is(n, "button") || (t && (ea_text_ieq(t, strlen(t), "button") ||
                                                      ea_text_ieq(t, strlen(t), "submit") ||
                                                      ea_text_ieq(t, strlen(t), "reset")));
        s->color = rgb(0);
        s->background = rgb(push ? 0xefefef : 0xffffff);
        s->font_px = 13.333;
        s->set |= 1u << EA_CSS_COLOR | 1u << EA_CSS_BACKGROUND | 1u << EA_CSS_FONT_SIZE;
    }
}

/* Author values over the user agent's: a slot the author set wins. */
static void merge_declared(const struct ea_css_style *author, struct ea_css_style *out)
{
    for (unsigned slot = 0; slot < EA_CSS_NSLOTS; slot++)
        if (author->set & (1u << slot))
            ea_css_style_copy_slot(out, author, (enum ea_css_slot)slot);
    out->set |= author->set;
    out->inherit = author->inherit;
    out->maybe |= author->maybe;
}

/* Computed values and the hidden flags, parents before children (document order). The
 * root inherits black text at 16 px; display:none and the hidden attribute hide the
 * subtree, visibility inherits (a visible child of a hidden parent shows). */
static void compute_styles(struct ea_doc *doc, struct priv *pv)
{
    const unsigned inherit_maybe =
        1u << EA_CSS_COLOR | 1u << EA_CSS_VISIBILITY | 1u << EA_CSS_FONT_SIZE |
        1u << EA_CSS_FONT_WEIGHT | 1u << EA_CSS_DISPLAY | 1u << EA_CSS_EFFECT |
        1u << EA_CSS_FONT_FAMILY | 1u << EA_CSS_FONT_STYLE | 1u << EA_CSS_CLIP |
        1u << EA_CSS_CLIP_PATH | 1u << EA_CSS_LEFT | 1u << EA_CSS_TOP;
    for (size_t i = 0; i < doc->nnodes; i++) {
        struct ea_node *n = &doc->nodes[i];
        const struct ea_css_style *ps = n->parent ? &pv->styles[n->parent->index] : NULL;
        struct ea_css_style *s = &pv->styles[i];
        unsigned keep = n->flags & (EA_NODE_UNIQUE_ID | EA_NODE_HAS_ROLE | EA_NODE_HAS_ARIA |
                                    EA_NODE_HAS_HANDLER);
        unsigned pflags = n->parent ? n->parent->flags & EA_NODE_ARIA_HIDDEN : 0;
        if (n->type != EA_NODE_ELEMENT) {
            *s = *ps;
            s->background = (struct ea_css_color){ .valid = true };
            s->bg_image = false;
            n->flags = keep | (n->parent->flags & (EA_NODE_HIDDEN | EA_NODE_ARIA_HIDDEN));
            continue;
        }
        struct ea_css_style d = { .visible = true, .background = { .valid = true } };
        ua_defaults(n, &d);
        merge_declared(&pv->casc[i].style, &d);
        *s = d;
        s->maybe = d.maybe | (ps ? ps->maybe & inherit_maybe : 0);
        if (!(d.set & (1u << EA_CSS_VISIBILITY)))
            s->visible = ps ? ps->visible : true;
        if (!(d.set & (1u << EA_CSS_COLOR)))
            s->color = ps ? ps->color : rgb(0);
        double pfont = ps ? ps->font_px : 16;
        if (!(d.set & (1u << EA_CSS_FONT_SIZE)))
            s->font_px = pfont;
        else if (d.font_px < 0)
            s->font_px = pfont > 0 ? -d.font_px * pfont : 0;
        if (!(d.set & (1u << EA_CSS_FONT_WEIGHT)) || d.font_weight == 0)
            s->font_weight = ps ? ps->font_weight : 400;
        s->effect = d.effect || (ps && ps->effect);
        if (!(d.set & (1u << EA_CSS_FONT_STYLE)))
            s->italic = ps && ps->italic;
        if (!(d.set & (1u << EA_CSS_FONT_FAMILY))) {
            s->font_family = ps ? ps->font_family : EA_CSS_FAMILY_DEFAULT;
            s->icon_font = ps && ps->icon_font;
        }
        for (unsigned slot = 0; ps && slot < EA_CSS_NSLOTS; slot++)
            if (d.inherit & (1u << slot))
                ea_css_style_copy_slot(s, ps, (enum ea_css_slot)slot);
        /* clip and offsets apply to positioned boxes; clip-path to any */
        s->offscreen = (ps && ps->offscreen) || d.clip_path ||
                       (d.positioned && (d.clip_rect || d.off_left || d.off_top));
        if ((d.maybe & (1u << EA_CSS_POSITION)) && (d.clip_rect || d.off_left || d.off_top))
            s->maybe |= 1u << EA_CSS_CLIP;
        unsigned own = own_flags(n);
        s->display_none = (ps && ps->display_none) || d.display_none || (own & EA_NODE_HIDDEN);
        unsigned f = (own & EA_NODE_ARIA_HIDDEN) | pflags;
        if (s->display_none || !s->visible)
            f |= EA_NODE_HIDDEN;
        n->flags = keep | f;
    }
}

enum ea_err ea_doc_parse(const char *html, size_t len, const char *url, struct ea_doc **out)
{
    enum ea_err err = ea_doc_parse_tree(html, len, url, out);
    if (err == EA_OK)
        ea_doc_cascade(*out);
    return err;
}

void ea_doc_cascade(struct ea_doc *doc)
{
    struct priv *pv = doc->priv;
    if (pv->casc)
        return;
    style_blocks(doc, pv);
    compute_styles(doc, pv);
}

enum ea_err ea_doc_parse_tree(const char *html, size_t len, const char *url, struct ea_doc **out)
{
    if (!out || (!html && len))
        return EA_INVAL;
    struct ea_doc *doc = ea_xcalloc(1, sizeof(*doc));
    struct priv *pv = ea_xcalloc(1, sizeof(*pv));
    pv->css_budget = EA_MAX_CASCADE_WORK;
    doc->priv = pv;
    doc->url = url ? ea_xstrdup(url) : NULL;
    size_t cut = len ? tags_cut(html, len) : 0;
    if (cut < len) {
        doc->tags_limited = true;
        len = cut;
    }
    doc->html = ea_xmalloc(len + 1);
    if (len)
        memcpy(doc->html, html, len);
    doc->html[len] = '\0';
    doc->html_len = len;
    doc->depth_limited = depth_guard(doc->html, len, &doc->attrs_limited);

    struct arena arena = { 0 };
    GumboOptions opt = kGumboDefaultOptions;
    opt.max_errors = EA_MAX_PARSE_ERRORS;
    opt.allocator = arena_alloc;
    opt.deallocator = arena_free;
    opt.userdata = &arena;
    GumboOutput *g = gumbo_parse_with_options(&opt, doc->html, len);
    doc->parse_errors = g->errors.length;
    convert(doc, pv, g->root);
    arena_release(&arena); /* gumbo's output, whole */

    doc->root = &doc->nodes[0];
    for (struct ea_node *c = doc->root->first_child; c; c = c->next) {
        if (ea_node_is(c, "head") && !doc->head)
            doc->head = c;
        else if ((ea_node_is(c, "body") || ea_node_is(c, "frameset")) && !doc->body)
            doc->body = c;
    }
    build_ids(doc, pv);
    build_classes(doc, pv);
    build_tags(doc, pv);
    build_label_for(doc, pv);
    *out = doc;
    return EA_OK;
}

size_t ea_doc_bytes(const struct ea_doc *doc)
{
    if (!doc)
        return 0;
    const struct priv *pv = doc->priv;
    size_t n = sizeof(*doc) + doc->html_len + 1 + doc->nnodes * sizeof(*doc->nodes);
    if (pv) {
        size_t per_node = sizeof(*pv->info) + sizeof(*pv->tag_nodes);
        if (pv->casc)
            per_node += sizeof(*pv->casc) + sizeof(*pv->styles);
        n += sizeof(*pv) + pv->arena_bytes + pv->nattrs * sizeof(*pv->attrs) +
             doc->nnodes * per_node + pv->ids_cap * sizeof(*pv->ids) +
             pv->cls_cap * sizeof(*pv->cls) +
             pv->ntags * (sizeof(*pv->tagnames) + sizeof(*pv->tag_start)) +
             pv->nlabel_for * sizeof(*pv->label_for);
    }
    for (size_t i = 0; i < doc->nsheets; i++)
        n += doc->sheets[i].len;
    return n;
}

void ea_doc_free(struct ea_doc *doc)
{
    if (!doc)
        return;
    struct priv *pv = doc->priv;
    if (pv) {
        free(pv->arena);
        free(pv->attrs);
        free(pv->info);
        free(pv->ids);
        free(pv->cls);
        free(pv->tagnames);
        free(pv->tag_start);
        free(pv->tag_nodes);
        free(pv->label_for);
        free(pv->casc);
        free(pv->styles);
        if (pv->sel)
            for (size_t i = 0; i < doc->nnodes; i++)
                free(pv->sel[i]);
        free(pv->sel);
        free(pv);
    }
    for (size_t i = 0; i < doc->nsheets; i++) {
        free(doc->sheets[i].url);
        free(doc->sheets[i].text);
    }
    free(doc->sheets);
    free(doc->nodes);
    free(doc->html);
    free(doc->url);
    free(doc);
}

void ea_doc_add_stylesheets(struct ea_doc *doc, const struct ea_doc_sheet *v, size_t n)
{
    struct priv *pv = doc->priv;
    bool fresh = !pv->casc;
    if (fresh)
        style_blocks(doc, pv); /* the <style>s first: the linked sheets' rules rank before */
    if (!n && !fresh)
        return;
    doc->sheets = ea_xreallocarray(doc->sheets, doc->nsheets + n, sizeof(*doc->sheets));
    for (size_t i = 0; i < n; i++) {
        struct ea_stylesheet *sh = &doc->sheets[doc->nsheets++];
        sh->url = ea_xstrdup(v[i].url ? v[i].url : "");
        sh->text = ea_xstrndup(v[i].text, v[i].len);
        sh->len = strlen(sh->text);
        sh->media = v[i].media;
        sh->links = v[i].links;
        struct ea_css_sheet *parsed =
            ea_css_sheet_parse(sh->text, sh->len, pv->link_order, sh->media);
        pv->link_order = ea_css_sheet_end_order(parsed);
        apply_sheet(doc, pv, parsed);
        ea_css_sheet_free(parsed);
    }
    compute_styles(doc, pv); /* once, from every rule applied */
}

void ea_doc_add_stylesheet(struct ea_doc *doc, const char *url, const char *css, size_t len,
                           enum ea_css_media media, unsigned links)
{
    const struct ea_doc_sheet one = {
        .url = url, .text = css, .len = len, .media = media, .links = links
    };
    ea_doc_add_stylesheets(doc, &one, 1);
}

const struct ea_css_style *ea_doc_style(const struct ea_doc *doc, const struct ea_node *node)
{
    const struct priv *pv = doc->priv;
    return &pv->styles[node->index];
}

/* ---------------------------------------------------------------- node queries */

const char *ea_node_attr(const struct ea_node *node, const char *name)
{
    if (!node || node->type != EA_NODE_ELEMENT)
        return NULL;
    for (size_t i = 0; i < node->nattrs; i++)
        if (node->attrs[i].name[0] == name[0] && strcmp(node->attrs[i].name, name) == 0)
            return node->attrs[i].value;
    return NULL;
}

bool ea_node_has_attr(const struct ea_node *node, const char *name)
{
    return ea_node_attr(node, name) != NULL;
}

bool ea_node_is(const struct ea_node *node, const char *tag)
{
    return node && node->type == EA_NODE_ELEMENT && node->ns == EA_NS_HTML &&
           node->tag[0] == tag[0] && strcmp(node->tag, tag) == 0;
}

const struct ea_node *ea_node_closest(const struct ea_node *node, const char *tag)
{
    for (const struct ea_node *p = node ? node->parent : NULL; p; p = p->parent)
        if (ea_node_is(p, tag))
            return p;
    return NULL;
}

bool ea_node_attr_has_token(const struct ea_node *node, const char *attr, const char *word)
{
    const char *p = ea_node_attr(node, attr);
    size_t wl = strlen(word);
    while (p && *p) {
        while (*p && ea_text_is_ascii_ws(*p))
            p++;
        const char *e = p;
        while (*e && !ea_text_is_ascii_ws(*e))
            e++;
        if ((size_t)(e - p) == wl && strncasecmp(p, word, wl) == 0)
            return true;
        p = e;
    }
    return false;
}

bool ea_node_is_stylesheet_link(const struct ea_node *node)
{
    return ea_node_is(node, "link") && ea_node_attr(node, "href") &&
           ea_node_attr_has_token(node, "rel", "stylesheet") &&
           !ea_node_attr_has_token(node, "rel", "alternate");
}

bool ea_node_style_applies(const struct ea_node *node)
{
    const char *media = ea_node_attr(node, "media");
    return ea_node_is(node, "style") && !ea_node_closest(node, "template") &&
           !ea_node_closest(node, "noscript") &&
           (!media || ea_css_media_may_apply(media, strlen(media)));
}

bool ea_node_contains(const struct ea_node *anc, const struct ea_node *node)
{
    for (const struct ea_node *p = node; p; p = p->parent)
        if (p == anc)
            return true;
    return false;
}

const struct ea_node *ea_node_next_outside(const struct ea_doc *doc, const struct ea_node *node)
{
    (void)doc;
    for (const struct ea_node *p = node; p; p = p->parent)
        if (p->next)
            return p->next;
    return NULL;
}

const struct ea_node *ea_node_walk(const struct ea_node *root, const struct ea_node *n,
                                   bool descend)
{
    if (descend && n->first_child)
        return n->first_child;
    while (n != root) {
        if (n->next)
            return n->next;
        n = n->parent;
    }
    return NULL;
}

void ea_node_text(const struct ea_node *node, struct ea_buf *out)
{
    if (node->type == EA_NODE_TEXT) {
        ea_buf_add(out, node->text);
        return;
    }
    for (const struct ea_node *n = ea_node_walk(node, node, true); n && !ea_buf_overflow(out);
         n = ea_node_walk(node, n, true))
        if (n->type == EA_NODE_TEXT)
            ea_buf_add(out, n->text);
}

bool ea_node_hidden(const struct ea_node *node)
{
    return (node->flags & (EA_NODE_HIDDEN | EA_NODE_ARIA_HIDDEN)) != 0;
}

/* ---------------------------------------------------------------- doc queries */

const struct ea_node *ea_doc_by_id(const struct ea_doc *doc, const char *id)
{
    if (!doc || !id || !*id)
        return NULL;
    const struct priv *pv = doc->priv;
    const struct idslot *s = id_find(pv, id);
    return s ? &doc->nodes[s->first] : NULL;
}

size_t ea_doc_id_count(const struct ea_doc *doc, const char *id)
{
    if (!doc || !id || !*id)
        return 0;
    const struct idslot *s = id_find(doc->priv, id);
    return s ? s->count : 0;
}

static bool tag_id(const struct priv *pv, const char *tag, unsigned *out)
{
    for (size_t t = 0; t < pv->ntags; t++)
        if (strcmp(pv->tagnames[t], tag) == 0) {
            *out = (unsigned)t;
            return true;
        }
    return false;
}

struct ea_node *const *ea_doc_tagged(const struct ea_doc *doc, const char *tag, size_t *n)
{
    const struct priv *pv = doc->priv;
    unsigned t;
    if (!tag_id(pv, tag, &t)) {
        *n = 0;
        return NULL;
    }
    *n = pv->tag_start[t + 1] - pv->tag_start[t];
    return pv->tag_nodes + pv->tag_start[t];
}

struct ea_node *const *ea_doc_labels_for(const struct ea_doc *doc, const char *id, size_t *n)
{
    const struct priv *pv = doc->priv;
    size_t lo = 0, hi = pv->nlabel_for;
    *n = 0;
    while (lo < hi) { /* first label whose for >= id */
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(ea_node_attr(pv->label_for[mid], "for"), id) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t end = lo;
    while (end < pv->nlabel_for && strcmp(ea_node_attr(pv->label_for[end], "for"), id) == 0)
        end++;
    *n = end - lo;
    return *n ? pv->label_for + lo : NULL;
}

/* ---------------------------------------------------------------- selectors */

/* CSS.escape() (CSSOM §2.1) of s (n bytes) as an identifier. */
static void css_escape(struct ea_buf *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0) {
            ea_buf_add(out, "\xEF\xBF\xBD");
        } else if (c < 0x20 || c == 0x7f || (i == 0 && c >= '0' && c <= '9') ||
                   (i == 1 && c >= '0' && c <= '9' && s[0] == '-')) {
            ea_buf_addf(out, "\\%x ", c);
        } else if (i == 0 && n == 1 && c == '-') {
            ea_buf_add(out, "\\-");
        } else if (c >= 0x80 || c == '-' || c == '_' || (c >= '0' && c <= '9') ||
                   (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            ea_buf_addch(out, (char)c);
        } else {
            ea_buf_addch(out, '\\');
            ea_buf_addch(out, (char)c);
        }
    }
}

enum comp_kind {
    COMP_TAG,
    COMP_NTH, /* tag:nth-child(n) */
    COMP_ID,  /* #id, unique */
    COMP_CLS, /* tag.class, the class unique in the doc */
};

struct comp {
    const struct ea_node *n;
    enum comp_kind kind;
    const char *cls;
    size_t clslen;
};

/* A component that alone is unique in the doc (an anchor), if n has one. */
static bool anchor_comp(const struct ea_doc *doc, const struct ea_node *n, struct comp *c)
{
    const struct priv *pv = doc->priv;
    *c = (struct comp){ .n = n };
    if (n->flags & EA_NODE_UNIQUE_ID) {
        c->kind = COMP_ID;
        return true;
    }
    unsigned t = pv->info[n->index].tagid;
    if (pv->tag_start[t + 1] - pv->tag_start[t] == 1) {
        c->kind = COMP_TAG;
        return true;
    }
    bool found = false;
    FOR_CLASS(n, tok, tl, {
        if (!found && cls_count(pv, tok, tl) == 1) {
            c->kind = COMP_CLS;
            c->cls = tok;
            c->clslen = tl;
            found = true;
        }
    });
    return found;
}

static struct comp sibling_comp(const struct ea_doc *doc, const struct ea_node *n)
{
    const struct priv *pv = doc->priv;
    struct comp c = { .n = n, .kind = COMP_TAG };
    if (pv->info[n->index].same_sibs > 1)
        c.kind = COMP_NTH;
    return c;
}

/* Whether the element at node index i (NO_PARENT: none) matches c. It reads the compact
 * info table only, not the nodes: selectors scan thousands of elements. */
static bool comp_match(const struct priv *pv, const struct comp *c, unsigned i)
{
    if (i == NO_PARENT)
        return false;
    const struct info *e = &pv->info[i], *want = &pv->info[c->n->index];
    switch (c->kind) {
    case COMP_ID:
    case COMP_CLS:
        return i == c->n->index;
    case COMP_NTH:
        if (e->nth != want->nth)
            return false;
        /* fall through */
    case COMP_TAG:
        return e->tagid == want->tagid;
    }
    return false;
}

static void comp_emit(struct ea_buf *out, const struct priv *pv, const struct comp *c)
{
    if (c->kind == COMP_ID) {
        const char *id = ea_node_attr(c->n, "id");
        ea_buf_addch(out, '#');
        css_escape(out, id, strlen(id));
        return;
    }
    css_escape(out, c->n->tag, strlen(c->n->tag));
    if (c->kind == COMP_CLS) {
        ea_buf_addch(out, '.');
        css_escape(out, c->cls, c->clslen);
    } else if (c->kind == COMP_NTH) {
        ea_buf_addf(out, ":nth-child(%u)", pv->info[c->n->index].nth);
    }
}

/* The fewest leading components of path (leaf first, anchor last) that still match one
 * element; the whole path is unique by construction. Bounded by EA_MAX_SELECTOR_SCAN. */
static size_t shortest_suffix(const struct ea_doc *doc, const struct comp *path, size_t len)
{
    const struct priv *pv = doc->priv;
    unsigned t = pv->info[path[0].n->index].tagid;
    size_t ncand = pv->tag_start[t + 1] - pv->tag_start[t];
    if (ncand > EA_MAX_SELECTOR_SCAN)
        return len;
    struct ea_node *const *cand = pv->tag_nodes + pv->tag_start[t];
    unsigned *cur = ea_xmalloc(ncand * sizeof(*cur)); /* node indexes */
    size_t nc = 0;
    for (size_t i = 0; i < ncand; i++) {
        unsigned e = (unsigned)(cand[i] - doc->nodes);
        if (comp_match(pv, &path[0], e))
            cur[nc++] = e;
    }
    size_t k = 1;
    while (nc > 1 && k < len) {
        size_t keep = 0;
        for (size_t i = 0; i < nc; i++) {
            unsigned a = pv->info[cur[i]].parent;
            if (comp_match(pv, &path[k], a))
                cur[keep++] = a;
        }
        nc = keep;
        k++;
    }
    free(cur);
    return nc == 1 ? k : len;
}

static void build_selector(const struct ea_doc *doc, const struct ea_node *node, struct ea_buf *out)
{
    const struct priv *pv = doc->priv;
    struct comp c;
    if (anchor_comp(doc, node, &c)) {
        comp_emit(out, pv, &c);
        return;
    }
    struct comp *path = NULL;
    size_t len = 0, cap = 0;
    EA_GROW(path, 1, cap);
    path[len++] = sibling_comp(doc, node);
    for (const struct ea_node *a = node->parent; a; a = a->parent) {
        EA_GROW(path, len + 1, cap);
        if (anchor_comp(doc, a, &path[len])) {
            len++;
            break;
        }
        path[len++] = sibling_comp(doc, a);
    }
    size_t use = shortest_suffix(doc, path, len);
    for (size_t i = use; i-- > 0;) {
        comp_emit(out, pv, &path[i]);
        if (i)
            ea_buf_add(out, " > ");
    }
    free(path);
}

void ea_doc_selector(const struct ea_doc *doc, const struct ea_node *node, struct ea_buf *out)
{
    struct priv *pv = doc->priv;
    if (node->type != EA_NODE_ELEMENT)
        node = node->parent;
    if (!node)
        return;
    if (!pv->sel)
        pv->sel = ea_xcalloc(doc->nnodes, sizeof(*pv->sel));
    char **memo = &pv->sel[node->index];
    if (!*memo) {
        /* One byte more than out has room for, so that out is cut (and flagged) as if
         * built in place; an answer cut here is not remembered. */
        size_t room = out->max - out->len;
        struct ea_buf b = EA_BUF_INIT(room < SIZE_MAX ? room + 1 : room);
        build_selector(doc, node, &b);
        if (ea_buf_overflow(&b)) {
            ea_buf_addn(out, b.buf, b.len);
            ea_buf_release(&b);
            return;
        }
        *memo = ea_buf_detach(&b, NULL);
    }
    ea_buf_add(out, *memo);
}

/* ---------------------------------------------------------------- snippets */

static void add_capped(struct ea_buf *out, const char *s, size_t n)
{
    if (n <= EA_MAX_SNIPPET) {
        ea_buf_addn(out, s, n);
        return;
    }
    ea_buf_addn(out, s, ea_text_utf8_cut(s, EA_MAX_SNIPPET - 3));
    ea_buf_add(out, "...");
}

static void add_escaped(struct ea_buf *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '"')
            ea_buf_add(out, "&quot;");
        else if (*s == '&')
            ea_buf_add(out, "&amp;");
        else
            ea_buf_addch(out, *s);
    }
}

void ea_doc_snippet(const struct ea_doc *doc, const struct ea_node *node, struct ea_buf *out)
{
    if (node->type == EA_NODE_TEXT) {
        add_capped(out, node->text, strlen(node->text));
        return;
    }
    if (node->src_len) {
        add_capped(out, doc->html + node->src_offset, node->src_len);
        return;
    }
    struct ea_buf tmp = EA_BUF_INIT(EA_MAX_SNIPPET * 2);
    ea_buf_addch(&tmp, '<');
    ea_buf_add(&tmp, node->tag);
    for (size_t i = 0; i < node->nattrs; i++) {
        ea_buf_addf(&tmp, " %s=\"", node->attrs[i].name);
        add_escaped(&tmp, node->attrs[i].value);
        ea_buf_addch(&tmp, '"');
    }
    ea_buf_addch(&tmp, '>');
    add_capped(out, tmp.buf, tmp.len);
    ea_buf_release(&tmp);
}
