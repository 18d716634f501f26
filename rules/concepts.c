/* The questionnaire's words: rules/concepts.xml loaded with libxml2 (for line numbers),
 * validated, and compiled once with pcre2 (UTF + UCP, caseless). */
#include "rules/concepts.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <ctype.h>
#include <errno.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/file.h"
#include "core/limits.h"
#include "core/log.h"
#include "core/text.h"
#include "core/xalloc.h"

extern const unsigned char ea_concepts_default_xml[];
extern const size_t ea_concepts_default_xml_len;

enum kind {
    KIND_TEXT,
    KIND_SLUG,
    KIND_URL,
    KIND_COUNT
};
static const char *const kind_names[KIND_COUNT] = { "text", "slug", "url" };

#define NENTRIES (EA_CONCEPT_COUNT + EA_LIST_COUNT)

static const char *const entry_names[NENTRIES] = {
    "participation",
    "contacts",
    "services",
    "eservices",
    "eservice-guidance",
    "consultation",
    "search",
    "feedback",
    "news",
    "open-data",
    "accessibility-statement",
    "easy-read",
    "english",
    "participation-procedure",
    "participation-deadline",
    "form-link",
    "tap-portal",
    "chat-widget",
    "social-twitter",
    "social-facebook",
    "social-other",
    "open-data-file",
    "news-container",
    "eservice-guidance-words",
};

/* Each entry's patterns of one kind are checked one by one (so an error names its line) and
 * then compiled as one alternation: one match per kind instead of one per pattern. */
struct entry {
    pcre2_code **pats[KIND_COUNT]; /* owned */
    size_t n[KIND_COUNT], cap[KIND_COUNT];
    struct ea_buf alt[KIND_COUNT]; /* while loading: "(?:p1)|(?:p2)..." */
    bool defined;
};

struct ea_concepts {
    struct entry entries[NENTRIES];
    unsigned max_words;
};

const char *ea_concept_name(enum ea_concept concept)
{
    return (unsigned)concept < EA_CONCEPT_COUNT ? entry_names[concept] : "";
}

const char *ea_wordlist_name(enum ea_wordlist list)
{
    return (unsigned)list < EA_LIST_COUNT ? entry_names[EA_CONCEPT_COUNT + list] : "";
}

void ea_concepts_free(struct ea_concepts *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < NENTRIES; i++)
        for (int k = 0; k < KIND_COUNT; k++) {
            for (size_t j = 0; j < c->entries[i].n[k]; j++)
                pcre2_code_free(c->entries[i].pats[k][j]);
            free(c->entries[i].pats[k]);
            ea_buf_release(&c->entries[i].alt[k]);
        }
    free(c);
}

/* ---- loading ---------------------------------------------------------------------------- */

static bool node_is(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static int entry_index(const char *id, bool concept)
{
    size_t from = concept ? 0 : EA_CONCEPT_COUNT, to = concept ? EA_CONCEPT_COUNT : NENTRIES;
    for (size_t i = from; i < to; i++)
        if (strcmp(entry_names[i], id) == 0)
            return (int)i;
    return -1;
}

static bool add_pattern(struct entry *e, enum kind k, const char *src, const char *name, long line)
{
    for (const unsigned char *p = (const unsigned char *)src; *p; p++)
        if (*p >= 0x80) {
            ea_log_error("%s:%ld: pattern '%s' has a non-ASCII letter: text is folded before "
                         "matching, write it without diacritics",
                         name, line, src);
            return false;
        }
    for (const char *p = src; *p; p++)
        if ((p[0] == '\\' && (p[1] == 'g' || p[1] == 'k' || (p[1] >= '1' && p[1] <= '9'))) ||
            strncmp(p, "(?P=", 4) == 0) {
            ea_log_error("%s:%ld: pattern '%s' has a backreference, which is not supported", name,
                         line, src);
            return false;
        }
    int code;
    PCRE2_SIZE off;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)src, PCRE2_ZERO_TERMINATED,
                                   PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS, &code, &off, NULL);
    if (!re) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(code, msg, sizeof(msg));
        ea_log_error("%s:%ld: bad pattern '%s' at offset %zu: %s", name, line, src, (size_t)off,
                     (const char *)msg);
        return false;
    }
    pcre2_code_free(re);
    if (!e->alt[k].max)
        ea_buf_init(&e->alt[k], EA_MAX_RULE_FILE);
    ea_buf_addf(&e->alt[k], "%s(?:%s)", e->alt[k].len ? "|" : "", src);
    return true;
}

/* Compiles each entry's alternations (every part already compiled alone). */
static bool compile_alternations(struct ea_concepts *c, const char *name)
{
    for (size_t i = 0; i < NENTRIES; i++)
        for (int k = 0; k < KIND_COUNT; k++) {
            struct entry *e = &c->entries[i];
            int code;
            PCRE2_SIZE off;
            if (!e->alt[k].len)
                continue;
            pcre2_code *re =
                pcre2_compile((PCRE2_SPTR)e->alt[k].buf, e->alt[k].len,
                              PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS, &code, &off, NULL);
            if (!re) {
                PCRE2_UCHAR msg[256];
                pcre2_get_error_message(code, msg, sizeof(msg));
                ea_log_error("%s: the <%s> patterns of '%s' do not combine: %s", name,
                             kind_names[k], entry_names[i], (const char *)msg);
                return false;
            }
            (void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE); /* interpreted matching still works */
            EA_GROW(e->pats[k], e->n[k] + 1, e->cap[k]);
            e->pats[k][e->n[k]++] = re;
            ea_buf_release(&e->alt[k]);
        }
    return true;
}

static bool load_entry(struct ea_concepts *c, const xmlNode *el, bool concept, const char *name)
{
    long line = xmlGetLineNo(el);
    xmlChar *id = xmlGetProp(el, (const xmlChar *)"id");
    bool ok = true;
    if (!id || !*id) {
        ea_log_error("%s:%ld: <%s> has no id", name, line, el->name);
        xmlFree(id);
        return false;
    }
    int i = entry_index((const char *)id, concept);
    if (i < 0) {
        ea_log_error("%s:%ld: unknown %s id '%s'", name, line, el->name, (const char *)id);
        xmlFree(id);
        return false;
    }
    struct entry *e = &c->entries[i];
    if (e->defined) {
        ea_log_error("%s:%ld: %s '%s' is defined twice", name, line, el->name, (const char *)id);
        ok = false;
    }
    e->defined = true;
    size_t npat = 0;
    for (const xmlNode *p = el->children; p; p = p->next) {
        if (p->type != XML_ELEMENT_NODE)
            continue;
        int k = 0;
        while (k < KIND_COUNT && !node_is(p, kind_names[k]))
            k++;
        if (k == KIND_COUNT) {
            ea_log_error("%s:%ld: unknown element <%s> in '%s' (expected text, slug or url)", name,
                         (long)xmlGetLineNo(p), p->name, (const char *)id);
            ok = false;
            continue;
        }
        xmlChar *src = xmlNodeGetContent(p);
        if (!src || !*src) {
            ea_log_error("%s:%ld: empty <%s> pattern in '%s'", name, (long)xmlGetLineNo(p), p->name,
                         (const char *)id);
            ok = false;
        } else if (!add_pattern(e, (enum kind)k, (const char *)src, name, xmlGetLineNo(p))) {
            ok = false;
        }
        npat++;
        xmlFree(src);
    }
    if (npat == 0) {
        ea_log_error("%s:%ld: '%s' has no patterns", name, line, (const char *)id);
        ok = false;
    }
    xmlFree(id);
    return ok;
}

static bool load_root(struct ea_concepts *c, const xmlNode *root, const char *name)
{
    bool ok = true;
    if (!root || !node_is(root, "concepts")) {
        ea_log_error("%s:%ld: the root element must be <concepts>", name,
                     root ? (long)xmlGetLineNo(root) : 1L);
        return false;
    }
    c->max_words = 6;
    xmlChar *mw = xmlGetProp(root, (const xmlChar *)"max-words");
    if (mw) {
        char *end;
        errno = 0;
        unsigned long v = strtoul((const char *)mw, &end, 10);
        if (errno || end == (char *)mw || *end || v < 1 || v > 100) {
            ea_log_error("%s:%ld: max-words '%s' is not a number from 1 to 100", name,
                         (long)xmlGetLineNo(root), (const char *)mw);
            ok = false;
        } else {
            c->max_words = (unsigned)v;
        }
        xmlFree(mw);
    }
    for (const xmlNode *n = root->children; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (node_is(n, "concept") || node_is(n, "list")) {
            if (!load_entry(c, n, node_is(n, "concept"), name))
                ok = false;
        } else {
            ea_log_error("%s:%ld: unknown element <%s> (expected concept or list)", name,
                         (long)xmlGetLineNo(n), n->name);
            ok = false;
        }
    }
    for (size_t i = 0; i < NENTRIES; i++)
        if (!c->entries[i].defined) {
            ea_log_error("%s:%ld: %s '%s' is missing", name, (long)xmlGetLineNo(root),
                         i < EA_CONCEPT_COUNT ? "concept" : "list", entry_names[i]);
            ok = false;
        }
    return ok;
}

enum ea_err ea_concepts_load_buffer(const char *xml, size_t len, const char *name,
                                    struct ea_concepts **out)
{
    enum ea_err result = EA_PARSE;
    struct ea_concepts *c = ea_xcalloc(1, sizeof(*c));
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    xmlDocPtr doc = NULL;
    if (!ctxt) {
        ea_log_error("%s: cannot create an xml parser", name);
        goto out;
    }
    if (len > (size_t)INT32_MAX) {
        ea_log_error("%s: file too large", name);
        goto out;
    }
    doc = xmlCtxtReadMemory(ctxt, xml, (int)len, name, "UTF-8",
                            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc) {
        const xmlError *e = xmlCtxtGetLastError(ctxt);
        struct ea_buf msg = EA_BUF_INIT(1024);
        if (e && e->message)
            ea_buf_add(&msg, e->message);
        ea_buf_trim(&msg);
        ea_log_error("%s:%d: not well-formed xml: %s", name, e ? e->line : 0,
                     msg.len ? msg.buf : "unknown error");
        ea_buf_release(&msg);
        goto out;
    }
    if (!load_root(c, xmlDocGetRootElement(doc), name) || !compile_alternations(c, name))
        goto out;
    *out = c;
    c = NULL;
    result = EA_OK;
out:
    xmlFreeDoc(doc);
    xmlFreeParserCtxt(ctxt);
    ea_concepts_free(c);
    return result;
}

enum ea_err ea_concepts_load(const char *dir, struct ea_concepts **out)
{
    if (!dir)
        return ea_concepts_load_buffer((const char *)ea_concepts_default_xml,
                                       ea_concepts_default_xml_len, "concepts.xml (built in)", out);
    struct ea_buf path = EA_BUF_INIT(4096), data = EA_BUF_INIT(EA_MAX_RULE_FILE);
    enum ea_err result;
    ea_buf_addf(&path, "%s/concepts.xml", dir);
    result = ea_file_read(path.buf, &data);
    if (result == EA_LIMIT)
        ea_log_error("'%s' is larger than %u bytes", path.buf, (unsigned)EA_MAX_RULE_FILE);
    else if (result != EA_OK)
        ea_log_error("cannot read '%s': %s", path.buf, strerror(errno));
    else
        result = ea_concepts_load_buffer(data.buf, data.len, path.buf, out);
    ea_buf_release(&path);
    ea_buf_release(&data);
    return result;
}

/* ---- matching --------------------------------------------------------------------------- */

static bool match_any(const struct entry *e, enum kind k, const char *s, size_t len,
                      pcre2_match_data *md)
{
    for (size_t i = 0; i < e->n[k]; i++)
        if (pcre2_match(e->pats[k][i], (PCRE2_SPTR)s, len, 0, 0, md, NULL) >= 0)
            return true;
    return false;
}

/* ea_text_fold, with a fast path for ASCII (most URLs and many link names), where folding is
 * lowercasing: utf8proc's allocation per call dominated classifying a page of 50,000 links. */
static void fold(const char *s, size_t n, struct ea_buf *out)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0x80 || s[i] == '\0') {
            ea_text_fold(s, n, out);
            return;
        }
    for (size_t i = 0; i < n; i++)
        ea_buf_addch(out, (char)tolower((unsigned char)s[i]));
}

/* The folded, percent-decoded path of url ("/lv/kontakti"), without query or fragment. */
static void url_slug(const char *url, struct ea_buf *out)
{
    struct ea_buf raw = EA_BUF_INIT(EA_MAX_URL);
    const char *p = url, *scheme = strstr(url, "://");
    if (scheme && scheme < url + strcspn(url, "/?#"))
        p = scheme + 3 + strcspn(scheme + 3, "/?#");
    else if (p[0] == '/' && p[1] == '/')
        p += 2 + strcspn(p + 2, "/?#");
    for (; *p && *p != '?' && *p != '#'; p++) {
        if (*p == '%' && isxdigit((unsigned char)p[1]) && isxdigit((unsigned char)p[2])) {
            char hex[3] = { p[1], p[2], '\0' };
            ea_buf_addch(&raw, (char)strtoul(hex, NULL, 16));
            p += 2;
        } else {
            ea_buf_addch(&raw, *p);
        }
    }
    fold(raw.buf, raw.len, out);
    ea_buf_release(&raw);
}

static bool entry_match_url(const struct entry *e, const char *url, pcre2_match_data *md)
{
    bool hit = false;
    if (e->n[KIND_URL] && match_any(e, KIND_URL, url, strlen(url), md))
        return true;
    if (e->n[KIND_SLUG]) {
        struct ea_buf slug = EA_BUF_INIT(4 * EA_MAX_URL);
        url_slug(url, &slug);
        hit = match_any(e, KIND_SLUG, slug.buf, slug.len, md);
        ea_buf_release(&slug);
    }
    return hit;
}

static bool entry_match_text(const struct entry *e, const char *text, size_t len,
                             pcre2_match_data *md)
{
    if (!e->n[KIND_TEXT])
        return false;
    struct ea_buf folded = EA_BUF_INIT((size_t)-1);
    fold(text, len, &folded);
    bool hit = match_any(e, KIND_TEXT, folded.buf, folded.len, md);
    ea_buf_release(&folded);
    return hit;
}

static unsigned count_words(const char *s, size_t n)
{
    unsigned words = 0;
    bool in = false;
    for (size_t i = 0; i < n; i++) {
        bool ws = ea_text_is_ascii_ws(s[i]);
        if (!ws && !in)
            words++;
        in = !ws;
    }
    return words;
}

/* The concepts the link matches; with first_only, stops at the first one. */
static unsigned link_mask(const struct ea_concepts *c, const char *name, const char *url,
                          bool first_only)
{
    pcre2_match_data *md = pcre2_match_data_create(1, NULL);
    struct ea_buf folded = EA_BUF_INIT(4 * EA_MAX_ACCNAME), slug = EA_BUF_INIT(4 * EA_MAX_URL);
    unsigned mask = 0;
    if (!md)
        return 0;
    if (name) {
        fold(name, strlen(name), &folded);
        ea_buf_trim(&folded);
        if (count_words(folded.buf, folded.len) > c->max_words)
            ea_buf_reset(&folded);
    }
    if (url)
        url_slug(url, &slug);
    for (int i = 0; i < EA_CONCEPT_COUNT && !(first_only && mask); i++) {
        const struct entry *e = &c->entries[i];
        if ((folded.len && match_any(e, KIND_TEXT, folded.buf, folded.len, md)) ||
            (url && match_any(e, KIND_URL, url, strlen(url), md)) ||
            (url && match_any(e, KIND_SLUG, slug.buf, slug.len, md)))
            mask |= 1u << i;
    }
    ea_buf_release(&folded);
    ea_buf_release(&slug);
    pcre2_match_data_free(md);
    return mask;
}

int ea_concepts_classify_link(const struct ea_concepts *c, const char *name, const char *url)
{
    unsigned mask = link_mask(c, name, url, true);
    for (int i = 0; i < EA_CONCEPT_COUNT; i++)
        if (mask & (1u << i))
            return i;
    return -1;
}

unsigned ea_concepts_link_mask(const struct ea_concepts *c, const char *name, const char *url)
{
    return link_mask(c, name, url, false);
}

static bool with_md_text(const struct entry *e, const char *text, size_t len)
{
    pcre2_match_data *md = pcre2_match_data_create(1, NULL);
    bool hit = md && entry_match_text(e, text, len, md);
    pcre2_match_data_free(md);
    return hit;
}

static bool with_md_url(const struct entry *e, const char *url)
{
    pcre2_match_data *md = pcre2_match_data_create(1, NULL);
    bool hit = md && url && entry_match_url(e, url, md);
    pcre2_match_data_free(md);
    return hit;
}

bool ea_concepts_match_text(const struct ea_concepts *c, enum ea_concept concept, const char *text,
                            size_t len)
{
    return (unsigned)concept < EA_CONCEPT_COUNT && with_md_text(&c->entries[concept], text, len);
}

bool ea_concepts_match_url(const struct ea_concepts *c, enum ea_concept concept, const char *url)
{
    return (unsigned)concept < EA_CONCEPT_COUNT && with_md_url(&c->entries[concept], url);
}

bool ea_wordlist_match_text(const struct ea_concepts *c, enum ea_wordlist list, const char *text,
                            size_t len)
{
    return (unsigned)list < EA_LIST_COUNT &&
           with_md_text(&c->entries[EA_CONCEPT_COUNT + list], text, len);
}

bool ea_wordlist_match_url(const struct ea_concepts *c, enum ea_wordlist list, const char *url)
{
    return (unsigned)list < EA_LIST_COUNT && with_md_url(&c->entries[EA_CONCEPT_COUNT + list], url);
}
