#include "crawler/robots.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/limits.h"
#include "core/xalloc.h"

/* Google cuts a robots.txt line at 2083 x 8 bytes: a longer one cannot be a real rule. */
#define MAX_LINE (EA_MAX_URL * 8)

struct rule {
    char *pattern; /* owned: normalised (%-encoded non-ASCII, upper-case hex) */
    size_t len;
    bool allow;
};

struct group {
    char **agents; /* owned: product tokens, lowercase; "*" for the global group */
    size_t nagents, agents_cap;
    struct rule *rules; /* owned */
    size_t nrules, rules_cap;
    double crawl_delay; /* < 0: none */
};

struct ea_robots {
    struct group *groups; /* owned */
    size_t ngroups, groups_cap;
    char **sitemaps; /* owned */
    size_t nsitemaps, sitemaps_cap;
    bool sitemaps_cut; /* more Sitemap: lines than EA_MAX_SITEMAPS */
    int all;           /* 0: by the rules; 1: allow all; -1: disallow all (unreachable) */
};

static bool is_token_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '-';
}

/* The product token at the start of s, lowercase ("Foo/1.0 bar" -> "foo"), "*" for a
 * value starting with '*'. Owned. */
static char *token_of(const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == '\t')) {
        s++;
        n--;
    }
    if (n && *s == '*')
        return ea_xstrdup("*");
    size_t k = 0;
    while (k < n && is_token_char(s[k]))
        k++;
    char *t = ea_xstrndup(s, k);
    for (char *p = t; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p + 32);
    return t;
}

static bool is_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* %-encodes bytes >= 0x80 and upper-cases existing %xx (RFC 9309 §2.2.2). */
static void add_escaped(struct ea_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            ea_buf_addch(b, '%');
            ea_buf_addch(b, hex[c >> 4]);
            ea_buf_addch(b, hex[c & 15]);
        } else if (c == '%' && i + 2 < n && is_hex(s[i + 1]) && is_hex(s[i + 2])) {
            ea_buf_addch(b, '%');
            for (int k = 1; k <= 2; k++) {
                char h = s[i + (size_t)k];
                ea_buf_addch(b, (h >= 'a' && h <= 'f') ? (char)(h - 32) : h);
            }
            i += 2;
        } else {
            ea_buf_addch(b, (char)c);
        }
    }
}

static void add_rule(struct group *g, bool allow, const char *v, size_t n)
{
    if (!n)
        return; /* an empty pattern matches nothing */
    struct ea_buf b = EA_BUF_INIT(MAX_LINE * 3 + 1);
    add_escaped(&b, v, n);
    EA_GROW(g->rules, g->nrules + 1, g->rules_cap);
    struct rule *r = &g->rules[g->nrules++];
    r->allow = allow;
    r->pattern = ea_buf_detach(&b, &r->len);
}

/* Key names, with the typos Google accepts. */
enum key {
    K_OTHER,
    K_AGENT,
    K_ALLOW,
    K_DISALLOW,
    K_SITEMAP,
    K_DELAY
};

static enum key key_of(const char *k, size_t n)
{
    static const struct {
        const char *name;
        enum key key;
    } keys[] = {
        { "user-agent", K_AGENT },  { "useragent", K_AGENT },   { "user agent", K_AGENT },
        { "allow", K_ALLOW },       { "disallow", K_DISALLOW }, { "dissallow", K_DISALLOW },
        { "dissalow", K_DISALLOW }, { "disalow", K_DISALLOW },  { "diasllow", K_DISALLOW },
        { "disallaw", K_DISALLOW }, { "sitemap", K_SITEMAP },   { "site-map", K_SITEMAP },
        { "crawl-delay", K_DELAY }, { "crawl_delay", K_DELAY },
    };
    for (size_t i = 0; i < EA_ARRAY_LEN(keys); i++)
        if (strlen(keys[i].name) == n && !strncasecmp(keys[i].name, k, n))
            return keys[i].key;
    return K_OTHER;
}

static void parse_line(struct ea_robots *r, const char *line, size_t n, bool *in_agents)
{
    /* Comments end the line; leading and trailing blanks go. */
    const char *hash = memchr(line, '#', n);
    if (hash)
        n = (size_t)(hash - line);
    while (n && (*line == ' ' || *line == '\t')) {
        line++;
        n--;
    }
    while (n && (line[n - 1] == ' ' || line[n - 1] == '\t'))
        n--;
    if (!n)
        return;
    /* key ':' value; a missing colon is accepted when key and value are separated by
     * blanks ("disallow /"). */
    const char *colon = memchr(line, ':', n);
    size_t klen;
    const char *v;
    if (colon) {
        klen = (size_t)(colon - line);
        v = colon + 1;
    } else {
        klen = strcspn(line, " \t");
        if (klen >= n)
            return;
        v = line + klen;
    }
    while (klen && (line[klen - 1] == ' ' || line[klen - 1] == '\t'))
        klen--;
    size_t vlen = n - (size_t)(v - line);
    while (vlen && (*v == ' ' || *v == '\t')) {
        v++;
        vlen--;
    }
    enum key key = key_of(line, klen);
    struct group *g = r->ngroups ? &r->groups[r->ngroups - 1] : NULL;
    switch (key) {
    case K_AGENT:
        if (!*in_agents || !g) {
            EA_GROW(r->groups, r->ngroups + 1, r->groups_cap);
            g = &r->groups[r->ngroups++];
            memset(g, 0, sizeof(*g));
            g->crawl_delay = -1;
            *in_agents = true;
        }
        EA_GROW(g->agents, g->nagents + 1, g->agents_cap);
        g->agents[g->nagents++] = token_of(v, vlen);
        return;
    case K_SITEMAP:
        if (vlen && vlen <= EA_MAX_URL && r->nsitemaps < EA_MAX_SITEMAPS) {
            EA_GROW(r->sitemaps, r->nsitemaps + 1, r->sitemaps_cap);
            r->sitemaps[r->nsitemaps++] = ea_xstrndup(v, vlen);
        } else if (vlen && vlen <= EA_MAX_URL) {
            r->sitemaps_cut = true;
        }
        return; /* does not end the user-agent lines of a group */
    case K_OTHER:
        return;
    case K_ALLOW:
    case K_DISALLOW:
    case K_DELAY:
        break;
    }
    *in_agents = false;
    if (!g)
        return; /* rules before any user-agent line belong to no group */
    if (key == K_DELAY) {
        char *s = ea_xstrndup(v, vlen), *end;
        double d = strtod(s, &end);
        if (end != s && d >= 0 && isfinite(d) && d > g->crawl_delay)
            g->crawl_delay = d;
        free(s);
        return;
    }
    add_rule(g, key == K_ALLOW, v, vlen);
    /* Google: "Allow: /dir/index.html" also allows "/dir/". */
    static const char idx[] = "/index.htm";
    if (key == K_ALLOW && vlen >= sizeof(idx) - 1) {
        const char *slash = NULL;
        for (size_t i = 0; i + sizeof(idx) - 1 <= vlen; i++)
            if (!strncmp(v + i, idx, sizeof(idx) - 1))
                slash = v + i;
        if (slash && (size_t)(v + vlen - slash) <= sizeof(idx)) {
            struct ea_buf b = EA_BUF_INIT(MAX_LINE + 2);
            ea_buf_addn(&b, v, (size_t)(slash - v) + 1);
            ea_buf_addch(&b, '$');
            add_rule(g, true, b.buf, b.len);
            ea_buf_release(&b);
        }
    }
}

struct ea_robots *ea_robots_parse(const char *txt, size_t len)
{
    struct ea_robots *r = ea_xcalloc(1, sizeof(*r));
    if (len > EA_MAX_ROBOTS)
        len = EA_MAX_ROBOTS;
    /* A UTF-8 byte order mark, or the start of one, is skipped. */
    static const char bom[] = "\xEF\xBB\xBF";
    for (size_t i = 0; i < 3 && len && txt[0] == bom[i]; i++) {
        txt++;
        len--;
    }
    bool in_agents = false;
    size_t i = 0;
    while (i < len) {
        size_t n = 0;
        while (i + n < len && txt[i + n] != '\n' && txt[i + n] != '\r')
            n++;
        parse_line(r, txt + i, n > MAX_LINE ? MAX_LINE : n, &in_agents);
        i += n;
        /* LF, CRLF and CR all end a line. */
        if (i < len && txt[i] == '\r') {
            i++;
            if (i < len && txt[i] == '\n')
                i++;
        } else if (i < len && txt[i] == '\n') {
            i++;
        }
    }
    return r;
}

struct ea_robots *ea_robots_new_all(bool allow)
{
    struct ea_robots *r = ea_xcalloc(1, sizeof(*r));
    r->all = allow ? 1 : -1;
    return r;
}

void ea_robots_free(struct ea_robots *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->ngroups; i++) {
        struct group *g = &r->groups[i];
        for (size_t k = 0; k < g->nagents; k++)
            free(g->agents[k]);
        free(g->agents);
        for (size_t k = 0; k < g->nrules; k++)
            free(g->rules[k].pattern);
        free(g->rules);
    }
    free(r->groups);
    for (size_t i = 0; i < r->nsitemaps; i++)
        free(r->sitemaps[i]);
    free(r->sitemaps);
    free(r);
}

/* Whether pattern matches a prefix of path ('*' any run, '$' at the end anchors), kept as
 * the set of positions in path the pattern so far can end at: no backtracking, O(n*m). */
static bool match(const char *path, size_t plen, const char *pat, size_t patlen, size_t *pos)
{
    size_t npos = 1;
    pos[0] = 0;
    for (size_t i = 0; i < patlen; i++) {
        char c = pat[i];
        if (c == '$' && i + 1 == patlen)
            return pos[npos - 1] == plen;
        if (c == '*') {
            npos = plen - pos[0] + 1;
            for (size_t k = 1; k < npos; k++)
                pos[k] = pos[0] + k;
        } else {
            size_t m = 0;
            for (size_t k = 0; k < npos; k++)
                if (pos[k] < plen && path[pos[k]] == c)
                    pos[m++] = pos[k] + 1;
            if (!m)
                return false;
            npos = m;
        }
    }
    return true;
}

static bool group_has(const struct group *g, const char *token)
{
    for (size_t k = 0; k < g->nagents; k++)
        if (!strcmp(g->agents[k], token))
            return true;
    return false;
}

/* Calls fn for every group that applies to agent: those naming its token, else the "*"
 * ones. Returns how many applied. */
static size_t for_groups(const struct ea_robots *r, const char *agent,
                         void (*fn)(const struct group *g, void *arg), void *arg)
{
    char *token = token_of(agent, strlen(agent));
    size_t n = 0;
    for (int pass = 0; pass < 2 && !n; pass++) {
        const char *want = pass == 0 ? token : "*";
        if (pass == 0 && (!*token || !strcmp(token, "*")))
            continue;
        for (size_t i = 0; i < r->ngroups; i++)
            if (group_has(&r->groups[i], want)) {
                fn(&r->groups[i], arg);
                n++;
            }
    }
    free(token);
    return n;
}

struct verdict {
    const char *path;
    size_t plen;
    size_t *pos;
    size_t best_allow, best_disallow; /* length + 1 of the longest match; 0: none */
};

static void judge(const struct group *g, void *arg)
{
    struct verdict *v = arg;
    for (size_t i = 0; i < g->nrules; i++) {
        const struct rule *rule = &g->rules[i];
        if (!match(v->path, v->plen, rule->pattern, rule->len, v->pos))
            continue;
        size_t *best = rule->allow ? &v->best_allow : &v->best_disallow;
        if (rule->len + 1 > *best)
            *best = rule->len + 1;
    }
}

bool ea_robots_allowed(const struct ea_robots *r, const char *agent, const char *path_query)
{
    if (r->all)
        return r->all > 0 || !strcmp(path_query, "/robots.txt");
    if (!strcmp(path_query, "/robots.txt"))
        return true;
    struct ea_buf path = EA_BUF_INIT(SIZE_MAX / 4);
    if (!*path_query)
        ea_buf_addch(&path, '/');
    add_escaped(&path, path_query, strlen(path_query));
    struct verdict v = { .path = path.buf, .plen = path.len };
    v.pos = ea_xcalloc(path.len + 1, sizeof(*v.pos));
    for_groups(r, agent, judge, &v);
    free(v.pos);
    ea_buf_release(&path);
    return v.best_allow >= v.best_disallow;
}

static void delay_of(const struct group *g, void *arg)
{
    double *d = arg;
    if (g->crawl_delay > *d)
        *d = g->crawl_delay;
}

double ea_robots_crawl_delay(const struct ea_robots *r, const char *agent)
{
    double d = -1;
    for_groups(r, agent, delay_of, &d);
    return d;
}

size_t ea_robots_nsitemaps(const struct ea_robots *r)
{
    return r->nsitemaps;
}

const char *ea_robots_sitemap(const struct ea_robots *r, size_t i)
{
    return i < r->nsitemaps ? r->sitemaps[i] : NULL;
}

bool ea_robots_sitemaps_cut(const struct ea_robots *r)
{
    return r && r->sitemaps_cut;
}

bool ea_robots_unreachable(const struct ea_robots *r)
{
    return r->all < 0;
}
