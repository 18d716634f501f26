#include "crawler/crawl.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/limits.h"
#include "core/log.h"
#include "core/strtab.h"
#include "core/xalloc.h"
#include "crawler/robots.h"
#include "crawler/sitemap.h"
#include "crawler/url.h"

/* Priority pages fetched per concept: the first two links about "contacts" answer the
 * question; the twentieth only spends the budget. */
#define PER_CONCEPT  2
#define MAX_CONCEPTS 64
/* Hosts linked to that are remembered. */
#define MAX_EXTERNAL 256
/* URLs robots.txt excluded that the crawl lists for the report (the rest are only counted). */
#define MAX_EXCLUDED 100
/* Redirect hops followed for robots.txt (RFC 9309 §2.3.1.2: at least five). */
#define ROBOTS_REDIRECTS 5
/* Origins of one site whose robots.txt is read (scheme x www./bare host, a homepage that
 * redirects elsewhere: four or five in practice). Links to further origins are skipped. */
#define MAX_ORIGINS 8
/* Page requests per page of the budget: redirects to pages already seen and off-site
 * redirects do not count as pages, but a hostile site must not make us fetch for ever. */
#define ISSUE_FACTOR 3

/* --- the frontier ---------------------------------------------------------------------- */

struct cand {
    char *url; /* owned */
    unsigned depth;
    int via;
};

struct queue {
    struct cand *v; /* owned */
    size_t head, len, cap;
};

static void queue_push(struct queue *q, char *url, unsigned depth, int via)
{
    if (q->head == q->len)
        q->head = q->len = 0;
    EA_GROW(q->v, q->len + 1, q->cap);
    q->v[q->len++] = (struct cand){ .url = url, .depth = depth, .via = via };
}

static bool queue_pop(struct queue *q, struct cand *out)
{
    if (q->head >= q->len)
        return false;
    *out = q->v[q->head++];
    return true;
}

static size_t queue_len(const struct queue *q)
{
    return q->len - q->head;
}

static void queue_release(struct queue *q)
{
    for (size_t i = q->head; i < q->len; i++)
        free(q->v[i].url);
    free(q->v);
    memset(q, 0, sizeof(*q));
}

/* --- the crawl ------------------------------------------------------------------------- */

enum req_kind {
    REQ_ROBOTS,
    REQ_PAGE,
    REQ_SITEMAP
};

struct req {
    struct ea_fetch_task task;
    struct ea_crawl *c; /* borrowed */
    enum req_kind kind;
    struct cand cand; /* owned url */
    bool conditional;
    size_t origin; /* REQ_ROBOTS: index into c->origins */
};

/* RFC 9309 §2.3: a robots.txt rules its own scheme, host and port. A site spans a few
 * origins (the seed's; www. and the bare host, http and https; the homepage's redirect
 * target); each one's robots.txt is asked for when the next link to fetch first leads
 * there, and the crawl waits for the answer (one short request per origin), so that no
 * link overtakes one that was queued before it. */
struct origin {
    char *name;               /* owned: "https://www.x.lv" */
    struct ea_robots *robots; /* owned, NULL until known */
    bool asked;
};

struct ea_crawl {
    struct ea_fetcher *f; /* borrowed */
    struct ea_crawl_opts o;
    char *agent; /* owned */
    ea_crawl_page_fn *on_page;
    ea_crawl_end_fn *on_end;
    void *ctx;
    char *seed;      /* owned: canonical */
    char *site_host; /* owned: the seed's host without www. */
    char *home_host; /* owned, may be NULL: the homepage's final host without www. */
    struct origin origins[MAX_ORIGINS];
    size_t norigins;
    struct ea_strtab seen, variants, external_set;
    struct ea_strtab cut;      /* links the trap guards cut, each counted once (up to a cap) */
    struct ea_strtab sitemaps; /* asked for: origins' robots.txt may name the same one */
    struct queue prio, normal;
    /* Sitemap URLs: fetched after the homepage's own links (its priority pages first), so a
     * sitemap that arrives early cannot spend the page budget before they are known. */
    struct queue late;
    bool home_settled; /* the first page was handed back (ea_crawl_page_done) */
    unsigned inflight_pages, inflight_other, open, issued, delivered, sitemaps_requested;
    unsigned concept_count[MAX_CONCEPTS];
    char **external; /* owned */
    size_t nexternal, external_cap;
    struct ea_crawl_excluded *excluded; /* owned urls; referrers borrowed from seen */
    /* A seen URL's referrer is froms[val - 1] (val 0: none known yet), so that a URL a
     * sitemap offered first gets the page that links to it when one does. */
    const char **froms; /* owned array, keys of seen */
    size_t nfroms, froms_cap;
    size_t nexcluded, excluded_cap;
    bool ended, given_up;
    unsigned busy;     /* crawl code on the stack: ea_crawl_free waits for it to unwind */
    bool free_pending; /* ea_crawl_free was called meanwhile */
    double delay;      /* between request starts to the site: o.delay or a larger Crawl-delay */
    struct ea_crawl_stats stats;
};

static void crawl_destroy(struct ea_crawl *c);

/* Leaves crawl code; frees c when ea_crawl_free was called from a callback. */
static void leave(struct ea_crawl *c)
{
    if (--c->busy == 0 && c->free_pending)
        crawl_destroy(c);
}

void ea_crawl_opts_default(struct ea_crawl_opts *o)
{
    memset(o, 0, sizeof(*o));
    o->max_pages = 100;
    o->max_depth = 3;
    o->window = 2;
    o->agent = "eaudit";
    o->robots = true;
    o->sitemaps = true;
    o->delay = 1.0;
}

static void on_response(struct ea_fetch_task *task, struct ea_response *resp);

static struct req *issue(struct ea_crawl *c, enum req_kind kind, char *url, unsigned depth, int via,
                         size_t max_body)
{
    struct req *r = ea_xcalloc(1, sizeof(*r));
    r->task.fn = on_response;
    r->c = c;
    r->kind = kind;
    r->cand = (struct cand){ .url = url, .depth = depth, .via = via };
    /* Weighted by the pages the site has left (see ea_fetcher_set_by_weight); its start
     * (robots.txt, sitemaps, the homepage) goes before any site's pages, so that a site
     * waiting for slots has its links at hand when they come, instead of starting from one
     * page then. */
    unsigned left = c->o.max_pages > c->delivered ? c->o.max_pages - c->delivered : 1;
    struct ea_fetch_req fr = { .url = url,
                               .max_body = max_body,
                               .user = &r->task,
                               .max_redirects = kind == REQ_ROBOTS ? ROBOTS_REDIRECTS : 0,
                               .weight = left,
                               .first = kind != REQ_PAGE || c->issued == 0 };
    char *etag = NULL, *lm = NULL;
    if (kind == REQ_PAGE && c->o.store && c->o.store->lookup && c->o.store->load &&
        c->o.store->lookup(c->o.store->ctx, url, &etag, &lm) && (etag || lm)) {
        fr.etag = etag;
        fr.last_modified = lm;
        r->conditional = true;
    }
    if (kind == REQ_PAGE) {
        c->inflight_pages++;
        c->issued++;
    } else {
        c->inflight_other++;
    }
    ea_fetcher_add(c->f, &fr);
    free(etag);
    free(lm);
    return r;
}

/* Room for one more page request: the window, and the pages waiting to be done. */
static bool room(const struct ea_crawl *c)
{
    return c->inflight_pages < c->o.window &&
           (!c->o.max_open || c->inflight_pages + c->open < c->o.max_open);
}

static bool budget_left(const struct ea_crawl *c)
{
    return c->delivered + c->inflight_pages < c->o.max_pages &&
           c->issued < c->o.max_pages * ISSUE_FACTOR + 1;
}

/* The origin record of url, added when new; NULL past MAX_ORIGINS or for a bad URL. */
static struct origin *origin_of(struct ea_crawl *c, const char *url)
{
    char *name = ea_url_origin(url);
    struct origin *o = NULL;
    if (!name)
        return NULL;
    for (size_t i = 0; i < c->norigins && !o; i++)
        if (strcasecmp(c->origins[i].name, name) == 0)
            o = &c->origins[i];
    if (!o && c->norigins < MAX_ORIGINS) {
        o = &c->origins[c->norigins++];
        memset(o, 0, sizeof(*o));
        o->name = name;
        name = NULL;
        /* Without robots.txt (the option is off, or a one-page budget) all is allowed. */
        if (!c->o.robots || c->o.max_pages <= 1)
            o->robots = ea_robots_new_all(true);
    }
    free(name);
    return o;
}

static void ask_robots(struct ea_crawl *c, struct origin *o)
{
    struct ea_buf b = EA_BUF_INIT(EA_MAX_URL + 16);
    ea_buf_add(&b, o->name);
    ea_buf_add(&b, "/robots.txt");
    o->asked = true;
    issue(c, REQ_ROBOTS, ea_buf_detach(&b, NULL), 0, -1, EA_MAX_ROBOTS)->origin =
        (size_t)(o - c->origins);
}

/* The queue the next candidate comes from, NULL when none is ready. */
static struct queue *next_queue(struct ea_crawl *c)
{
    if (queue_len(&c->prio))
        return &c->prio;
    if (queue_len(&c->normal))
        return &c->normal;
    return c->home_settled && queue_len(&c->late) ? &c->late : NULL;
}

static void set_referrer(struct ea_crawl *c, struct ea_strtab_entry *e, const char *from)
{
    EA_GROW(c->froms, c->nfroms + 1, c->froms_cap);
    c->froms[c->nfroms++] = from;
    e->val = (unsigned)c->nfroms;
}

/* The page that linked to url first (a key of seen), NULL when none did. */
static const char *referrer_of(struct ea_crawl *c, const char *url)
{
    struct ea_strtab_entry *e = ea_strtab_get(&c->seen, url, false);
    return e && e->val ? c->froms[e->val - 1] : NULL;
}

static void pump(struct ea_crawl *c)
{
    if (c->given_up || c->ended || c->free_pending)
        return;
    struct queue *q;
    while (room(c) && budget_left(c) && (q = next_queue(c))) {
        struct origin *o = origin_of(c, q->v[q->head].url);
        if (o && !o->robots) {
            if (!o->asked)
                ask_robots(c, o);
            return; /* on with this link when its origin's robots.txt is known */
        }
        struct cand cd;
        if (!queue_pop(q, &cd))
            break;
        if (ea_fetcher_host_given_up(c->f, cd.url)) {
            c->given_up = c->stats.host_given_up = true;
            free(cd.url);
            return;
        }
        if (!o) {
            ea_log_debug("%s: not fetched: the site spans more than %d origins", cd.url,
                         MAX_ORIGINS);
            c->stats.trapped++;
            free(cd.url);
            continue;
        }
        char *pq = ea_url_path_query(cd.url);
        bool allowed = ea_robots_allowed(o->robots, c->agent, pq);
        free(pq);
        if (!allowed) {
            /* (robots.txt unreachable disallows all: those links are not robots.txt's rules) */
            if (ea_robots_unreachable(o->robots)) {
                c->stats.robots_unread++;
            } else {
                c->stats.robots_blocked++;
                if (c->nexcluded < MAX_EXCLUDED) {
                    EA_GROW(c->excluded, c->nexcluded + 1, c->excluded_cap);
                    c->excluded[c->nexcluded++] = (struct ea_crawl_excluded){
                        .url = cd.url, .referrer = referrer_of(c, cd.url), .depth = cd.depth
                    };
                    cd.url = NULL;
                }
            }
            free(cd.url);
            continue;
        }
        issue(c, REQ_PAGE, cd.url, cd.depth, cd.via, 0);
    }
}

static void maybe_end(struct ea_crawl *c)
{
    if (c->ended || c->free_pending || c->inflight_pages || c->inflight_other || c->open)
        return;
    /* (A link waiting for its origin's robots.txt waits on a request in inflight_other.) */
    if (!c->home_settled && queue_len(&c->late) && !c->given_up && budget_left(c)) {
        /* No homepage came back to wait for: the sitemap's URLs may go now. */
        c->home_settled = true;
        pump(c);
        if (c->inflight_pages)
            return;
    }
    size_t left = queue_len(&c->prio) + queue_len(&c->normal) + queue_len(&c->late);
    if (!c->given_up && budget_left(c) && left)
        return;
    if (!c->given_up) /* (given up, they were left for that) */
        c->stats.out_of_budget += (unsigned)left;
    c->ended = true;
    c->on_end(c->ctx, c);
}

static bool in_site(const struct ea_crawl *c, const char *url)
{
    char *h = ea_url_site_host(url);
    bool in = h && (!strcmp(h, c->site_host) || (c->home_host && !strcmp(h, c->home_host)));
    free(h);
    return in;
}

static void note_external(struct ea_crawl *c, const char *url)
{
    if (c->nexternal >= MAX_EXTERNAL)
        return;
    char *h = ea_url_site_host(url);
    if (h && !ea_strtab_get(&c->external_set, h, false)) {
        ea_strtab_get(&c->external_set, h, true);
        EA_GROW(c->external, c->nexternal + 1, c->external_cap);
        c->external[c->nexternal++] = h;
        return;
    }
    free(h);
}

/* Spider-trap guards: too many query variants of one path, a path segment repeated. */
static bool trapped(struct ea_crawl *c, const char *url)
{
    char *pq = ea_url_path_query(url);
    size_t plen = strcspn(pq, "?");
    bool trap = false;
    /* Segments: each compared with the later ones (paths are short; long ones are cut). */
    const char *seg[64];
    size_t seglen[64], nseg = 0;
    for (size_t i = 0; i < plen && !trap;) {
        while (i < plen && pq[i] == '/')
            i++;
        size_t n = 0;
        while (i + n < plen && pq[i + n] != '/')
            n++;
        if (!n)
            break;
        if (nseg == EA_ARRAY_LEN(seg)) {
            trap = true;
            break;
        }
        unsigned same = 0;
        for (size_t k = 0; k < nseg; k++)
            same += seglen[k] == n && !memcmp(seg[k], pq + i, n);
        if (same >= EA_MAX_SEGMENT_REPEAT)
            trap = true;
        seg[nseg] = pq + i;
        seglen[nseg++] = n;
        i += n;
    }
    if (!trap && pq[plen] == '?') {
        pq[plen] = '\0';
        char *origin = ea_url_origin(url);
        struct ea_buf key = EA_BUF_INIT(2 * EA_MAX_URL + 2);
        ea_buf_add(&key, origin ? origin : "");
        ea_buf_add(&key, pq);
        struct ea_strtab_entry *e = ea_strtab_get(&c->variants, key.buf, true);
        if (e->val >= EA_MAX_QUERY_VARIANTS)
            trap = true;
        else
            e->val++;
        ea_buf_release(&key);
        free(origin);
    }
    free(pq);
    return trap;
}

/* Files no check reads: fetching them would only spend the page budget. */
static bool not_a_page(const char *url)
{
    static const char *const exts[] = {
        ".pdf", ".doc",  ".docx", ".xls", ".xlsx", ".ppt",  ".pptx",  ".odt",  ".ods",
        ".odp", ".rtf",  ".zip",  ".rar", ".7z",   ".gz",   ".jpg",   ".jpeg", ".png",
        ".gif", ".webp", ".svg",  ".ico", ".mp3",  ".mp4",  ".avi",   ".mov",  ".wav",
        ".css", ".js",   ".xml",  ".csv", ".exe",  ".edoc", ".asice", ".bdoc", ".txt",
    };
    const char *p = strstr(url, "://");
    p = p ? p + 3 : url;
    size_t n = strcspn(p, "?#");
    const char *dot = NULL;
    for (size_t i = 0; i < n; i++)
        if (p[i] == '.')
            dot = p + i;
        else if (p[i] == '/')
            dot = NULL;
    if (!dot)
        return false;
    size_t el = n - (size_t)(dot - p);
    for (size_t i = 0; i < EA_ARRAY_LEN(exts); i++)
        if (strlen(exts[i]) == el && !strncasecmp(dot, exts[i], el))
            return true;
    return false;
}

/* Offers url (canonical, owned), linked from the page from (a key of seen, or NULL), to the
 * frontier. */
static void offer(struct ea_crawl *c, char *url, const char *name, unsigned depth, int via_home,
                  bool from_home, bool late, const char *from)
{
    if (depth > c->o.max_depth || not_a_page(url)) {
        free(url);
        return;
    }
    if (!in_site(c, url)) {
        note_external(c, url);
        free(url);
        return;
    }
    struct ea_strtab_entry *known = ea_strtab_get(&c->seen, url, false);
    if (known) {
        if (!known->val && from)
            set_referrer(c, known, from);
        free(url);
        return;
    }
    if (c->seen.len >= EA_MAX_FRONTIER || trapped(c, url)) {
        /* A calendar's next month is linked from every month: count the link once. */
        if (!ea_strtab_get(&c->cut, url, false)) {
            c->stats.trapped++;
            if (c->cut.len < EA_MAX_FRONTIER)
                ea_strtab_get(&c->cut, url, true);
        }
        free(url);
        return;
    }
    struct ea_strtab_entry *e = ea_strtab_get(&c->seen, url, true);
    if (from)
        set_referrer(c, e, from);
    int p = c->o.priority && name ? c->o.priority(c->o.priority_ctx, name, url) : -1;
    if (p >= 0 && p < MAX_CONCEPTS && c->concept_count[p] < PER_CONCEPT) {
        c->concept_count[p]++;
        queue_push(&c->prio, url, depth, from_home ? p : via_home);
    } else {
        queue_push(late ? &c->late : &c->normal, url, depth, from_home ? -1 : via_home);
    }
}

/* url's copy in the seen set (kept as long as the crawl), or NULL. */
static const char *seen_key(struct ea_crawl *c, const char *url)
{
    struct ea_strtab_entry *e = url ? ea_strtab_get(&c->seen, url, false) : NULL;
    return e ? e->key : NULL;
}

static void add_links(struct ea_crawl *c, const struct ea_crawl_page *page,
                      const struct ea_links *links, const char *from)
{
    for (size_t i = 0; i < links->len; i++)
        offer(c, ea_xstrdup(links->v[i].url), links->v[i].name, page->depth + 1, -1, page->homepage,
              false, from);
    pump(c);
}

void ea_crawl_add_link_list(struct ea_crawl *c, const struct ea_crawl_page *page,
                            const struct ea_links *links)
{
    add_links(c, page, links, seen_key(c, page->url));
}

void ea_crawl_add_links(struct ea_crawl *c, const struct ea_crawl_page *page,
                        const struct ea_doc *doc, const char *page_url)
{
    struct ea_links links = { 0 };
    ea_links_extract(doc, page_url, &links);
    /* The page as it was reached (after redirects, canonical: seen has it), else as asked. */
    char *final = ea_url_canon(NULL, page_url);
    const char *from = seen_key(c, final);
    free(final);
    add_links(c, page, &links, from ? from : seen_key(c, page->url));
    ea_links_release(&links);
}

void ea_crawl_page_done(struct ea_crawl *c)
{
    c->home_settled = true;
    c->busy++;
    if (c->open)
        c->open--;
    pump(c);
    maybe_end(c);
    leave(c);
}

static void queue_sitemap(struct ea_crawl *c, const char *url)
{
    char *u = ea_url_canon(NULL, url);
    if (!u)
        return;
    if (ea_strtab_get(&c->sitemaps, u, false)) {
        free(u);
        return;
    }
    if (c->sitemaps_requested >= EA_MAX_SITEMAPS) {
        c->stats.sitemap_cut = true; /* more sitemaps than the cap: this one is not read */
        free(u);
        return;
    }
    ea_strtab_get(&c->sitemaps, u, true);
    c->sitemaps_requested++;
    issue(c, REQ_SITEMAP, u, 1, -1, EA_MAX_SITEMAP_BYTES);
}

static void got_robots(struct ea_crawl *c, struct origin *o, struct ea_response *resp)
{
    long st = resp->status;
    bool seed_origin = o == &c->origins[0];
    if (resp->error == EA_FETCH_OK && st >= 200 && st <= 299) {
        o->robots = ea_robots_parse(resp->body, resp->body_len);
    } else if ((resp->error == EA_FETCH_OK && st >= 400 && st <= 499 && st != 429) ||
               resp->error == EA_FETCH_TOO_MANY_REDIRECTS) {
        /* "Unavailable" (4xx, or more redirects than RFC 9309 asks to follow): no
         * restrictions. */
        o->robots = ea_robots_new_all(true);
    } else {
        /* 5xx, 429, no answer: "unreachable", so nothing there (RFC 9309); for the seed's
         * origin that leaves the homepage alone. */
        o->robots = ea_robots_new_all(false);
        if (seed_origin)
            c->stats.robots_unreachable = true;
        ea_log_debug("%s: %s/robots.txt unreachable (%s); nothing there is audited%s", c->seed,
                     o->name,
                     resp->error != EA_FETCH_OK
                         ? (resp->error_msg ? resp->error_msg : ea_fetch_error_name(resp->error))
                         : "a server error",
                     seed_origin ? " beyond the homepage" : "");
    }
    double delay = ea_robots_crawl_delay(o->robots, c->agent);
    if (delay > c->o.delay) {
        if (delay > EA_MAX_CRAWL_DELAY)
            delay = EA_MAX_CRAWL_DELAY;
        ea_fetcher_set_host_delay(c->f, o->name, delay);
        if (delay > c->delay)
            c->delay = delay;
    }
    if (c->o.sitemaps && o->robots && !(seed_origin && c->stats.robots_unreachable)) {
        size_t n = ea_robots_nsitemaps(o->robots);
        for (size_t i = 0; i < n; i++)
            queue_sitemap(c, ea_robots_sitemap(o->robots, i));
        if (ea_robots_sitemaps_cut(o->robots))
            c->stats.sitemap_cut = true;
        if (!n && seed_origin) {
            struct ea_buf b = EA_BUF_INIT(EA_MAX_URL + 16);
            ea_buf_add(&b, o->name);
            ea_buf_add(&b, "/sitemap.xml");
            queue_sitemap(c, b.buf);
            ea_buf_release(&b);
        }
    }
}

static void got_sitemap(struct ea_crawl *c, struct ea_response *resp)
{
    if (resp->error != EA_FETCH_OK || resp->status < 200 || resp->status > 299)
        return;
    if (resp->truncated) { /* cut at EA_MAX_SITEMAP_BYTES: what was read is still used */
        c->stats.sitemap_cut = true;
        ea_log_debug("%s: more than %u bytes: the rest was not read", resp->final_url,
                     EA_MAX_SITEMAP_BYTES);
    }
    struct ea_sitemap sm;
    /* Only the budget's worth of URLs can ever be fetched; a million-URL file is cut. */
    size_t max = (size_t)c->o.max_pages * 4 + 16;
    if (ea_sitemap_parse(resp->body, resp->body_len, max, &sm) != EA_OK) {
        ea_log_debug("%s: not a sitemap", resp->final_url);
        return;
    }
    if (sm.truncated) {
        c->stats.sitemap_cut = true;
        ea_log_debug("%s: more than %zu URLs: the rest was not read", resp->final_url, max);
    }
    for (size_t i = 0; i < sm.nlocs; i++) {
        if (sm.index) {
            queue_sitemap(c, sm.locs[i]);
        } else {
            char *u = ea_url_canon(NULL, sm.locs[i]);
            if (u) {
                c->stats.sitemap_urls++;
                offer(c, u, NULL, 1, -1, false, true, NULL);
            }
        }
    }
    ea_sitemap_release(&sm);
}

static void got_page(struct ea_crawl *c, struct req *r, struct ea_response *resp)
{
    bool home = r->cand.depth == 0 && !strcmp(r->cand.url, c->seed);
    struct ea_crawl_page page = { .url = r->cand.url,
                                  .depth = r->cand.depth,
                                  .via = r->cand.via,
                                  .homepage = home,
                                  .referrer = referrer_of(c, r->cand.url) };
    if (r->conditional && resp->error == EA_FETCH_OK && resp->status == 304) {
        char *body = NULL, *ctype = NULL;
        size_t len = 0;
        if (c->o.store->load(c->o.store->ctx, r->cand.url, &body, &len, &ctype)) {
            free(resp->body);
            free(resp->content_type);
            resp->body = body;
            resp->body_len = len;
            resp->content_type = ctype;
            resp->status = 200;
            page.not_modified = true;
            c->stats.not_modified++;
        }
    }
    if (resp->error == EA_FETCH_HOST_GIVEN_UP)
        c->given_up = c->stats.host_given_up = true;
    char *final = resp->status > 0 ? ea_url_canon(NULL, resp->final_url) : NULL;
    if (home && final) {
        char *h = ea_url_site_host(final);
        if (h && strcmp(h, c->site_host)) {
            free(c->home_host);
            c->home_host = h;
            h = NULL;
        }
        free(h);
    }
    if (final && strcmp(final, r->cand.url)) {
        if (!home && (ea_strtab_get(&c->seen, final, false) || !in_site(c, final))) {
            /* Redirected to a page already seen, or off the site: not a page of ours. */
            c->stats.duplicates++;
            free(final);
            ea_response_release(resp);
            return;
        }
        ea_strtab_get(&c->seen, final, true);
    }
    free(final);
    c->delivered++;
    c->stats.pages++;
    if (resp->error != EA_FETCH_OK || resp->status >= 400)
        c->stats.broken++;
    c->open++;
    c->on_page(c->ctx, c, &page, resp);
}

static void on_response(struct ea_fetch_task *task, struct ea_response *resp)
{
    struct req *r = (struct req *)(void *)task;
    struct ea_crawl *c = r->c;
    c->busy++;
    switch (r->kind) {
    case REQ_ROBOTS:
        c->inflight_other--;
        got_robots(c, &c->origins[r->origin], resp);
        ea_response_release(resp);
        break;
    case REQ_SITEMAP:
        c->inflight_other--;
        got_sitemap(c, resp);
        ea_response_release(resp);
        break;
    case REQ_PAGE:
        c->inflight_pages--;
        got_page(c, r, resp);
        break;
    }
    free(r->cand.url);
    free(r);
    pump(c);
    maybe_end(c);
    leave(c);
}

struct ea_crawl *ea_crawl_new(struct ea_fetcher *f, const char *seed,
                              const struct ea_crawl_opts *opts, ea_crawl_page_fn *on_page,
                              ea_crawl_end_fn *on_end, void *ctx)
{
    struct ea_crawl *c = ea_xcalloc(1, sizeof(*c));
    c->f = f;
    c->o = *opts;
    c->delay = opts->delay > 0 ? opts->delay : 0;
    if (!c->o.max_pages)
        c->o.max_pages = 1;
    if (!c->o.window)
        c->o.window = 2;
    /* The robots.txt product token: "eaudit/1.0 (+url)" -> "eaudit". */
    const char *a = opts->agent ? opts->agent : "eaudit";
    size_t n = 0;
    while (a[n] && a[n] != '/' && a[n] != ' ')
        n++;
    c->agent = ea_xstrndup(a, n);
    c->o.agent = NULL;
    c->on_page = on_page;
    c->on_end = on_end;
    c->ctx = ctx;
    c->seed = ea_url_canon(NULL, seed);
    if (!c->seed)
        c->seed = ea_xstrdup(seed);
    c->site_host = ea_url_site_host(c->seed);
    if (!c->site_host)
        c->site_host = ea_xstrdup("");
    return c;
}

void ea_crawl_free(struct ea_crawl *c)
{
    if (!c)
        return;
    if (c->busy)
        c->free_pending = true;
    else
        crawl_destroy(c);
}

static void crawl_destroy(struct ea_crawl *c)
{
    free(c->agent);
    free(c->seed);
    free(c->site_host);
    free(c->home_host);
    for (size_t i = 0; i < c->norigins; i++) {
        struct origin *o = &c->origins[i];
        free(o->name);
        ea_robots_free(o->robots);
    }
    ea_strtab_release(&c->seen);
    ea_strtab_release(&c->cut);
    ea_strtab_release(&c->variants);
    ea_strtab_release(&c->external_set);
    ea_strtab_release(&c->sitemaps);
    queue_release(&c->prio);
    queue_release(&c->normal);
    queue_release(&c->late);
    for (size_t i = 0; i < c->nexternal; i++)
        free(c->external[i]);
    free(c->external);
    for (size_t i = 0; i < c->nexcluded; i++)
        free(c->excluded[i].url);
    free(c->excluded);
    free(c->froms);
    free(c);
}

void ea_crawl_start(struct ea_crawl *c)
{
    /* The seed's origin is origins[0]: its robots.txt is asked for at once (its sitemap
     * follows it), and the crawl beyond the seed waits for it. */
    struct origin *o = origin_of(c, c->seed);
    if (o && !o->robots)
        ask_robots(c, o);
    else if (o && c->o.sitemaps && c->o.max_pages > 1) {
        struct ea_buf b = EA_BUF_INIT(EA_MAX_URL + 16);
        ea_buf_add(&b, o->name);
        ea_buf_add(&b, "/sitemap.xml");
        queue_sitemap(c, b.buf);
        ea_buf_release(&b);
    }
    /* The seed is the auditor's choice, fetched whatever robots.txt says. */
    ea_strtab_get(&c->seen, c->seed, true);
    issue(c, REQ_PAGE, ea_xstrdup(c->seed), 0, -1, 0);
}

void ea_crawl_get_stats(const struct ea_crawl *c, struct ea_crawl_stats *out)
{
    *out = c->stats;
}

double ea_crawl_delay(const struct ea_crawl *c)
{
    return c->delay;
}

size_t ea_crawl_nexternal(const struct ea_crawl *c)
{
    return c->nexternal;
}

const char *ea_crawl_external(const struct ea_crawl *c, size_t i)
{
    return i < c->nexternal ? c->external[i] : NULL;
}

size_t ea_crawl_nexcluded(const struct ea_crawl *c)
{
    return c->nexcluded;
}

const struct ea_crawl_excluded *ea_crawl_excluded(const struct ea_crawl *c, size_t i)
{
    return i < c->nexcluded ? &c->excluded[i] : NULL;
}
