#include "writers/xlsx.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "core/buf.h"
#include "core/log.h"

/* What each column means (SPEC §3), for the second sheet: Latvian, English. */
static const char *const help[EA_COL_COUNT][2] = {
    [EA_COL_ID] = { "Iestādes identifikators", "Institution id" },
    [EA_COL_NAME] = { "Iestādes nosaukums", "Institution name" },
    [EA_COL_TYPE] = { "Veids: ministrija vai iestāde", "Type: ministry or institution" },
    [EA_COL_URL] = { "Tīmekļvietnes adrese no saraksta", "Website address from the seeds" },
    [EA_COL_FINAL_URL] = { "Sākumlapas adrese pēc pāradresācijām",
                           "Homepage address after redirects" },
    [EA_COL_AUDIT_DATE] = { "Pārbaudes datums", "Audit date" },
    [EA_COL_REACHABLE] = { "Sākumlapa atbildēja ar 2xx (līdz 10 pāradresācijām)",
                           "The homepage answered 2xx within 10 redirects" },
    [EA_COL_HTTPS] = { "Sākumlapa ir HTTPS ar derīgu sertifikātu",
                       "The homepage is HTTPS with a verified certificate" },
    [EA_COL_HTTPS_REDIRECT] = { "http:// pāradresē uz https://", "http:// redirects to https://" },
    [EA_COL_PAGES_AUDITED] = { "Pārbaudīto HTML lapu skaits", "HTML pages fetched and checked" },
    [EA_COL_BROKEN_LINKS] = { "Bojātās vietnes iekšējās saites", "Broken same-site links" },
    [EA_COL_WCAG_SCORE] = { "WCAG 2.0 A/AA automātisko pārbaužu izpilde, %",
                            "WCAG 2.0 A/AA automatic checks passed, %" },
    [EA_COL_WCAG_BAND] = { "WCAG atbilstības līmenis (augsta, vidēji augsta, vidēja, zema)",
                           "WCAG conformance band (high, medium-high, medium, low)" },
    [EA_COL_WCAG_VIOLATIONS] = { "WCAG pārkāpumu skaits visās lapās",
                                 "WCAG violations over all pages" },
    [EA_COL_MOBILE_VIEWPORT] = { "Sākumlapas viewport ir width=device-width",
                                 "Homepage viewport has width=device-width" },
    [EA_COL_MOBILE_ZOOM] = { "Sākumlapa neliedz tālummaiņu (user-scalable, maximum-scale)",
                             "The homepage does not block zoom (user-scalable, maximum-scale)" },
    [EA_COL_MOBILE_NO_PLUGINS] = { "Sākumlapā nav Flash, Java sīklietņu vai Silverlight",
                                   "No Flash, Java applet or Silverlight on the homepage" },
    [EA_COL_MOBILE_RESPONSIVE] = { "Sākumlapas CSS ir @media ar platuma nosacījumu",
                                   "Homepage CSS has an @media rule with a width condition" },
    [EA_COL_MOBILE_FRIENDLY] = { "Visi četri mobilo ierīču rādītāji ir 1",
                                 "All four mobile items are 1" },
    [EA_COL_PARTICIPATION_LINK] = { "Sākumlapā ir saite uz sabiedrības līdzdalības sadaļu",
                                    "The homepage links to a public participation section" },
    [EA_COL_PARTICIPATION_GUIDANCE] = { "Līdzdalības sadaļa skaidro, kā piedalīties (vismaz 2 "
                                        "no 4: TAP vai veidlapa, e-pasts, kārtība, termiņš)",
                                        "The participation page tells how to take part (2 of 4: "
                                        "TAP or form, e-mail, procedure, deadline)" },
    [EA_COL_CONTACT_LINK] = { "Sākumlapā ir saite uz kontaktiem",
                              "The homepage links to a contacts page" },
    [EA_COL_CONTACT_PHONE] = { "Tālruņa numurs sākumlapā vai kontaktu lapā",
                               "A Latvian phone number on the homepage or contacts page" },
    [EA_COL_CONTACT_EMAIL] = { "E-pasta adrese sākumlapā vai kontaktu lapā",
                               "An e-mail address on the homepage or contacts page" },
    [EA_COL_CONTACT_ADDRESS] = { "Adrese ar pasta indeksu LV-dddd",
                                 "A postal address with a postcode LV-dddd" },
    [EA_COL_SERVICES_LINK] = { "Sākumlapā ir saite uz pakalpojumiem vai latvija.gov.lv katalogu",
                               "The homepage links to services or the latvija.gov.lv catalogue" },
    [EA_COL_ESERVICES_LINK] = { "Vietnē ir saite uz e-pakalpojumu",
                                "The site links to an e-service" },
    [EA_COL_ESERVICE_GUIDANCE] = { "Vietnē ir e-pakalpojumu lietošanas instrukcija vai video",
                                   "The site has instructions or a video on using e-services" },
    [EA_COL_ONLINE_CONSULTATION] = { "Tiešsaistes konsultācija vai tērzēšana",
                                     "A live chat or online consultation" },
    [EA_COL_SITE_SEARCH] = { "Sākumlapā ir meklēšanas forma", "The homepage has a search form" },
    [EA_COL_FEEDBACK] = { "Lapu var novērtēt vai sniegt atsauksmi",
                          "Visitors can rate a page or send feedback" },
    [EA_COL_NEWS_LATEST] = { "Jaunākās ziņas datums", "Date of the newest news item" },
    [EA_COL_NEWS_FRESH] = { "Jaunākā ziņa nav vecāka par 30 dienām",
                            "The newest news item is at most 30 days old" },
    [EA_COL_SOCIAL_TWITTER] = { "Saite uz X (Twitter) kontu", "Links to an X (Twitter) profile" },
    [EA_COL_SOCIAL_FACEBOOK] = { "Saite uz Facebook lapu", "Links to a Facebook page" },
    [EA_COL_SOCIAL_OTHER] = { "Saite uz citu sociālo tīklu (Instagram, YouTube, draugiem.lv...)",
                              "Links to another social network (Instagram, YouTube, "
                              "draugiem.lv...)" },
    [EA_COL_OPEN_DATA_LINK] = { "Saite uz data.gov.lv vai atvērto datu sadaļu",
                                "Links to data.gov.lv or an open data section" },
    [EA_COL_OPEN_DATA_FILES] = { "Mašīnlasāmo datņu saites vietnes atvērto datu sadaļā",
                                 "Machine-readable file links in the site's open data section" },
    [EA_COL_LANG_EN] = { "Ir saite uz angļu valodas versiju", "An English version is linked" },
    [EA_COL_ACCESSIBILITY_STATEMENT] = { "Saite uz piekļūstamības paziņojumu",
                                         "Links to an accessibility statement" },
    [EA_COL_EASY_READ] = { "Saite uz sadaļu \"Viegli lasīt\"", "Links to an easy-read section" },
};

const char *ea_xlsx_column_help(enum ea_col col, bool latvian)
{
    if ((unsigned)col >= EA_COL_COUNT || !help[col][0])
        return "";
    return help[col][latvian ? 0 : 1];
}

struct formats {
    lxw_format *header, *yes, *no, *score;
};

static lxw_error write_cell(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, enum ea_col col,
                            const char *v, const struct formats *f)
{
    char *end;
    if (!v || !*v)
        return worksheet_write_blank(ws, r, c, NULL);
    switch (ea_columns[col].type) {
    case EA_COL_BOOL:
        if (strcmp(v, "1") == 0 || strcmp(v, "0") == 0)
            return worksheet_write_number(ws, r, c, v[0] == '1', v[0] == '1' ? f->yes : f->no);
        break;
    case EA_COL_INT:
    case EA_COL_SCORE: {
        double d = strtod(v, &end);
        if (end != v && *end == '\0')
            return worksheet_write_number(ws, r, c, d,
                                          ea_columns[col].type == EA_COL_SCORE ? f->score : NULL);
        break;
    }
    case EA_COL_TEXT:
    case EA_COL_DATE:
        break;
    }
    if (ea_sheet_formula_like(v)) {
        struct ea_buf b = EA_BUF_INIT((size_t)-1);
        ea_buf_addch(&b, '\'');
        ea_buf_add(&b, v);
        lxw_error e = worksheet_write_string(ws, r, c, b.buf, NULL);
        ea_buf_release(&b);
        return e;
    }
    return worksheet_write_string(ws, r, c, v, NULL);
}

static lxw_error write_help(lxw_workbook *wb, const struct formats *f)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, "kolonnas - columns");
    lxw_error e = LXW_NO_ERROR;
    if (!ws)
        return LXW_ERROR_MEMORY_MALLOC_FAILED;
    static const char *const titles[] = { "kolonna / column", "nozīme (latviski)",
                                          "meaning (English)" };
    for (lxw_col_t c = 0; c < 3 && !e; c++)
        e = worksheet_write_string(ws, 0, c, titles[c], f->header);
    for (int col = 0; col < EA_COL_COUNT && !e; col++) {
        lxw_row_t r = (lxw_row_t)col + 1;
        e = worksheet_write_string(ws, r, 0, ea_columns[col].name, NULL);
        if (!e)
            e = worksheet_write_string(ws, r, 1, ea_xlsx_column_help((enum ea_col)col, true), NULL);
        if (!e)
            e = worksheet_write_string(ws, r, 2, ea_xlsx_column_help((enum ea_col)col, false),
                                       NULL);
    }
    worksheet_set_column(ws, 0, 0, 26, NULL);
    worksheet_set_column(ws, 1, 2, 70, NULL);
    worksheet_freeze_panes(ws, 1, 0);
    return e;
}

enum ea_err ea_xlsx_write_sheet(const char *path, const struct ea_sheet_row *rows, size_t nrows)
{
    struct ea_buf tmp = EA_BUF_INIT(4096);
    enum ea_err result = EA_IO;
    lxw_error e = LXW_NO_ERROR;
    ea_buf_addf(&tmp, "%s.tmp", path);
    if (nrows >= LXW_ROW_MAX) {
        ea_log_error("cannot write '%s': %zu rows is more than a sheet holds", path, nrows);
        goto out;
    }
    lxw_workbook *wb = workbook_new(tmp.buf);
    if (!wb) {
        ea_log_error("cannot create '%s'", tmp.buf);
        goto out;
    }
    struct formats f = { workbook_add_format(wb), workbook_add_format(wb), workbook_add_format(wb),
                         workbook_add_format(wb) };
    format_set_bold(f.header);
    format_set_bg_color(f.header, 0xD9E1F2);
    format_set_text_wrap(f.header);
    format_set_bg_color(f.yes, 0xC6EFCE);
    format_set_font_color(f.yes, 0x006100);
    format_set_bg_color(f.no, 0xFFC7CE);
    format_set_font_color(f.no, 0x9C0006);
    format_set_num_format(f.score, "0.0");

    lxw_worksheet *ws = workbook_add_worksheet(wb, "evaluation");
    for (int c = 0; c < EA_COL_COUNT && !e && ws; c++)
        e = worksheet_write_string(ws, 0, (lxw_col_t)c, ea_columns[c].name, f.header);
    for (size_t r = 0; r < nrows && !e && ws; r++)
        for (int c = 0; c < EA_COL_COUNT && !e; c++)
            e = write_cell(ws, (lxw_row_t)(r + 1), (lxw_col_t)c, (enum ea_col)c, rows[r].cells[c],
                           &f);
    if (ws && !e) {
        worksheet_freeze_panes(ws, 1, 0);
        e = worksheet_autofilter(ws, 0, 0, (lxw_row_t)nrows, EA_COL_COUNT - 1);
        worksheet_set_column(ws, 0, 0, 12, NULL);
        worksheet_set_column(ws, 1, 1, 40, NULL);
        worksheet_set_column(ws, 3, 4, 30, NULL);
    }
    if (!ws)
        e = LXW_ERROR_MEMORY_MALLOC_FAILED;
    if (!e)
        e = write_help(wb, &f);
    lxw_error closed = workbook_close(wb); /* frees wb whatever happened */
    if (!e)
        e = closed;
    if (e) {
        ea_log_error("cannot write '%s': %s", tmp.buf, lxw_strerror(e));
        remove(tmp.buf);
        goto out;
    }
    if (rename(tmp.buf, path) != 0) {
        ea_log_error("cannot rename '%s' to '%s': %s", tmp.buf, path, strerror(errno));
        remove(tmp.buf);
        goto out;
    }
    result = EA_OK;
out:
    ea_buf_release(&tmp);
    return result;
}
