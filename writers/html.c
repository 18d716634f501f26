#include "writers/html.h"

#include <string.h>

#include "core/compat.h"

void ea_html_esc(FILE *f, const char *s)
{
    while (s && *s) {
        size_t n = strcspn(s, "&<>\"'");
        fwrite(s, 1, n, f);
        s += n;
        switch (*s) {
        case '\0':
            return;
        case '&':
            fputs("&amp;", f);
            break;
        case '<':
            fputs("&lt;", f);
            break;
        case '>':
            fputs("&gt;", f);
            break;
        case '"':
            fputs("&quot;", f);
            break;
        default:
            fputs("&#39;", f);
        }
        s++;
    }
}

static bool linkable(const char *url)
{
    if (!url || !*url)
        return false;
    if (strncmp(url, "http://", 7) == 0 || strncmp(url, "https://", 8) == 0)
        return true;
    /* A relative link of ours ("sites/am/report.html"): no scheme before the first '/'. */
    size_t n = strcspn(url, ":/?#");
    return url[n] != ':';
}

void ea_html_link(FILE *f, const char *url, const char *text)
{
    if (!linkable(url)) {
        ea_html_esc(f, text ? text : url);
        return;
    }
    fputs("<a href=\"", f);
    ea_html_esc(f, url);
    fputs("\">", f);
    ea_html_esc(f, text ? text : url);
    fputs("</a>", f);
}

static const char style[] =
    "body{font:16px/1.5 system-ui,\"Segoe UI\",Roboto,Arial,sans-serif;color:#1a1a1a;"
    "background:#fff;margin:0}"
    ".skip{position:absolute;left:-9999px;top:.5rem;background:#fff;color:#0645ad;"
    "padding:.5rem 1rem;border:2px solid #0645ad}"
    ".skip:focus{left:1rem}"
    "header.top,main,footer{max-width:74rem;margin:0 auto;padding:0 1.25rem}"
    "header.top{display:flex;flex-wrap:wrap;justify-content:space-between;gap:1rem;"
    "border-bottom:1px solid #bbb;padding-top:.75rem;padding-bottom:.75rem}"
    "header.top ul{list-style:none;display:flex;gap:1.5rem;margin:0;padding:0}"
    "a{color:#0645ad}a:visited{color:#5a2d91}"
    "a:focus,summary:focus{outline:3px solid #1a1a1a;outline-offset:2px}"
    "h1{font-size:1.9rem;line-height:1.25;margin:1.25rem 0 .25rem}"
    "h2{font-size:1.45rem;margin:2.25rem 0 .75rem;padding-bottom:.2rem;"
    "border-bottom:2px solid #1a1a1a}"
    "h3{font-size:1.2rem;margin:1.75rem 0 .5rem}h4{font-size:1.05rem;margin:1.25rem 0 .25rem}"
    ".meta{color:#4a4a4a;margin:.25rem 0}"
    ".cards{display:flex;flex-wrap:wrap;gap:.75rem;margin:1rem 0;padding:0;list-style:none}"
    ".cards li{border:1px solid #bbb;border-radius:6px;padding:.5rem .9rem;min-width:8.5rem}"
    ".cards .n{display:block;font-size:1.65rem;font-weight:700;line-height:1.2}"
    ".band{display:inline-block;padding:.05rem .5rem;border-radius:4px;color:#fff;"
    "font-weight:600;white-space:nowrap}"
    ".b1{background:#1b5e20}.b2{background:#3f5a0b}.b3{background:#8a4500}"
    ".b4{background:#a4001d}.b0{background:#595959}"
    "table{border-collapse:collapse;width:100%;margin:.5rem 0 1.25rem}"
    "th,td{border:1px solid #bbb;padding:.35rem .5rem;text-align:left;vertical-align:top;"
    "overflow-wrap:break-word}"
    "table.wide{font-size:.9rem}table.wide thead th{font-size:.85rem;hyphens:auto}"
    "th{background:#eee}td.n,th.n{text-align:right;white-space:nowrap}"
    "caption{text-align:left;font-weight:600;padding:.25rem 0}"
    ".url{word-break:break-all}"
    "code{font:.85rem/1.4 ui-monospace,\"DejaVu Sans Mono\",monospace}"
    "code.snip{display:block;white-space:pre-wrap;word-break:break-all;background:#f4f4f4;"
    "padding:.25rem .4rem}"
    ".yes{color:#1b5e20;font-weight:600}.no{color:#a4001d;font-weight:600}.unk{color:#4a4a4a}"
    ".fix{background:#eef3fb;border-left:4px solid #0645ad;padding:.4rem .75rem;margin:.5rem 0}"
    ".note{background:#fff4e5;border-left:4px solid #8a4500;padding:.1rem .9rem;margin:.75rem 0}"
    ".bar{display:inline-block;height:.75rem;background:#0645ad;vertical-align:middle;"
    "margin-right:.4rem}"
    "svg text{font:12px system-ui,Arial,sans-serif;fill:#1a1a1a}"
    "footer{border-top:1px solid #bbb;margin-top:2.5rem;padding-top:.75rem;padding-bottom:2rem;"
    "color:#4a4a4a}"
    "@media print{.skip,header.top ul{display:none}a{color:#1a1a1a}h2,h3,h4{break-after:avoid}"
    "tr{break-inside:avoid}body{font-size:11pt}}";

void ea_html_head(FILE *f, enum ea_lang lang, const char *title)
{
    fprintf(f,
            "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<title>",
            lang == EA_LANG_LV ? "lv" : "en");
    ea_html_esc(f, title);
    fprintf(
        f,
        "</title>\n<style>%s</style>\n</head>\n<body>\n<a class=\"skip\" href=\"#main\">%s</a>\n",
        style, lang == EA_LANG_LV ? "Pāriet uz saturu" : "Skip to content");
}

void ea_html_foot(FILE *f, enum ea_lang lang, long long run_id, const char *audit_date)
{
    fputs("</main>\n<footer>\n<p>", f);
    fputs(lang == EA_LANG_LV ? "Sagatavoja eaudit " : "Made by eaudit ", f);
    ea_html_esc(f, EA_VERSION);
    fprintf(f, lang == EA_LANG_LV ? " · pārbaudes kārta %lld · " : " · run %lld · ", run_id);
    ea_html_esc(f, audit_date);
    fputs(lang == EA_LANG_LV ? ". Automātiska pārbaude atrod tikai daļu piekļūstamības problēmu; "
                               "“jāpārbauda” nozīmē, ka elementu jāizvērtē cilvēkam."
                             : ". Automatic checks find only part of the accessibility problems; "
                               "“needs review” means a person has to judge the element.",
          f);
    fputs("</p>\n</footer>\n</body>\n</html>\n", f);
}

static const struct {
    const char *name, *en, *cls;
} bands[] = {
    { "augsta", "high", "b1" },
    { "vidēji augsta", "fairly high", "b2" },
    { "vidēja", "medium", "b3" },
    { "zema", "low", "b4" },
};

void ea_html_band(FILE *f, const char *band, enum ea_lang lang)
{
    for (size_t i = 0; band && i < EA_ARRAY_LEN(bands); i++) {
        if (strcmp(band, bands[i].name) != 0)
            continue;
        fprintf(f, "<span class=\"band %s\">%s</span>", bands[i].cls,
                lang == EA_LANG_LV ? bands[i].name : bands[i].en);
        return;
    }
    fprintf(f, "<span class=\"band b0\">%s</span>",
            lang == EA_LANG_LV ? "nav noteikts" : "not determined");
}

bool ea_html_true(const char *s)
{
    return s && strcmp(s, "1") == 0;
}

/* A number written with '.', as the language writes it: Latvian 92,5. */
static void put_number(FILE *f, const char *num, enum ea_lang lang)
{
    for (const char *p = num; *p; p++)
        fputc(lang == EA_LANG_LV && *p == '.' ? ',' : *p, f);
}

void ea_html_decimal(FILE *f, double v, int decimals, enum ea_lang lang)
{
    char num[64];
    snprintf(num, sizeof(num), "%.*f", decimals, v);
    char *dot = strchr(num, '.');
    if (dot) { /* 2.50 -> 2.5, 1.00 -> 1 */
        char *end = dot + strlen(dot);
        while (end > dot && (end[-1] == '0' || end - 1 == dot))
            *--end = '\0';
    }
    put_number(f, num, lang);
}

void ea_html_cell(FILE *f, enum ea_col col, const char *value, enum ea_lang lang)
{
    bool lv = lang == EA_LANG_LV;
    if (!value || !*value) {
        fprintf(f, "<span class=\"unk\">%s</span>", lv ? "nav noteikts" : "not determined");
        return;
    }
    switch (ea_columns[col].type) {
    case EA_COL_BOOL:
        if (ea_html_true(value))
            fprintf(f, "<span class=\"yes\">%s</span>", lv ? "jā" : "yes");
        else
            fprintf(f, "<span class=\"no\">%s</span>", lv ? "nē" : "no");
        return;
    case EA_COL_SCORE:
        put_number(f, value, lang);
        return;
    default:
        ea_html_esc(f, value);
    }
}

static const char *const col_labels[EA_COL_COUNT][2] = {
    [EA_COL_ID] = { "Identifikators", "Identifier" },
    [EA_COL_NAME] = { "Nosaukums", "Name" },
    [EA_COL_TYPE] = { "Veids", "Type" },
    [EA_COL_URL] = { "Adrese", "Address" },
    [EA_COL_FINAL_URL] = { "Galīgā adrese", "Final address" },
    [EA_COL_AUDIT_DATE] = { "Pārbaudes datums", "Audit date" },
    [EA_COL_REACHABLE] = { "Vietne ir sasniedzama", "The site is reachable" },
    [EA_COL_HTTPS] = { "Izmanto HTTPS ar derīgu sertifikātu",
                       "Uses HTTPS with a valid certificate" },
    [EA_COL_HTTPS_REDIRECT] = { "HTTP pāradresē uz HTTPS", "HTTP redirects to HTTPS" },
    [EA_COL_PAGES_AUDITED] = { "Pārbaudītās lapas", "Pages audited" },
    [EA_COL_BROKEN_LINKS] = { "Bojātas saites", "Broken links" },
    [EA_COL_WCAG_SCORE] = { "WCAG rādītājs", "WCAG score" },
    [EA_COL_WCAG_BAND] = { "WCAG līmenis", "WCAG band" },
    [EA_COL_WCAG_VIOLATIONS] = { "WCAG pārkāpumi", "WCAG violations" },
    [EA_COL_MOBILE_VIEWPORT] = { "Skatvieta pielāgota ierīces platumam",
                                 "Viewport set to the device width" },
    [EA_COL_MOBILE_ZOOM] = { "Tālummaiņa nav bloķēta", "Zoom is not blocked" },
    [EA_COL_MOBILE_NO_PLUGINS] = { "Nav Flash, Java vai Silverlight",
                                   "No Flash, Java or Silverlight" },
    [EA_COL_MOBILE_RESPONSIVE] = { "Adaptīvs dizains (@media)", "Responsive design (@media)" },
    [EA_COL_MOBILE_FRIENDLY] = { "Piemērota mobilajām ierīcēm", "Mobile friendly" },
    [EA_COL_PARTICIPATION_LINK] = { "Saite uz sabiedrības līdzdalību",
                                    "Link to public participation" },
    [EA_COL_PARTICIPATION_GUIDANCE] = { "Norādes, kā iesaistīties", "Guidance on taking part" },
    [EA_COL_CONTACT_LINK] = { "Saite uz kontaktiem", "Link to contacts" },
    [EA_COL_CONTACT_PHONE] = { "Tālruņa numurs", "Phone number" },
    [EA_COL_CONTACT_EMAIL] = { "E-pasta adrese", "E-mail address" },
    [EA_COL_CONTACT_ADDRESS] = { "Pasta adrese", "Postal address" },
    [EA_COL_SERVICES_LINK] = { "Saite uz pakalpojumiem", "Link to services" },
    [EA_COL_ESERVICES_LINK] = { "Saite uz e-pakalpojumiem", "Link to e-services" },
    [EA_COL_ESERVICE_GUIDANCE] = { "E-pakalpojumu lietošanas pamācība", "E-service guidance" },
    [EA_COL_ONLINE_CONSULTATION] = { "Tiešsaistes konsultācija", "Online consultation" },
    [EA_COL_SITE_SEARCH] = { "Meklēšana vietnē", "Site search" },
    [EA_COL_FEEDBACK] = { "Atsauksmes par lapu", "Page feedback" },
    [EA_COL_NEWS_LATEST] = { "Jaunākās ziņas datums", "Latest news date" },
    [EA_COL_NEWS_FRESH] = { "Ziņas ne vecākas par 30 dienām", "News at most 30 days old" },
    [EA_COL_SOCIAL_TWITTER] = { "Saite uz X (Twitter)", "Link to X (Twitter)" },
    [EA_COL_SOCIAL_FACEBOOK] = { "Saite uz Facebook", "Link to Facebook" },
    [EA_COL_SOCIAL_OTHER] = { "Citi sociālie tīkli", "Other social networks" },
    [EA_COL_OPEN_DATA_LINK] = { "Saite uz atvērtajiem datiem", "Link to open data" },
    [EA_COL_OPEN_DATA_FILES] = { "Atvērto datu datnes", "Open data files" },
    [EA_COL_LANG_EN] = { "Versija angļu valodā", "English version" },
    [EA_COL_ACCESSIBILITY_STATEMENT] = { "Piekļūstamības paziņojums", "Accessibility statement" },
    [EA_COL_EASY_READ] = { "Viegli lasīt", "Easy to read" },
};

const char *ea_html_col_label(enum ea_col col, enum ea_lang lang)
{
    const char *s = col < EA_COL_COUNT ? col_labels[col][lang] : NULL;
    return s ? s : ea_columns[col].name;
}

/* WCAG 2.0 level A and AA success criteria: the official English names and their Latvian
 * translation. */
static const struct {
    const char *sc, *lv, *en;
} criteria[] = {
    { "1.1.1", "Neteksta saturs", "Non-text Content" },
    { "1.2.1", "Tikai audio un tikai video (ieraksts)", "Audio-only and Video-only (Prerecorded)" },
    { "1.2.2", "Subtitri (ieraksts)", "Captions (Prerecorded)" },
    { "1.2.3", "Audioapraksts vai multivides alternatīva (ieraksts)",
      "Audio Description or Media Alternative (Prerecorded)" },
    { "1.2.4", "Subtitri (tiešraide)", "Captions (Live)" },
    { "1.2.5", "Audioapraksts (ieraksts)", "Audio Description (Prerecorded)" },
    { "1.3.1", "Informācija un attiecības", "Info and Relationships" },
    { "1.3.2", "Jēgpilna secība", "Meaningful Sequence" },
    { "1.3.3", "Maņu pazīmes", "Sensory Characteristics" },
    { "1.4.1", "Krāsu lietojums", "Use of Color" },
    { "1.4.2", "Audio vadība", "Audio Control" },
    { "1.4.3", "Kontrasts (minimālais)", "Contrast (Minimum)" },
    { "1.4.4", "Teksta izmēra maiņa", "Resize text" },
    { "1.4.5", "Teksta attēli", "Images of Text" },
    { "2.1.1", "Tastatūra", "Keyboard" },
    { "2.1.2", "Bez tastatūras slazda", "No Keyboard Trap" },
    { "2.2.1", "Regulējams laiks", "Timing Adjustable" },
    { "2.2.2", "Pauze, apturēšana, paslēpšana", "Pause, Stop, Hide" },
    { "2.3.1", "Trīs zibšņi vai zem sliekšņa", "Three Flashes or Below Threshold" },
    { "2.4.1", "Bloku apiešana", "Bypass Blocks" },
    { "2.4.2", "Lapas virsraksts", "Page Titled" },
    { "2.4.3", "Fokusa secība", "Focus Order" },
    { "2.4.4", "Saites mērķis (kontekstā)", "Link Purpose (In Context)" },
    { "2.4.5", "Vairāki veidi", "Multiple Ways" },
    { "2.4.6", "Virsraksti un etiķetes", "Headings and Labels" },
    { "2.4.7", "Redzams fokuss", "Focus Visible" },
    { "3.1.1", "Lapas valoda", "Language of Page" },
    { "3.1.2", "Daļu valoda", "Language of Parts" },
    { "3.2.1", "Fokusējot", "On Focus" },
    { "3.2.2", "Ievadot", "On Input" },
    { "3.2.3", "Konsekventa navigācija", "Consistent Navigation" },
    { "3.2.4", "Konsekventa identifikācija", "Consistent Identification" },
    { "3.3.1", "Kļūdu identificēšana", "Error Identification" },
    { "3.3.2", "Etiķetes vai norādījumi", "Labels or Instructions" },
    { "3.3.3", "Kļūdu labošanas ieteikumi", "Error Suggestion" },
    { "3.3.4", "Kļūdu novēršana (juridiski, finanšu, datu)",
      "Error Prevention (Legal, Financial, Data)" },
    { "4.1.1", "Parsēšana", "Parsing" },
    { "4.1.2", "Nosaukums, loma, vērtība", "Name, Role, Value" },
};

const char *ea_html_sc_name(const char *sc, enum ea_lang lang)
{
    for (size_t i = 0; sc && i < EA_ARRAY_LEN(criteria); i++)
        if (strcmp(sc, criteria[i].sc) == 0)
            return lang == EA_LANG_LV ? criteria[i].lv : criteria[i].en;
    return NULL;
}
