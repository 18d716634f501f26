/* Phones, e-mails and postcodes as Latvian contact pages write them (contact_phone,
 * contact_email, contact_address). */
#include <string.h>
#include <strings.h>

#include "checks/site/scan.h"
#include "core/text.h"

static bool digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool alnum(char c)
{
    return digit(c) || alpha(c);
}

/* Separator between digit groups: one space, a non-breaking space or a dash. */
static size_t group_sep(const char *s, size_t n, size_t i)
{
    if (i < n && (s[i] == ' ' || s[i] == '-'))
        return 1;
    if (i + 1 < n && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0)
        return 2;
    return 0;
}

/* "+371", "00371", "(+371)" followed by a separator or a digit; returns its length. */
static size_t country_prefix(const char *s, size_t n, size_t i)
{
    size_t k = i;
    bool paren = k < n && s[k] == '(';
    k += paren;
    if (k + 4 <= n && memcmp(s + k, "+371", 4) == 0)
        k += 4;
    else if (k + 5 <= n && memcmp(s + k, "00371", 5) == 0)
        k += 5;
    else
        return 0;
    if (paren) {
        if (k >= n || s[k] != ')')
            return 0;
        k++;
    }
    size_t w = group_sep(s, n, k);
    if (k + w < n && digit(s[k + w]))
        return k + w - i;
    return 0;
}

/* Groupings Latvian numbers are written in without +371 (the prefix makes any grouping
 * believable): a date (2026-11-27: 4+2+2) or a bank code never fits one of these. */
static bool usual_shape(const size_t *g, size_t ng)
{
    static const size_t shapes[][5] = {
        { 8 }, { 4, 4 }, { 2, 3, 3 }, { 3, 2, 3 }, { 2, 2, 2, 2 }, { 3, 3, 2 },
    };
    for (size_t k = 0; k < sizeof(shapes) / sizeof(shapes[0]); k++) {
        size_t m = 0;
        while (m < 5 && shapes[k][m])
            m++;
        if (m == ng && memcmp(shapes[k], g, ng * sizeof(*g)) == 0)
            return true;
    }
    return false;
}

static bool yyyymmdd(const char *d)
{
    struct ea_span at;
    char iso[11] = { d[0], d[1], d[2], d[3], '-', d[4], d[5], '-', d[6], d[7], 0 };
    return ea_scan_date(iso, 10, 0, &at) != 0;
}

/* "26 123 456 EUR" is an amount, not a phone. */
static bool currency_after(const char *s, size_t n, size_t k)
{
    static const char *const units[] = { "EUR", "eur", "eiro", "euro", "\xE2\x82\xAC", "Ls" };
    while (k < n && s[k] == ' ')
        k++;
    for (size_t u = 0; u < sizeof(units) / sizeof(units[0]); u++) {
        size_t m = strlen(units[u]);
        if (k + m <= n && memcmp(s + k, units[u], m) == 0 && (k + m == n || !alpha(s[k + m])))
            return true;
    }
    return false;
}

/* The first four digits are a year from 1900 to 2099. */
static bool year_like(const char *d)
{
    return (d[0] == '1' && d[1] == '9') || (d[0] == '2' && d[1] == '0');
}

/* A phone number starting at s[i] (a boundary already checked); its end in *end. */
static bool phone_at(const char *s, size_t n, size_t i, size_t *end)
{
    size_t k = i + country_prefix(s, n, i), groups[6], ng = 0, total = 0;
    bool prefixed = k > i;
    char first = s[k], compact[9];
    for (;;) {
        size_t g = 0;
        while (k < n && digit(s[k])) {
            if (total < 8)
                compact[total] = s[k];
            g++, total++, k++;
        }
        if (ng == 6)
            return false;
        groups[ng++] = g;
        size_t w = group_sep(s, n, k);
        if (!w || k + w >= n || !digit(s[k + w]) || total >= 8)
            break;
        k += w;
    }
    /* the number must end here: not glued to letters or to more digits (".1", "/2") */
    if (k < n && (alnum(s[k]) ||
                  ((s[k] == '.' || s[k] == '/' || s[k] == ',') && k + 1 < n && digit(s[k + 1]))))
        return false;
    if (total != 8 || !(first == '2' || first == '6' || first == '8') || currency_after(s, n, k))
        return false;
    if (!prefixed && (!usual_shape(groups, ng) || (ng == 1 && yyyymmdd(compact)) ||
                      (ng == 2 && year_like(compact))))
        return false; /* "20261127" is a date, "2014-2017" or "2025 1610" years */
    *end = k;
    return true;
}

/* True when the word before s[i] labels an identifier, not a phone: "Nr. 20112233",
 * "PMID 23813435", "kods 61234567". */
static bool id_label_before(const char *s, size_t i)
{
    static const char *const labels[] = { "nr",   "no",   "id",   "pmid", "pmc", "kods",
                                          "code", "isbn", "issn", "doi",  "ref", "reg" };
    size_t e = i;
    while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == ':' || s[e - 1] == '.' || s[e - 1] == '#'))
        e--;
    size_t b = e;
    while (b > 0 && alpha(s[b - 1]))
        b--;
    if (b == e || e - b > 4 || (b > 0 && (unsigned char)s[b - 1] >= 0x80))
        return false;
    for (size_t k = 0; k < sizeof(labels) / sizeof(labels[0]); k++)
        if (strlen(labels[k]) == e - b && strncasecmp(s + b, labels[k], e - b) == 0)
            return true;
    return false;
}

/* True when a number may start at s[i]: not inside a word, an IBAN, a postcode ("LV-1050")
 * or a longer number ("1.5", "12/2026"). */
static bool number_boundary(const char *s, size_t i)
{
    if (i == 0)
        return true;
    char p = s[i - 1];
    if (alnum(p) || p == '+')
        return false;
    if ((p == '-' || p == '.' || p == '/' || p == ',') && i >= 2 && alnum(s[i - 2]))
        return false;
    /* after a foreign area code in brackets: "(011)-23061469", "（010）63070950" */
    size_t k = i;
    if (k >= 1 && (s[k - 1] == ' ' || s[k - 1] == '-'))
        k--;
    if (k >= 1 && s[k - 1] == ')')
        return false;
    if (k >= 3 && memcmp(s + k - 3, "\xEF\xBC\x89", 3) == 0)
        return false;
    return !id_label_before(s, i);
}

bool ea_scan_phone(const char *s, size_t n, size_t from, struct ea_span *at)
{
    for (size_t i = from; i < n; i++) {
        if (!(digit(s[i]) || s[i] == '+' || s[i] == '(') || !number_boundary(s, i))
            continue;
        if (s[i] == '+' && !country_prefix(s, n, i)) {
            /* another country's number: none of its digits start a Latvian one */
            size_t j = i + 1, w;
            while (j < n &&
                   (digit(s[j]) || ((w = group_sep(s, n, j)) && j + w < n && digit(s[j + w]))))
                j += digit(s[j]) ? 1 : w;
            i = j - 1;
            continue;
        }
        if (s[i] == '(' && !country_prefix(s, n, i))
            continue;
        size_t end;
        if (phone_at(s, n, i, &end)) {
            at->off = i;
            at->len = end - i;
            return true;
        }
        while (i + 1 < n && (digit(s[i + 1]) || s[i + 1] == '+'))
            i++; /* the rest of this number cannot start one */
    }
    return false;
}

bool ea_phone_tel_href(const char *href)
{
    char digits[16];
    size_t nd = 0;
    if (!href || strncasecmp(href, "tel:", 4) != 0)
        return false;
    const char *p = href + 4;
    while (*p == ' ')
        p++;
    if (strncmp(p, "+371", 4) == 0)
        p += 4;
    else if (strncmp(p, "00371", 5) == 0)
        p += 5;
    for (; *p; p++) {
        if (digit(*p)) {
            if (nd == sizeof(digits))
                return false;
            digits[nd++] = *p;
        } else if (!(*p == ' ' || *p == '-' || *p == '(' || *p == ')' || *p == '.' ||
                     (p[0] == '%' && p[1] == '2' && p[2] == '0' && (p += 2)))) {
            return false;
        }
    }
    return nd == 8 && (digits[0] == '2' || digits[0] == '6' || digits[0] == '8');
}

static bool local_char(char c)
{
    return alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

static bool domain_char(char c)
{
    return alnum(c) || c == '.' || c == '-';
}

/* The "@" marker at s[i]: "@", "[at]", "(at)", with optional spaces around the bracketed
 * forms. Sets *lo (start of the spaces before) and *hi (after it). */
static bool at_marker(const char *s, size_t n, size_t i, size_t *lo, size_t *hi)
{
    if (s[i] == '@') {
        *lo = i;
        *hi = i + 1;
        return true;
    }
    if (i + 4 <= n && (s[i] == '[' || s[i] == '(') && strncasecmp(s + i + 1, "at", 2) == 0 &&
        s[i + 3] == (s[i] == '[' ? ']' : ')')) {
        *lo = i;
        *hi = i + 4;
        while (*lo > 0 && s[*lo - 1] == ' ')
            (*lo)--;
        while (*hi < n && s[*hi] == ' ')
            (*hi)++;
        return true;
    }
    return false;
}

bool ea_scan_email(const char *s, size_t n, size_t from, struct ea_span *at)
{
    for (size_t i = from; i < n; i++) {
        size_t lo, hi;
        if (!at_marker(s, n, i, &lo, &hi))
            continue;
        size_t a = lo;
        while (a > 0 && local_char(s[a - 1]))
            a--;
        size_t b = hi, dot = 0, tld = 0;
        while (b < n && domain_char(s[b]))
            b++;
        while (b > hi && (s[b - 1] == '.' || s[b - 1] == '-'))
            b--; /* "raksti pasts@vm.gov.lv." */
        for (size_t k = hi; k < b; k++)
            if (s[k] == '.')
                dot = k;
        for (size_t k = dot + 1; dot && k < b && alpha(s[k]); k++)
            tld++;
        if (a < lo && dot > hi && tld >= 2 && dot + 1 + tld == b) {
            at->off = a;
            at->len = b - a;
            return true;
        }
    }
    return false;
}

bool ea_scan_postcode(const char *s, size_t n, size_t from, struct ea_span *at)
{
    for (size_t i = from; i + 6 < n; i++) {
        if (!((s[i] == 'L' || s[i] == 'l') && (s[i + 1] == 'V' || s[i + 1] == 'v')) ||
            (i > 0 && alnum(s[i - 1])))
            continue;
        size_t k = i + 2, w = 0;
        if (s[k] == '-' || s[k] == ' ')
            w = 1;
        else if (k + 3 <= n && (unsigned char)s[k] == 0xE2 && (unsigned char)s[k + 1] == 0x80 &&
                 ((unsigned char)s[k + 2] == 0x93 || (unsigned char)s[k + 2] == 0x91))
            w = 3; /* en dash, non-breaking hyphen */
        else if (k + 2 <= n && (unsigned char)s[k] == 0xC2 && (unsigned char)s[k + 1] == 0xA0)
            w = 2;
        k += w;
        if (!w || k + 4 > n)
            continue;
        if (digit(s[k]) && digit(s[k + 1]) && digit(s[k + 2]) && digit(s[k + 3]) &&
            (k + 4 == n || !alnum(s[k + 4]))) {
            at->off = i;
            at->len = k + 4 - i;
            return true;
        }
    }
    return false;
}
