/*
 * meta-viewport (axe-core): <meta name="viewport"> must not disable zooming. Follows
 * axe-core's meta-viewport check (scaleMinimum 2): a violation when user-scalable is a
 * number between -1 and 1 exclusive ("0") or a keyword other than yes / device-width /
 * device-height ("no"), or when maximum-scale is a keyword other than device-width /
 * device-height or a number below 2 (negative numbers are ignored, as browsers do). The
 * content is read as browsers read it: keys and values are case-insensitive, pairs are
 * separated by ',', ';' or whitespace, and whitespace around '=' is allowed. Without such
 * a meta the rule is inapplicable; one inside <template> or <noscript> is inert.
 */
#include <string.h>
#include <strings.h>

#include "checks/check.h"
#include "checks/util.h"
#include "core/buf.h"

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

static bool is_sep(char c)
{
    return c == ',' || c == ';' || is_space(c);
}

/* JavaScript's parseFloat over s[0..n): the longest leading decimal number, with an
 * optional sign and exponent. Returns false for NaN (no digits at the start). */
static bool parse_float(const char *s, size_t n, double *out)
{
    size_t i = 0;
    double sign = 1, v = 0, scale = 1;
    bool digits = false;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        sign = s[i++] == '-' ? -1 : 1;
    for (; i < n && s[i] >= '0' && s[i] <= '9'; i++, digits = true)
        v = v * 10 + (s[i] - '0');
    if (i < n && s[i] == '.')
        for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++, digits = true) {
            scale /= 10;
            v += (s[i] - '0') * scale;
        }
    if (!digits)
        return false;
    if (i + 1 < n && (s[i] == 'e' || s[i] == 'E')) {
        size_t j = i + 1;
        int esign = 1, e = 0;
        if (j < n && (s[j] == '+' || s[j] == '-'))
            esign = s[j++] == '-' ? -1 : 1;
        if (j < n && s[j] >= '0' && s[j] <= '9') {
            for (; j < n && s[j] >= '0' && s[j] <= '9'; j++)
                if (e < 400)
                    e = e * 10 + (s[j] - '0');
            for (; e > 0; e--)
                v = esign > 0 ? v * 10 : v / 10;
        }
    }
    *out = sign * v;
    return true;
}

static bool word_is(const char *s, size_t n, const char *word)
{
    return strlen(word) == n && strncasecmp(s, word, n) == 0;
}

/* Appends why content disables zooming to msg; true when it does. */
static bool blocks_zoom(const char *content, struct ea_buf *msg)
{
    const char *p = content;
    for (;;) {
        while (*p && is_sep(*p))
            p++;
        if (!*p)
            return false;
        const char *key = p;
        while (*p && *p != '=' && !is_sep(*p))
            p++;
        size_t klen = (size_t)(p - key);
        while (is_space(*p))
            p++;
        if (*p != '=')
            continue; /* a key without a value sets nothing */
        p++;
        while (is_space(*p))
            p++;
        const char *val = p;
        while (*p && !is_sep(*p))
            p++;
        size_t vlen = (size_t)(p - val);
        if (vlen == 0)
            continue;
        double v;
        bool num = parse_float(val, vlen, &v);
        bool bad = false;
        if (word_is(key, klen, "user-scalable")) {
            bad = num ? (v > -1 && v < 1)
                      : !(word_is(val, vlen, "yes") || word_is(val, vlen, "device-width") ||
                          word_is(val, vlen, "device-height"));
        } else if (word_is(key, klen, "maximum-scale")) {
            bad =
                num ? (v >= 0 && v < 2)
                    : !(word_is(val, vlen, "device-width") || word_is(val, vlen, "device-height"));
        }
        if (bad) {
            ea_buf_addf(msg, "%.*s=%.*s disables zooming", (int)(klen > 40 ? 40 : klen), key,
                        (int)(vlen > 40 ? 40 : vlen), val);
            return true;
        }
    }
}

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    struct ea_buf msg = EA_BUF_INIT(160);
    for (size_t i = 0; i < doc->nnodes; i++) {
        const struct ea_node *n = &doc->nodes[i];
        if (!ea_node_is(n, "meta") || !ea_checks_ieq(ea_node_attr(n, "name"), "viewport") ||
            ea_checks_meta_inert(n))
            continue;
        const char *content = ea_node_attr(n, "content");
        ea_buf_reset(&msg);
        if (content && blocks_zoom(content, &msg))
            ea_results_add(out, EA_OUTCOME_VIOLATION, n, msg.buf);
        else
            ea_results_add(out, EA_OUTCOME_PASS, n, NULL);
    }
    ea_buf_release(&msg);
}

const struct ea_check ea_check_meta_viewport = {
    .id = "meta-viewport",
    .wcag = "1.4.4",
    .level = EA_LEVEL_AA,
    .impact = EA_IMPACT_CRITICAL,
    .help_lv = "Tālummaiņu un mērogošanu nedrīkst atspējot",
    .help_en = "Zooming and scaling must not be disabled",
    .fix_lv = "Izņemiet no <meta name=\"viewport\"> user-scalable=no un maximum-scale vērtību, "
              "kas mazāka par 2, piemēram: content=\"width=device-width, initial-scale=1\"",
    .fix_en = "Remove user-scalable=no and any maximum-scale below 2 from <meta "
              "name=\"viewport\">, e.g. content=\"width=device-width, initial-scale=1\"",
    .run = run,
};
