#include "store_fixture.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "checks/check.h"
#include "core/doc.h"

const char *const fixture_site_ids[FIXTURE_NSITES] = { "am", "evil", "vni" };

/* The evil page: markup that would break or inject into a report that forgot to escape. */
static const char evil_html[] =
    "<!DOCTYPE html><html><head><title>Ļaunā lapa</title></head><body>\n"
    "<p><img src=\"x.png\" data-x='\"</td></table><script>alert(1)</script>'></p>\n"
    "<a href=\"/\"><img src=\"a&amp;b.png\"></a>\n"
    "</body></html>\n";

static const char good_html_a[] =
    "<!DOCTYPE html><html lang=\"lv\"><head><title>Aizsardzības ministrija</title>"
    "<meta name=\"viewport\" content=\"width=device-width\"></head><body>\n"
    "<img src=\"logo.png\">\n"
    "<form><input type=\"text\" id=\"q\"></form>\n"
    "</body></html>\n";

/* Run B: the logo got its alt text (fixed), a new unnamed button appeared (new). */
static const char good_html_b[] =
    "<!DOCTYPE html><html lang=\"lv\"><head><title>Aizsardzības ministrija</title>"
    "<meta name=\"viewport\" content=\"width=device-width\"></head><body>\n"
    "<img src=\"logo.png\" alt=\"Ministrijas logo\">\n"
    "<form><input type=\"text\" id=\"q\"><button></button></form>\n"
    "</body></html>\n";

struct site_def {
    const char *id, *name, *type, *url;
};

static const struct site_def defs[FIXTURE_NSITES] = {
    { "am", "Aizsardzības ministrija", "ministry", "https://www.mod.gov.lv/" },
    { "evil", "Iestāde \"<script>alert('x')</script>\" & Co", "institution",
      "https://evil.example.lv/?a=1&b=\"><script>" },
    { "vni", "VAS Valsts nekustamie īpašumi", "institution", "https://www.vni.lv/" },
};

static void check_page(const char *html, const char *url, struct ea_results *r, struct ea_doc **doc)
{
    assert_int_equal(ea_doc_parse(html, strlen(html), url, doc), EA_OK);
    ea_results_init(r, *doc);
    /* A fixed set of rules, so the golden reports do not change when checks are added. */
    static const char *const rules[] = {
        "button-name", "document-title", "html-has-lang", "image-alt", "label", "link-name",
    };
    ea_checks_run(*doc, rules, sizeof(rules) / sizeof(rules[0]), r);
}

static void set_score(struct ea_sheet_row *row, const struct ea_results *r, size_t npages)
{
    size_t applicable = 0, passed = 0, violations = 0;
    for (size_t i = 0; i < r->nrules; i++) {
        applicable += ea_rule_result_applicable(&r->rules[i]);
        passed += ea_rule_result_passed(&r->rules[i]);
        violations += r->rules[i].count[EA_OUTCOME_VIOLATION];
    }
    double score = applicable ? 100.0 * (double)passed / (double)applicable : 0;
    ea_row_set_int(row, EA_COL_PAGES_AUDITED, (long)npages);
    ea_row_setf(row, EA_COL_WCAG_SCORE, "%.1f", score);
    ea_row_set(row, EA_COL_WCAG_BAND, ea_wcag_band(score));
    ea_row_set_int(row, EA_COL_WCAG_VIOLATIONS, (long)violations);
}

enum ea_err fixture_put_site(struct ea_store *st, long long run_id, size_t i, char variant)
{
    const struct site_def *d = &defs[i];
    struct ea_sheet_row row;
    struct ea_store_site site;
    struct ea_store_page pages[3];
    struct ea_results r;
    struct ea_doc *doc = NULL;
    bool reachable = !(i == 2 && variant == 'B');
    enum ea_err err;

    memset(&site, 0, sizeof(site));
    memset(pages, 0, sizeof(pages));
    ea_row_init(&row);
    ea_results_init(&r, NULL);
    ea_row_set(&row, EA_COL_ID, d->id);
    ea_row_set(&row, EA_COL_NAME, d->name);
    ea_row_set(&row, EA_COL_TYPE, d->type);
    ea_row_set(&row, EA_COL_URL, d->url);
    ea_row_set(&row, EA_COL_AUDIT_DATE, variant == 'A' ? "2026-11-26" : "2026-11-27");
    ea_row_set_bool(&row, EA_COL_REACHABLE, reachable);
    site.row = &row;
    site.pages = pages;
    /* Run B records what its crawl met (schema 5); run A, as if stored before, does not.
     * Site 0 met every kind of skipped link, site 1 (hostile) an unreadable robots.txt and
     * too many failures. */
    struct ea_store_crawl crawl = {
        .known = true,
        .robots_unreachable = i == 1,
        .given_up = i == 1,
        .sitemap_cut = i == 0,
        .max_pages = 100,
        .robots_blocked = i == 0 ? 1 : 0,
        .trapped = i == 0 ? 37 : 0,
        .out_of_budget = i == 0 ? 1204 : 0,
        .sitemap_urls = i == 0 ? 416 : 0,
        .duplicates = i == 0 ? 2 : 0,
        .delay = i == 0 ? 2.5 : 1,
    };
    site.crawl = variant == 'B' ? &crawl : NULL;
    if (reachable) {
        const char *html = i == 1 ? evil_html : variant == 'A' ? good_html_a : good_html_b;
        static const char *const hops[] = { "https://www.mod.gov.lv/lv" };
        check_page(html, d->url, &r, &doc);
        ea_row_set(&row, EA_COL_FINAL_URL, i == 0 ? hops[0] : d->url);
        ea_row_set_bool(&row, EA_COL_HTTPS, true);
        ea_row_set_bool(&row, EA_COL_CONTACT_PHONE, i == 0);
        ea_row_set_bool(&row, EA_COL_SITE_SEARCH, variant == 'B' || i != 0);
        ea_row_set_bool(&row, EA_COL_MOBILE_FRIENDLY, i == 0);
        ea_row_set_int(&row, EA_COL_BROKEN_LINKS, 1);
        set_score(&row, &r, 1);
        site.evidence_url[EA_COL_CONTACT_PHONE] = "https://www.mod.gov.lv/lv/kontakti";
        site.evidence_excerpt[EA_COL_CONTACT_PHONE] = i == 0 ? "Tālrunis: 67335000" : NULL;
        pages[0] = (struct ea_store_page){
            .url = d->url,
            .final_url = i == 0 ? hops[0] : NULL,
            .status = 200,
            .encoding = "UTF-8",
            .results = &r,
            .redirects = i == 0 ? hops : NULL,
            .nredirects = i == 0 ? 1 : 0,
            .etag = "\"v1\"",
            .last_modified = "Wed, 25 Nov 2026 10:00:00 GMT",
            .content_hash = i == 0 ? "aa11" : "bb22",
            .content_type = "text/html; charset=utf-8",
            .bytes = (long long)strlen(html),
            .fetch_seconds = 0.25,
            .first_byte_seconds = 0.125,
        };
        pages[1] = (struct ea_store_page){
            .url = i == 1 ? "https://evil.example.lv/missing?<b>" : "https://www.mod.gov.lv/old",
            .status = 404,
            .referrer = d->url,
            .depth = 1,
        };
        pages[2] = (struct ea_store_page){
            .url = "https://www.mod.gov.lv/admin/",
            .robots_excluded = true,
            .depth = 1,
            .referrer = variant == 'B' ? d->url : NULL, /* (run A's crawl did not say) */
        };
        site.npages = 3;
    } else {
        pages[0] = (struct ea_store_page){ .url = d->url, .error = "could not connect" };
        site.npages = 1;
    }
    err = ea_store_put_site_full(st, run_id, i, &site);
    ea_results_release(&r);
    ea_doc_free(doc);
    ea_row_release(&row);
    return err;
}

long long fixture_run(struct ea_store *st, const char *audit_date, char variant)
{
    long long run_id = 0;
    assert_int_equal(ea_store_run_begin(st, audit_date, &run_id), EA_OK);
    for (size_t i = 0; i < FIXTURE_NSITES; i++)
        assert_int_equal(fixture_put_site(st, run_id, i, variant), EA_OK);
    assert_int_equal(ea_store_run_end(st, run_id, FIXTURE_NSITES), EA_OK);
    return run_id;
}
