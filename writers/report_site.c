/* The per-site report: report.html (lv), report.en.html and report.json. */
#include <stdlib.h>
#include <string.h>

#include "checks/check.h"
#include "core/xalloc.h"
#include "writers/html.h"
#include "writers/lv_text.h"
#include "writers/page_json.h"
#include "writers/report.h"

/* Texts of the report, [lv, en]. */
enum text {
    T_TITLE,
    T_ALL_SITES,
    T_SUMMARY,
    T_SCORE,
    T_BAND,
    T_PAGES,
    T_VIOLATIONS,
    T_REVIEW,
    T_BROKEN,
    T_ANSWERS,
    T_ANSWERS_CAPTION,
    T_QUESTION,
    T_ANSWER,
    T_EVIDENCE,
    T_FINDINGS,
    T_NO_FINDINGS,
    T_CRITERION,
    T_BEST_PRACTICE,
    T_FIX,
    T_IMPACT,
    T_INSTANCES,
    T_PAGE,
    T_LINE,
    T_TARGET,
    T_SNIPPET,
    T_OUTCOME,
    T_VIOLATION,
    T_NEEDS_REVIEW,
    T_RULES,
    T_RULES_CAPTION,
    T_RULE,
    T_PAGES_PASSED,
    T_PAGES_FAILED,
    T_PAGES_REVIEW,
    T_PAGES_H,
    T_PAGES_CAPTION,
    T_STATUS,
    T_DEPTH,
    T_BROKEN_H,
    T_BROKEN_CAPTION,
    T_LINKED_FROM,
    T_NONE,
    T_REDIRECTS_H,
    T_ROBOTS_H,
    T_UNREACHABLE,
    T_INAPPLICABLE,
    T_REASON,
    T_ROBOTS_UNREACHABLE,
    T_GIVEN_UP,
    T_CRAWL_H,
    T_CRAWL_CAPTION,
    T_CRAWL_WHAT,
    T_CRAWL_COUNT,
    T_BUDGET,
    T_FETCHED,
    T_NOT_MODIFIED,
    T_ROBOTS_BLOCKED,
    T_ROBOTS_UNREAD,
    T_TRUNCATED,
    T_TRAPPED,
    T_OUT_OF_BUDGET,
    T_SITEMAP_URLS,
    T_SITEMAP_CUT,
    T_DUPLICATES,
    T_DELAY,
    T_COUNT
};

static const char *const texts[T_COUNT][2] = {
    [T_TITLE] = { "Piekļūstamības pārskats", "Accessibility report" },
    [T_ALL_SITES] = { "Visas iestādes", "All institutions" },
    [T_SUMMARY] = { "Kopsavilkums", "Summary" },
    [T_SCORE] = { "WCAG 2.0 AA rādītājs", "WCAG 2.0 AA score" },
    [T_BAND] = { "Līmenis", "Band" },
    [T_PAGES] = { "Pārbaudītās lapas", "Pages audited" },
    [T_VIOLATIONS] = { "Pārkāpumi", "Violations" },
    [T_REVIEW] = { "Jāpārbauda", "Needs review" },
    [T_BROKEN] = { "Bojātas saites", "Broken links" },
    [T_ANSWERS] = { "Anketas atbildes", "Questionnaire answers" },
    [T_ANSWERS_CAPTION] = { "Automātiskās novērtēšanas anketas atbildes un to pamatojums",
                            "Answers of the automatic evaluation questionnaire and their "
                            "evidence" },
    [T_QUESTION] = { "Jautājums", "Question" },
    [T_ANSWER] = { "Atbilde", "Answer" },
    [T_EVIDENCE] = { "Pamatojums", "Evidence" },
    [T_FINDINGS] = { "Konstatējumi pēc WCAG kritērija", "Findings by WCAG success criterion" },
    [T_NO_FINDINGS] = { "Automātiskā pārbaude pārkāpumus neatrada.",
                        "The automatic checks found no violations." },
    [T_CRITERION] = { "Kritērijs", "Success criterion" },
    [T_BEST_PRACTICE] = { "Labā prakse (bez WCAG kritērija)", "Best practice (no WCAG criterion)" },
    [T_FIX] = { "Kā labot:", "How to fix:" },
    [T_IMPACT] = { "Ietekme", "Impact" },
    [T_INSTANCES] = { "Gadījumi", "Instances" },
    [T_PAGE] = { "Lapa", "Page" },
    [T_LINE] = { "Rinda", "Line" },
    [T_TARGET] = { "Elements", "Target" },
    [T_SNIPPET] = { "Pirmkods", "Source" },
    [T_OUTCOME] = { "Rezultāts", "Outcome" },
    [T_VIOLATION] = { "pārkāpums", "violation" },
    [T_NEEDS_REVIEW] = { "jāpārbauda", "needs review" },
    [T_RULES] = { "Pārbaudītie noteikumi", "Rules checked" },
    [T_RULES_CAPTION] = { "Lapu skaits katram noteikumam", "Pages per rule" },
    [T_RULE] = { "Noteikums", "Rule" },
    [T_PAGES_PASSED] = { "Atbilst", "Passed" },
    [T_PAGES_FAILED] = { "Ar pārkāpumiem", "With violations" },
    [T_PAGES_REVIEW] = { "Jāpārbauda", "To review" },
    [T_PAGES_H] = { "Lapas", "Pages" },
    [T_PAGES_CAPTION] = { "Pārbaudītās lapas", "Pages audited" },
    [T_STATUS] = { "Statuss", "Status" },
    [T_DEPTH] = { "Dziļums", "Depth" },
    [T_BROKEN_H] = { "Bojātās saites", "Broken links" },
    [T_BROKEN_CAPTION] = { "Saites, kas neatvērās vai atbildēja ar kļūdu",
                           "Links that failed or answered with an error" },
    [T_LINKED_FROM] = { "Saite atrodas lapā", "Linked from" },
    [T_NONE] = { "Nav.", "None." },
    [T_REDIRECTS_H] = { "Pāradresācijas", "Redirects" },
    [T_ROBOTS_H] = { "Izslēgtas ar robots.txt", "Excluded by robots.txt" },
    [T_UNREACHABLE] = { "Vietne nebija sasniedzama, tāpēc to nevarēja pārbaudīt.",
                        "The site could not be reached, so it could not be checked." },
    [T_INAPPLICABLE] = { "Nepiemērojami noteikumi (lapās nebija elementu, ko tie vērtē)",
                         "Rules not applicable (no page had elements they judge)" },
    [T_REASON] = { "Iemesls:", "Reason:" },
    [T_ROBOTS_UNREACHABLE] = { "robots.txt nevarēja nolasīt (servera kļūda vai nav atbildes), "
                               "tāpēc, kā prasa RFC 9309, pārbaudīta tikai sākumlapa.",
                               "robots.txt could not be read (a server error or no answer), so, "
                               "as RFC 9309 asks, only the homepage was audited." },
    [T_GIVEN_UP] = { "Vietne pārāk daudz reižu pēc kārtas neatbildēja vai atbildēja ar kļūdu, "
                     "tāpēc pārmeklēšana tika pārtraukta: pārbaudīta tikai daļa lapu.",
                     "The site failed too many times in a row, so the crawl was stopped: only "
                     "part of it was audited." },
    [T_CRAWL_H] = { "Pārmeklēšana", "Crawl" },
    [T_CRAWL_CAPTION] = { "Ko pārmeklēšana atrada un ko izlaida",
                          "What the crawl found and what it left out" },
    [T_CRAWL_WHAT] = { "Rādītājs", "Item" },
    [T_CRAWL_COUNT] = { "Vērtība", "Value" },
    [T_BUDGET] = { "Lapu skaita ierobežojums vietnei", "Page budget of a site" },
    [T_FETCHED] = { "Adreses, ko pārmeklēšana pieprasīja (pāradresāciju ķēde skaitās viena)",
                    "Addresses the crawl requested (a redirect chain counts once)" },
    [T_NOT_MODIFIED] = { "No tām nemainījušās kopš iepriekšējās reizes (HTTP 304)",
                         "Of them unchanged since the last run (HTTP 304)" },
    [T_ROBOTS_BLOCKED] = { "Saites, ko aizliedz robots.txt", "Links robots.txt disallows" },
    [T_ROBOTS_UNREAD] = { "Saites, kas netika ielādētas, jo robots.txt nevarēja nolasīt",
                          "Links not fetched because robots.txt could not be read" },
    [T_TRUNCATED] = { "Lapas, kas lielākas par ierobežojumu (pārbaudīts tikai to sākums)",
                      "Pages larger than the cap (only their start was checked)" },
    [T_TRAPPED] = { "Saites, kas atmestas kā lamatas (pārāk daudz vaicājuma variantu, "
                    "piemēram, bezgalīgs kalendārs; atkārtoti vai pārāk daudzi ceļa posmi; "
                    "pārāk daudz adrešu)",
                    "Links dropped as spider traps (too many query variants, such as an endless "
                    "calendar; repeated or too many path segments; too many addresses)" },
    [T_OUT_OF_BUDGET] = { "Saites, kas palika neielādētas, jo lapu skaita ierobežojums bija "
                          "sasniegts",
                          "Links not fetched because the page budget was used up" },
    [T_SITEMAP_URLS] = { "Adreses no vietnes kartes (sitemap)", "URLs offered by sitemaps" },
    [T_SITEMAP_CUT] = { "vietnes karte bija garāka par ierobežojumu vai karšu bija par daudz; "
                        "pārējais netika lasīts",
                        "a sitemap was longer than the limits allow, or there were too many "
                        "sitemaps; the rest was not read" },
    [T_DUPLICATES] = { "Pāradresācijas uz jau ielādētu lapu vai ārpus vietnes",
                       "Redirects to a page already fetched or off the site" },
    [T_DELAY] = { "Pauze starp pieprasījumiem vietnei, s",
                  "Delay between requests to the site, s" },
};

#define TX(t) texts[t][lang]

static const char *const impact_names[][2] = {
    { "neliela", "minor" },
    { "vidēja", "moderate" },
    { "nopietna", "serious" },
    { "kritiska", "critical" },
};

/* One non-pass finding placed under its first success criterion. */
struct item {
    int sc[3]; /* {99,0,0} for best practice */
    const char *rule;
    const struct ea_check *check; /* may be NULL: a rule this eaudit no longer has */
    const struct ea_store_finding_rec *f;
};

static void parse_sc(const char *wcag, int sc[3])
{
    sc[0] = 99;
    sc[1] = sc[2] = 0;
    if (!wcag || !*wcag)
        return;
    char *end;
    const char *p = wcag;
    for (int i = 0; i < 3; i++) {
        long v = strtol(p, &end, 10);
        if (end == p)
            return;
        sc[i] = (int)v;
        if (*end != '.')
            break;
        p = end + 1;
    }
}

static int item_cmp(const void *pa, const void *pb)
{
    const struct item *a = pa, *b = pb;
    for (int i = 0; i < 3; i++)
        if (a->sc[i] != b->sc[i])
            return a->sc[i] < b->sc[i] ? -1 : 1;
    int c = strcmp(a->rule, b->rule);
    if (c)
        return c;
    return a->f < b->f ? -1 : a->f > b->f;
}

static bool same_sc(const struct item *a, const struct item *b)
{
    return memcmp(a->sc, b->sc, sizeof(a->sc)) == 0;
}

static void write_cards(FILE *f, const struct ea_store_site_rec *s, enum ea_lang lang, size_t nviol,
                        size_t nreview)
{
    const char *const *cells = (const char *const *)s->row.cells;
    fprintf(f, "<h2 id=\"summary\">%s</h2>\n<ul class=\"cards\">\n", TX(T_SUMMARY));
    fprintf(f, "<li><span class=\"n\">");
    ea_html_cell(f, EA_COL_WCAG_SCORE, cells[EA_COL_WCAG_SCORE], lang);
    fprintf(f, "</span>%s</li>\n<li><span class=\"n\">", TX(T_SCORE));
    ea_html_band(f, cells[EA_COL_WCAG_BAND], lang);
    fprintf(f, "</span>%s</li>\n<li><span class=\"n\">", TX(T_BAND));
    ea_html_cell(f, EA_COL_PAGES_AUDITED, cells[EA_COL_PAGES_AUDITED], lang);
    fprintf(f, "</span>%s</li>\n", TX(T_PAGES));
    fprintf(f, "<li><span class=\"n\">%zu</span>%s</li>\n", nviol, TX(T_VIOLATIONS));
    fprintf(f, "<li><span class=\"n\">%zu</span>%s</li>\n<li><span class=\"n\">", nreview,
            TX(T_REVIEW));
    ea_html_cell(f, EA_COL_BROKEN_LINKS, cells[EA_COL_BROKEN_LINKS], lang);
    fprintf(f, "</span>%s</li>\n</ul>\n", TX(T_BROKEN));
}

/* A finding's message or an answer's evidence in Latvian (the English is capped lower). */
#define MAX_TRANSLATED (16 * 1024)

/* An answer's evidence: eaudit's own explanation in the report's language, or a page's
 * text quoted as it is. */
static void write_evidence(FILE *f, const char *excerpt, enum ea_lang lang)
{
    struct ea_buf lv = EA_BUF_INIT(MAX_TRANSLATED);
    if (ea_lv_evidence(excerpt, &lv)) {
        ea_html_esc(f, lang == EA_LANG_LV ? lv.buf : excerpt);
        fputc(' ', f);
    } else {
        fputs("<q>", f);
        ea_html_esc(f, excerpt);
        fputs("</q> ", f);
    }
    ea_buf_release(&lv);
}

/* A finding's message: in Latvian when the catalog has it, else in English, marked so. */
static void write_message(FILE *f, const char *msg, enum ea_lang lang)
{
    struct ea_buf lv = EA_BUF_INIT(MAX_TRANSLATED);
    if (lang == EA_LANG_LV && ea_lv_message(msg, &lv)) {
        fputs("<span>", f);
        ea_html_esc(f, lv.buf);
    } else {
        fputs(lang == EA_LANG_LV ? "<span lang=\"en\">" : "<span>", f);
        ea_html_esc(f, msg);
    }
    fputs("</span>", f);
    ea_buf_release(&lv);
}

static void write_answers(FILE *f, const struct ea_store_site_rec *s, enum ea_lang lang)
{
    fprintf(f,
            "<h2 id=\"answers\">%s</h2>\n<table>\n<caption>%s</caption>\n<thead><tr>"
            "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
            "</tr></thead>\n<tbody>\n",
            TX(T_ANSWERS), TX(T_ANSWERS_CAPTION), TX(T_QUESTION), TX(T_ANSWER), TX(T_EVIDENCE));
    for (size_t c = EA_COL_REACHABLE; c < EA_COL_COUNT; c++) {
        fprintf(f, "<tr><th scope=\"row\">%s</th><td>", ea_html_col_label((enum ea_col)c, lang));
        ea_html_cell(f, (enum ea_col)c, s->row.cells[c], lang);
        fputs("</td><td>", f);
        if (s->evidence_excerpt[c])
            write_evidence(f, s->evidence_excerpt[c], lang);
        if (s->evidence_url[c]) {
            fputs("<span class=\"url\">", f);
            ea_html_link(f, s->evidence_url[c], NULL);
            fputs("</span>", f);
        }
        fputs("</td></tr>\n", f);
    }
    fputs("</tbody>\n</table>\n", f);
}

static void write_instances(FILE *f, const struct ea_store_site_rec *s, const struct item *it,
                            size_t n, enum ea_lang lang)
{
    fprintf(f,
            "<table>\n<caption>%s: %zu</caption>\n<thead><tr><th scope=\"col\">%s</th>"
            "<th scope=\"col\" class=\"n\">%s</th><th scope=\"col\">%s</th>"
            "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
            TX(T_INSTANCES), n, TX(T_PAGE), TX(T_LINE), TX(T_TARGET), TX(T_SNIPPET), TX(T_OUTCOME));
    for (size_t i = 0; i < n; i++) {
        const struct ea_store_finding_rec *x = it[i].f;
        fputs("<tr><td class=\"url\">", f);
        ea_html_link(f, s->pages[x->page].url, NULL);
        fprintf(f, "</td><td class=\"n\">%u</td><td><code>", x->line);
        ea_html_esc(f, x->target);
        fputs("</code></td><td><code class=\"snip\">", f);
        ea_html_esc(f, x->html);
        fputs("</code>", f);
        if (x->message)
            write_message(f, x->message, lang);
        fprintf(f, "</td><td>%s</td></tr>\n",
                x->outcome == EA_OUTCOME_VIOLATION ? TX(T_VIOLATION) : TX(T_NEEDS_REVIEW));
    }
    fputs("</tbody>\n</table>\n", f);
}

/* "1.3.1, 4.1.2 (A)"; "—" for a best-practice rule. */
static void write_wcag(FILE *f, const struct ea_check *c)
{
    if (!c->wcag) {
        fputs("—", f);
        return;
    }
    for (const char *p = c->wcag; *p; p++) {
        if (*p == ',')
            fputs(", ", f);
        else if (*p != ' ')
            fputc(*p, f);
    }
    fprintf(f, " (%s)", ea_level_name(c->level));
}

static void write_rule(FILE *f, const struct ea_store_site_rec *s, const struct item *it, size_t n,
                       enum ea_lang lang)
{
    const struct ea_check *c = it->check;
    fputs("<h4><code>", f);
    ea_html_esc(f, it->rule);
    fputs("</code>", f);
    if (c) {
        fputs(" — ", f);
        ea_html_esc(f, lang == EA_LANG_LV ? c->help_lv : c->help_en);
    }
    fputs("</h4>\n", f);
    if (c) {
        fprintf(f, "<p class=\"meta\">%s: %s", TX(T_IMPACT), impact_names[c->impact][lang]);
        if (c->wcag) {
            fputs(" · WCAG ", f);
            write_wcag(f, c);
        }
        fputs("</p>\n", f);
        const char *fix = lang == EA_LANG_LV ? c->fix_lv : c->fix_en;
        if (fix) {
            fprintf(f, "<p class=\"fix\"><strong>%s</strong> ", TX(T_FIX));
            ea_html_esc(f, fix);
            fputs("</p>\n", f);
        }
    }
    write_instances(f, s, it, n, lang);
}

static void write_findings(FILE *f, const struct ea_store_site_rec *s, enum ea_lang lang)
{
    struct item *items = ea_xcalloc(s->nfindings ? s->nfindings : 1, sizeof(*items));
    size_t n = 0;
    for (size_t i = 0; i < s->nfindings; i++) {
        const struct ea_store_finding_rec *x = &s->findings[i];
        if (x->outcome == EA_OUTCOME_PASS)
            continue;
        struct item *it = &items[n++];
        it->rule = x->rule;
        it->check = ea_check_find(x->rule);
        it->f = x;
        parse_sc(it->check ? it->check->wcag : NULL, it->sc);
    }
    qsort(items, n, sizeof(*items), item_cmp);
    fprintf(f, "<h2 id=\"findings\">%s</h2>\n", TX(T_FINDINGS));
    if (n == 0)
        fprintf(f, "<p>%s</p>\n", TX(T_NO_FINDINGS));
    for (size_t i = 0; i < n;) {
        size_t end = i;
        while (end < n && same_sc(&items[end], &items[i]))
            end++;
        if (items[i].sc[0] == 99) {
            fprintf(f, "<h3>%s</h3>\n", TX(T_BEST_PRACTICE));
        } else {
            char sc[32];
            snprintf(sc, sizeof(sc), "%d.%d.%d", items[i].sc[0], items[i].sc[1], items[i].sc[2]);
            const char *name = ea_html_sc_name(sc, lang);
            fprintf(f, "<h3>%s %s", TX(T_CRITERION), sc);
            if (name) {
                fputs(" — ", f);
                ea_html_esc(f, name);
            }
            fputs("</h3>\n", f);
        }
        for (size_t r = i; r < end;) {
            size_t rend = r;
            while (rend < end && strcmp(items[rend].rule, items[r].rule) == 0)
                rend++;
            write_rule(f, s, &items[r], rend - r, lang);
            r = rend;
        }
        i = end;
    }
    free(items);
}

/* One rule over the site's pages: on how many it passed, failed, needs review. */
struct rule_sum {
    const char *id; /* borrowed from the site's tallies */
    size_t passed, failed, review;
};

static int rule_sum_cmp(const void *a, const void *b)
{
    return strcmp(((const struct rule_sum *)a)->id, ((const struct rule_sum *)b)->id);
}

/* Per rule over the site's pages: pages passed / with violations / to review. */
static void write_rules(FILE *f, const struct ea_store_site_rec *s, enum ea_lang lang)
{
    fprintf(f,
            "<h2 id=\"rules\">%s</h2>\n<table>\n<caption>%s</caption>\n<thead><tr>"
            "<th scope=\"col\">%s</th><th scope=\"col\">WCAG</th><th scope=\"col\" "
            "class=\"n\">%s</th><th scope=\"col\" class=\"n\">%s</th><th scope=\"col\" "
            "class=\"n\">%s</th></tr></thead>\n<tbody>\n",
            TX(T_RULES), TX(T_RULES_CAPTION), TX(T_RULE), TX(T_PAGES_PASSED), TX(T_PAGES_FAILED),
            TX(T_PAGES_REVIEW));
    /* The rules that ran in this run (the store's, not today's check table), by id. Every
     * page lists its rules in the order they ran, so the next tally's rule is nearly always
     * the one after the last: one compare per tally, a search only when a page differs. */
    struct rule_sum *sums = NULL;
    size_t nsums = 0, sums_cap = 0, last = 0, inapplicable = 0;
    for (size_t t = 0; t < s->ntallies; t++) {
        const struct ea_store_tally_rec *x = &s->tallies[t];
        size_t k = nsums ? (last + 1) % nsums : 0;
        if (!nsums || strcmp(sums[k].id, x->rule) != 0) {
            for (k = 0; k < nsums && strcmp(sums[k].id, x->rule) != 0; k++)
                ;
            if (k == nsums) {
                EA_GROW(sums, nsums + 1, sums_cap);
                sums[nsums++] = (struct rule_sum){ .id = x->rule };
            }
        }
        last = k;
        sums[k].failed += x->count[EA_OUTCOME_VIOLATION] > 0;
        sums[k].review += x->count[EA_OUTCOME_INCOMPLETE] > 0;
        sums[k].passed += x->count[EA_OUTCOME_VIOLATION] == 0 &&
                          (x->count[EA_OUTCOME_PASS] + x->count[EA_OUTCOME_INCOMPLETE]) > 0;
    }
    if (nsums)
        qsort(sums, nsums, sizeof(*sums), rule_sum_cmp);
    for (size_t i = 0; i < nsums; i++) {
        const char *id = sums[i].id;
        size_t passed = sums[i].passed, failed = sums[i].failed, review = sums[i].review;
        if (passed + failed + review == 0) {
            inapplicable++; /* no page had an element it judges: a row of zeros says nothing */
            continue;
        }
        const struct ea_check *c = ea_check_find(id);
        fputs("<tr><th scope=\"row\"><code>", f);
        ea_html_esc(f, id);
        fputs("</code>", f);
        if (c) {
            fputs(" <span class=\"meta\">", f);
            ea_html_esc(f, lang == EA_LANG_LV ? c->help_lv : c->help_en);
            fputs("</span>", f);
        }
        fputs("</th><td>", f);
        if (c)
            write_wcag(f, c);
        fprintf(f,
                "</td><td class=\"n\">%zu</td><td class=\"n\">%zu</td><td class=\"n\">%zu</td>"
                "</tr>\n",
                passed, failed, review);
    }
    free(sums);
    fputs("</tbody>\n</table>\n", f);
    if (inapplicable)
        fprintf(f, "<p class=\"meta\">%s: %zu.</p>\n", TX(T_INAPPLICABLE), inapplicable);
}

static bool is_broken(const struct ea_store_page_rec *p)
{
    return !p->robots_excluded && (p->error || p->status >= 400 || p->status == 0);
}

static void end_list(FILE *f, size_t shown, enum ea_lang lang)
{
    if (shown)
        fputs("</ul>\n", f);
    else
        fprintf(f, "<p>%s</p>\n", TX(T_NONE));
}

/* The page that decided reachable: the first one fetched at depth 0 (the homepage, or the
 * first hop of its redirects), NULL when none was stored. */
static const struct ea_store_page_rec *homepage(const struct ea_store_site_rec *s)
{
    for (size_t i = 0; i < s->npages; i++)
        if (s->pages[i].depth == 0 && !s->pages[i].robots_excluded)
            return &s->pages[i];
    return NULL;
}

/* Why the audit covers less than it could: shown under the title, where it is seen first. */
static void write_notes(FILE *f, const struct ea_store_site_rec *s, enum ea_lang lang)
{
    const struct ea_store_crawl *c = &s->crawl;
    bool reachable = ea_html_true(s->row.cells[EA_COL_REACHABLE]);
    const struct ea_store_page_rec *home = reachable ? NULL : homepage(s);
    if (reachable && !c->robots_unreachable && !c->given_up)
        return;
    fputs("<div class=\"note\" role=\"note\">\n", f);
    if (!reachable) {
        fprintf(f, "<p><strong>%s</strong>", TX(T_UNREACHABLE));
        if (home && (home->error || home->status)) {
            fprintf(f, " %s ", TX(T_REASON));
            if (home->error)
                write_message(f, home->error, lang);
            else
                fprintf(f, "HTTP %ld", home->status);
            fputs(".", f);
        }
        fputs("</p>\n", f);
    }
    if (reachable && c->robots_unreachable)
        fprintf(f, "<p>%s</p>\n", TX(T_ROBOTS_UNREACHABLE));
    if (reachable && c->given_up)
        fprintf(f, "<p>%s</p>\n", TX(T_GIVEN_UP));
    fputs("</div>\n", f);
}

/* Pages cut at the body cap (the HTML table and report.json both say it). */
static unsigned long truncated_pages(const struct ea_store_site_rec *s)
{
    unsigned long n = 0;
    for (size_t i = 0; i < s->npages; i++)
        n += s->pages[i].truncated;
    return n;
}

static void crawl_line(FILE *f, const char *what, unsigned long n)
{
    fprintf(f, "<tr><th scope=\"row\">%s</th><td class=\"n\">%lu</td></tr>\n", what, n);
}

/* What the crawl met besides the pages listed (not known for runs before schema 5). */
static void write_crawl(FILE *f, const struct ea_store_site_rec *s, enum ea_lang lang)
{
    const struct ea_store_crawl *c = &s->crawl;
    if (!c->known)
        return;
    unsigned long fetched = 0, unchanged = 0;
    for (size_t i = 0; i < s->npages; i++) {
        fetched += !s->pages[i].robots_excluded;
        unchanged += s->pages[i].not_modified;
    }
    fprintf(f,
            "<h3 id=\"crawl\">%s</h3>\n<table>\n<caption>%s</caption>\n<thead><tr>"
            "<th scope=\"col\">%s</th><th scope=\"col\" class=\"n\">%s</th></tr></thead>\n"
            "<tbody>\n",
            TX(T_CRAWL_H), TX(T_CRAWL_CAPTION), TX(T_CRAWL_WHAT), TX(T_CRAWL_COUNT));
    crawl_line(f, TX(T_BUDGET), c->max_pages);
    crawl_line(f, TX(T_FETCHED), fetched);
    crawl_line(f, TX(T_NOT_MODIFIED), unchanged);
    crawl_line(f, TX(T_TRUNCATED), truncated_pages(s));
    crawl_line(f, TX(T_ROBOTS_BLOCKED), c->robots_blocked);
    if (c->robots_unread)
        crawl_line(f, TX(T_ROBOTS_UNREAD), c->robots_unread);
    crawl_line(f, TX(T_TRAPPED), c->trapped);
    crawl_line(f, TX(T_OUT_OF_BUDGET), c->out_of_budget);
    fprintf(f, "<tr><th scope=\"row\">%s", TX(T_SITEMAP_URLS));
    if (c->sitemap_cut)
        fprintf(f, " (%s)", TX(T_SITEMAP_CUT));
    fprintf(f, "</th><td class=\"n\">%u</td></tr>\n", c->sitemap_urls);
    crawl_line(f, TX(T_DUPLICATES), c->duplicates);
    fprintf(f, "<tr><th scope=\"row\">%s</th><td class=\"n\">", TX(T_DELAY));
    ea_html_decimal(f, c->delay, 2, lang);
    fputs("</td></tr>\n", f);
    fputs("</tbody>\n</table>\n", f);
}

static void write_pages(FILE *f, const struct ea_store_site_rec *s, enum ea_lang lang)
{
    fprintf(f,
            "<h2 id=\"pages\">%s</h2>\n<table>\n<caption>%s</caption>\n<thead><tr>"
            "<th scope=\"col\">%s</th><th scope=\"col\" class=\"n\">%s</th>"
            "<th scope=\"col\" class=\"n\">%s</th><th scope=\"col\" class=\"n\">%s</th>"
            "<th scope=\"col\" class=\"n\">%s</th></tr></thead>\n<tbody>\n",
            TX(T_PAGES_H), TX(T_PAGES_CAPTION), TX(T_PAGE), TX(T_STATUS), TX(T_DEPTH),
            TX(T_VIOLATIONS), TX(T_REVIEW));
    /* Violations and reviews per page, in one pass over the tallies. */
    size_t *counts = ea_xcalloc(2 * (s->npages ? s->npages : 1), sizeof(size_t));
    for (size_t t = 0; t < s->ntallies; t++) {
        const struct ea_store_tally_rec *x = &s->tallies[t];
        if (x->page >= s->npages)
            continue;
        counts[2 * x->page] += (size_t)x->count[EA_OUTCOME_VIOLATION];
        counts[2 * x->page + 1] += (size_t)x->count[EA_OUTCOME_INCOMPLETE];
    }
    size_t shown = 0;
    for (size_t i = 0; i < s->npages; i++) {
        const struct ea_store_page_rec *p = &s->pages[i];
        if (!p->audited)
            continue;
        size_t nv = counts[2 * i], nr = counts[2 * i + 1];
        fputs("<tr><td class=\"url\">", f);
        ea_html_link(f, p->final_url ? p->final_url : p->url, NULL);
        fprintf(f,
                "</td><td class=\"n\">%ld</td><td class=\"n\">%d</td><td class=\"n\">%zu</td>"
                "<td class=\"n\">%zu</td></tr>\n",
                p->status, p->depth, nv, nr);
        shown++;
    }
    free(counts);
    if (!shown)
        fprintf(f, "<tr><td colspan=\"5\">%s</td></tr>\n", TX(T_NONE));
    fputs("</tbody>\n</table>\n", f);
    write_crawl(f, s, lang);

    fprintf(f,
            "<h3 id=\"broken\">%s</h3>\n<table>\n<caption>%s</caption>\n<thead><tr>"
            "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
            "</tr></thead>\n<tbody>\n",
            TX(T_BROKEN_H), TX(T_BROKEN_CAPTION), TX(T_PAGE), TX(T_STATUS), TX(T_LINKED_FROM));
    shown = 0;
    for (size_t i = 0; i < s->npages; i++) {
        const struct ea_store_page_rec *p = &s->pages[i];
        if (!is_broken(p))
            continue;
        fputs("<tr><td class=\"url\">", f);
        ea_html_link(f, p->url, NULL);
        fputs("</td><td>", f);
        if (p->status)
            fprintf(f, "%ld", p->status);
        if (p->error) {
            fputs(p->status ? " " : "", f);
            write_message(f, p->error, lang);
        }
        fputs("</td><td class=\"url\">", f);
        ea_html_link(f, p->referrer, NULL);
        fputs("</td></tr>\n", f);
        shown++;
    }
    if (!shown)
        fprintf(f, "<tr><td colspan=\"3\">%s</td></tr>\n", TX(T_NONE));
    fputs("</tbody>\n</table>\n", f);

    fprintf(f, "<h3 id=\"redirects\">%s</h3>\n", TX(T_REDIRECTS_H));
    shown = 0;
    for (size_t i = 0; i < s->npages; i++) {
        const struct ea_store_page_rec *p = &s->pages[i];
        if (!p->redirects)
            continue;
        fputs(shown ? "" : "<ul>\n", f);
        fputs("<li class=\"url\">", f);
        ea_html_esc(f, p->url);
        for (const char *h = p->redirects; *h;) {
            size_t len = strcspn(h, "\n");
            char *hop = ea_xstrndup(h, len);
            fputs(" → ", f);
            ea_html_esc(f, hop);
            free(hop);
            h += len + (h[len] == '\n');
        }
        fputs("</li>\n", f);
        shown++;
    }
    end_list(f, shown, lang);

    fprintf(f, "<h3 id=\"robots\">%s</h3>\n", TX(T_ROBOTS_H));
    shown = 0;
    for (size_t i = 0; i < s->npages; i++) {
        const struct ea_store_page_rec *p = &s->pages[i];
        if (!p->robots_excluded)
            continue;
        fputs(shown ? "<li class=\"url\">" : "<ul>\n<li class=\"url\">", f);
        ea_html_esc(f, p->url);
        if (p->referrer) {
            fprintf(f, " (%s: ", TX(T_LINKED_FROM));
            ea_html_link(f, p->referrer, NULL);
            fputs(")", f);
        }
        fputs("</li>\n", f);
        shown++;
    }
    end_list(f, shown, lang);
}

enum ea_err ea_report_site_html(FILE *f, const struct ea_store_run *run,
                                const struct ea_store_site_rec *s, bool english)
{
    enum ea_lang lang = english ? EA_LANG_EN : EA_LANG_LV;
    const char *name = s->row.cells[EA_COL_NAME] ? s->row.cells[EA_COL_NAME] : s->id;
    size_t nviol = 0, nreview = 0;
    for (size_t i = 0; i < s->ntallies; i++) {
        nviol += (size_t)s->tallies[i].count[EA_OUTCOME_VIOLATION];
        nreview += (size_t)s->tallies[i].count[EA_OUTCOME_INCOMPLETE];
    }
    char *title = ea_xmalloc(strlen(name) + 64);
    snprintf(title, strlen(name) + 64, "%s — %s", name, TX(T_TITLE));
    ea_html_head(f, lang, title);
    free(title);
    fprintf(f,
            "<header class=\"top\">\n<p><strong>eaudit</strong> · %s</p>\n<nav aria-label=\"%s\">"
            "<ul><li><a href=\"../../%s\">%s</a></li>",
            TX(T_TITLE), english ? "Report" : "Pārskats", english ? "index.en.html" : "index.html",
            TX(T_ALL_SITES));
    fputs(english ? "<li><a href=\"report.html\" hreflang=\"lv\" lang=\"lv\">Latviski</a></li>"
                  : "<li><a href=\"report.en.html\" hreflang=\"en\" lang=\"en\">English</a></li>",
          f);
    fputs("</ul></nav>\n</header>\n<main id=\"main\">\n<h1>", f);
    ea_html_esc(f, name);
    fputs("</h1>\n<p class=\"meta\"><span class=\"url\">", f);
    ea_html_link(f, s->row.cells[EA_COL_URL], NULL);
    fputs("</span> · ", f);
    ea_html_esc(f, run->audit_date);
    fputs("</p>\n", f);
    write_notes(f, s, lang);
    write_cards(f, s, lang, nviol, nreview);
    write_answers(f, s, lang);
    write_findings(f, s, lang);
    write_rules(f, s, lang);
    write_pages(f, s, lang);
    ea_html_foot(f, lang, run->id, run->audit_date);
    return ferror(f) ? EA_IO : EA_OK;
}

/* Where each page's tallies and findings start in s (the store loads them in page order):
 * [page] .. [page + 1] of each array, for npages + 1 entries. */
struct page_index {
    size_t *tally, *finding;
};

static void page_index_build(const struct ea_store_site_rec *s, struct page_index *ix)
{
    ix->tally = ea_xcalloc(s->npages + 1, sizeof(size_t));
    ix->finding = ea_xcalloc(s->npages + 1, sizeof(size_t));
    for (size_t t = 0; t < s->ntallies; t++)
        if (s->tallies[t].page < s->npages)
            ix->tally[s->tallies[t].page + 1]++;
    for (size_t i = 0; i < s->nfindings; i++)
        if (s->findings[i].page < s->npages)
            ix->finding[s->findings[i].page + 1]++;
    for (size_t p = 0; p < s->npages; p++) {
        ix->tally[p + 1] += ix->tally[p];
        ix->finding[p + 1] += ix->finding[p];
    }
}

static void page_index_release(struct page_index *ix)
{
    free(ix->tally);
    free(ix->finding);
}

/* The stored page as the ea_results the SPEC §4 writer takes. Strings are borrowed from s:
 * release with free() of the two arrays only, never ea_results_release. */
static void page_results(const struct ea_store_site_rec *s, const struct page_index *ix,
                         size_t page, struct ea_results *r)
{
    ea_results_init(r, NULL);
    for (size_t t = ix->tally[page]; t < ix->tally[page + 1]; t++) {
        const struct ea_store_tally_rec *x = &s->tallies[t];
        if (x->page != page)
            continue; /* not in page order: a damaged store */
        EA_GROW(r->rules, r->nrules + 1, r->rules_cap);
        struct ea_rule_result *rr = &r->rules[r->nrules++];
        const struct ea_check *c = ea_check_find(x->rule);
        rr->id = c ? c->id : x->rule;
        for (int o = 0; o < EA_OUTCOME_COUNT; o++)
            rr->count[o] = (size_t)x->count[o];
    }
    for (size_t i = ix->finding[page]; i < ix->finding[page + 1]; i++) {
        const struct ea_store_finding_rec *x = &s->findings[i];
        if (x->page != page)
            continue;
        size_t rule = r->nrules;
        for (size_t k = 0; k < r->nrules; k++)
            if (strcmp(r->rules[k].id, x->rule) == 0)
                rule = k;
        if (rule == r->nrules)
            continue; /* a finding without its tally: a damaged store */
        EA_GROW(r->findings, r->nfindings + 1, r->findings_cap);
        r->findings[r->nfindings++] = (struct ea_finding){
            .rule = rule,
            .outcome = x->outcome,
            .line = x->line,
            .column = x->column,
            .target = x->target,
            .html = x->html,
            .message = x->message,
        };
    }
}

static int check_id_cmp(const void *key, const void *elem)
{
    return strcmp(key, (*(const struct ea_check *const *)elem)->id);
}

/* "rules": each rule the audited pages name, once, in the order they first appear. */
static void write_rule_descriptions(struct ea_json *w, const struct ea_store_site_rec *s)
{
    bool *seen = ea_xcalloc(ea_checks_len ? ea_checks_len : 1, sizeof(bool));
    ea_json_object(w);
    for (size_t t = 0; t < s->ntallies; t++) {
        const struct ea_store_tally_rec *x = &s->tallies[t];
        if (x->page >= s->npages || !s->pages[x->page].audited)
            continue;
        const struct ea_check *const *at =
            bsearch(x->rule, ea_checks, ea_checks_len, sizeof(*ea_checks), check_id_cmp);
        if (!at || seen[at - ea_checks])
            continue;
        seen[at - ea_checks] = true;
        const struct ea_check *c = *at;
        ea_json_key(w, c->id);
        ea_json_object(w);
        ea_json_kstr(w, "level", ea_level_name(c->level));
        ea_json_kstr(w, "impact", ea_impact_name(c->impact));
        ea_check_json_describe(w, c);
        ea_json_end(w);
    }
    ea_json_end(w);
    free(seen);
}

static void write_crawl_json(struct ea_json *w, const struct ea_store_site_rec *s)
{
    const struct ea_store_crawl *c = &s->crawl;
    if (!c->known) {
        ea_json_null(w);
        return;
    }
    ea_json_object(w);
    ea_json_key(w, "robots_unreachable");
    ea_json_bool(w, c->robots_unreachable);
    ea_json_key(w, "given_up");
    ea_json_bool(w, c->given_up);
    ea_json_kint(w, "max_pages", c->max_pages);
    ea_json_kint(w, "robots_blocked", c->robots_blocked);
    ea_json_kint(w, "robots_unread", c->robots_unread);
    ea_json_kint(w, "trapped", c->trapped);
    ea_json_kint(w, "out_of_budget", c->out_of_budget);
    ea_json_kint(w, "sitemap_urls", c->sitemap_urls);
    ea_json_key(w, "sitemap_cut");
    ea_json_bool(w, c->sitemap_cut);
    ea_json_kint(w, "duplicates", c->duplicates);
    ea_json_kint(w, "truncated_pages", (long long)truncated_pages(s));
    ea_json_key(w, "delay");
    ea_json_real(w, c->delay, 6);
    ea_json_end(w);
}

enum ea_err ea_report_site_json(FILE *f, const struct ea_store_run *run,
                                const struct ea_store_site_rec *s)
{
    const char *const *cells = (const char *const *)s->row.cells;
    struct ea_json w;
    struct page_index ix;

    ea_json_init(&w, f, 1, EA_JSON_MAX_PENDING);
    page_index_build(s, &ix);
    ea_json_object(&w);
    ea_json_key(&w, "site");
    ea_json_object(&w);
    ea_json_kstr(&w, "id", s->id);
    ea_json_kstr(&w, "name", cells[EA_COL_NAME]);
    ea_json_kstr(&w, "type", cells[EA_COL_TYPE]);
    ea_json_kstr(&w, "url", cells[EA_COL_URL]);
    ea_json_kstr(&w, "final_url", cells[EA_COL_FINAL_URL]);
    ea_json_end(&w);
    ea_json_key(&w, "run");
    ea_json_object(&w);
    ea_json_kint(&w, "id", run->id);
    ea_json_kstr(&w, "audit_date", run->audit_date);
    ea_json_kstr(&w, "version", run->version);
    ea_json_end(&w);
    ea_json_key(&w, "wcag_score");
    if (cells[EA_COL_WCAG_SCORE])
        ea_json_real(&w, strtod(cells[EA_COL_WCAG_SCORE], NULL), 4);
    else
        ea_json_null(&w);
    ea_json_kstr(&w, "wcag_band", cells[EA_COL_WCAG_BAND]);
    ea_json_key(&w, "answers");
    ea_json_object(&w);
    for (size_t c = EA_COL_REACHABLE; c < EA_COL_COUNT; c++)
        ea_json_kstr(&w, ea_columns[c].name, cells[c]);
    ea_json_end(&w);
    ea_json_key(&w, "evidence");
    ea_json_object(&w);
    for (size_t c = EA_COL_REACHABLE; c < EA_COL_COUNT; c++) {
        if (!s->evidence_url[c] && !s->evidence_excerpt[c])
            continue;
        ea_json_key(&w, ea_columns[c].name);
        ea_json_object(&w);
        ea_json_kstr(&w, "url", s->evidence_url[c]);
        ea_json_kstr(&w, "excerpt", s->evidence_excerpt[c]);
        ea_json_end(&w);
    }
    ea_json_end(&w);
    ea_json_key(&w, "rules");
    write_rule_descriptions(&w, s);

    ea_json_key(&w, "pages");
    ea_json_array(&w);
    for (size_t i = 0; i < s->npages; i++) {
        const struct ea_store_page_rec *p = &s->pages[i];
        if (!p->audited)
            continue;
        struct ea_results r;
        page_results(s, &ix, i, &r);
        ea_json_object(&w);
        ea_page_json_members(&w, p->url, &r, true);
        free(r.rules);
        free(r.findings);
        ea_json_kstr(&w, "final_url", p->final_url);
        ea_json_kint(&w, "status", p->status);
        ea_json_kint(&w, "depth", p->depth);
        ea_json_key(&w, "not_modified");
        ea_json_bool(&w, p->not_modified);
        ea_json_end(&w);
    }
    ea_json_end(&w);

    ea_json_key(&w, "broken_links");
    ea_json_array(&w);
    for (size_t i = 0; i < s->npages; i++) {
        const struct ea_store_page_rec *p = &s->pages[i];
        if (p->robots_excluded || !is_broken(p))
            continue;
        ea_json_object(&w);
        ea_json_kstr(&w, "url", p->url);
        ea_json_kint(&w, "status", p->status);
        ea_json_kstr(&w, "error", p->error);
        ea_json_kstr(&w, "referrer", p->referrer);
        ea_json_end(&w);
    }
    ea_json_end(&w);

    ea_json_key(&w, "redirects");
    ea_json_array(&w);
    for (size_t i = 0; i < s->npages; i++) {
        const struct ea_store_page_rec *p = &s->pages[i];
        if (!p->redirects)
            continue;
        ea_json_object(&w);
        ea_json_kstr(&w, "url", p->url);
        ea_json_key(&w, "hops");
        ea_json_array(&w);
        for (const char *h = p->redirects; *h;) {
            size_t len = strcspn(h, "\n");
            ea_json_strn(&w, h, len);
            h += len + (h[len] == '\n');
        }
        ea_json_end(&w);
        ea_json_end(&w);
    }
    ea_json_end(&w);

    ea_json_key(&w, "robots_excluded");
    ea_json_array(&w);
    for (size_t i = 0; i < s->npages; i++)
        if (s->pages[i].robots_excluded)
            ea_json_str(&w, s->pages[i].url);
    ea_json_end(&w);

    ea_json_key(&w, "crawl");
    write_crawl_json(&w, s);
    ea_json_end(&w);
    ea_buf_addch(&w.buf, '\n');
    page_index_release(&ix);
    enum ea_err err = ea_json_finish(&w);
    ea_json_release(&w);
    return err;
}
