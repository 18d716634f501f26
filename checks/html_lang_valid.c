/*
 * html-lang-valid (axe-core): the lang (and xml:lang) of <html> names a real language.
 * Applies when either attribute is present and non-empty. As axe-core does, only the
 * primary subtag is judged: the value is trimmed, cut at the first '-' and lowercased, so
 * "lv-LV" is fine and "lv_LV" (primary subtag "lv_lv") is not.
 *
 * Valid primary subtags: the 184 two-letter codes of ISO 639-1 (the table below, sorted for
 * bsearch), or any three ASCII letters. Stated limit: three-letter codes are not checked
 * against ISO 639-2/639-3 (7,000+ codes), so "xyz" passes where axe-core would fail it;
 * other lengths (private "x-..." and grandfathered "i-..." tags, 4-8 letter subtags) fail,
 * as in axe-core.
 */
#include <stdlib.h>
#include <string.h>

#include "checks/check.h"
#include "checks/util.h"
#include "core/buf.h"

/* ISO 639-1, from Debian's iso-codes (iso_639-2.json, every alpha_2), including the
 * withdrawn "bh" that axe-core still accepts. */
static const char iso639_1[][3] = {
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bh",
    "bi", "bm", "bn", "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da",
    "de", "dv", "dz", "ee", "el", "en", "eo", "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr",
    "fy", "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr", "ht", "hu", "hy", "hz",
    "ia", "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja", "jv", "ka", "kg", "ki", "kj",
    "kk", "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li", "ln",
    "lo", "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt", "my", "na", "nb",
    "nd", "ne", "ng", "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or", "os", "pa", "pi",
    "pl", "ps", "pt", "qu", "rm", "rn", "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "si", "sk",
    "sl", "sm", "sn", "so", "sq", "sr", "ss", "st", "su", "sv", "sw", "ta", "te", "tg", "th", "ti",
    "tk", "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur", "uz", "ve", "vi", "vo",
    "wa", "wo", "xh", "yi", "yo", "za", "zh", "zu",
};

static int cmp_code(const void *key, const void *elem)
{
    return strcmp(key, elem);
}

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* True when the primary subtag of value (the part before the first '-', trimmed,
 * case-insensitive) is a language eaudit knows. */
static bool primary_valid(const char *value)
{
    while (*value == ' ' || *value == '\t' || *value == '\n' || *value == '\f' || *value == '\r')
        value++;
    size_t n = strcspn(value, "- \t\n\f\r");
    for (size_t i = 0; i < n; i++)
        if (!is_alpha(value[i]))
            return false;
    /* A primary subtag followed by whitespace and more text ("lv lv") is not one tag. */
    if (value[n] && value[n] != '-' && !ea_checks_blank(value + n))
        return false;
    if (n == 3)
        return true;
    if (n != 2)
        return false;
    char code[3] = { (char)(value[0] | 0x20), (char)(value[1] | 0x20), '\0' };
    return bsearch(code, iso639_1, EA_ARRAY_LEN(iso639_1), sizeof(iso639_1[0]), cmp_code) != NULL;
}

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    const struct ea_node *html = doc->root;
    if (!html)
        return;
    static const char *const attrs[] = { "lang", "xml:lang" };
    bool applies = false;
    struct ea_buf msg = EA_BUF_INIT(256);
    for (size_t i = 0; i < EA_ARRAY_LEN(attrs); i++) {
        const char *value = ea_node_attr(html, attrs[i]);
        if (!value || !*value)
            continue;
        applies = true;
        if (primary_valid(value))
            continue;
        ea_buf_addf(&msg, "%s%s=\"%.40s%s\"", msg.len ? ", " : "", attrs[i], value,
                    strlen(value) > 40 ? "..." : "");
    }
    if (!applies) {
        ea_buf_release(&msg);
        return;
    }
    if (msg.len) {
        ea_buf_add(&msg, " is not a valid language");
        ea_results_add(out, EA_OUTCOME_VIOLATION, html, msg.buf);
    } else {
        ea_results_add(out, EA_OUTCOME_PASS, html, NULL);
    }
    ea_buf_release(&msg);
}

const struct ea_check ea_check_html_lang_valid = {
    .id = "html-lang-valid",
    .wcag = "3.1.1",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_SERIOUS,
    .help_lv = "Elementa <html> atribūtam lang jābūt derīgai vērtībai",
    .help_en = "<html> element must have a valid value for the lang attribute",
    .fix_lv = "Lietojiet BCP 47 valodas kodu, kas sākas ar ISO 639 kodu, piemēram, lang=\"lv\" "
              "vai lang=\"en-GB\" (atdalītājs ir defise, nevis pasvītra)",
    .fix_en = "Use a BCP 47 language tag that starts with an ISO 639 code, e.g. lang=\"lv\" or "
              "lang=\"en-GB\" (the separator is a hyphen, not an underscore)",
    .run = run,
};
