/* checks/site: the questionnaire over whole fixture sites (tests/fixtures/sites/<site>/),
 * each page decoded and parsed as the audit does, the non-homepage pages observed with the
 * concept of the homepage link that leads to them, every answer compared with the site's
 * expected.csv column by column, and evidence required for every column. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks/site/page.h"
#include "checks/site/site.h"
#include "core/doc.h"
#include "crawler/charset.h"

static struct ea_concepts *concepts;

static int setup(void **state)
{
    (void)state;
    return ea_concepts_load(NULL, &concepts) == EA_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    ea_concepts_free(concepts);
    return 0;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open '%s'", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    if (len)
        *len = (size_t)n;
    return buf;
}

struct page {
    char file[128], url[512], ctype[128];
    struct ea_doc *doc;
};

struct site {
    char date[16];
    struct page pages[16];
    size_t npages;
};

static void load_page(const char *dir, struct page *p)
{
    char path[1024];
    size_t len;
    struct ea_decoded dec;
    snprintf(path, sizeof(path), "%s/%s", dir, p->file);
    char *raw = slurp(path, &len);
    assert_int_equal(ea_charset_decode(raw, len, p->ctype[0] ? p->ctype : NULL, &dec), EA_OK);
    assert_int_equal(ea_doc_parse(dec.utf8, dec.len, p->url, &p->doc), EA_OK);
    ea_decoded_release(&dec);
    free(raw);
}

static void read_manifest(const char *dir, struct site *s)
{
    char path[1024], line[2048];
    snprintf(path, sizeof(path), "%s/manifest.txt", dir);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    memset(s, 0, sizeof(*s));
    while (fgets(line, sizeof(line), f)) {
        char a[128] = "", b[512] = "", c[512] = "";
        int off = 0;
        if (line[0] == '#' || line[0] == '\n')
            continue;
        if (sscanf(line, "date %15s", s->date) == 1)
            continue;
        if (sscanf(line, "page %127s %511s %n", a, b, &off) >= 2) {
            struct page *p = &s->pages[s->npages++];
            snprintf(p->file, sizeof(p->file), "%s", a);
            snprintf(p->url, sizeof(p->url), "%s", b);
            snprintf(p->ctype, sizeof(p->ctype), "%s", off ? line + off : "");
            p->ctype[strcspn(p->ctype, "\n")] = '\0';
            load_page(dir, p);
        } else if (sscanf(line, "css %127s %127s %511s", a, b, c) == 3) {
            char css_path[1024];
            size_t len;
            snprintf(css_path, sizeof(css_path), "%s/%s", dir, b);
            char *css = slurp(css_path, &len);
            for (size_t i = 0; i < s->npages; i++)
                if (strcmp(s->pages[i].file, a) == 0)
                    ea_doc_add_stylesheet(s->pages[i].doc, c, css, len, EA_CSS_MEDIA_YES, 1);
            free(css);
        } else {
            fail_msg("%s: bad line '%s'", path, line);
        }
    }
    fclose(f);
}

/* The concept of the homepage link the crawler would follow to url, or -1. */
static int via_of(const struct page *home, const char *url)
{
    struct ea_site_page pg;
    int via = -1;
    ea_site_page_read(home->doc, home->url, concepts, true, &pg);
    for (size_t i = 0; i < pg.nlinks && via < 0; i++)
        if (strcmp(pg.links[i].abs, url) == 0)
            via = ea_concepts_classify_link(concepts, pg.links[i].name, pg.links[i].abs);
    ea_site_page_release(&pg);
    return via;
}

static size_t split_csv(char *line, char **fields, size_t max)
{
    size_t n = 0;
    line[strcspn(line, "\r\n")] = '\0';
    for (char *p = line; n < max;) {
        fields[n++] = p;
        char *comma = strchr(p, ',');
        if (!comma)
            break;
        *comma = '\0';
        p = comma + 1;
    }
    return n;
}

static void check_site(const char *name)
{
    char dir[1024], path[1100], header[4096], values[4096];
    struct site s;
    snprintf(dir, sizeof(dir), "%s/sites/%s", EA_FIXTURES, name);
    read_manifest(dir, &s);
    assert_true(s.npages > 0);

    struct ea_site *site = ea_site_new(concepts, s.date);
    ea_site_observe(site, s.pages[0].doc, s.pages[0].url, true, -1);
    for (size_t i = 1; i < s.npages; i++) {
        int via = via_of(&s.pages[0], s.pages[i].url);
        if (via < 0)
            fail_msg("%s: no homepage link leads to %s", name, s.pages[i].url);
        ea_site_observe(site, s.pages[i].doc, s.pages[i].url, false, via);
    }
    struct ea_sheet_row row;
    struct ea_sheet_evidence ev;
    ea_row_init(&row);
    ea_sheet_evidence_init(&ev);
    ea_site_answer_evidence(site, &row, &ev);

    snprintf(path, sizeof(path), "%s/expected.csv", dir);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    assert_non_null(fgets(header, sizeof(header), f));
    assert_non_null(fgets(values, sizeof(values), f));
    fclose(f);
    char *cols[64], *vals[64];
    size_t nc = split_csv(header, cols, 64), nv = split_csv(values, vals, 64);
    assert_int_equal(nc, nv);
    assert_int_equal(nc, EA_COL_EASY_READ - EA_COL_MOBILE_VIEWPORT + 1);
    int wrong = 0;
    for (size_t i = 0; i < nc; i++) {
        enum ea_col col = ea_col_find(cols[i]);
        assert_int_not_equal(col, EA_COL_COUNT);
        const char *got = row.cells[col] ? row.cells[col] : "";
        if (strcmp(got, vals[i]) != 0) {
            print_message("%s: %s is '%s', expected '%s' (%s: %s)\n", name, cols[i], got, vals[i],
                          ev.url[col] ? ev.url[col] : "-", ev.excerpt[col] ? ev.excerpt[col] : "-");
            wrong++;
        }
        if (!ev.excerpt[col] || !ev.excerpt[col][0] || !ev.url[col] ||
            strncmp(ev.url[col], "http", 4) != 0) {
            print_message("%s: %s has no evidence\n", name, cols[i]);
            wrong++;
        }
    }
    assert_int_equal(wrong, 0);
    ea_sheet_evidence_release(&ev);
    ea_row_release(&row);
    ea_site_free(site);
    for (size_t i = 0; i < s.npages; i++)
        ea_doc_free(s.pages[i].doc);
}

static void test_govlv(void **state)
{
    (void)state;
    check_site("govlv");
}

/* The evidence names the page and the element or text that decided. */
static void test_evidence(void **state)
{
    (void)state;
    struct site s;
    char dir[1024];
    snprintf(dir, sizeof(dir), "%s/sites/govlv", EA_FIXTURES);
    read_manifest(dir, &s);
    struct ea_site *site = ea_site_new(concepts, s.date);
    ea_site_observe(site, s.pages[0].doc, s.pages[0].url, true, -1);
    for (size_t i = 1; i < s.npages; i++)
        ea_site_observe(site, s.pages[i].doc, s.pages[i].url, false,
                        via_of(&s.pages[0], s.pages[i].url));
    struct ea_sheet_row row;
    struct ea_sheet_evidence ev;
    ea_row_init(&row);
    ea_sheet_evidence_init(&ev);
    ea_site_answer_evidence(site, &row, &ev);
    assert_string_equal(ev.url[EA_COL_CONTACT_LINK], "https://www.vvk.gov.lv/lv");
    assert_non_null(
        strstr(ev.excerpt[EA_COL_CONTACT_LINK], "\"Kontakti\" <a href=\"/lv/kontakti\">"));
    assert_non_null(strstr(ev.excerpt[EA_COL_SOCIAL_FACEBOOK], "\"Facebook\""));
    assert_non_null(strstr(ev.excerpt[EA_COL_NEWS_LATEST], "2026-11-20"));
    assert_string_equal(ev.url[EA_COL_PARTICIPATION_GUIDANCE],
                        "https://www.vvk.gov.lv/lv/nozares-politika/sabiedribas-lidzdaliba");
    assert_non_null(strstr(ev.excerpt[EA_COL_PARTICIPATION_GUIDANCE], "tapportals.mk.gov.lv"));
    assert_non_null(strstr(ev.excerpt[EA_COL_PARTICIPATION_GUIDANCE], "deadline: "));
    assert_string_equal(ev.url[EA_COL_FEEDBACK], "https://www.vvk.gov.lv/lv/kontakti");
    assert_non_null(strstr(ev.excerpt[EA_COL_FEEDBACK], "Vai šī informācija bija noderīga?"));
    assert_non_null(strstr(ev.excerpt[EA_COL_ESERVICE_GUIDANCE], "no instructions"));
    assert_non_null(strstr(ev.excerpt[EA_COL_OPEN_DATA_FILES], "3 machine-readable file links"));
    ea_sheet_evidence_release(&ev);
    ea_row_release(&row);
    ea_site_free(site);
    for (size_t i = 0; i < s.npages; i++)
        ea_doc_free(s.pages[i].doc);
}

static void test_oldtable(void **state)
{
    (void)state;
    check_site("oldtable");
}

static void test_portal(void **state)
{
    (void)state;
    check_site("portal");
}

static void test_traps(void **state)
{
    (void)state;
    check_site("traps");
}

/* One homepage, answered: the mobile items from inline and linked CSS and from plugins. */
static void test_mobile(void **state)
{
    (void)state;
    static const struct {
        const char *head, *body, *sheet; /* sheet: a linked stylesheet the crawler attached */
        const char *responsive, *no_plugins;
        int sheet_kind; /* 0: named by the <link>, 1: by an @import, 2: a print <link> */
    } cases[] = {
        { "<style>@media (max-width: 600px) { nav { display: none } }</style>", "", NULL, "1", "1",
          0 },
        { "<style>@media print { nav { display: none } }</style>", "", NULL, "0", "1", 0 },
        { "<style>/* @media (max-width: 600px) {} */ a { content: \"@media (min-width:1px)\" "
          "}</style>",
          "", NULL, "0", "1", 0 },
        { "<style media=\"screen and (max-width: 600px)\">nav{}</style>", "", NULL, "1", "1", 0 },
        { "<link rel=stylesheet href=/m.css media=\"(max-width: 40em)\">", "", NULL, "1", "1", 0 },
        { "<link rel=stylesheet href=/s.css>", "", "@media screen and (min-width:768px){a{}}", "1",
          "1", 0 },
        { "<link rel=stylesheet href=/s.css>", "", "@media print{a{}}", "0", "1", 0 },
        { "<link rel=stylesheet href=/s.css><link rel=stylesheet href=/t.css>", "",
          "@media print{a{}}", NULL, "1", 0 },
        /* an @import's media list with a width is a sheet for some screens; an imported sheet
         * does not stand for a <link> that was not fetched; a print sheet's widths are paper's */
        { "<style>@import url(n.css) (max-width: 600px); a{}</style>", "", NULL, "1", "1", 0 },
        { "<link rel=stylesheet href=/s.css>", "",
          "@import url(n.css) screen and (max-width:600px); a{}", "1", "1", 0 },
        { "<link rel=stylesheet href=/s.css>", "", "@media print{a{}}", NULL, "1", 1 },
        { "<link rel=stylesheet href=/s.css media=print>", "", "@media (max-width:600px){a{}}", "0",
          "1", 2 },
        /* an alternate sheet is not fetched, so it is not missing either */
        { "<link rel=\"alternate stylesheet\" href=/a.css><link rel=stylesheet>", "", NULL, "0",
          "1", 0 },
        { "", "<object type=\"application/x-shockwave-flash\" data=\"b.swf\"></object>", NULL, "0",
          "0", 0 },
        { "", "<embed src=\"/banner.SWF\">", NULL, "0", "0", 0 },
        { "", "<applet code=\"A.class\"></applet>", NULL, "0", "0", 0 },
        { "", "<object data=\"x.xap\" type=\"application/x-silverlight-2\"></object>", NULL, "0",
          "0", 0 },
        { "", "<object data=\"map.svg\" type=\"image/svg+xml\"></object><embed src=\"a.pdf\">",
          NULL, "0", "1", 0 },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char html[1024];
        struct ea_doc *doc;
        snprintf(html, sizeof(html), "<html><head>%s</head><body>%s</body></html>", cases[i].head,
                 cases[i].body);
        assert_int_equal(ea_doc_parse(html, strlen(html), "https://a.lv/", &doc), EA_OK);
        if (cases[i].sheet)
            ea_doc_add_stylesheet(doc, "https://a.lv/s.css", cases[i].sheet, strlen(cases[i].sheet),
                                  cases[i].sheet_kind == 2 ? EA_CSS_MEDIA_NO : EA_CSS_MEDIA_YES,
                                  cases[i].sheet_kind != 1 ? 1 : 0);
        struct ea_site *site = ea_site_new(concepts, "2026-11-27");
        struct ea_sheet_row row;
        ea_row_init(&row);
        ea_site_observe(site, doc, "https://a.lv/", true, -1);
        ea_site_answer(site, &row);
        const char *r = row.cells[EA_COL_MOBILE_RESPONSIVE],
                   *p = row.cells[EA_COL_MOBILE_NO_PLUGINS];
        if (!(r ? cases[i].responsive && strcmp(r, cases[i].responsive) == 0
                : !cases[i].responsive) ||
            strcmp(p, cases[i].no_plugins) != 0)
            fail_msg("case %zu: responsive %s no_plugins %s", i, r ? r : "empty", p);
        ea_row_release(&row);
        ea_site_free(site);
        ea_doc_free(doc);
    }
}

/* Without a homepage nothing is known: every questionnaire column is empty, with a reason. */
static void test_no_homepage(void **state)
{
    (void)state;
    struct ea_site *site = ea_site_new(concepts, "2026-11-27");
    struct ea_sheet_row row;
    struct ea_sheet_evidence ev;
    ea_row_init(&row);
    ea_sheet_evidence_init(&ev);
    ea_site_answer_evidence(site, &row, &ev);
    for (int c = EA_COL_MOBILE_VIEWPORT; c <= EA_COL_EASY_READ; c++) {
        assert_null(row.cells[c]);
        assert_non_null(ev.excerpt[c]);
    }
    assert_null(row.cells[EA_COL_REACHABLE]); /* not ours */
    ea_sheet_evidence_release(&ev);
    ea_row_release(&row);
    ea_site_free(site);
}

/* A page with 50,000 links and a megabyte of text: answered, and the links found. */
static void test_huge_page(void **state)
{
    (void)state;
    size_t cap = 8u << 20, len = 0;
    char *html = malloc(cap);
    len += (size_t)snprintf(html + len, cap - len, "<html><body><p>Tālr. 67026540</p><p>");
    for (int i = 0; i < 50000; i++)
        len +=
            (size_t)snprintf(html + len, cap - len, "<a href=\"/lv/lapa-%d\">Lapa %d</a> ", i, i);
    len += (size_t)snprintf(html + len, cap - len, "<a href=\"/lv/kontakti\">Kontakti</a></p>");
    for (int i = 0; i < 20000; i++)
        len += (size_t)snprintf(html + len, cap - len, "<p>Teksts bez skaitļiem %d.</p>", i % 10);
    len += (size_t)snprintf(html + len, cap - len, "</body></html>");
    struct ea_doc *doc;
    assert_int_equal(ea_doc_parse(html, len, "https://www.liela.gov.lv/lv", &doc), EA_OK);
    struct ea_site *site = ea_site_new(concepts, "2026-11-27");
    ea_site_observe(site, doc, "https://www.liela.gov.lv/lv", true, -1);
    struct ea_sheet_row row;
    ea_row_init(&row);
    ea_site_answer(site, &row);
    assert_string_equal(row.cells[EA_COL_CONTACT_LINK], "1");
    assert_string_equal(row.cells[EA_COL_CONTACT_PHONE], "1");
    assert_string_equal(row.cells[EA_COL_PARTICIPATION_LINK], "0");
    ea_row_release(&row);
    ea_site_free(site);
    ea_doc_free(doc);
    free(html);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_govlv),       cmocka_unit_test(test_oldtable),
        cmocka_unit_test(test_portal),      cmocka_unit_test(test_traps),
        cmocka_unit_test(test_no_homepage), cmocka_unit_test(test_huge_page),
        cmocka_unit_test(test_mobile),      cmocka_unit_test(test_evidence),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
