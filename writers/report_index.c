/* OUT/index.html: the run at a glance. */
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "writers/diff.h"
#include "writers/html.h"
#include "writers/report.h"

/* Trends show at most this many runs, the newest last. */
#define TREND_RUNS 30

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

/* The run's average score with the Latvian decimal comma, or "not determined". */
static void write_avg(FILE *f, const struct run_stat *s)
{
    char num[32];
    snprintf(num, sizeof(num), "%.1f", avg(s));
    ea_html_cell(f, EA_COL_WCAG_SCORE, s->scored ? num : NULL, EA_LANG_LV);
}

static void write_summary(FILE *f, const struct run_stat *cur, const struct ea_sheet_row *rows,
                          size_t n)
{
    long long pages = 0;
    for (size_t i = 0; i < n; i++)
        if (rows[i].cells[EA_COL_PAGES_AUDITED])
            pages += strtoll(rows[i].cells[EA_COL_PAGES_AUDITED], NULL, 10);
    fprintf(f,
            "<h2 id=\"summary\">Kopsavilkums</h2>\n<ul class=\"cards\">\n"
            "<li><span class=\"n\">%zu</span>iestādes</li>\n"
            "<li><span class=\"n\">%zu</span>sasniedzamas</li>\n",
            cur->sites, cur->reachable);
    fputs("<li><span class=\"n\">", f);
    write_avg(f, cur);
    fprintf(f,
            "</span>vidējais WCAG rādītājs</li>\n"
            "<li><span class=\"n\">%lld</span>WCAG pārkāpumi</li>\n"
            "<li><span class=\"n\">%lld</span>pārbaudītās lapas</li>\n</ul>\n",
            cur->violations, pages);
}

static void write_distributions(FILE *f, const struct ea_sheet_row *rows, size_t n)
{
    static const char *const bands[] = { "augsta", "vidēji augsta", "vidēja", "zema", NULL };
    fputs("<h2 id=\"distributions\">Sadalījums</h2>\n<table>\n<caption>Iestādes pēc WCAG "
          "līmeņa</caption>\n<thead><tr><th scope=\"col\">Līmenis</th><th scope=\"col\" "
          "class=\"n\">Iestādes</th><th scope=\"col\">Daļa</th></tr></thead>\n<tbody>\n",
          f);
    for (size_t b = 0; b < EA_ARRAY_LEN(bands); b++) {
        size_t count = 0;
        for (size_t i = 0; i < n; i++) {
            const char *band = rows[i].cells[EA_COL_WCAG_BAND];
            count += bands[b] ? band && strcmp(band, bands[b]) == 0 : !band;
        }
        fputs("<tr><th scope=\"row\">", f);
        ea_html_band(f, bands[b], EA_LANG_LV);
        fputs("</th>", f);
        pct_bar(f, count, n);
        fputs("</tr>\n", f);
    }
    fputs("</tbody>\n</table>\n<table>\n<caption>Anketas rādītāji: iestāžu daļa ar atbildi "
          "“jā” no tām, kurām atbilde noteikta</caption>\n<thead><tr><th scope=\"col\">"
          "Rādītājs</th><th scope=\"col\" class=\"n\">Noteikts</th><th scope=\"col\" "
          "class=\"n\">Jā</th><th scope=\"col\">Daļa</th></tr></thead>\n<tbody>\n",
          f);
    for (size_t c = EA_COL_HTTPS; c < EA_COL_COUNT; c++) {
        if (ea_columns[c].type != EA_COL_BOOL)
            continue;
        size_t known = 0, yes = 0;
        for (size_t i = 0; i < n; i++) {
            known += rows[i].cells[c] != NULL;
            yes += ea_html_true(rows[i].cells[c]);
        }
        fprintf(f, "<tr><th scope=\"row\">%s</th><td class=\"n\">%zu</td>",
                ea_html_col_label((enum ea_col)c, EA_LANG_LV), known);
        pct_bar(f, yes, known);
        fputs("</tr>\n", f);
    }
    fputs("</tbody>\n</table>\n", f);
}

static void write_trend_svg(FILE *f, const struct run_stat *s, size_t n)
{
    const int w = 640, h = 220, left = 44, right = 16, top = 14, bottom = 34;
    double plot_w = w - left - right, plot_h = h - top - bottom;
    fprintf(f,
            "<svg role=\"img\" aria-labelledby=\"trend-title\" width=\"%d\" height=\"%d\" "
            "viewBox=\"0 0 %d %d\" xmlns=\"http://www.w3.org/2000/svg\">\n"
            "<title id=\"trend-title\">Vidējais WCAG rādītājs pa pārbaudes kārtām: no ",
            w, h, w, h);
    write_avg(f, &s[0]);
    fputs(" līdz ", f);
    write_avg(f, &s[n - 1]);
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

static enum ea_err write_trends(FILE *f, struct ea_store *st, const struct ea_store_run *run)
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
        fputs("<h2 id=\"trends\">Tendences</h2>\n", f);
        write_trend_svg(f, stats, n);
        fputs("<table>\n<caption>Pārbaudes kārtas</caption>\n<thead><tr><th scope=\"col\">"
              "Kārta</th><th scope=\"col\">Datums</th><th scope=\"col\" class=\"n\">Iestādes"
              "</th><th scope=\"col\" class=\"n\">Sasniedzamas</th><th scope=\"col\" "
              "class=\"n\">Vidējais rādītājs</th><th scope=\"col\" class=\"n\">Pārkāpumi</th>"
              "</tr></thead>\n<tbody>\n",
              f);
        for (size_t i = n; i-- > 0;) {
            fprintf(f, "<tr><th scope=\"row\">%lld</th><td>", stats[i].id);
            ea_html_esc(f, stats[i].date);
            fprintf(f, "</td><td class=\"n\">%zu</td><td class=\"n\">%zu</td><td class=\"n\">",
                    stats[i].sites, stats[i].reachable);
            write_avg(f, &stats[i]);
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

static void site_link(FILE *f, const char *id, const char *name)
{
    char dir[256], href[300];
    ea_report_site_dir(id, dir, sizeof(dir));
    snprintf(href, sizeof(href), "sites/%s/report.html", dir);
    ea_html_link(f, href, name ? name : id);
}

static enum ea_err write_changes(FILE *f, struct ea_store *st, const struct ea_store_run *run,
                                 long long prev)
{
    fputs("<h2 id=\"changes\">Izmaiņas kopš iepriekšējās kārtas</h2>\n", f);
    if (!prev) {
        fputs("<p>Šī ir pirmā pabeigtā pārbaudes kārta: nav ar ko salīdzināt.</p>\n", f);
        return EA_OK;
    }
    struct ea_diff d;
    enum ea_err err = ea_diff_compute(st, prev, run->id, &d);
    if (err != EA_OK)
        return err;
    fprintf(f, "<p>Salīdzinājumā ar kārtu %lld (", prev);
    ea_html_esc(f, d.date_a);
    fprintf(f,
            "): jauni pārkāpumi — %zu, novērsti — %zu, mainītas atbildes — %zu, kļuva "
            "nesasniedzamas — %zu.</p>\n",
            d.nnew, d.nfixed, d.nanswers, d.nunreachable);
    if (d.nsites) {
        fputs("<table>\n<caption>Iestādes, kurās kaut kas mainījās</caption>\n<thead><tr>"
              "<th scope=\"col\">Iestāde</th><th scope=\"col\" class=\"n\">Jauni pārkāpumi</th>"
              "<th scope=\"col\" class=\"n\">Novērsti</th><th scope=\"col\">Mainītās atbildes"
              "</th><th scope=\"col\">Piezīmes</th></tr></thead>\n<tbody>\n",
              f);
        for (size_t i = 0; i < d.nsites; i++) {
            const struct ea_diff_site *s = &d.sites[i];
            fputs("<tr><th scope=\"row\">", f);
            if (s->removed)
                ea_html_esc(f, s->name ? s->name : s->id);
            else
                site_link(f, s->id, s->name);
            fprintf(f, "</th><td class=\"n\">%zu</td><td class=\"n\">%zu</td><td>", s->nnew,
                    s->nfixed);
            for (size_t k = 0; k < s->nanswers; k++) {
                fputs(k ? ", " : "", f);
                fputs(ea_html_col_label(s->answers[k].col, EA_LANG_LV), f);
            }
            fputs("</td><td>", f);
            fputs(s->became_unreachable ? "kļuva nesasniedzama "
                  : s->became_reachable ? "atkal sasniedzama "
                                        : "",
                  f);
            fputs(s->added ? "jauna iestāde" : s->removed ? "vairs netiek pārbaudīta" : "", f);
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
static const char *const key_heads[] = {
    "Mobilajām ierīcēm", "Līdzdalība",    "Kontakti",
    "E-pakalpojumi",     "Atvērtie dati", "Piekļūstamības paziņojums",
};

static void write_sites(FILE *f, const struct ea_sheet_row *rows, size_t n)
{
    fputs("<h2 id=\"sites\">Iestādes</h2>\n<table class=\"wide\">\n<caption>Visas pārbaudītās "
          "iestādes "
          "sēklu secībā</caption>\n<thead><tr><th scope=\"col\">Iestāde</th><th scope=\"col\" "
          "class=\"n\">Rādītājs</th><th scope=\"col\">Līmenis</th><th scope=\"col\" "
          "class=\"n\">Pārkāpumi</th>",
          f);
    for (size_t k = 0; k < EA_ARRAY_LEN(key_heads); k++)
        fprintf(f, "<th scope=\"col\">%s</th>", key_heads[k]);
    fputs("</tr></thead>\n<tbody>\n", f);
    for (size_t i = 0; i < n; i++) {
        const char *const *c = (const char *const *)rows[i].cells;
        fputs("<tr><th scope=\"row\">", f);
        site_link(f, c[EA_COL_ID] ? c[EA_COL_ID] : "", c[EA_COL_NAME]);
        if (!ea_html_true(c[EA_COL_REACHABLE]))
            fputs(" <span class=\"no\">(nesasniedzama)</span>", f);
        fputs("</th><td class=\"n\">", f);
        ea_html_cell(f, EA_COL_WCAG_SCORE, c[EA_COL_WCAG_SCORE], EA_LANG_LV);
        fputs("</td><td>", f);
        ea_html_band(f, c[EA_COL_WCAG_BAND], EA_LANG_LV);
        fputs("</td><td class=\"n\">", f);
        ea_html_cell(f, EA_COL_WCAG_VIOLATIONS, c[EA_COL_WCAG_VIOLATIONS], EA_LANG_LV);
        fputs("</td>", f);
        for (size_t k = 0; k < EA_ARRAY_LEN(key_cols); k++) {
            fputs("<td>", f);
            ea_html_cell(f, key_cols[k], c[key_cols[k]], EA_LANG_LV);
            fputs("</td>", f);
        }
        fputs("</tr>\n", f);
    }
    fputs("</tbody>\n</table>\n", f);
}

enum ea_err ea_report_index_html(FILE *f, struct ea_store *st, const struct ea_store_run *run,
                                 long long prev)
{
    struct ea_sheet_row *rows = NULL;
    size_t n = 0;
    struct run_stat cur;
    enum ea_err err = ea_store_run_rows(st, run->id, &rows, &n);
    if (err != EA_OK)
        return err;
    memset(&cur, 0, sizeof(cur));
    stat_rows(rows, n, &cur);

    char title[128];
    snprintf(title, sizeof(title), "Tīmekļa vietņu pārbaude %s — e-indekss",
             run->audit_date ? run->audit_date : "");
    ea_html_head(f, EA_LANG_LV, title);
    fputs("<header class=\"top\">\n<p><strong>eaudit</strong> · e-indeksa tīmekļa vietņu "
          "pārbaude</p>\n</header>\n<main id=\"main\">\n<h1>Tīmekļa vietņu automātiskā "
          "pārbaude</h1>\n<p class=\"meta\">",
          f);
    ea_html_esc(f, run->audit_date);
    fprintf(f, " · pārbaudes kārta %lld%s</p>\n", run->id,
            run->finished ? "" : " · <strong>kārta vēl nav pabeigta</strong>");
    write_summary(f, &cur, rows, n);
    err = write_changes(f, st, run, prev);
    write_sites(f, rows, n);
    write_distributions(f, rows, n);
    if (err == EA_OK)
        err = write_trends(f, st, run);
    ea_html_foot(f, EA_LANG_LV, run->id, run->audit_date);
    for (size_t i = 0; i < n; i++)
        ea_row_release(&rows[i]);
    free(rows);
    if (err == EA_OK && ferror(f))
        err = EA_IO;
    return err;
}
