/*
 * lv_text.c — the catalog of eaudit's English wordings and their Latvian (see lv_text.h).
 *
 * An entry's English is matched whole. "%s" in it stands for any non-empty text (the shortest
 * that lets the rest match; the last one runs to the end when nothing follows it); "%1".."%9"
 * in the Latvian put those texts back, in any order. A carried-over text that is itself a
 * term of the catalog's short list (a concept's name) is translated too.
 */
#include "writers/lv_text.h"

#include <string.h>

#include "core/compat.h"

struct entry {
    const char *en, *lv;
};

/* Where a wording may stand: a whole text, or one part of evidence in parts. */
enum use {
    WHOLE = 1,
    PART = 2,
};

/* Findings' messages (checks/), then the questionnaire's evidence (checks/site/). */
static const struct entry catalog[] = {
    /* --- images, links, buttons, names --- */
    { "img has no alt attribute", "attēlam nav atribūta alt" },
    { "img has no alt attribute and its aria-labelledby names nothing",
      "attēlam nav atribūta alt, un arī tā atribūts aria-labelledby nedod nosaukumu" },
    { "img has no alt attribute, and its role=%s is overridden because it is focusable or has "
      "global ARIA attributes",
      "attēlam nav atribūta alt, un tā role=%1 netiek ņemta vērā, jo tas ir fokusējams vai tam "
      "ir globāli ARIA atribūti" },
    { "alt attribute holds only whitespace; use alt=\"\" for a decorative image",
      "atribūtā alt ir tikai atstarpes; dekoratīvam attēlam lietojiet alt=\"\"" },
    { "img uses a server-side image map (ismap)",
      "attēls izmanto servera puses attēlkarti (ismap)" },
    { "area element has no alternative text", "elementam area nav alternatīvā teksta" },
    { "image button has no alternative text", "attēla pogai nav alternatīvā teksta" },
    { "object element has no alternative text", "elementam object nav alternatīvā teksta" },
    { "svg with an image role has no alternative text",
      "elementam svg ar attēla lomu nav alternatīvā teksta" },
    { "element with role=%s has no alternative text",
      "elementam ar role=%1 nav alternatīvā teksta" },
    { "link has no discernible text", "saitei nav uztverama teksta" },
    { "link has no discernible text: its image has no alt attribute",
      "saitei nav uztverama teksta: tās attēlam nav atribūta alt" },
    { "link has no discernible text and its aria-labelledby names nothing",
      "saitei nav uztverama teksta, un arī tās atribūts aria-labelledby nedod nosaukumu" },
    { "link text is generic: it does not say where the link goes",
      "saites teksts ir vispārīgs: tas nepasaka, kurp saite ved" },
    { "link opens a new window without saying so", "saite atver jaunu logu, par to nebrīdinot" },
    { "link to a document: review the document's accessibility",
      "saite uz dokumentu: pārbaudiet dokumenta piekļūstamību" },
    { "button has no discernible text", "pogai nav uztverama teksta" },
    { "button has no discernible text and its aria-labelledby names nothing",
      "pogai nav uztverama teksta, un arī tās atribūts aria-labelledby nedod nosaukumu" },
    { "input button has no discernible text", "ievades pogai nav uztverama teksta" },
    { "input button has no value, aria-label or title",
      "ievades pogai nav ne value, ne aria-label, ne title" },
    { "summary element has no discernible text", "elementam summary nav uztverama teksta" },
    { "select element has no accessible name", "elementam select nav piekļūstamā nosaukuma" },
    { "element with a command role has no accessible name",
      "elementam ar komandas lomu nav piekļūstamā nosaukuma" },
    { "element with an input role has no accessible name",
      "elementam ar ievades lomu nav piekļūstamā nosaukuma" },
    { "toggle field has no accessible name", "pārslēgšanas laukam nav piekļūstamā nosaukuma" },
    { "meter has no accessible name", "elementam meter nav piekļūstamā nosaukuma" },
    { "progressbar has no accessible name", "elementam progressbar nav piekļūstamā nosaukuma" },
    { "tab has no accessible name", "cilnei nav piekļūstamā nosaukuma" },
    { "tooltip has no accessible name", "paskaidrei nav piekļūstamā nosaukuma" },
    /* --- forms --- */
    { "form control has no label", "veidlapas laukam nav etiķetes" },
    { "form control has no label and its aria-labelledby names nothing",
      "veidlapas laukam nav etiķetes, un arī tā atribūts aria-labelledby nedod nosaukumu" },
    { "form control's wrapping label has no text",
      "veidlapas lauka aptverošajai etiķetei nav teksta" },
    { "form field has more than one label", "veidlapas laukam ir vairāk nekā viena etiķete" },
    { "form has fields and no submit button: it must submit on change",
      "veidlapai ir lauki, bet nav iesniegšanas pogas: tātad tā tiek iesniegta, tiklīdz maina "
      "lauka vērtību" },
    { "form has no submit button: check that it is not submitted on change",
      "veidlapai nav iesniegšanas pogas: pārbaudiet, vai tā netiek iesniegta, mainot vērtību" },
    /* --- frames, document, language --- */
    { "frame has no title attribute", "ietvaram nav atribūta title" },
    { "frame has no title and its aria-labelledby names nothing",
      "ietvaram nav atribūta title, un arī tā atribūts aria-labelledby nedod nosaukumu" },
    { "title attribute of frame is empty", "ietvara atribūts title ir tukšs" },
    { "another frame has the same title", "citam ietvaram ir tāds pats nosaukums (title)" },
    { "frame has tabindex=%s: check its page has nothing to focus",
      "ietvaram ir tabindex=%1: pārbaudiet, vai ietvarā ielādētajā lapā nav fokusējamu elementu" },
    { "document has no title element", "dokumentam nav elementa title" },
    { "title element is empty", "elements title ir tukšs" },
    { "html element has no lang attribute", "elementam html nav atribūta lang" },
    { "lang attribute of html element is empty", "elementa html atribūts lang ir tukšs" },
    { "html element has only xml:lang, which HTML documents ignore",
      "elementam html ir tikai xml:lang, ko HTML dokumenti neņem vērā" },
    { "lang attribute is not a valid language", "atribūts lang nenorāda derīgu valodu" },
    { "lang and xml:lang name different languages", "lang un xml:lang norāda dažādas valodas" },
    { "%s is not a valid language", "nederīgs valodas kods: %1" },
    { "page refreshes or redirects by itself after %s seconds",
      "lapa pēc %1 s automātiski atsvaidzinās vai pāradresē uz citu lapu" },
    { "%s disables zooming", "%1 atspējo tālummaiņu" },
    { "page has no skip link, heading or main landmark to bypass repeated blocks",
      "lapā nav ne pārlēkšanas saites, ne virsraksta, ne orientiera main, ar ko apiet atkārtotos "
      "blokus" },
    /* --- structure --- */
    { "heading is empty", "virsraksts ir tukšs" },
    { "heading level skips a level after the previous heading",
      "pēc iepriekšējā virsraksta izlaists virsraksta līmenis" },
    { "paragraph is styled like a heading: if it is one, use h1-h6",
      "rindkopa noformēta kā virsraksts: ja tā ir virsraksts, lietojiet h1-h6" },
    { "li element is not inside a list", "elements li nav saraksta iekšā" },
    { "list contains elements other than li, script and template",
      "sarakstā ir elementi, kas nav li, script vai template" },
    { "dt/dd element is not inside a dl", "elements dt/dd nav elementa dl iekšā" },
    { "dl contains elements other than dt, dd and div groups",
      "elementā dl ir elementi, kas nav dt, dd vai div grupas" },
    { "dl has no definition after a term: terms and definitions are out of order",
      "elementā dl pēc termina nav definīcijas: termini un definīcijas nav pareizā secībā" },
    { "table has no header cells: if it holds data, add th headers",
      "tabulai nav galvenes šūnu: ja tajā ir dati, pievienojiet th galvenes" },
    { "table has header cells and no data cells: check it is a data table",
      "tabulai ir galvenes šūnas, bet nav datu šūnu: pārbaudiet, vai tā ir datu tabula" },
    { "a header cell describes no data cells", "galvenes šūna neapraksta nevienu datu šūnu" },
    { "a non-empty data cell has no header", "netukšai datu šūnai nav galvenes" },
    { "a cell's headers attribute names a cell outside this table or itself",
      "šūnas atribūts headers norāda uz šūnu ārpus šīs tabulas vai uz sevi" },
    { "the first row's single spanning cell may be acting as the table's caption",
      "pirmās rindas vienīgā apvienotā šūna, iespējams, kalpo kā tabulas virsraksts" },
    { "id is used by more than one element", "id lieto vairāk nekā viens elements" },
    { "id is used by an ARIA reference or label and is not unique",
      "id, uz kuru atsaucas ARIA atribūts vai etiķete, nav unikāls" },
    { "interactive element contains a focusable element",
      "interaktīvs elements satur fokusējamu elementu" },
    { "element has a mouse or key handler but cannot receive keyboard focus",
      "elementam ir peles vai tastatūras notikumu apstrādātājs, bet tas nevar saņemt tastatūras "
      "fokusu" },
    { "scrollable region has nothing focusable: if it scrolls, keyboard users cannot scroll it",
      "ritināmajā apgabalā nav nekā fokusējama: ja tas ritinās, tastatūras lietotāji to "
      "nevar ritināt" },
    /* --- ARIA --- */
    { "ARIA attribute not allowed: %s", "ARIA atribūts šeit nav atļauts: %1" },
    { "invalid ARIA attribute: %s", "nederīgs ARIA atribūts: %1" },
    { "invalid ARIA attribute value: %s", "nederīga ARIA atribūta vērtība: %1" },
    { "required ARIA attribute missing: %s", "trūkst obligāto ARIA atribūtu: %1" },
    { "an ARIA attribute is empty, or aria-describedby/aria-labelledby names no element on the "
      "page",
      "ARIA atribūts ir tukšs vai aria-describedby/aria-labelledby nenorāda uz nevienu lapas "
      "elementu" },
    { "aria-label/aria-labelledby is prohibited on an element with no role",
      "aria-label/aria-labelledby nav atļauts elementam bez lomas" },
    { "aria-label/aria-labelledby is prohibited on this element; its text is read instead",
      "aria-label/aria-labelledby šim elementam nav atļauts; tā vietā tiek nolasīts tā teksts" },
    { "aria-hidden element is focusable or contains focusable elements",
      "aria-hidden elements ir fokusējams vai satur fokusējamus elementus" },
    { "body has aria-hidden=%s: the page is hidden from screen readers",
      "elementam body ir aria-hidden=%1: lapa ir paslēpta no ekrāna lasītājiem" },
    { "aria-braillelabel on an element with no accessible name",
      "aria-braillelabel elementam bez piekļūstamā nosaukuma" },
    { "aria-brailleroledescription without aria-roledescription",
      "aria-brailleroledescription bez aria-roledescription" },
    { "aria-checked on a native checkbox disagrees with its state",
      "HTML izvēles rūtiņas aria-checked vērtība neatbilst tās stāvoklim" },
    { "row attributes (%s) are only allowed in a treegrid",
      "rindas atribūti (%1) ir atļauti tikai treegrid tabulā" },
    { "role attribute names no valid ARIA role", "atribūts role nenorāda derīgu ARIA lomu" },
    { "role attribute uses an abstract role", "atribūtā role norādīta abstrakta loma" },
    { "role is deprecated", "loma ir novecojusi" },
    { "presentational roles conflict", "noformējuma lomas ir pretrunā" },
    { "element has none of the children its role requires",
      "elementam nav neviena no bērnelementiem, ko prasa tā loma" },
    { "element is not inside the parent role it requires",
      "elements neatrodas tā lomai vajadzīgajā vecākelementā" },
    { "element owns children whose role is not allowed",
      "elementam ir bērnelementi ar neatļautu lomu" },
    /* --- media, motion --- */
    { "video has no captions track: check that captions are provided",
      "elementam video nav subtitru celiņa: pārbaudiet, vai subtitri ir nodrošināti" },
    { "audio has no captions track: check for a transcript",
      "elementam audio nav subtitru celiņa: pārbaudiet, vai ir teksta atšifrējums" },
    { "media plays automatically: check it has no sound longer than %s s",
      "multivides saturs tiek atskaņots automātiski: pārbaudiet, vai skaņa neskan ilgāk par %1 s" },
    { "blink element makes text flash", "elements blink liek tekstam mirgot" },
    { "marquee element scrolls text", "elements marquee ritina tekstu" },
    /* --- colour and contrast --- */
    { "contrast %s:1 (%s on %s, %s px), needs %s:1",
      "kontrasts %1:1 (%2 uz %3 fona, %4 px), nepieciešams %5:1" },
    { "contrast is between 3:1 and 4.5:1 and the font size is unknown",
      "kontrasts ir no 3:1 līdz 4,5:1, un fonta izmērs nav zināms" },
    { "low contrast on a single character: check that it is text and not an icon or decoration",
      "zems kontrasts vienai rakstzīmei: pārbaudiet, vai tas ir teksts, nevis ikona vai "
      "rotājums" },
    { "text over a background image or gradient", "teksts uz fona attēla vai krāsu pārejas" },
    { "the text colour cannot be decided statically",
      "teksta krāsu nevar noteikt bez lapas attēlošanas" },
    { "the background colour cannot be decided statically",
      "fona krāsu nevar noteikt bez lapas attēlošanas" },
    { "opacity, a filter or a text shadow changes the colours",
      "caurspīdīgums, filtrs vai teksta ēna maina krāsas" },
    { "too many translucent backgrounds", "pārāk daudz caurspīdīgu fonu" },
    { "a positioned box over content the cascade cannot place (needs layout)",
      "pozicionēts bloks virs satura, ko CSS kaskāde nevar novietot (nepieciešams lapas "
      "izkārtojuma aprēķins)" },
    { "the text has the colour of its background: hidden on purpose, or over something the "
      "cascade does not see",
      "teksta krāsa sakrīt ar fona krāsu: teksts paslēpts ar nolūku vai atrodas virs elementa, ko "
      "CSS kaskāde neredz" },
    { "the text may be clipped or positioned off screen (screen-reader-only text)",
      "teksts var būt apgriezts vai novietots ārpus ekrāna (teksts tikai ekrāna lasītājiem)" },
    { "link in text is not underlined and its colour contrasts less than %s:1 with the text",
      "saite tekstā nav pasvītrota, un tās krāsas kontrasts ar tekstu ir mazāks par %1:1" },
    { "link in text is told apart by colour only: check it gets an underline or other cue on "
      "focus and hover",
      "saiti tekstā atšķir tikai krāsa: pārbaudiet, vai fokusā un zem peles tai parādās "
      "pasvītrojums vai cita pazīme" },
    { "link is not underlined and its colours cannot be decided statically",
      "saite nav pasvītrota, un tās krāsas nevar noteikt bez lapas attēlošanas" },
    { "link looks exactly like the text around it: check that it is meant to be found",
      "saite izskatās tieši kā apkārtējais teksts: pārbaudiet, vai to ir paredzēts atrast" },
    { "link's colour contrasts less than %s:1 with the text, but images or boxes in its block "
      "may cover the background (needs layout)",
      "saites krāsas kontrasts ar tekstu ir mazāks par %1:1, bet attēli vai bloki tās blokā var "
      "aizsegt fonu (nepieciešams lapas izkārtojuma aprēķins)" },
    { "link's colour contrasts less than %s:1 with the text, but whether it is in a block of "
      "text or styled apart cannot be decided statically",
      "saites krāsas kontrasts ar tekstu ir mazāks par %1:1, bet to, vai saite ir teksta blokā "
      "vai noformēta atsevišķi, nevar noteikt bez lapas attēlošanas" },

    /* --- fetching: why a page or link failed (crawler/fetch.c), in the pages' tables --- */
    { "cannot resolve host %s", "neizdevās noskaidrot resursdatora %1 adresi (DNS)" },
    { "cannot connect to %s: %s", "neizdevās pieslēgties %1 (%2)" },
    { "timed out fetching %s: %s", "iestājās noildze, ielādējot %1 (%2)" },
    { "tls failed for %s: %s", "neizdevās TLS savienojums ar %1 (%2)" },
    { "cannot use url %s: %s", "nevar izmantot adresi %1 (%2)" },
    { "cannot fetch %s: %s", "neizdevās ielādēt %1 (%2)" },
    { "cannot fetch %s", "neizdevās ielādēt %1" },
    { "cannot parse url %s: %s", "nevar nolasīt adresi %1 (%2)" },
    { "url has no host: %s", "adresē nav resursdatora: %1" },
    { "url scheme is not http(s): %s", "adreses shēma nav http(s): %1" },
    { "redirect to a scheme other than http(s): %s",
      "pāradresācija uz shēmu, kas nav http(s), netika izpildīta: %1" },
    { "redirect without a usable location from %s",
      "pāradresācija no %1 bez derīgas galamērķa adreses" },
    { "redirect loop: %s leads back to %s", "pāradresāciju cilpa: %1 ved atpakaļ uz %2" },
    { "more than %s redirects from %s", "vairāk nekā %1 pāradresācijas pēc kārtas no %2" },
    { "url longer than %s bytes %s", "adrese garāka par %1 baitiem: %2" },
    { "not fetched: host %s failed %s times in a row",
      "netika ielādēta: resursdators %1 %2 reizes pēc kārtas neatbildēja vai atbildēja ar kļūdu" },

    /* --- the questionnaire's evidence --- */
    { "the homepage was not fetched", "sākumlapa netika ielādēta" },
    { "the viewport has no width=device-width",
      "elementā <meta name=\"viewport\"> nav width=device-width" },
    { "no <meta name=\"viewport\"> on the homepage", "sākumlapā nav <meta name=\"viewport\">" },
    { "no viewport meta: nothing blocks zoom",
      "nav elementa <meta name=\"viewport\">: nekas nebloķē tālummaiņu" },
    { "no flash, java applet or silverlight", "nav Flash, Java sīklietotņu vai Silverlight" },
    { "no @media rule with a width condition in the homepage's css",
      "sākumlapas CSS nav @media noteikuma ar platuma nosacījumu" },
    { "mobile_responsive is unknown", "nav zināms, vai dizains ir adaptīvs" },
    { "the four mobile items are 1", "visu četru mobilās lietošanas rādītāju vērtība ir 1" },
    { "at least one mobile item is 0", "vismaz viena mobilās lietošanas rādītāja vērtība ir 0" },
    { "stylesheet %s", "stilu lapa %1" },
    { "%s of %s linked stylesheets were not fetched",
      "neielādētās piesaistītās stilu lapas: %1 no %2" },
    { "no link named or pointing like '%s' among the homepage's %s links and the pages followed",
      "sākumlapā un apmeklētajās lapās nav saites, kuras nosaukums vai adrese atbilst tēmai '%1' "
      "(sākumlapas saišu skaits: %2)" },
    { "no link named or pointing like '%s' among the homepage's %s links",
      "sākumlapā nav saites, kuras nosaukums vai adrese atbilst tēmai '%1' (sākumlapas saišu "
      "skaits: %2)" },
    { "no participation link", "nav saites uz sabiedrības līdzdalību" },
    { "the participation page was not fetched", "līdzdalības lapa netika ielādēta" },
    /* the participation guidance's parts: "procedure: <page text>; deadline: <page text>" */
    { "tap or form link: %s", "TAP portāla vai veidlapas saite: %1" },
    { "e-mail or form: %s", "e-pasts vai veidlapa: %1" },
    { "procedure: %s", "kārtība: %1" },
    { "deadline: %s", "termiņš: %1" },
    { "%s of 4 criteria met, 2 needed",
      "izpildīto kritēriju skaits: %1 no 4 (nepieciešami vismaz 2)" },
    { "no latvian phone number", "nav Latvijas tālruņa numura" },
    { "no e-mail address", "nav e-pasta adreses" },
    { "no postcode LV-dddd", "nav pasta indeksa LV-dddd" },
    { "not on the homepage, and the contacts page was not fetched",
      "nav sākumlapā, un kontaktu lapa netika ielādēta" },
    { "no instructions, demonstration or video on using e-services",
      "nav norādījumu, demonstrācijas vai video par e-pakalpojumu lietošanu" },
    { "no search form on the homepage", "sākumlapā nav meklēšanas veidlapas" },
    { "no dated news on the homepage or the news page",
      "sākumlapā un jaunumu lapā nav datētu jaunumu" },
    { "news_latest is empty", "jaunāko jaunumu datums nav noteikts" },
    { "no audit date", "nav audita datuma" },
    { "%s is %s days before the audit date", "%1, dienu skaits līdz audita datumam: %2" },
    { "no twitter.com or x.com profile link", "nav saites uz twitter.com vai x.com profilu" },
    { "no facebook.com page link", "nav saites uz facebook.com lapu" },
    { "no link to another social network", "nav saites uz citu sociālo tīklu" },
    { "no open data section on the site itself", "pašā vietnē nav atvērto datu sadaļas" },
    { "the open data section was not fetched", "atvērto datu sadaļa netika ielādēta" },
    { "%s machine-readable file links, first %s", "saites uz mašīnlasāmām datnēm: %1, pirmā %2" },
    { "%s machine-readable file links", "saites uz mašīnlasāmām datnēm: %1" },
};

/* Concept names (rules/concepts.c) as they appear inside evidence. */
static const struct entry terms[] = {
    { "participation", "sabiedrības līdzdalība" },
    { "contacts", "kontakti" },
    { "services", "pakalpojumi" },
    { "eservices", "e-pakalpojumi" },
    { "consultation", "tiešsaistes konsultācijas" },
    { "search", "meklēšana" },
    { "feedback", "atsauksmes" },
    { "news", "jaunumi" },
    { "open-data", "atvērtie dati" },
    { "accessibility-statement", "piekļūstamības paziņojums" },
    { "easy-read", "vieglā valoda" },
    { "english", "angļu valoda" },
};

#define MAX_CAPTURES 9

struct span {
    const char *p;
    size_t n;
};

/* True when en is the whole of template t; the texts its "%s" stand for go into cap. */
static bool match(const char *t, const char *en, struct span *cap, unsigned *ncap)
{
    *ncap = 0;
    for (;;) {
        const char *hole = strstr(t, "%s");
        size_t lit = hole ? (size_t)(hole - t) : strlen(t);
        if (strncmp(t, en, lit) != 0)
            return false;
        en += lit;
        if (!hole)
            return *en == '\0';
        if (*ncap == MAX_CAPTURES)
            return false;
        t = hole + 2;
        const char *next = strstr(t, "%s");
        size_t want = next ? (size_t)(next - t) : strlen(t);
        const char *end;
        if (want == 0) {
            if (next)
                return false;      /* two holes side by side: ambiguous, not in the catalog */
            end = en + strlen(en); /* the last hole runs to the end */
        } else if (!next) {
            /* The literal after the last hole ends the text. */
            size_t rest = strlen(en);
            if (rest < want + 1 || strcmp(en + rest - want, t) != 0)
                return false;
            end = en + rest - want;
        } else {
            /* The shortest text before the next literal. */
            char buf[256];
            if (want >= sizeof(buf))
                return false;
            memcpy(buf, t, want);
            buf[want] = '\0';
            end = en[0] ? strstr(en + 1, buf) : NULL;
            if (!end)
                return false;
        }
        if (end == en)
            return false; /* a hole stands for some text */
        cap[(*ncap)++] = (struct span){ en, (size_t)(end - en) };
        en = end;
    }
}

static void put_capture(struct ea_buf *out, struct span c)
{
    for (size_t i = 0; i < EA_ARRAY_LEN(terms); i++)
        if (strlen(terms[i].en) == c.n && !strncmp(terms[i].en, c.p, c.n)) {
            ea_buf_add(out, terms[i].lv);
            return;
        }
    ea_buf_addn(out, c.p, c.n);
}

/* The wordings that are parts of the participation guidance's evidence, "; " between them;
 * the last one can also be the whole of it, the others only parts. */
static const char *const parts[] = { "tap or form link: %s", "e-mail or form: %s", "procedure: %s",
                                     "deadline: %s", "%s of 4 criteria met, 2 needed" };

static bool usable(const char *t, unsigned use)
{
    for (size_t i = 0; i < EA_ARRAY_LEN(parts); i++)
        if (!strcmp(t, parts[i]))
            return (use & PART) || i == EA_ARRAY_LEN(parts) - 1;
    return use & WHOLE;
}

/* The catalog's Latvian for one wording used as `use` (WHOLE or PART), appended to out. */
static bool translate_one(const char *en, struct ea_buf *out, unsigned use)
{
    struct span cap[MAX_CAPTURES];
    unsigned ncap;
    for (size_t i = 0; i < EA_ARRAY_LEN(catalog); i++) {
        const char *t = catalog[i].en;
        /* A report asks for thousands of messages: most entries fail on their first byte. */
        if ((t[0] != en[0] && t[0] != '%') || !usable(t, use) || !match(t, en, cap, &ncap))
            continue;
        for (const char *p = catalog[i].lv; *p; p++) {
            if (p[0] == '%' && p[1] >= '1' && p[1] <= '9' && (unsigned)(p[1] - '1') < ncap) {
                put_capture(out, cap[p[1] - '1']);
                p++;
            } else {
                ea_buf_addch(out, *p);
            }
        }
        return true;
    }
    return false;
}

bool ea_lv_message(const char *en, struct ea_buf *out)
{
    return en && *en && translate_one(en, out, WHOLE);
}

/* True when text starts as the page quotations of evidence do: an element as written, a
 * quoted name, or an excerpt cut at its start. */
static bool quotation(const char *text)
{
    return text[0] == '<' || text[0] == '"' || !strncmp(text, "...", 3) ||
           !strncmp(text, "\xE2\x80\x9C", 3) || !strncmp(text, "\xE2\x80\xA6", 3); /* “ … */
}

bool ea_lv_evidence(const char *en, struct ea_buf *out)
{
    if (!en || !*en || quotation(en))
        return false;
    /* Several parts, "; " between them: translated part by part when the first part is a
     * wording of ours (a page's text in a later part, split at its own "; ", is kept as it
     * is). Parts first: a wording that ends in "%s" would take the whole. */
    if (!strstr(en, "; "))
        return translate_one(en, out, WHOLE);
    struct ea_buf part = EA_BUF_INIT(out->max);
    struct ea_buf res = EA_BUF_INIT(out->max);
    bool ours = false;
    for (const char *p = en;;) {
        const char *semi = strstr(p, "; ");
        size_t n = semi ? (size_t)(semi - p) : strlen(p);
        ea_buf_reset(&part);
        ea_buf_addn(&part, p, n);
        bool done = translate_one(part.buf, &res, PART);
        if (p == en && !done)
            break; /* not ours from the start */
        ours = true;
        if (!done)
            ea_buf_addn(&res, p, n);
        if (!semi)
            break;
        ea_buf_add(&res, "; ");
        p = semi + 2;
    }
    if (ours)
        ea_buf_addn(out, res.buf, res.len);
    ea_buf_release(&part);
    ea_buf_release(&res);
    return ours; /* (no evidence wording has a "; " of its own) */
}

unsigned ea_lv_text_count(void)
{
    return (unsigned)EA_ARRAY_LEN(catalog);
}

void ea_lv_text_entry(unsigned i, const char **en, const char **lv)
{
    *en = i < EA_ARRAY_LEN(catalog) ? catalog[i].en : NULL;
    *lv = i < EA_ARRAY_LEN(catalog) ? catalog[i].lv : NULL;
}
