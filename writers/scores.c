#include "writers/scores.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/log.h"
#include "core/xalloc.h"
#include "writers/csv.h"
#include "writers/html.h"

/* The file is written to PATH.tmp and renamed into place, so a reader never sees half. */
struct out_file {
    FILE *f;
    struct ea_buf tmp;
    const char *path;
};

static bool out_open(struct out_file *o, const char *path)
{
    ea_buf_init(&o->tmp, 4096);
    ea_buf_addf(&o->tmp, "%s.tmp", path);
    o->path = path;
    o->f = fopen(o->tmp.buf, "wb");
    if (!o->f) {
        ea_log_error("cannot write '%s': %s", o->tmp.buf, strerror(errno));
        ea_buf_release(&o->tmp);
    }
    return o->f != NULL;
}

static enum ea_err out_close(struct out_file *o)
{
    enum ea_err result = EA_IO;
    if (ferror(o->f) | (fclose(o->f) != 0)) {
        ea_log_error("cannot write '%s': %s", o->tmp.buf, strerror(errno));
        remove(o->tmp.buf);
    } else if (rename(o->tmp.buf, o->path) != 0) {
        ea_log_error("cannot rename '%s' to '%s': %s", o->tmp.buf, o->path, strerror(errno));
        remove(o->tmp.buf);
    } else {
        result = EA_OK;
    }
    ea_buf_release(&o->tmp);
    return result;
}

/* A number with decimals places, or nothing for NAN (CSV). */
static void csv_num(FILE *f, double v, int decimals)
{
    if (!isnan(v))
        fprintf(f, "%.*f", decimals, ea_score_round(v, decimals));
}

static void csv_level(FILE *f, int level)
{
    if (level)
        fprintf(f, "%d", level);
}

enum ea_err ea_scores_write_csv(const char *path, const struct ea_score_report *r)
{
    struct out_file o;

    if (!out_open(&o, path))
        return EA_IO;
    fputs("rank,id,name,type,index,level,themes_scored,answered,questions", o.f);
    for (int t = 0; t < EA_THEMES; t++)
        fprintf(o.f, ",%s,%s_level,%s_answered,%s_questions", ea_theme_ids[t], ea_theme_ids[t],
                ea_theme_ids[t], ea_theme_ids[t]);
    fputs("\r\n", o.f);
    for (size_t k = 0; k < r->n; k++) {
        const struct ea_scored *in = &r->inst[r->order[k]];
        const struct ea_score *s = &in->score;
        if (s->rank)
            fprintf(o.f, "%d", s->rank);
        fputc(',', o.f);
        ea_csv_field(o.f, in->id, true);
        fputc(',', o.f);
        ea_csv_field(o.f, in->name, true);
        fputc(',', o.f);
        ea_csv_field(o.f, in->type, true);
        fputc(',', o.f);
        csv_num(o.f, s->overall, 2);
        fputc(',', o.f);
        csv_level(o.f, s->level);
        fprintf(o.f, ",%zu,%zu,%zu", s->themes_scored, s->answered, s->questions);
        for (int t = 0; t < EA_THEMES; t++) {
            const struct ea_theme_score *ts = &s->themes[t];
            fputc(',', o.f);
            csv_num(o.f, ts->score, 1);
            fputc(',', o.f);
            csv_level(o.f, ts->level);
            fprintf(o.f, ",%zu,%zu", ts->answered, ts->questions);
        }
        fputs("\r\n", o.f);
    }
    return out_close(&o);
}

enum ea_err ea_scores_write_template(const char *path, const struct ea_model *m, enum ea_source src,
                                     const char *const *ids, const char *const *names, size_t n)
{
    struct ea_buf ans = EA_BUF_INIT(4096);
    struct out_file o;

    if (!out_open(&o, path))
        return EA_IO;
    /* Header, then two comment rows: the question texts and the answers each takes. */
    for (int row = 0; row < 3; row++) {
        fputs(row == 0 ? "id,name" : row == 1 ? "#,jautājums" : "#,atbildes", o.f);
        for (size_t i = 0; i < m->nquestions; i++) {
            const struct ea_question *q = &m->questions[i];
            if (q->source != src)
                continue;
            fputc(',', o.f);
            ea_buf_reset(&ans);
            ea_score_describe_answers(q, &ans);
            ea_csv_field(o.f, row == 0 ? q->id : row == 1 ? q->text_lv : ans.buf, true);
        }
        fputs("\r\n", o.f);
    }
    for (size_t r = 0; r < n; r++) {
        ea_csv_field(o.f, ids[r], true);
        fputc(',', o.f);
        ea_csv_field(o.f, names[r], true);
        for (size_t i = 0; i < m->nquestions; i++)
            if (m->questions[i].source == src)
                fputc(',', o.f);
        fputs("\r\n", o.f);
    }
    ea_buf_release(&ans);
    return out_close(&o);
}

/* ---- HTML ---- */

/* An id usable in href="#..." and id="...": anything outside [A-Za-z0-9_-] becomes '-'. */
static void anchor(FILE *f, const char *id)
{
    fputs("i-", f);
    for (; id && *id; id++) {
        char c = *id;
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '_' || c == '-';
        fputc(ok ? c : '-', f);
    }
}

static const char *type_lv(const char *type)
{
    if (type && strcmp(type, "ministry") == 0)
        return "ministrija";
    if (type && strcmp(type, "institution") == 0)
        return "iestāde";
    return type && *type ? type : "—";
}

static void num(FILE *f, double v, int decimals)
{
    if (isnan(v))
        fputs("<span class=\"na\">nav</span>", f);
    else
        fprintf(f, "%.*f", decimals, ea_score_round(v, decimals));
}

static void level_badge(FILE *f, int level)
{
    if (level)
        fprintf(f, "<span class=\"lv lv%d\">%d. līmenis</span>", level, level);
    else
        fputs("<span class=\"na\">nav</span>", f);
}

static const char *theme_name(const struct ea_model *m, int t)
{
    return m->themes[t].name_lv ? m->themes[t].name_lv : ea_theme_ids[t];
}

static const char style[] =
    "body{font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1a1a1a;"
    "background:#fff;margin:0}\n"
    "header,main,footer{max-width:1280px;margin:0 auto;padding:0 1.5rem}\n"
    "header{border-bottom:4px solid #9e3039;padding-bottom:.5rem}\n"
    "h1{font-size:2rem;margin:1.2rem 0 .3rem}h2{font-size:1.5rem;margin:2rem 0 .6rem;"
    "border-bottom:1px solid #767676}h3{font-size:1.25rem;margin:1.6rem 0 .4rem}"
    "h4{font-size:1.05rem;margin:1rem 0 .3rem}\n"
    "a{color:#0b4f9c}a:focus{outline:3px solid #1a1a1a;outline-offset:2px}\n"
    "table{border-collapse:collapse;margin:.5rem 0 1rem;width:100%}\n"
    "caption{text-align:left;font-weight:600;padding:.3rem 0}\n"
    "th,td{border:1px solid #8a8a8a;padding:.35rem .5rem;text-align:left;vertical-align:top}\n"
    "thead th{background:#e8e8e8}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}\n"
    "tbody tr:nth-child(even){background:#f6f6f6}\n"
    ".lv{display:inline-block;padding:0 .45rem;border-radius:.3rem;border:1px solid #1a1a1a;"
    "white-space:nowrap;font-weight:600}\n"
    ".lv1{background:#f8d4d4}.lv2{background:#fbe3c4}.lv3{background:#fdf2b3}"
    ".lv4{background:#d8efc6}.lv5{background:#bfe3f5}\n"
    ".na{color:#595959;font-style:italic}\n"
    ".bar{display:inline-block;height:1rem;background:#0b4f9c;vertical-align:middle;"
    "margin-right:.4rem}\n"
    ".cards{display:flex;flex-wrap:wrap;gap:1rem;margin:1rem 0}\n"
    ".card{border:2px solid #1a1a1a;border-radius:.4rem;padding:.6rem 1rem;min-width:14rem}\n"
    ".card .big{font-size:2rem;font-weight:700;display:block}\n"
    ".note{background:#fff6d6;border-left:4px solid #8a6d00;padding:.5rem 1rem}\n"
    "nav ul{display:flex;flex-wrap:wrap;gap:.3rem 1.2rem;list-style:none;padding:0}\n"
    ".lead{margin:0;padding:0;list-style:none}.lead .sc{display:inline-block;min-width:3.5rem;"
    "font-weight:700;font-variant-numeric:tabular-nums}\n"
    "table.narrow{width:auto;min-width:32rem}\n"
    "td.c1{background:#fbe7e7}td.c2{background:#fdf0de}td.c3{background:#fef8d9}"
    "td.c4{background:#ebf6e2}td.c5{background:#dff1fa}\n"
    "table.rank th[scope=row]{min-width:11rem}\n"
    "footer{margin-top:3rem;border-top:1px solid #767676;color:#404040}\n"
    ".skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;"
    "padding:.3rem .6rem}\n";

static void group_row(FILE *f, const char *label, const struct ea_group *g)
{
    fputs("<tr><th scope=\"row\">", f);
    ea_html_esc(f, label);
    fprintf(f, "</th><td class=\"n\">%zu</td><td class=\"n\">", g->members);
    num(f, g->overall, 2);
    fputs("</td><td>", f);
    level_badge(f, g->level);
    fputs("</td>", f);
    for (int t = 0; t < EA_THEMES; t++) {
        fprintf(f, "<td class=\"n c%d\">", g->theme_levels[t]);
        num(f, g->themes[t], 1);
        fputs("</td>", f);
    }
    fputs("</tr>\n", f);
}

static void theme_headers(FILE *f, const struct ea_model *m)
{
    for (int t = 0; t < EA_THEMES; t++) {
        fputs("<th scope=\"col\" class=\"n\" title=\"", f);
        ea_html_esc(f, theme_name(m, t));
        fputs("\">", f);
        ea_html_esc(f, m->themes[t].short_lv ? m->themes[t].short_lv : theme_name(m, t));
        fputs("</th>", f);
    }
}

static void summary(FILE *f, const struct ea_score_report *r)
{
    const struct ea_model *m = r->model;
    struct ea_group all, min, inst;
    bool *is_min = ea_xcalloc(r->n ? r->n : 1, sizeof(*is_min));
    bool *is_inst = ea_xcalloc(r->n ? r->n : 1, sizeof(*is_inst));
    struct ea_score *scores = ea_xcalloc(r->n ? r->n : 1, sizeof(*scores));

    for (size_t i = 0; i < r->n; i++) {
        scores[i] = r->inst[i].score;
        is_min[i] = r->inst[i].type && strcmp(r->inst[i].type, "ministry") == 0;
        is_inst[i] = r->inst[i].type && strcmp(r->inst[i].type, "institution") == 0;
    }
    ea_score_group(m, scores, NULL, r->n, &all);
    ea_score_group(m, scores, is_min, r->n, &min);
    ea_score_group(m, scores, is_inst, r->n, &inst);

    fputs("<section aria-labelledby=\"kopsavilkums\">\n"
          "<h2 id=\"kopsavilkums\">Kopsavilkums</h2>\n<div class=\"cards\">\n",
          f);
    const struct {
        const char *label;
        const struct ea_group *g;
    } cards[] = { { "Visas iestādes", &all }, { "Ministrijas", &min }, { "Iestādes", &inst } };
    for (size_t i = 0; i < EA_ARRAY_LEN(cards); i++) {
        fputs("<div class=\"card\"><span>", f);
        ea_html_esc(f, cards[i].label);
        fputs("</span><span class=\"big\">", f);
        num(f, cards[i].g->overall, 2);
        fputs("</span>", f);
        level_badge(f, cards[i].g->level);
        fprintf(f, " <span>(%zu ar indeksu)</span></div>\n", cards[i].g->n);
    }
    fputs("</div>\n<table>\n<caption>Grupu indeksi: vidējais kopējais indekss un vidējie tēmu "
          "punkti</caption>\n<thead><tr><th scope=\"col\">Grupa</th><th scope=\"col\" "
          "class=\"n\">Skaits</th><th scope=\"col\" class=\"n\">Indekss</th><th "
          "scope=\"col\">Līmenis</th>",
          f);
    theme_headers(f, m);
    fputs("</tr></thead>\n<tbody>\n", f);
    for (size_t i = 0; i < EA_ARRAY_LEN(cards); i++)
        group_row(f, cards[i].label, cards[i].g);
    fputs("</tbody></table>\n</section>\n", f);
    free(is_min);
    free(is_inst);
    free(scores);
}

static void distribution(FILE *f, const struct ea_score_report *r)
{
    const struct ea_model *m = r->model;
    size_t counts[EA_THEMES + 1][EA_LEVELS + 1] = { { 0 } };

    for (size_t i = 0; i < r->n; i++) {
        counts[0][r->inst[i].score.level]++;
        for (int t = 0; t < EA_THEMES; t++)
            counts[t + 1][r->inst[i].score.themes[t].level]++;
    }
    fputs("<section aria-labelledby=\"limeni\">\n<h2 id=\"limeni\">Brieduma līmeņu "
          "sadalījums</h2>\n<table class=\"narrow\">\n<caption>Kopējā indeksa līmeņi: iestāžu "
          "skaits</caption>\n"
          "<thead><tr><th scope=\"col\">Līmenis</th><th scope=\"col\" class=\"n\">Iestādes</th>"
          "<th scope=\"col\">Daļa</th></tr></thead>\n<tbody>\n",
          f);
    for (int k = 1; k <= EA_LEVELS + 1; k++) {
        int l = k % (EA_LEVELS + 1); /* levels 1-5, then those without an index */
        double share = r->n ? (double)counts[0][l] / (double)r->n * 100 : 0;
        if (l == 0 && counts[0][0] == 0)
            continue;
        fputs("<tr><th scope=\"row\">", f);
        if (l)
            level_badge(f, l);
        else
            fputs("bez indeksa", f);
        fprintf(f,
                "</th><td class=\"n\">%zu</td><td><span class=\"bar\" style=\"width:%.1fpx\">"
                "</span>%.0f%%</td></tr>\n",
                counts[0][l], share * 4, share);
    }
    fputs("</tbody></table>\n<table>\n<caption>Tēmu līmeņi: iestāžu skaits katrā "
          "līmenī</caption>\n<thead><tr><th scope=\"col\">Tēma</th>",
          f);
    for (int l = 1; l <= EA_LEVELS; l++)
        fprintf(f, "<th scope=\"col\" class=\"n\">%d. līmenis</th>", l);
    fputs("<th scope=\"col\" class=\"n\">Nav vērtējuma</th></tr></thead>\n<tbody>\n", f);
    for (int t = 0; t < EA_THEMES; t++) {
        fputs("<tr><th scope=\"row\">", f);
        ea_html_esc(f, theme_name(m, t));
        fputs("</th>", f);
        for (int l = 1; l <= EA_LEVELS; l++)
            fprintf(f, "<td class=\"n\">%zu</td>", counts[t + 1][l]);
        fprintf(f, "<td class=\"n\">%zu</td></tr>\n", counts[t + 1][0]);
    }
    fputs("</tbody></table>\n</section>\n", f);
}

static void inst_link(FILE *f, const struct ea_scored *in)
{
    fputs("<a href=\"#", f);
    anchor(f, in->id);
    fputs("\">", f);
    ea_html_esc(f, in->name && *in->name ? in->name : in->id);
    fputs("</a>", f);
}

/* The three best theme scores (ties at the third place included). */
static void leaders(FILE *f, const struct ea_score_report *r)
{
    const struct ea_model *m = r->model;
    fputs("<section aria-labelledby=\"lideri\">\n<h2 id=\"lideri\">Tēmu līderi</h2>\n<table>\n"
          "<caption>Trīs augstākie punkti katrā tēmā</caption>\n<thead><tr><th "
          "scope=\"col\">Tēma</th><th scope=\"col\">Līderi (punkti)</th></tr></thead>\n<tbody>\n",
          f);
    for (int t = 0; t < EA_THEMES; t++) {
        double cut = NAN, best[3] = { NAN, NAN, NAN };
        size_t shown = 0;
        /* The third-best distinct score is the cut. */
        for (size_t i = 0; i < r->n; i++) {
            double v = ea_score_round(r->inst[i].score.themes[t].score, 1);
            if (isnan(v))
                continue;
            for (int k = 0; k < 3; k++) {
                if (v == best[k])
                    break;
                if (isnan(best[k]) || v > best[k]) {
                    for (int j = 2; j > k; j--)
                        best[j] = best[j - 1];
                    best[k] = v;
                    break;
                }
            }
        }
        for (int k = 0; k < 3; k++)
            if (!isnan(best[k]))
                cut = best[k];
        fputs("<tr><th scope=\"row\">", f);
        ea_html_esc(f, theme_name(m, t));
        fputs("</th><td>", f);
        /* In ranking order of the theme: walk the distinct best scores. */
        for (int k = 0; k < 3 && !isnan(best[k]); k++)
            for (size_t i = 0; i < r->n && shown < 10; i++) {
                double v = ea_score_round(r->inst[i].score.themes[t].score, 1);
                if (v != best[k] || v < cut)
                    continue;
                fprintf(f, "%s<li><span class=\"sc\">%.1f</span> ",
                        shown++ ? "" : "<ul class=\"lead\">", v);
                inst_link(f, &r->inst[i]);
                fputs("</li>", f);
            }
        fputs(shown ? "</ul>" : "<span class=\"na\">nav vērtējumu</span>", f);
        fputs("</td></tr>\n", f);
    }
    fputs("</tbody></table>\n</section>\n", f);
}

static void ranking(FILE *f, const struct ea_score_report *r)
{
    const struct ea_model *m = r->model;
    fputs("<section aria-labelledby=\"reitings\">\n<h2 id=\"reitings\">Reitings</h2>\n<table "
          "class=\"rank\">\n"
          "<caption>Iestādes pēc kopējā indeksa; tēmu punkti 0–100; „atbildes” — uz cik "
          "jautājumu atbildēts no modeļa jautājumiem</caption>\n<thead><tr><th scope=\"col\" "
          "class=\"n\">Vieta</th><th scope=\"col\">Iestāde</th><th scope=\"col\">Tips</th><th "
          "scope=\"col\" class=\"n\">Indekss</th><th scope=\"col\">Līmenis</th>",
          f);
    theme_headers(f, m);
    fputs("<th scope=\"col\" class=\"n\">Atbildes</th></tr></thead>\n<tbody>\n", f);
    for (size_t k = 0; k < r->n; k++) {
        const struct ea_scored *in = &r->inst[r->order[k]];
        const struct ea_score *s = &in->score;
        fputs("<tr><td class=\"n\">", f);
        if (s->rank)
            fprintf(f, "%d", s->rank);
        else
            fputs("—", f);
        fputs("</td><th scope=\"row\">", f);
        inst_link(f, in);
        fputs("</th><td>", f);
        ea_html_esc(f, type_lv(in->type));
        fputs("</td><td class=\"n\"><strong>", f);
        num(f, s->overall, 2);
        fputs("</strong></td><td>", f);
        level_badge(f, s->level);
        fputs("</td>", f);
        for (int t = 0; t < EA_THEMES; t++) {
            /* Tinted by the theme's level; the number carries the meaning. */
            fprintf(f, "<td class=\"n c%d\">", s->themes[t].level);
            num(f, s->themes[t].score, 1);
            fputs("</td>", f);
        }
        fprintf(f, "<td class=\"n\">%zu/%zu</td></tr>\n", s->answered, s->questions);
    }
    fputs("</tbody></table>\n</section>\n", f);
}

/* The answered questions of theme t that earned less than their points. */
static void lost_points(FILE *f, const struct ea_model *m, const struct ea_scored *in, int t)
{
    size_t shown = 0;
    for (size_t i = 0; i < m->nquestions; i++) {
        const struct ea_question *q = &m->questions[i];
        if (q->theme != t || isnan(in->points[i]) || in->points[i] >= q->points)
            continue;
        if (!shown++)
            fputs("<p>Zaudēti punkti:</p>\n<ul>\n", f);
        fputs("<li>", f);
        ea_html_esc(f, q->text_lv);
        fprintf(f, " — %g no %g (%s)</li>\n", in->points[i], q->points,
                q->source == EA_SOURCE_AUTO   ? "automātiskais vērtējums"
                : q->source == EA_SOURCE_SELF ? "pašvērtējums"
                                              : "ekspertu vērtējums");
    }
    if (shown)
        fputs("</ul>\n", f);
}

static void institution(FILE *f, const struct ea_model *m, const struct ea_scored *in)
{
    const struct ea_score *s = &in->score;
    const struct ea_recommendation *recs[32];

    fputs("<section aria-labelledby=\"", f);
    anchor(f, in->id);
    fputs("\">\n<h3 id=\"", f);
    anchor(f, in->id);
    fputs("\">", f);
    ea_html_esc(f, in->name && *in->name ? in->name : in->id);
    fputs(" <small>(", f);
    ea_html_esc(f, in->id);
    fputs(")</small></h3>\n<p>Kopējais indekss <strong>", f);
    num(f, s->overall, 2);
    fputs("</strong> ", f);
    level_badge(f, s->level);
    if (s->rank)
        fprintf(f, ", %d. vieta", s->rank);
    fprintf(f, "; balstīts uz %zu no %zu atbildēm un %zu no %d tēmām.</p>\n", s->answered,
            s->questions, s->themes_scored, EA_THEMES);
    fputs("<table>\n<caption>Tēmu punkti un līmeņi: ", f);
    ea_html_esc(f, in->name && *in->name ? in->name : in->id);
    fputs("</caption>\n<thead><tr><th scope=\"col\">Tēma</th><th scope=\"col\" "
          "class=\"n\">Punkti</th><th scope=\"col\">Līmenis</th><th scope=\"col\" "
          "class=\"n\">Atbildes</th></tr></thead>\n<tbody>\n",
          f);
    for (int t = 0; t < EA_THEMES; t++) {
        fputs("<tr><th scope=\"row\">", f);
        ea_html_esc(f, theme_name(m, t));
        fputs("</th><td class=\"n\">", f);
        num(f, s->themes[t].score, 1);
        fputs("</td><td>", f);
        level_badge(f, s->themes[t].level);
        fprintf(f, "</td><td class=\"n\">%zu/%zu</td></tr>\n", s->themes[t].answered,
                s->themes[t].questions);
    }
    fputs("</tbody></table>\n", f);
    for (int t = 0; t < EA_THEMES; t++) {
        int level = s->themes[t].level;
        size_t n = ea_score_next_steps(&m->themes[t], level, recs, EA_ARRAY_LEN(recs));
        fputs("<h4>", f);
        ea_html_esc(f, theme_name(m, t));
        if (!level)
            fputs(": nav vērtējuma</h4>\n<p>Nav neviena atbilde šajā tēmā.</p>\n", f);
        else if (level == EA_LEVELS)
            fputs(": sasniegts augstākais līmenis</h4>\n", f);
        else
            fprintf(f, ": no %d. uz %d. līmeni</h4>\n", level, level + 1);
        if (n) {
            fputs("<ul>\n", f);
            for (size_t i = 0; i < n && i < EA_ARRAY_LEN(recs); i++) {
                fputs("<li>", f);
                ea_html_esc(f, recs[i]->text);
                fputs("</li>\n", f);
            }
            fputs("</ul>\n", f);
        }
        lost_points(f, m, in, t);
    }
    fputs("</section>\n", f);
}

enum ea_err ea_scores_write_html(const char *path, const struct ea_score_report *r)
{
    const struct ea_model *m = r->model;
    struct out_file o;
    FILE *f;

    if (!out_open(&o, path))
        return EA_IO;
    f = o.f;
    fputs("<!DOCTYPE html>\n<html lang=\"lv\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<title>Valsts iestāžu e-indekss: rezultāti</title>\n<style>\n",
          f);
    fputs(style, f);
    fputs("</style>\n</head>\n<body>\n<a class=\"skip\" href=\"#saturs\">Pāriet uz saturu</a>\n"
          "<header>\n<h1>Valsts iestāžu e-indekss</h1>\n<p>",
          f);
    fprintf(f, "%zu iestādes. Dati: ", r->n);
    ea_html_esc(f, r->inputs);
    fputs(". Modelis: ", f);
    ea_html_esc(f, m->file);
    fputs(".</p>\n<nav aria-label=\"Saturs\"><ul><li><a href=\"#kopsavilkums\">Kopsavilkums</a>"
          "</li><li><a href=\"#limeni\">Līmeņu sadalījums</a></li><li><a href=\"#lideri\">Tēmu "
          "līderi</a></li><li><a href=\"#reitings\">Reitings</a></li><li><a "
          "href=\"#iestades\">Iestāžu ieteikumi</a></li></ul></nav>\n</header>\n<main "
          "id=\"saturs\">\n",
          f);
    fputs("<p class=\"note\">Oficiālā e-indeksa formula nav publicēta. Tēmu svari un līmeņu "
          "robežas šajā modelī ir pieņēmumi (modeļa failā atzīmēti ar <code>assumed</code>); "
          "3. līmeņa robeža (50 punkti) ir no 2017. gada faktu lapas. Neatbildēts jautājums "
          "netiek ieskaitīts tēmas maksimumā.</p>\n",
          f);
    summary(f, r);
    distribution(f, r);
    leaders(f, r);
    ranking(f, r);
    fputs("<section aria-labelledby=\"iestades\">\n<h2 id=\"iestades\">Iestāžu ieteikumi "
          "nākamajam līmenim</h2>\n",
          f);
    for (size_t k = 0; k < r->n; k++)
        institution(f, m, &r->inst[r->order[k]]);
    fputs("</section>\n</main>\n<footer>\n<p>Tēmu svari:", f);
    for (int t = 0; t < EA_THEMES; t++) {
        fputs(t ? "; " : " ", f);
        ea_html_esc(f, theme_name(m, t));
        fprintf(f, " %.0f%%", m->themes[t].weight * 100);
    }
    fputs(". Ieteikumi: 2017. gada e-indeksa faktu lapa („Ieteikumi virzībai uz augstāku "
          "brieduma līmeni”). Izveidots ar eaudit.</p>\n</footer>\n</body>\n</html>\n",
          f);
    return out_close(&o);
}
