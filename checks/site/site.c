/* The questionnaire (SPEC §3 mobile_viewport .. easy_read): each observed page is reduced
 * to facts with their evidence (page URL + element or excerpt); ea_site_answer turns the
 * facts into answers. The decisions where SPEC is open are in docs/questionnaire.md. */
#include "checks/site/site.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "checks/site/page.h"
#include "checks/site/scan.h"
#include "core/limits.h"
#include "core/xalloc.h"

enum fact {
    F_VIEWPORT,     /* homepage has a viewport meta */
    F_DEVICE_WIDTH, /* ... with width=device-width */
    F_ZOOM_BLOCKED,
    F_PLUGIN,
    F_MEDIA,
    F_SHEETS_MISSING,                            /* linked stylesheets the crawler did not attach */
    F_HOME_LINK,                                 /* + concept: homepage links */
    F_ANY_LINK = F_HOME_LINK + EA_CONCEPT_COUNT, /* + concept: links on any page */
    F_PHONE = F_ANY_LINK + EA_CONCEPT_COUNT,
    F_EMAIL,
    F_POSTCODE,
    F_CHAT,
    F_SEARCH,
    F_FEEDBACK,
    F_TWITTER,
    F_FACEBOOK,
    F_SOCIAL_OTHER,
    F_LANG_EN,
    F_ESERVICE_GUIDE,
    F_OWN_OPEN_DATA, /* homepage links to an open data section on the site itself */
    F_PART_LINK,     /* participation criteria on the followed page: TAP or form link */
    F_PART_OPINION,  /* an e-mail or a form for opinions */
    F_PART_PROCEDURE,
    F_PART_DEADLINE,
    F_COUNT
};

struct fact_ev {
    bool found;
    char *url;     /* owned */
    char *excerpt; /* owned */
};

struct ea_site {
    const struct ea_concepts *concepts; /* borrowed */
    int audit_date;                     /* yyyymmdd, 0 when unknown */
    char *home;                         /* owned: the homepage URL, NULL until observed */
    char *host;                         /* owned: its host without "www." */
    size_t home_links;
    struct fact_ev facts[F_COUNT];
    bool followed[EA_CONCEPT_COUNT]; /* a page reached via that concept was observed */
    bool contacts_pending;           /* a contacts link exists but its page was not seen */
    bool open_data_seen;             /* the site's own open data page was observed */
    int news_latest;
    struct fact_ev news;
    char **files; /* owned: distinct open data file URLs, sorted */
    size_t nfiles, files_cap;
    char *part_url; /* owned: the followed participation page */
};

struct ea_site *ea_site_new(const struct ea_concepts *concepts, const char *audit_date)
{
    struct ea_site *s = ea_xcalloc(1, sizeof(*s));
    s->concepts = concepts;
    s->audit_date = audit_date ? ea_date_from_text(audit_date) : 0;
    return s;
}

static void fact_release(struct fact_ev *f)
{
    free(f->url);
    free(f->excerpt);
    memset(f, 0, sizeof(*f));
}

void ea_site_free(struct ea_site *site)
{
    if (!site)
        return;
    for (size_t i = 0; i < F_COUNT; i++)
        fact_release(&site->facts[i]);
    fact_release(&site->news);
    for (size_t i = 0; i < site->nfiles; i++)
        free(site->files[i]);
    free(site->files);
    free(site->home);
    free(site->host);
    free(site->part_url);
    free(site);
}

static void fact_set(struct fact_ev *f, const char *url, const char *excerpt)
{
    if (f->found)
        return;
    f->found = true;
    f->url = ea_xstrdup(url);
    f->excerpt = ea_xstrdup(excerpt ? excerpt : "");
}

static void found(struct ea_site *s, enum fact f, const char *url, const char *excerpt)
{
    fact_set(&s->facts[f], url, excerpt);
}

static bool has(const struct ea_site *s, int f)
{
    return s->facts[f].found;
}

/* ---- per page --------------------------------------------------------------------------- */

static bool same_site(const struct ea_site *s, const char *abs)
{
    struct ea_buf h = EA_BUF_INIT(EA_MAX_URL);
    ea_site_url_host(abs, &h);
    bool same = s->host && (h.len == 0 || strcmp(h.buf, s->host) == 0);
    ea_buf_release(&h);
    return same;
}

static void add_file(struct ea_site *s, const char *url)
{
    size_t lo = 0, hi = s->nfiles;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int cmp = strcmp(s->files[mid], url);
        if (cmp == 0)
            return;
        if (cmp < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (s->nfiles >= EA_MAX_SITE_FILES)
        return;
    EA_GROW(s->files, s->nfiles + 1, s->files_cap);
    memmove(s->files + lo + 1, s->files + lo, (s->nfiles - lo) * sizeof(*s->files));
    s->files[lo] = ea_xstrdup(url);
    s->nfiles++;
}

static void observe_link(struct ea_site *s, const struct ea_site_link *l, const char *page,
                         bool homepage, int via)
{
    const struct ea_concepts *c = s->concepts;
    unsigned mask = l->web ? ea_concepts_link_mask(c, l->name, l->abs) : 0;
    for (int k = 0; k < EA_CONCEPT_COUNT; k++) {
        if (!(mask & (1u << k)))
            continue;
        found(s, F_ANY_LINK + k, page, l->excerpt);
        if (homepage)
            found(s, F_HOME_LINK + k, page, l->excerpt);
    }
    if (homepage && (mask & (1u << EA_CONCEPT_OPEN_DATA)) && same_site(s, l->abs) &&
        !ea_wordlist_match_url(c, EA_LIST_OPEN_DATA_FILE, l->abs))
        found(s, F_OWN_OPEN_DATA, page, l->excerpt);
    if (l->contacts && ea_phone_tel_href(l->href))
        found(s, F_PHONE, page, l->excerpt);
    if (l->contacts && strncasecmp(l->href, "mailto:", 7) == 0 && strchr(l->href, '@'))
        found(s, F_EMAIL, page, l->excerpt);
    if (!l->web)
        return;
    if (ea_wordlist_match_url(c, EA_LIST_SOCIAL_TWITTER, l->abs))
        found(s, F_TWITTER, page, l->excerpt);
    if (ea_wordlist_match_url(c, EA_LIST_SOCIAL_FACEBOOK, l->abs))
        found(s, F_FACEBOOK, page, l->excerpt);
    if (ea_wordlist_match_url(c, EA_LIST_SOCIAL_OTHER, l->abs))
        found(s, F_SOCIAL_OTHER, page, l->excerpt);
    if (l->hreflang_en)
        found(s, F_LANG_EN, page, l->excerpt);
    if (mask & (1u << EA_CONCEPT_ESERVICE_GUIDANCE))
        found(s, F_ESERVICE_GUIDE, page, l->excerpt);
    if (via == EA_CONCEPT_PARTICIPATION && !l->chrome &&
        (ea_wordlist_match_url(c, EA_LIST_TAP_PORTAL, l->abs) ||
         ea_wordlist_match_url(c, EA_LIST_FORM_LINK, l->abs) ||
         ea_wordlist_match_text(c, EA_LIST_FORM_LINK, l->name, strlen(l->name))))
        found(s, F_PART_LINK, page, l->excerpt);
    if (via == EA_CONCEPT_OPEN_DATA && s->open_data_seen &&
        (ea_wordlist_match_url(c, EA_LIST_OPEN_DATA_FILE, l->abs) ||
         ea_wordlist_match_url(c, EA_LIST_OPEN_DATA_FILE, l->name)))
        add_file(s, l->abs);
}

/* The first line of text (block) that matches, with its excerpt; false when none. */
typedef bool (*line_matcher)(const struct ea_concepts *c, int which, const char *s, size_t n);

static bool concept_line(const struct ea_concepts *c, int which, const char *s, size_t n)
{
    return ea_concepts_match_text(c, (enum ea_concept)which, s, n);
}

static bool list_line(const struct ea_concepts *c, int which, const char *s, size_t n)
{
    return ea_wordlist_match_text(c, (enum ea_wordlist)which, s, n);
}

static bool find_line(const struct ea_site *s, const struct ea_buf *text, line_matcher m, int which,
                      unsigned max_words, struct ea_span *at)
{
    const char *p = text->buf, *end = text->buf + text->len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        unsigned words = 0;
        for (size_t i = 0; i < n; i++)
            words += (i == 0 || p[i - 1] == ' ') && p[i] != ' ';
        if (n && (!max_words || words <= max_words) && m(s->concepts, which, p, n)) {
            at->off = (size_t)(p - text->buf);
            at->len = n;
            return true;
        }
        p += n + 1;
    }
    return false;
}

static void found_span(struct ea_site *s, enum fact f, const char *page, const struct ea_buf *t,
                       struct ea_span at)
{
    struct ea_buf ex = EA_BUF_INIT(EA_MAX_EVIDENCE);
    ea_site_excerpt(t->buf, t->len, at, &ex);
    found(s, f, page, ex.buf);
    ea_buf_release(&ex);
}

static void observe_contacts(struct ea_site *s, const struct ea_site_page *pg, const char *page)
{
    struct ea_span at;
    const struct ea_buf *t = &pg->text;
    if (!has(s, F_PHONE) && ea_scan_phone(t->buf, t->len, 0, &at))
        found_span(s, F_PHONE, page, t, at);
    if (!has(s, F_EMAIL) && ea_scan_email(t->buf, t->len, 0, &at))
        found_span(s, F_EMAIL, page, t, at);
    if (!has(s, F_POSTCODE) && ea_scan_postcode(t->buf, t->len, 0, &at))
        found_span(s, F_POSTCODE, page, t, at);
}

static void observe_news(struct ea_site *s, const struct ea_buf *t, const char *page)
{
    struct ea_span at;
    size_t from = 0;
    int d;
    while ((d = ea_scan_date(t->buf, t->len, from, &at)) != 0) {
        from = at.off + at.len;
        if (s->audit_date && d > s->audit_date)
            continue; /* never a date in the future of the audit */
        if (d > s->news_latest) {
            struct ea_buf ex = EA_BUF_INIT(EA_MAX_EVIDENCE);
            ea_site_excerpt(t->buf, t->len, at, &ex);
            fact_release(&s->news);
            fact_set(&s->news, page, ex.buf);
            s->news_latest = d;
            ea_buf_release(&ex);
        }
    }
}

/* The page's own content only: a site-wide footer e-mail or TAP link is not guidance. */
static void observe_participation(struct ea_site *s, const struct ea_site_page *pg,
                                  const char *page)
{
    struct ea_span at;
    const struct ea_buf *t = &pg->main_text;
    if (!s->part_url)
        s->part_url = ea_xstrdup(page);
    if (!has(s, F_PART_OPINION)) {
        if (ea_scan_email(t->buf, t->len, 0, &at))
            found_span(s, F_PART_OPINION, page, t, at);
        else if (pg->opinion_form)
            found(s, F_PART_OPINION, page, pg->opinion_form);
    }
    if (!has(s, F_PART_PROCEDURE) &&
        find_line(s, t, list_line, EA_LIST_PARTICIPATION_PROCEDURE, 0, &at))
        found_span(s, F_PART_PROCEDURE, page, t, at);
    /* a deadline: a date on a line that also says "līdz" / "termiņš" */
    const char *p = t->buf, *end = t->buf + t->len;
    while (!has(s, F_PART_DEADLINE) && p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        if (ea_scan_date(p, n, 0, &at) &&
            ea_wordlist_match_text(s->concepts, EA_LIST_PARTICIPATION_DEADLINE, p, n)) {
            at.off = (size_t)(p - t->buf);
            at.len = n;
            found_span(s, F_PART_DEADLINE, page, t, at);
        }
        p += n + 1;
    }
}

void ea_site_observe(struct ea_site *site, const struct ea_doc *doc, const char *url, bool homepage,
                     int via)
{
    struct ea_site_page pg;
    struct ea_span at;
    const struct ea_concepts *c = site->concepts;
    if (!doc || !url)
        return;
    if (homepage && !site->home) {
        struct ea_buf h = EA_BUF_INIT(EA_MAX_URL);
        site->home = ea_xstrdup(url);
        ea_site_url_host(url, &h);
        site->host = ea_xstrdup(h.buf);
        ea_buf_release(&h);
    }
    if (via >= 0 && via < EA_CONCEPT_COUNT)
        site->followed[via] = true;
    bool contacts = homepage || via == EA_CONCEPT_CONTACTS ||
                    (!homepage && ea_concepts_match_url(c, EA_CONCEPT_CONTACTS, url));
    if (via == EA_CONCEPT_OPEN_DATA && same_site(site, url))
        site->open_data_seen = true;
    ea_site_page_read(doc, url, c, contacts, &pg);
    if (homepage) {
        site->home_links = pg.nlinks;
        if (pg.viewport) {
            found(site, F_VIEWPORT, url, pg.viewport);
            if (pg.vp.device_width)
                found(site, F_DEVICE_WIDTH, url, pg.viewport);
            if (pg.vp.blocks_zoom)
                found(site, F_ZOOM_BLOCKED, url, pg.viewport);
        }
        if (pg.plugin)
            found(site, F_PLUGIN, url, pg.plugin);
        if (pg.media)
            found(site, F_MEDIA, url, pg.media);
        if (pg.sheets_missing)
            found(site, F_SHEETS_MISSING, url, pg.sheets_missing);
        if (pg.search)
            found(site, F_SEARCH, url, pg.search);
    }
    for (size_t i = 0; i < pg.nlinks; i++)
        observe_link(site, &pg.links[i], url, homepage, via);
    if (pg.chat)
        found(site, F_CHAT, url, pg.chat);
    if (pg.hreflang_en)
        found(site, F_LANG_EN, url, pg.hreflang_en);
    if (contacts)
        observe_contacts(site, &pg, url);
    if (!has(site, F_FEEDBACK) &&
        find_line(site, &pg.text, concept_line, EA_CONCEPT_FEEDBACK, 12, &at))
        found_span(site, F_FEEDBACK, url, &pg.text, at);
    if (!has(site, F_FEEDBACK) && pg.feedback_form)
        found(site, F_FEEDBACK, url, pg.feedback_form);
    if (homepage)
        observe_news(site, &pg.news_text, url);
    if (via == EA_CONCEPT_NEWS)
        observe_news(site, &pg.main_text, url);
    if (via == EA_CONCEPT_PARTICIPATION)
        observe_participation(site, &pg, url);
    if ((via == EA_CONCEPT_ESERVICES || via == EA_CONCEPT_SERVICES ||
         via == EA_CONCEPT_ESERVICE_GUIDANCE) &&
        !has(site, F_ESERVICE_GUIDE)) {
        if (find_line(site, &pg.main_text, list_line, EA_LIST_ESERVICE_GUIDANCE_WORDS, 0, &at))
            found_span(site, F_ESERVICE_GUIDE, url, &pg.main_text, at);
        else if (pg.video)
            found(site, F_ESERVICE_GUIDE, url, pg.video);
    }
    ea_site_page_release(&pg);
}

/* ---- answers ---------------------------------------------------------------------------- */

struct answering {
    const struct ea_site *s;
    struct ea_sheet_row *row;
    struct ea_sheet_evidence *ev;
};

static void explain(struct answering *a, enum ea_col col, const char *url, const char *excerpt)
{
    if (!a->ev)
        return;
    free(a->ev->url[col]);
    free(a->ev->excerpt[col]);
    a->ev->url[col] = url ? ea_xstrdup(url) : NULL;
    a->ev->excerpt[col] = excerpt ? ea_xstrndup(excerpt, EA_MAX_EVIDENCE) : NULL;
}

/* The answer is the fact: 1 with the fact's evidence, or 0 with why not. */
static void by_fact(struct answering *a, enum ea_col col, int f, const char *why_not)
{
    const struct fact_ev *fe = &a->s->facts[f];
    ea_row_set_bool(a->row, col, fe->found);
    if (fe->found)
        explain(a, col, fe->url, fe->excerpt);
    else
        explain(a, col, a->s->home, why_not);
}

static void unknown(struct answering *a, enum ea_col col, const char *why)
{
    ea_row_set(a->row, col, NULL);
    explain(a, col, a->s->home, why);
}

static void answer_mobile(struct answering *a)
{
    const struct ea_site *s = a->s;
    by_fact(a, EA_COL_MOBILE_VIEWPORT, F_DEVICE_WIDTH,
            has(s, F_VIEWPORT) ? "the viewport has no width=device-width"
                               : "no <meta name=\"viewport\"> on the homepage");
    ea_row_set_bool(a->row, EA_COL_MOBILE_ZOOM, !has(s, F_ZOOM_BLOCKED));
    if (has(s, F_ZOOM_BLOCKED))
        explain(a, EA_COL_MOBILE_ZOOM, s->facts[F_ZOOM_BLOCKED].url,
                s->facts[F_ZOOM_BLOCKED].excerpt);
    else if (has(s, F_VIEWPORT))
        explain(a, EA_COL_MOBILE_ZOOM, s->facts[F_VIEWPORT].url, s->facts[F_VIEWPORT].excerpt);
    else
        explain(a, EA_COL_MOBILE_ZOOM, s->home, "no viewport meta: nothing blocks zoom");
    ea_row_set_bool(a->row, EA_COL_MOBILE_NO_PLUGINS, !has(s, F_PLUGIN));
    if (has(s, F_PLUGIN))
        explain(a, EA_COL_MOBILE_NO_PLUGINS, s->facts[F_PLUGIN].url, s->facts[F_PLUGIN].excerpt);
    else
        explain(a, EA_COL_MOBILE_NO_PLUGINS, s->home, "no flash, java applet or silverlight");
    if (has(s, F_MEDIA))
        by_fact(a, EA_COL_MOBILE_RESPONSIVE, F_MEDIA, NULL);
    else if (has(s, F_SHEETS_MISSING))
        unknown(a, EA_COL_MOBILE_RESPONSIVE, s->facts[F_SHEETS_MISSING].excerpt);
    else
        by_fact(a, EA_COL_MOBILE_RESPONSIVE, F_MEDIA,
                "no @media rule with a width condition in the homepage's css");
    const char *r = a->row->cells[EA_COL_MOBILE_RESPONSIVE];
    if (!r) {
        unknown(a, EA_COL_MOBILE_FRIENDLY, "mobile_responsive is unknown");
        return;
    }
    bool all = has(s, F_DEVICE_WIDTH) && !has(s, F_ZOOM_BLOCKED) && !has(s, F_PLUGIN) &&
               strcmp(r, "1") == 0;
    ea_row_set_bool(a->row, EA_COL_MOBILE_FRIENDLY, all);
    explain(a, EA_COL_MOBILE_FRIENDLY, s->home,
            all ? "the four mobile items are 1" : "at least one mobile item is 0");
}

static void link_answer(struct answering *a, enum ea_col col, enum ea_concept k, bool home_only)
{
    struct ea_buf why = EA_BUF_INIT(EA_MAX_EVIDENCE);
    ea_buf_addf(&why, "no link named or pointing like '%s' among the homepage's %zu links%s",
                ea_concept_name(k), a->s->home_links, home_only ? "" : " and the pages followed");
    by_fact(a, col, (home_only ? F_HOME_LINK : F_ANY_LINK) + (int)k, why.buf);
    ea_buf_release(&why);
}

static void answer_participation(struct answering *a)
{
    const struct ea_site *s = a->s;
    link_answer(a, EA_COL_PARTICIPATION_LINK, EA_CONCEPT_PARTICIPATION, true);
    if (!has(s, F_HOME_LINK + EA_CONCEPT_PARTICIPATION)) {
        unknown(a, EA_COL_PARTICIPATION_GUIDANCE, "no participation link");
        return;
    }
    if (!s->part_url) {
        unknown(a, EA_COL_PARTICIPATION_GUIDANCE, "the participation page was not fetched");
        return;
    }
    static const int crit[] = { F_PART_LINK, F_PART_OPINION, F_PART_PROCEDURE, F_PART_DEADLINE };
    static const char *const names[] = { "tap or form link", "e-mail or form", "procedure",
                                         "deadline" };
    struct ea_buf ex = EA_BUF_INIT(EA_MAX_EVIDENCE);
    int met = 0;
    for (size_t i = 0; i < 4; i++)
        if (has(s, crit[i])) {
            ea_buf_addf(&ex, "%s%s: %s", met ? "; " : "", names[i], s->facts[crit[i]].excerpt);
            met++;
        }
    if (met < 2)
        ea_buf_addf(&ex, "%s%d of 4 criteria met, 2 needed", met ? "; " : "", met);
    ea_row_set_bool(a->row, EA_COL_PARTICIPATION_GUIDANCE, met >= 2);
    explain(a, EA_COL_PARTICIPATION_GUIDANCE, s->part_url, ex.buf);
    ea_buf_release(&ex);
}

static void answer_contacts(struct answering *a)
{
    const struct ea_site *s = a->s;
    static const struct {
        enum ea_col col;
        int fact;
        const char *what;
    } items[] = {
        { EA_COL_CONTACT_PHONE, F_PHONE, "no latvian phone number" },
        { EA_COL_CONTACT_EMAIL, F_EMAIL, "no e-mail address" },
        { EA_COL_CONTACT_ADDRESS, F_POSTCODE, "no postcode LV-dddd" },
    };
    bool link = has(s, F_HOME_LINK + EA_CONCEPT_CONTACTS);
    link_answer(a, EA_COL_CONTACT_LINK, EA_CONCEPT_CONTACTS, true);
    for (size_t i = 0; i < sizeof(items) / sizeof(items[0]); i++) {
        if (!has(s, items[i].fact) && link && !s->followed[EA_CONCEPT_CONTACTS]) {
            unknown(a, items[i].col, "not on the homepage, and the contacts page was not fetched");
            continue;
        }
        by_fact(a, items[i].col, items[i].fact, items[i].what);
    }
}

static void answer_news(struct answering *a)
{
    const struct ea_site *s = a->s;
    if (!s->news_latest) {
        unknown(a, EA_COL_NEWS_LATEST, "no dated news on the homepage or the news page");
        unknown(a, EA_COL_NEWS_FRESH, "news_latest is empty");
        return;
    }
    char ymd[11];
    ea_date_format(s->news_latest, ymd);
    ea_row_set(a->row, EA_COL_NEWS_LATEST, ymd);
    explain(a, EA_COL_NEWS_LATEST, s->news.url, s->news.excerpt);
    if (!s->audit_date) {
        unknown(a, EA_COL_NEWS_FRESH, "no audit date");
        return;
    }
    long days = ea_date_days_between(s->news_latest, s->audit_date);
    struct ea_buf why = EA_BUF_INIT(EA_MAX_EVIDENCE);
    ea_buf_addf(&why, "%s is %ld days before the audit date", ymd, days);
    ea_row_set_bool(a->row, EA_COL_NEWS_FRESH, days <= 30);
    explain(a, EA_COL_NEWS_FRESH, s->news.url, why.buf);
    ea_buf_release(&why);
}

static void answer_open_data(struct answering *a)
{
    const struct ea_site *s = a->s;
    link_answer(a, EA_COL_OPEN_DATA_LINK, EA_CONCEPT_OPEN_DATA, false);
    if (!has(s, F_OWN_OPEN_DATA)) {
        unknown(a, EA_COL_OPEN_DATA_FILES, "no open data section on the site itself");
        return;
    }
    if (!s->open_data_seen) {
        unknown(a, EA_COL_OPEN_DATA_FILES, "the open data section was not fetched");
        return;
    }
    struct ea_buf why = EA_BUF_INIT(EA_MAX_EVIDENCE);
    ea_buf_addf(&why, "%zu machine-readable file links%s%s", s->nfiles, s->nfiles ? ", first " : "",
                s->nfiles ? s->files[0] : "");
    ea_row_set_int(a->row, EA_COL_OPEN_DATA_FILES, (long)s->nfiles);
    explain(a, EA_COL_OPEN_DATA_FILES, s->facts[F_OWN_OPEN_DATA].url, why.buf);
    ea_buf_release(&why);
}

void ea_site_answer_evidence(const struct ea_site *site, struct ea_sheet_row *row,
                             struct ea_sheet_evidence *ev)
{
    struct answering a = { site, row, ev };
    if (!site->home) {
        for (int col = EA_COL_MOBILE_VIEWPORT; col <= EA_COL_EASY_READ; col++)
            unknown(&a, (enum ea_col)col, "the homepage was not fetched");
        return;
    }
    answer_mobile(&a);
    answer_participation(&a);
    answer_contacts(&a);
    link_answer(&a, EA_COL_SERVICES_LINK, EA_CONCEPT_SERVICES, true);
    link_answer(&a, EA_COL_ESERVICES_LINK, EA_CONCEPT_ESERVICES, false);
    by_fact(&a, EA_COL_ESERVICE_GUIDANCE, F_ESERVICE_GUIDE,
            "no instructions, demonstration or video on using e-services");
    if (has(site, F_CHAT))
        by_fact(&a, EA_COL_ONLINE_CONSULTATION, F_CHAT, NULL);
    else
        link_answer(&a, EA_COL_ONLINE_CONSULTATION, EA_CONCEPT_CONSULTATION, false);
    by_fact(&a, EA_COL_SITE_SEARCH, F_SEARCH, "no search form on the homepage");
    if (has(site, F_FEEDBACK))
        by_fact(&a, EA_COL_FEEDBACK, F_FEEDBACK, NULL);
    else
        link_answer(&a, EA_COL_FEEDBACK, EA_CONCEPT_FEEDBACK, false);
    answer_news(&a);
    by_fact(&a, EA_COL_SOCIAL_TWITTER, F_TWITTER, "no twitter.com or x.com profile link");
    by_fact(&a, EA_COL_SOCIAL_FACEBOOK, F_FACEBOOK, "no facebook.com page link");
    by_fact(&a, EA_COL_SOCIAL_OTHER, F_SOCIAL_OTHER, "no link to another social network");
    answer_open_data(&a);
    if (has(site, F_LANG_EN))
        by_fact(&a, EA_COL_LANG_EN, F_LANG_EN, NULL);
    else
        link_answer(&a, EA_COL_LANG_EN, EA_CONCEPT_ENGLISH, false);
    link_answer(&a, EA_COL_ACCESSIBILITY_STATEMENT, EA_CONCEPT_ACCESSIBILITY_STATEMENT, false);
    link_answer(&a, EA_COL_EASY_READ, EA_CONCEPT_EASY_READ, false);
}

void ea_site_answer(const struct ea_site *site, struct ea_sheet_row *row)
{
    ea_site_answer_evidence(site, row, NULL);
}

void ea_sheet_evidence_init(struct ea_sheet_evidence *ev)
{
    memset(ev, 0, sizeof(*ev));
}

void ea_sheet_evidence_release(struct ea_sheet_evidence *ev)
{
    for (size_t i = 0; i < EA_COL_COUNT; i++) {
        free(ev->url[i]);
        free(ev->excerpt[i]);
    }
    memset(ev, 0, sizeof(*ev));
}
