/* OUT/index.html (Latvian) and OUT/index.en.html (English): the run at a glance. */
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "writers/diff.h"
#include "writers/html.h"
#include "writers/report.h"

/* Trends show at most this many runs, the newest last. */
#define TREND_RUNS 30

/* Texts of the page, [lv, en]. */
enum text {
    T_TITLE,
    T_E_INDEX,
    T_TAGLINE,
    T_H1,
    T_RUN_N,
    T_UNFINISHED,
    T_LANGUAGE,
    T_SUMMARY,
    T_N_SITES,
    T_N_REACHABLE,
    T_N_AVG,
    T_N_VIOLATIONS,
    T_N_PAGES,
    T_DISTRIBUTIONS,
    T_BANDS_CAPTION,
    T_BAND,
    T_INSTITUTIONS,
    T_SHARE,
    T_ITEMS_CAPTION,
    T_ITEM,
    T_KNOWN,
    T_YES,
    T_TREND_TITLE,
    T_TO,
    T_TRENDS,
    T_RUNS,
    T_RUN,
    T_DATE,
    T_REACHABLE,
    T_AVG,
    T_VIOLATIONS,
    T_CHANGES,
    T_FIRST_RUN,
    T_COMPARED,
    T_NEW,
    T_FIXED,
    T_ANSWERS_CHANGED,
    T_BECAME_UNREACHABLE,
    T_CHANGED_CAPTION,
    T_INSTITUTION,
    T_NEW_VIOLATIONS,
    T_FIXED_H,
    T_CHANGED_ANSWERS,
    T_NOTES,
    T_NOW_UNREACHABLE,
    T_REACHABLE_AGAIN,
    T_NEW_SITE,
    T_REMOVED_SITE,
    T_SITES_CAPTION,
    T_SCORE,
    T_UNREACHABLE,
    T_ROBOTS_UNREADABLE,
    T_GIVEN_UP,
    T_COUNT
};

static const char *const texts[T_COUNT][2] = {
    [T_TITLE] = { "Tīmekļa vietņu pārbaude", "Website audit" },
    [T_E_INDEX] = { "e-indekss", "e-index" },
    [T_TAGLINE] = { "e-indeksa tīmekļa vietņu pārbaude", "website audit for the e-index" },
    [T_H1] = { "Tīmekļa vietņu automātiskā pārbaude", "Automatic website audit" },
    [T_RUN_N] = { "pārbaudes kārta", "run" },
    [T_UNFINISHED] = { "kārta vēl nav pabeigta", "the run has not finished yet" },
    [T_LANGUAGE] = { "Valoda", "Language" },
    [T_SUMMARY] = { "Kopsavilkums", "Summary" },
    [T_N_SITES] = { "iestādes", "institutions" },
    [T_N_REACHABLE] = { "sasniedzamas", "reachable" },
    [T_N_AVG] = { "vidējais WCAG rādītājs", "average WCAG score" },
    [T_N_VIOLATIONS] = { "WCAG pārkāpumi", "WCAG violations" },
    [T_N_PAGES] = { "pārbaudītās lapas", "pages audited" },
    [T_DISTRIBUTIONS] = { "Sadalījums", "Distribution" },
    [T_BANDS_CAPTION] = { "Iestādes pēc WCAG līmeņa", "Institutions by WCAG band" },
    [T_BAND] = { "Līmenis", "Band" },
    [T_INSTITUTIONS] = { "Iestādes", "Institutions" },
    [T_SHARE] = { "Daļa", "Share" },
    [T_ITEMS_CAPTION] = { "Anketas rādītāji: iestāžu daļa ar atbildi “jā” no tām, kurām atbilde "
                          "noteikta",
                          "Questionnaire items: the share of institutions answering “yes” of "
                          "those where the answer was determined" },
    [T_ITEM] = { "Rādītājs", "Item" },
    [T_KNOWN] = { "Noteikts", "Determined" },
    [T_YES] = { "Jā", "Yes" },
    [T_TREND_TITLE] = { "Vidējais WCAG rādītājs pa pārbaudes kārtām: no",
                        "Average WCAG score by run: from" },
    [T_TO] = { "līdz", "to" },
    [T_TRENDS] = { "Tendences", "Trends" },
    [T_RUNS] = { "Pārbaudes kārtas", "Runs" },
    [T_RUN] = { "Kārta", "Run" },
    [T_DATE] = { "Datums", "Date" },
    [T_REACHABLE] = { "Sasniedzamas", "Reachable" },
    [T_AVG] = { "Vidējais rādītājs", "Average score" },
    [T_VIOLATIONS] = { "Pārkāpumi", "Violations" },
    [T_CHANGES] = { "Izmaiņas kopš iepriekšējās kārtas", "Changes since the previous run" },
    [T_FIRST_RUN] = { "Šī ir pirmā pabeigtā pārbaudes kārta: nav ar ko salīdzināt.",
                      "This is the first finished run: there is nothing to compare it with." },
    [T_COMPARED] = { "Salīdzinājumā ar kārtu", "Compared with run" },
    [T_NEW] = { "jauni pārkāpumi", "new violations" },
    [T_FIXED] = { "novērsti", "fixed" },
    [T_ANSWERS_CHANGED] = { "mainītas atbildes", "answers changed" },
    [T_BECAME_UNREACHABLE] = { "kļuva nesasniedzamas", "became unreachable" },
    [T_CHANGED_CAPTION] = { "Iestādes, kurās kaut kas mainījās",
                            "Institutions where something changed" },
    [T_INSTITUTION] = { "Iestāde", "Institution" },
    [T_NEW_VIOLATIONS] = { "Jauni pārkāpumi", "New violations" },
    [T_FIXED_H] = { "Novērsti", "Fixed" },
    [T_CHANGED_ANSWERS] = { "Mainītās atbildes", "Changed answers" },
    [T_NOTES] = { "Piezīmes", "Notes" },
    [T_NOW_UNREACHABLE] = { "kļuva nesasniedzama", "became unreachable" },
    [T_REACHABLE_AGAIN] = { "atkal sasniedzama", "reachable again" },
    [T_NEW_SITE] = { "jauna iestāde", "new institution" },
    [T_REMOVED_SITE] = { "vairs netiek pārbaudīta", "no longer audited" },
    [T_SITES_CAPTION] = { "Visas pārbaudītās iestādes sēklu secībā",
                          "All audited institutions in seed order" },
    [T_SCORE] = { "Rādītājs", "Score" },
    [T_UNREACHABLE] = { "nesasniedzama", "unreachable" },
    [T_ROBOTS_UNREADABLE] = { "robots.txt nolasīt nevarēja: tikai sākumlapa",
                              "robots.txt unreadable: homepage only" },
    [T_GIVEN_UP] = { "pārmeklēšana pārtraukta kļūdu dēļ", "crawl stopped after errors" },
};

#define TX(t) texts[t][lang]

struct run_stat {
    long long id;
    char *date; /* owned */
    size_t sites, reachable, scored;
    double score_sum;
    long long violations;
};

static void stat_rows(const struct ea_sheet_row *rows, size_t n, struct run_stat *st)
{
    st->sites = n;
    for (size_t i = 0; i < n; i++) {
        const char *const *c = (const char *const *)rows[i].cells;
        st->reachable += ea_html_true(c[EA_COL_REACHABLE]);
        if (c[EA_COL_WCAG_SCORE]) {
            st->score_sum += strtod(c[EA_COL_WCAG_SCORE], NULL);
            st->scored++;
        }
        if (c[EA_COL_WCAG_VIOLATIONS])
            st->violations += strtoll(c[EA_COL_WCAG_VIOLATIONS], NULL, 10);
    }
}

static double avg(const struct run_stat *s)
{
    return s->scored ? s->score_sum / (double)s->scored : 0;
}

/* A count and its share as a bar plus the number (the bar alone would be colour only). */
static void pct_bar(FILE *f, size_t part, size_t whole)
{
    if (!whole) {
        fprintf(f, "<td class=\"n\">%zu</td><td><span class=\"unk\">—</span></td>", part);
        return;
    }
    double pct = 100.0 * (double)part / (double)whole;
    fprintf(f,
            "<td class=\"n\">%zu</td><td><span class=\"bar\" style=\"width:%.0fpx\"></span>"
            "%.0f%%</td>",
            part, pct * 1.5, pct);
}

/* The run's average score (Latvian with a decimal comma), or "not determined". */
static void write_avg(FILE *f, const struct run_stat *s, enum ea_lang lang)
{
    char num[32];
    snprintf(num, sizeof(num), "%.1f", avg(s));
    ea_html_cell(f, EA_COL_WCAG_SCORE, s->scored ? num : NULL, lang);
}

static void write_summary(FILE *f, const struct run_stat *cur, const struct ea_sheet_row *rows,
                          size_t n, enum ea_lang lang)
{
    long long pages = 0;
    for (size_t i = 0; i < n; i++)
        if (rows[i].cells[EA_COL_PAGES_AUDITED])
            pages += strtoll(rows[i].cells[EA_COL_PAGES_AUDITED], NULL, 10);
    fprintf(f,
            "<h2 id=\"summary\">%s</h2>\n<ul class=\"cards\">\n"
            "<li><span class=\"n\">%zu</span>%s</li>\n"
            "<li><span class=\"n\">%zu</span>%s</li>\n",
            TX(T_SUMMARY), cur->sites, TX(T_N_SITES), cur->reachable, TX(T_N_REACHABLE));
    fputs("<li><span class=\"n\">", f);
    write_avg(f, cur, lang);
    fprintf(f,
            "</span>%s</li>\n"
            "<li><span class=\"n\">%lld</span>%s</li>\n"
            "<li><span class=\"n\">%lld</span>%s</li>\n</ul>\n",
            TX(T_N_AVG), cur->violations, TX(T_N_VIOLATIONS), pages, TX(T_N_PAGES));
}

static void write_distributions(FILE *f, const struct ea_sheet_row *rows, size_t n,
                                enum ea_lang lang)
{
    static const char *const bands[] = { "augsta", "vidēji augsta", "vidēja", "zema", NULL };
    fprintf(f,
            "<h2 id=\"distributions\">%s</h2>\n<table>\n<caption>%s</caption>\n<thead><tr>"
            "<th scope=\"col\">%s</th><th scope=\"col\" class=\"n\">%s</th><th scope=\"col\">"
            "%s</th></tr></thead>\n<tbody>\n",
            TX(T_DISTRIBUTIONS), TX(T_BANDS_CAPTION), TX(T_BAND), TX(T_INSTITUTIONS), TX(T_SHARE));
    for (size_t b = 0; b < EA_ARRAY_LEN(bands); b++) {
        size_t count = 0;
        for (size_t i = 0; i < n; i++) {
            const char *band = rows[i].cells[EA_COL_WCAG_BAND];
            count += bands[b] ? band && strcmp(band, bands[b]) == 0 : !band;
        }
        fputs("<tr><th scope=\"row\">", f);
        ea_html_band(f, bands[b], lang);
        fputs("</th>", f);
        pct_bar(f, count, n);
        fputs("</tr>\n", f);
    }
    fprintf(f,
            "</tbody>\n</table>\n<table>\n<caption>%s</caption>\n<thead><tr><th scope=\"col\">"
            "%s</th><th scope=\"col\" class=\"n\">%s</th><th scope=\"col\" class=\"n\">%s</th>"
            "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
            TX(T_ITEMS_CAPTION), TX(T_ITEM), TX(T_KNOWN), TX(T_YES), TX(T_SHARE));
    for (size_t c = EA_COL_HTTPS; c < EA_COL_COUNT; c++) {
        if (ea_columns[c].type != EA_COL_BOOL)
            continue;
        size_t known = 0, yes = 0;
        for (size_t i = 0; i < n; i++) {
            known += rows[i].cells[c] != NULL;
            yes += ea_html_true(rows[i].cells[c]);
        }
        fprintf(f, "<tr><th scope=\"row\">%s</th><td class=\"n\">%zu</td>",
                ea_html_col_label((enum ea_col)c, lang), known);
        pct_bar(f, yes, known);
        fputs("</tr>\n", f);
    }
    fputs("</tbody>\n</table>\n", f);
}

static void write_trend_svg(FILE *f, const struct run_stat *s, size_t n, enum ea_lang lang)
{
    const int w = 640, h = 220, left = 44, right = 16, top = 14, bottom = 34;
    double plot_w = w - left - right, plot_h = h - top - bottom;
    fprintf(f,
            "<svg role=\"img\" aria-labelledby=\"trend-title\" width=\"%d\" height=\"%d\" "
            "viewBox=\"0 0 %d %d\" xmlns=\"http://www.w3.org/2000/svg\">\n"
            "<title id=\"trend-title\">%s ",
            w, h, w, h, TX(T_TREND_TITLE));
    write_avg(f, &s[0], lang);
    fprintf(f, " %s ", TX(T_TO));
    write_avg(f, &s[n - 1], lang);
    fputs("</title>\n", f);
    for (int y = 0; y <= 100; y += 25) {
        double py = top + plot_h * (1 - y / 100.0);
        fprintf(f,
                "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#bbb\"/>"
                "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d</text>\n",
                left, py, w - right, py, left - 6, py + 4, y);
    }
    fputs("<polyline fill=\"none\" stroke=\"#0645ad\" stroke-width=\"2.5\" points=\"", f);
    for (size_t i = 0; i < n; i++) {
        double x = left + (n > 1 ? plot_w * (double)i / (double)(n - 1) : plot_w / 2);
        double y = top + plot_h * (1 - avg(&s[i]) / 100.0);
        fprintf(f, "%s%.1f,%.1f", i ? " " : "", x, y);
    }
    fputs("\"/>\n", f);
    for (size_t i = 0; i < n; i++) {
        double x = left + (n > 1 ? plot_w * (double)i / (double)(n - 1) : plot_w / 2);
        double y = top + plot_h * (1 - avg(&s[i]) / 100.0);
        fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#0645ad\"/>\n", x, y);
        if (i == 0 || i == n - 1) {
            fprintf(f, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"%s\">", x, h - 10,
                    n == 1   ? "middle"
                    : i == 0 ? "start"
                             : "end");
            ea_html_esc(f, s[i].date);
            fputs("</text>\n", f);
        }
    }
    fputs("</svg>\n", f);
}

static enum ea_err write_trends(FILE *f, struct ea_store *st, const struct ea_store_run *run,
                                enum ea_lang lang)
{
    struct ea_store_run *runs = NULL;
    size_t nruns = 0, n = 0;
    enum ea_err err = ea_store_runs(st, &runs, &nruns);
    if (err != EA_OK)
        return err;
    struct run_stat *stats = ea_xcalloc(TREND_RUNS, sizeof(*stats));
    /* Finished runs up to this one, and this one even if unfinished: the newest TREND_RUNS. */
    size_t first = nruns;
    for (size_t i = nruns, taken = 0; i-- > 0 && taken < TREND_RUNS;) {
        if (runs[i].id > run->id || (!runs[i].finished && runs[i].id != run->id))
            continue;
        first = i;
        taken++;
    }
    for (size_t i = first; i < nruns && err == EA_OK; i++) {
        if (runs[i].id > run->id || (!runs[i].finished && runs[i].id != run->id))
            continue;
        struct ea_sheet_row *rows = NULL;
        size_t nrows = 0;
        if ((err = ea_store_run_rows(st, runs[i].id, &rows, &nrows)) != EA_OK)
            break;
        stats[n].id = runs[i].id;
        stats[n].date = ea_xstrdup(runs[i].audit_date);
        stat_rows(rows, nrows, &stats[n++]);
        for (size_t k = 0; k < nrows; k++)
            ea_row_release(&rows[k]);
        free(rows);
    }
    if (err == EA_OK && n > 0) {
        fprintf(f, "<h2 id=\"trends\">%s</h2>\n", TX(T_TRENDS));
        write_trend_svg(f, stats, n, lang);
        fprintf(f,
                "<table>\n<caption>%s</caption>\n<thead><tr><th scope=\"col\">%s</th>"
                "<th scope=\"col\">%s</th><th scope=\"col\" class=\"n\">%s</th>"
                "<th scope=\"col\" class=\"n\">%s</th><th scope=\"col\" class=\"n\">%s</th>"
                "<th scope=\"col\" class=\"n\">%s</th></tr></thead>\n<tbody>\n",
                TX(T_RUNS), TX(T_RUN), TX(T_DATE), TX(T_INSTITUTIONS), TX(T_REACHABLE), TX(T_AVG),
                TX(T_VIOLATIONS));
        for (size_t i = n; i-- > 0;) {
            fprintf(f, "<tr><th scope=\"row\">%lld</th><td>", stats[i].id);
            ea_html_esc(f, stats[i].date);
            fprintf(f, "</td><td class=\"n\">%zu</td><td class=\"n\">%zu</td><td class=\"n\">",
                    stats[i].sites, stats[i].reachable);
            write_avg(f, &stats[i], lang);
            fprintf(f, "</td><td class=\"n\">%lld</td></tr>\n", stats[i].violations);
        }
        fputs("</tbody>\n</table>\n", f);
    }
    for (size_t i = 0; i < n; i++)
        free(stats[i].date);
    free(stats);
    for (size_t i = 0; i < nruns; i++)
        ea_store_run_release(&runs[i]);
    free(runs);
    return err;
}

static void site_link(FILE *f, const char *id, const char *name, enum ea_lang lang)
{
    char dir[256], href[300];
    ea_report_site_dir(id, dir, sizeof(dir));
    snprintf(href, sizeof(href), "sites/%s/%s", dir,
             lang == EA_LANG_LV ? "report.html" : "report.en.html");
    ea_html_link(f, href, name ? name : id);
}

static enum ea_err write_changes(FILE *f, struct ea_store *st, const struct ea_store_run *run,
                                 long long prev, enum ea_lang lang)
{
    fprintf(f, "<h2 id=\"changes\">%s</h2>\n", TX(T_CHANGES));
    if (!prev) {
        fprintf(f, "<p>%s</p>\n", TX(T_FIRST_RUN));
        return EA_OK;
    }
    struct ea_diff d;
    enum ea_err err = ea_diff_compute(st, prev, run->id, &d);
    if (err != EA_OK)
        return err;
    fprintf(f, "<p>%s %lld (", TX(T_COMPARED), prev);
    ea_html_esc(f, d.date_a);
    fprintf(f, "): %s — %zu, %s — %zu, %s — %zu, %s — %zu.</p>\n", TX(T_NEW), d.nnew, TX(T_FIXED),
            d.nfixed, TX(T_ANSWERS_CHANGED), d.nanswers, TX(T_BECAME_UNREACHABLE), d.nunreachable);
    if (d.nsites) {
        fprintf(f,
                "<table>\n<caption>%s</caption>\n<thead><tr><th scope=\"col\">%s</th>"
                "<th scope=\"col\" class=\"n\">%s</th><th scope=\"col\" class=\"n\">%s</th>"
                "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
                TX(T_CHANGED_CAPTION), TX(T_INSTITUTION), TX(T_NEW_VIOLATIONS), TX(T_FIXED_H),
                TX(T_CHANGED_ANSWERS), TX(T_NOTES));
        for (size_t i = 0; i < d.nsites; i++) {
            const struct ea_diff_site *s = &d.sites[i];
            fputs("<tr><th scope=\"row\">", f);
            if (s->removed)
                ea_html_esc(f, s->name ? s->name : s->id);
            else
                site_link(f, s->id, s->name, lang);
            fprintf(f, "</th><td class=\"n\">%zu</td><td class=\"n\">%zu</td><td>", s->nnew,
                    s->nfixed);
            for (size_t k = 0; k < s->nanswers; k++) {
                fputs(k ? ", " : "", f);
                fputs(ea_html_col_label(s->answers[k].col, lang), f);
            }
            fputs("</td><td>", f);
            const char *reach = s->became_unreachable ? TX(T_NOW_UNREACHABLE)
                                : s->became_reachable ? TX(T_REACHABLE_AGAIN)
                                                      : NULL;
            const char *change = s->added ? TX(T_NEW_SITE) : s->removed ? TX(T_REMOVED_SITE) : NULL;
            fprintf(f, "%s%s%s", reach ? reach : "", reach && change ? ", " : "",
                    change ? change : "");
            fputs("</td></tr>\n", f);
        }
        fputs("</tbody>\n</table>\n", f);
    }
    ea_diff_release(&d);
    return EA_OK;
}

static const enum ea_col key_cols[] = {
    EA_COL_MOBILE_FRIENDLY, EA_COL_PARTICIPATION_LINK, EA_COL_CONTACT_LINK,
    EA_COL_ESERVICES_LINK,  EA_COL_OPEN_DATA_LINK,     EA_COL_ACCESSIBILITY_STATEMENT,
};
static const char *const key_heads[][2] = {
    { "Mobilajām ierīcēm", "Mobile" }, { "Līdzdalība", "Participation" },
    { "Kontakti", "Contacts" },        { "E-pakalpojumi", "E-services" },
    { "Atvērtie dati", "Open data" },  { "Piekļūstamības paziņojums", "Accessibility statement" },
};

static enum ea_err write_sites(FILE *f, struct ea_store *st, long long run_id,
                               const struct ea_sheet_row *rows, size_t n, enum ea_lang lang)
{
    fprintf(f,
            "<h2 id=\"sites\">%s</h2>\n<table class=\"wide\">\n<caption>%s</caption>\n"
            "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\" class=\"n\">%s</th>"
            "<th scope=\"col\">%s</th><th scope=\"col\" class=\"n\">%s</th>",
            TX(T_INSTITUTIONS), TX(T_SITES_CAPTION), TX(T_INSTITUTION), TX(T_SCORE), TX(T_BAND),
            TX(T_VIOLATIONS));
    for (size_t k = 0; k < EA_ARRAY_LEN(key_heads); k++)
        fprintf(f, "<th scope=\"col\">%s</th>", key_heads[k][lang]);
    fputs("</tr></thead>\n<tbody>\n", f);
    for (size_t i = 0; i < n; i++) {
        const char *const *c = (const char *const *)rows[i].cells;
        fputs("<tr><th scope=\"row\">", f);
        site_link(f, c[EA_COL_ID] ? c[EA_COL_ID] : "", c[EA_COL_NAME], lang);
        struct ea_store_crawl crawl = { 0 };
        enum ea_err err =
            c[EA_COL_ID] ? ea_store_site_crawl(st, run_id, c[EA_COL_ID], &crawl) : EA_NOTFOUND;
        if (err == EA_DB)
            return err;
        if (!ea_html_true(c[EA_COL_REACHABLE]))
            fprintf(f, " <span class=\"no\">(%s)</span>", TX(T_UNREACHABLE));
        else if (crawl.robots_unreachable)
            fprintf(f, " <span class=\"no\">(%s)</span>", TX(T_ROBOTS_UNREADABLE));
        else if (crawl.given_up)
            fprintf(f, " <span class=\"no\">(%s)</span>", TX(T_GIVEN_UP));
        fputs("</th><td class=\"n\">", f);
        ea_html_cell(f, EA_COL_WCAG_SCORE, c[EA_COL_WCAG_SCORE], lang);
        fputs("</td><td>", f);
        ea_html_band(f, c[EA_COL_WCAG_BAND], lang);
        fputs("</td><td class=\"n\">", f);
        ea_html_cell(f, EA_COL_WCAG_VIOLATIONS, c[EA_COL_WCAG_VIOLATIONS], lang);
        fputs("</td>", f);
        for (size_t k = 0; k < EA_ARRAY_LEN(key_cols); k++) {
            fputs("<td>", f);
            ea_html_cell(f, key_cols[k], c[key_cols[k]], lang);
            fputs("</td>", f);
        }
        fputs("</tr>\n", f);
    }
    fputs("</tbody>\n</table>\n", f);
    return EA_OK;
}

enum ea_err ea_report_index_html(FILE *f, struct ea_store *st, const struct ea_store_run *run,
                                 long long prev, bool english)
{
    enum ea_lang lang = english ? EA_LANG_EN : EA_LANG_LV;
    struct ea_sheet_row *rows = NULL;
    size_t n = 0;
    struct run_stat cur;
    enum ea_err err = ea_store_run_rows(st, run->id, &rows, &n);
    if (err != EA_OK)
        return err;
    memset(&cur, 0, sizeof(cur));
    stat_rows(rows, n, &cur);

    char title[160];
    snprintf(title, sizeof(title), "%s %s — %s", TX(T_TITLE),
             run->audit_date ? run->audit_date : "", TX(T_E_INDEX));
    ea_html_head(f, lang, title);
    fprintf(f,
            "<header class=\"top\">\n<p><strong>eaudit</strong> · %s</p>\n<nav aria-label=\"%s\">"
            "<ul><li>%s</li></ul></nav>\n</header>\n<main id=\"main\">\n<h1>%s</h1>\n"
            "<p class=\"meta\">",
            TX(T_TAGLINE), TX(T_LANGUAGE),
            english ? "<a href=\"index.html\" hreflang=\"lv\" lang=\"lv\">Latviski</a>"
                    : "<a href=\"index.en.html\" hreflang=\"en\" lang=\"en\">English</a>",
            TX(T_H1));
    ea_html_esc(f, run->audit_date);
    fprintf(f, " · %s %lld", TX(T_RUN_N), run->id);
    if (!run->finished)
        fprintf(f, " · <strong>%s</strong>", TX(T_UNFINISHED));
    fputs("</p>\n", f);
    write_summary(f, &cur, rows, n, lang);
    err = write_changes(f, st, run, prev, lang);
    enum ea_err sites_err = write_sites(f, st, run->id, rows, n, lang);
    if (err == EA_OK)
        err = sites_err;
    write_distributions(f, rows, n, lang);
    if (err == EA_OK)
        err = write_trends(f, st, run, lang);
    ea_html_foot(f, lang, run->id, run->audit_date);
    for (size_t i = 0; i < n; i++)
        ea_row_release(&rows[i]);
    free(rows);
    if (err == EA_OK && ferror(f))
        err = EA_IO;
    return err;
}
