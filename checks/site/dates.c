/* Dates as Latvian sites write them (news lists, <time>), for news_latest / news_fresh. */
#include <string.h>

#include "checks/site/scan.h"
#include "core/buf.h"
#include "core/text.h"

/* Month names, folded. Latvian ones are stems taking any case ending (novembris, novembrī,
 * novembra, novembrim...); English ones are whole words. Date grammar, not questionnaire
 * wording, so they live here rather than in rules/. */
static const struct {
    const char *word;
    int month;
    bool stem;
} months[] = {
    { "janvar", 1, true },     { "februar", 2, true },   { "mart", 3, true },
    { "april", 4, true },      { "maij", 5, true },      { "junij", 6, true },
    { "julij", 7, true },      { "august", 8, true },    { "septembr", 9, true },
    { "oktobr", 10, true },    { "novembr", 11, true },  { "decembr", 12, true },
    { "january", 1, false },   { "february", 2, false }, { "march", 3, false },
    { "may", 5, false },       { "june", 6, false },     { "july", 7, false },
    { "september", 9, false }, { "october", 10, false }, { "november", 11, false },
    { "december", 12, false },
};

/* Latvian case endings after a stem, folded: marts, marta, martam, martā, martu, aprīlis,
 * aprīļa (folded "aprila"), aprīlim, aprīlī. */
static const char *const endings[] = { "", "s", "a", "am", "i", "u", "is", "im" };

static bool is_ending(const char *s, size_t n)
{
    for (size_t k = 0; k < sizeof(endings) / sizeof(endings[0]); k++)
        if (strlen(endings[k]) == n && memcmp(endings[k], s, n) == 0)
            return true;
    return false;
}

static bool digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool ascii_alnum(char c)
{
    return digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool word_byte(char c)
{
    return ascii_alnum(c) || (unsigned char)c >= 0x80;
}

static int days_in_month(int y, int m)
{
    static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return d[m - 1];
}

static int make_date(int y, int m, int d)
{
    if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
        return 0;
    return y * 10000 + m * 100 + d;
}

/* Reads 1..max digits at s[*i]; returns the value or -1. */
static int number(const char *s, size_t n, size_t *i, size_t min, size_t max)
{
    size_t k = 0;
    int v = 0;
    while (*i + k < n && digit(s[*i + k]) && k < max + 1) {
        v = v * 10 + (s[*i + k] - '0');
        k++;
    }
    if (k < min || k > max)
        return -1;
    *i += k;
    return v;
}

static void spaces(const char *s, size_t n, size_t *i)
{
    size_t w;
    while (*i < n && (w = ea_text_ws_len(s + *i, n - *i)) > 0)
        *i += w;
}

/* The month named by the word at s[*i] (1..12), advancing past it; 0 when it is none. */
static int month_word(const char *s, size_t n, size_t *i)
{
    size_t j = *i;
    while (j < n && word_byte(s[j]) && !digit(s[j]) && j - *i < 40)
        j++;
    if (j == *i)
        return 0;
    struct ea_buf f = EA_BUF_INIT(160);
    ea_text_fold(s + *i, j - *i, &f);
    int month = 0;
    for (size_t k = 0; k < sizeof(months) / sizeof(months[0]) && !month; k++) {
        size_t wl = strlen(months[k].word);
        if (f.len < wl || memcmp(f.buf, months[k].word, wl) != 0)
            continue;
        if (f.len == wl || (months[k].stem && is_ending(f.buf + wl, f.len - wl)))
            month = months[k].month;
    }
    ea_buf_release(&f);
    if (month)
        *i = j;
    return month;
}

static bool ends_ok(const char *s, size_t n, size_t i)
{
    return i >= n || !(digit(s[i]) || (s[i] == '.' && i + 1 < n && digit(s[i + 1])));
}

/* A date starting with the digits at s[i]. */
static int date_at(const char *s, size_t n, size_t i, size_t *end)
{
    size_t j = i, k;
    int a = number(s, n, &j, 1, 4), b, c;
    if (a < 0)
        return 0;
    if (j - i == 4) {
        k = j;
        /* yyyy-mm-dd */
        if (k < n && s[k] == '-' && (k++, (b = number(s, n, &k, 2, 2)) >= 0) && k < n &&
            s[k] == '-' && (k++, (c = number(s, n, &k, 2, 2)) >= 0) && ends_ok(s, n, k)) {
            *end = k;
            return make_date(a, b, c);
        }
        /* "2026. gada 3. novembris" */
        k = j;
        if (k < n && s[k] == '.') {
            k++;
            spaces(s, n, &k);
            if (k + 4 <= n && memcmp(s + k, "gada", 4) == 0) {
                k += 4;
                spaces(s, n, &k);
                if ((b = number(s, n, &k, 1, 2)) >= 0 && k < n && s[k] == '.') {
                    k++;
                    spaces(s, n, &k);
                    if ((c = month_word(s, n, &k)) > 0) {
                        *end = k;
                        return make_date(a, c, b);
                    }
                }
            }
        }
        return 0;
    }
    if (j - i > 2)
        return 0;
    k = j;
    /* dd.mm.yyyy (also 27.11.2026. 10:15) */
    if (k < n && s[k] == '.' && k + 1 < n && digit(s[k + 1])) {
        k++;
        if ((b = number(s, n, &k, 1, 2)) >= 0 && k < n && s[k] == '.' &&
            (k++, (c = number(s, n, &k, 4, 4)) >= 0) && !(k < n && ascii_alnum(s[k]))) {
            *end = k;
            return make_date(c, b, a);
        }
        return 0;
    }
    /* "3. novembris, 2026", "3 November 2026" */
    if (k < n && s[k] == '.')
        k++;
    spaces(s, n, &k);
    if ((b = month_word(s, n, &k)) > 0) {
        if (k < n && s[k] == ',')
            k++;
        spaces(s, n, &k);
        if ((c = number(s, n, &k, 4, 4)) >= 0 && ends_ok(s, n, k)) {
            *end = k;
            return make_date(c, b, a);
        }
    }
    return 0;
}

/* "November 3, 2026" starting with the word at s[i]. */
static int date_at_word(const char *s, size_t n, size_t i, size_t *end)
{
    size_t k = i;
    int m = month_word(s, n, &k), d, y;
    if (!m)
        return 0;
    spaces(s, n, &k);
    if ((d = number(s, n, &k, 1, 2)) < 0)
        return 0;
    if (k < n && s[k] == ',')
        k++;
    spaces(s, n, &k);
    if ((y = number(s, n, &k, 4, 4)) < 0 || !ends_ok(s, n, k))
        return 0;
    *end = k;
    return make_date(y, m, d);
}

int ea_scan_date(const char *s, size_t n, size_t from, struct ea_span *at)
{
    for (size_t i = from; i < n; i++) {
        bool start = i == 0 || !word_byte(s[i - 1]);
        if (!start)
            continue;
        size_t end = i;
        int d = digit(s[i]) ? date_at(s, n, i, &end) : date_at_word(s, n, i, &end);
        if (d) {
            at->off = i;
            at->len = end - i;
            return d;
        }
    }
    return 0;
}

int ea_date_iso(const char *s)
{
    size_t n = strlen(s), end;
    if (n < 10 || !digit(s[0]) || s[4] != '-')
        return 0;
    int d = date_at(s, n, 0, &end);
    return end == 10 ? d : 0;
}

int ea_date_from_text(const char *ymd)
{
    return strlen(ymd) == 10 ? ea_date_iso(ymd) : 0;
}

void ea_date_format(int ymd, char out[11])
{
    int y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;
    out[0] = (char)('0' + y / 1000);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + d / 10);
    out[9] = (char)('0' + d % 10);
    out[10] = '\0';
}

/* Days since 1970-01-01 (Howard Hinnant's days_from_civil). */
static long civil_days(int ymd)
{
    long y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

long ea_date_days_between(int a, int b)
{
    return civil_days(b) - civil_days(a);
}
