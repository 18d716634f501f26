/*
 * ea-link-generic (eaudit): a link whose whole accessible name is a generic phrase ("lasīt
 * vairāk", "šeit", "vairāk", "spied šeit", "read more", "click here", "more",
 * "here", "link", "saite"...), compared case- and diacritic-folded and without
 * punctuation, fails 2.4.4: out of context (a screen reader's list of links) it says nothing.
 * Links with a specific name pass.
 */
#include <string.h>

#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"
#include "core/limits.h"
#include "core/text.h"

/* Folded (lowercase, no diacritics) generic link texts, Latvian and English. */
static const char *const generic[] = {
    "click here",
    "here",
    "klikskini seit",
    "lasit tālāk",
    "lasit talak",
    "lasit vairak",
    "learn more",
    "link",
    "more",
    "more info",
    "more information",
    "read more",
    "saite",
    "seit",
    "skatit",
    "skatit vairak",
    "spied seit",
    "spiest seit",
    "uzzinat vairak",
    "vairak",
    "vairak informacijas",
    "vairak info",
    "detalizetak",
    "details",
    "continue",
    "continue reading",
    "turpinat lasit",
    "klikskinat seit",
    "sikak",
};

/* Letters and digits in the longest phrase above ("vairak informacijas"). */
#define GENERIC_MAX_ALNUM 18

/* Folding keeps every ASCII letter and digit (as one letter or digit), so a name with more
 * of them than any phrase has cannot be one: most names are rejected without folding. */
static bool too_long(const char *name, size_t len)
{
    size_t alnum = 0;
    for (size_t i = 0; i < len; i++) {
        char c = name[i];
        alnum += (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
    return alnum > GENERIC_MAX_ALNUM;
}

static bool is_generic(const char *name, size_t len)
{
    if (too_long(name, len))
        return false;
    struct ea_buf f = EA_BUF_INIT(256), w = EA_BUF_INIT(256);
    ea_text_fold(name, len, &f);
    /* Keep ASCII letters and digits (folding made Latvian letters ASCII); punctuation,
     * symbols ("»", "→") and other scripts become spaces. */
    for (size_t i = 0; i < f.len; i++) {
        char c = f.buf[i];
        ea_buf_addch(&w, (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c : ' ');
    }
    ea_buf_reset(&f);
    ea_text_collapse_ws(w.buf, w.len, &f);
    bool hit = false;
    for (size_t i = 0; i < EA_ARRAY_LEN(generic) && !hit; i++)
        hit = strcmp(f.buf, generic[i]) == 0;
    ea_buf_release(&f);
    ea_buf_release(&w);
    return hit;
}

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    size_t n = 0;
    struct ea_node *const *a = ea_doc_tagged(doc, "a", &n);
    struct ea_buf name = EA_BUF_INIT(EA_MAX_ACCNAME);
    for (size_t i = 0; i < n; i++) {
        if (a[i]->ns != EA_NS_HTML || !ea_node_has_attr(a[i], "href") || !ea_checks_judged(a[i]))
            continue;
        ea_buf_reset(&name);
        ea_accname(doc, a[i], &name);
        if (!name.len)
            continue; /* link-name's */
        ea_checks_verdict(out, a[i], !is_generic(name.buf, name.len),
                          "link text is generic: it does not say where the link goes");
    }
    ea_buf_release(&name);
}

const struct ea_check ea_check_ea_link_generic = {
    .id = "ea-link-generic",
    .wcag = "2.4.4",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_MODERATE,
    .help_lv = "Saites tekstam jāpasaka, kurp saite ved (ne \"lasīt vairāk\", \"šeit\")",
    .help_en = "Link text must say where the link goes (not \"read more\", \"click here\")",
    .fix_lv = "Aizstājiet \"Lasīt vairāk\" ar konkrētu tekstu (\"Lasīt vairāk par pieteikšanos "
              "pabalstam\") vai pievienojiet aria-label ar pilnu nosaukumu",
    .fix_en = "Replace \"Read more\" with specific text (\"Read more about applying for the "
              "benefit\") or add aria-label with the full name",
    .run = run,
};
