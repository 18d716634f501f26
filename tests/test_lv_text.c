/* writers/lv_text: the Latvian of eaudit's own English wordings. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "checks/check.h"
#include "checks/site/site.h"
#include "core/buf.h"
#include "core/doc.h"
#include "core/finding.h"
#include "core/sheet.h"
#include "rules/concepts.h"
#include "writers/lv_text.h"

/* The evidence translation (which takes whole wordings as messages do, and more). */
static char *lv(const char *en)
{
    struct ea_buf b = EA_BUF_INIT(1 << 16);
    if (!ea_lv_evidence(en, &b)) {
        ea_buf_release(&b);
        return NULL;
    }
    return ea_buf_detach(&b, NULL);
}

static void expect(const char *en, const char *want)
{
    char *got = lv(en);
    if (!got || strcmp(got, want) != 0)
        fail_msg("'%s' -> '%s', want '%s'", en, got ? got : "(none)", want);
    free(got);
}

/* Every entry: its Latvian puts back each "%s" of its English (%1..%N, no other), it holds
 * no "%s" itself, and it is what its own English translates to (no entry before it takes
 * its wording). */
static void test_catalog(void **state)
{
    (void)state;
    unsigned n = ea_lv_text_count();
    assert_true(n > 100);
    for (unsigned i = 0; i < n; i++) {
        const char *en, *l;
        ea_lv_text_entry(i, &en, &l);
        unsigned holes = 0;
        for (const char *p = en; (p = strstr(p, "%s")) != NULL; p += 2)
            holes++;
        bool used[10] = { false };
        for (const char *p = l; *p; p++)
            if (p[0] == '%') {
                if (p[1] < '1' || p[1] > '9' || (unsigned)(p[1] - '0') > holes)
                    fail_msg("entry %u '%s': '%%%c' in its Latvian", i, en, p[1]);
                used[p[1] - '0'] = true;
            }
        for (unsigned k = 1; k <= holes; k++)
            if (!used[k])
                fail_msg("entry %u '%s': its Latvian drops %%%u", i, en, k);
        if (holes == 0) {
            struct ea_buf b = EA_BUF_INIT(1 << 16);
            if (!ea_lv_message(en, &b) || strcmp(b.buf, l) != 0)
                fail_msg("entry %u '%s' -> '%s', want '%s'", i, en, b.buf, l);
            ea_buf_release(&b);
        }
        for (unsigned k = 0; k < i; k++) {
            const char *en2, *l2;
            ea_lv_text_entry(k, &en2, &l2);
            if (!strcmp(en, en2))
                fail_msg("'%s' is in the catalog twice", en);
        }
    }
}

static void test_wordings(void **state)
{
    (void)state;
    expect("img has no alt attribute", "attēlam nav atribūta alt");
    expect("contrast 2.85:1 (#777777 on #ffffff, 16 px), needs 4.5:1",
           "kontrasts 2.85:1 (#777777 uz #ffffff fona, 16 px), nepieciešams 4.5:1");
    expect("ARIA attribute not allowed: aria-valuemax, aria-valuenow",
           "ARIA atribūts šeit nav atļauts: aria-valuemax, aria-valuenow");
    expect("lang=\"lv_LV\" is not a valid language", "nederīgs valodas kods: lang=\"lv_LV\"");
    expect("user-scalable=no disables zooming", "user-scalable=no atspējo tālummaiņu");
    expect("page refreshes or redirects by itself after 1.5 seconds",
           "lapa pēc 1.5 s automātiski atsvaidzinās vai pāradresē uz citu lapu");
    /* evidence: concept names are terms; several parts each; a page's text kept */
    expect("no link named or pointing like 'participation' among the homepage's 137 links",
           "sākumlapā nav saites, kuras nosaukums vai adrese atbilst tēmai 'sabiedrības "
           "līdzdalība' (sākumlapas saišu skaits: 137)");
    expect("no link named or pointing like 'eservices' among the homepage's 3 links and the "
           "pages followed",
           "sākumlapā un apmeklētajās lapās nav saites, kuras nosaukums vai adrese atbilst tēmai "
           "'e-pakalpojumi' (sākumlapas saišu skaits: 3)");
    expect("procedure: \"Kā piedalīties; soļi\"; deadline: \"līdz 1. decembrim\"; 1 of 4 "
           "criteria met, 2 needed",
           "kārtība: \"Kā piedalīties; soļi\"; termiņš: \"līdz 1. decembrim\"; izpildīto kritēriju "
           "skaits: 1 no 4 (nepieciešami vismaz 2)");
    expect("2026-11-01 is 26 days before the audit date",
           "2026-11-01, dienu skaits līdz audita datumam: 26");
    expect("3 machine-readable file links, first https://a.lv/d.csv",
           "saites uz mašīnlasāmām datnēm: 3, pirmā https://a.lv/d.csv");
    expect("0 machine-readable file links", "saites uz mašīnlasāmām datnēm: 0");
    expect("8 of 8 linked stylesheets were not fetched",
           "neielādētās piesaistītās stilu lapas: 8 no 8");
    /* why a page failed, as the fetcher words it (libcurl's detail carried over) */
    expect("cannot resolve host 'www.nonexistent.invalid'",
           "neizdevās noskaidrot resursdatora 'www.nonexistent.invalid' adresi (DNS)");
    expect("timed out fetching 'http://a.lv:8080/x': operation timed out after 2000 "
           "milliseconds with 3 bytes received",
           "iestājās noildze, ielādējot 'http://a.lv:8080/x' (operation timed out after 2000 "
           "milliseconds with 3 bytes received)");
    expect("redirect loop: 'http://a.lv/b' leads back to 'http://a.lv/a'",
           "pāradresāciju cilpa: 'http://a.lv/b' ved atpakaļ uz 'http://a.lv/a'");
    expect("redirect to a scheme other than http(s): 'ftp://a.lv/'",
           "pāradresācija uz shēmu, kas nav http(s), netika izpildīta: 'ftp://a.lv/'");
    expect("not fetched: host 'a.lv:443' failed 5 times in a row",
           "netika ielādēta: resursdators 'a.lv:443' 5 reizes pēc kārtas neatbildēja vai atbildēja "
           "ar kļūdu");
    /* a page's text inside a labelled part keeps its "; " parts as they are */
    expect("procedure: Kārtība; stylesheet y; 1 of 4 criteria met, 2 needed",
           "kārtība: Kārtība; stylesheet y; izpildīto kritēriju skaits: 1 no 4 (nepieciešami "
           "vismaz 2)");
    /* not ours: a page's text, a near miss, nothing */
    static const char *const not_ours[] = {
        "\"Kontakti\" <a href=\"/kontakti\">",
        "<form aria-label=\"x; stylesheet y\">", /* a page's element, with a wording in it */
        "Sabiedrības līdzdalība; stylesheet y",  /* a page's text: its first part is not ours */
        "\xE2\x80\xA6stylesheet y",              /* an excerpt cut at its start */
        "...stylesheet y",                       /* the same, as site/page.c cuts it */
        "stylesheet x; procedure: y",            /* a part only where parts go */
        "procedure: Kārtība",                    /* a labelled part alone is not a whole */
        "img has no alt attribute!",
        "contrast 2:1",
        "ARIA attribute not allowed: ",
        "Sabiedrības līdzdalība; Kontakti",
        "",
    };
    for (size_t i = 0; i < EA_ARRAY_LEN(not_ours); i++) {
        struct ea_buf b = EA_BUF_INIT(64);
        ea_buf_add(&b, "x");
        if (ea_lv_evidence(not_ours[i], &b))
            fail_msg("'%s' taken for a wording: '%s'", not_ours[i], b.buf);
        assert_string_equal(b.buf, "x"); /* untouched */
        ea_buf_release(&b);
    }
    struct ea_buf m = EA_BUF_INIT(256);
    assert_false(ea_lv_message("img has no alt attribute!", &m));
    assert_false(ea_lv_message("procedure: x", &m)); /* a part, not a message */
    assert_int_equal(m.len, 0);
    ea_buf_release(&m);
    assert_false(ea_lv_evidence(NULL, NULL));
    assert_false(ea_lv_message(NULL, NULL));
    /* a message is one wording, whole, "; " and all */
    struct ea_buf b = EA_BUF_INIT(256);
    assert_true(ea_lv_message("alt attribute holds only whitespace; use alt=\"\" for a "
                              "decorative image",
                              &b));
    ea_buf_release(&b);
}

/* Every message the checks give on their fixture pages has its Latvian: a new wording
 * without one fails here, not in an institution's report. */
static void test_fixture_messages(void **state)
{
    (void)state;
    const char *root = EA_FIXTURES "/checks";
    DIR *top = opendir(root);
    assert_non_null(top);
    size_t messages = 0, missing = 0;
    for (struct dirent *de; (de = readdir(top)) != NULL;) {
        if (de->d_name[0] == '.')
            continue;
        char dir[1024];
        snprintf(dir, sizeof(dir), "%s/%s", root, de->d_name);
        DIR *d = opendir(dir);
        if (!d)
            continue;
        for (struct dirent *fe; (fe = readdir(d)) != NULL;) {
            size_t nl = strlen(fe->d_name);
            if (nl < 5 || strcmp(fe->d_name + nl - 5, ".html") != 0)
                continue;
            char path[2048];
            snprintf(path, sizeof(path), "%s/%s", dir, fe->d_name);
            FILE *f = fopen(path, "rb");
            assert_non_null(f);
            struct ea_buf html = EA_BUF_INIT(1 << 24);
            char chunk[4096];
            size_t n;
            while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
                ea_buf_addn(&html, chunk, n);
            fclose(f);
            struct ea_doc *doc = NULL;
            assert_int_equal(ea_doc_parse(html.buf, html.len, "https://example.gov.lv/", &doc),
                             EA_OK);
            struct ea_results res;
            ea_results_init(&res, doc);
            ea_checks_run(doc, NULL, 0, &res);
            for (size_t i = 0; i < res.nfindings; i++) {
                const char *m = res.findings[i].message;
                if (!m)
                    continue;
                messages++;
                struct ea_buf t = EA_BUF_INIT(1 << 16);
                if (!ea_lv_message(m, &t)) {
                    missing++;
                    print_error("%s: no Latvian for '%s'\n", path, m);
                }
                ea_buf_release(&t);
            }
            ea_results_release(&res);
            ea_doc_free(doc);
            ea_buf_release(&html);
        }
        closedir(d);
    }
    closedir(top);
    print_message("%zu messages on the fixture pages\n", messages);
    assert_true(messages > 200);
    assert_int_equal(missing, 0);
}

/* The questionnaire's explanations for sites that lack things (every "no ..." wording) and
 * for one that has a viewport, a participation page and news: each evidence text is either
 * translated or a page's own text (a quotation, which starts with a quote mark or a tag). */
static void test_evidence(void **state)
{
    (void)state;
    struct ea_concepts *concepts = NULL;
    assert_int_equal(ea_concepts_load(NULL, &concepts), EA_OK);
    static const struct {
        const char *url, *html;
        bool homepage;
    } pages[][3] = {
        { { "https://a.lv/", "<html><body><p>Sveiki</p></body></html>", true } },
        { { "https://b.lv/",
            "<html><head><meta name=\"viewport\" content=\"width=500\">"
            "<link rel=\"stylesheet\" href=\"/s.css\"></head><body>"
            "<a href=\"/lidzdaliba\">Sabiedrības līdzdalība</a>"
            "<a href=\"/kontakti\">Kontakti</a><a href=\"/atvertie-dati\">Atvērtie dati</a>"
            "<p>Jaunumi 01.11.2026.</p></body></html>",
            true },
          { "https://b.lv/lidzdaliba",
            "<html><body><h1>Sabiedrības līdzdalība</h1><p>Viedokli sūtiet uz "
            "info@b.lv līdz 2026. gada 1. decembrim.</p></body></html>",
            false },
          { "https://b.lv/atvertie-dati",
            "<html><body><h1>Atvērtie dati</h1><a href=\"/d.csv\">Dati</a></body></html>",
            false } },
    };
    for (size_t k = 0; k < EA_ARRAY_LEN(pages); k++) {
        struct ea_site *site = ea_site_new(concepts, "2026-11-27");
        for (size_t i = 0; i < 3 && pages[k][i].url; i++) {
            struct ea_doc *doc = NULL;
            const char *h = pages[k][i].html;
            assert_int_equal(ea_doc_parse(h, strlen(h), pages[k][i].url, &doc), EA_OK);
            ea_site_observe(site, doc, pages[k][i].url, pages[k][i].homepage, i ? 0 : -1);
            ea_doc_free(doc);
        }
        struct ea_sheet_row row;
        struct ea_sheet_evidence ev;
        ea_row_init(&row);
        ea_sheet_evidence_init(&ev);
        ea_site_answer_evidence(site, &row, &ev);
        size_t ours = 0;
        for (size_t c = 0; c < EA_COL_COUNT; c++) {
            const char *x = ev.excerpt[c];
            if (!x || x[0] == '"' || x[0] == '<' || x[0] == '\xE2' /* “ or … */)
                continue;
            char *t = lv(x);
            if (!t)
                fail_msg("site %zu, %s: no Latvian for '%s'", k, ea_columns[c].name, x);
            free(t);
            ours++;
        }
        assert_true(ours >= 10);
        ea_sheet_evidence_release(&ev);
        ea_row_release(&row);
        ea_site_free(site);
    }
    ea_concepts_free(concepts);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_catalog),
        cmocka_unit_test(test_wordings),
        cmocka_unit_test(test_fixture_messages),
        cmocka_unit_test(test_evidence),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
