/*
 * meta-refresh (axe-core 4.x): a <meta http-equiv="refresh"> must not refresh or redirect
 * the page after a delay the user cannot control. Follows axe-core's meta-refresh check
 * with its options {minDelay: 0, maxDelay: 72000}: the content's first token (up to ';',
 * ',' or whitespace) must be digits and dots, else the browser ignores it and it passes; a
 * delay of 0 (an immediate redirect) or above 72000 s (20 hours, the WCAG exception)
 * passes; anything in between fails. A <meta> inside <template> or <noscript> is inert and
 * not judged.
 */
#include <stdlib.h>
#include <string.h>

#include "checks/check.h"
#include "checks/util.h"
#include "core/buf.h"

static bool is_sep(char c)
{
    return c == ';' || c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

/* parseFloat of the first token when it is made of digits and dots only; -1 otherwise. */
static double delay_of(const char *content)
{
    while (*content == ' ' || *content == '\t' || *content == '\n' || *content == '\f' ||
           *content == '\r')
        content++;
    size_t n = 0;
    while (content[n] && !is_sep(content[n]))
        n++;
    if (n == 0 || strspn(content, "0123456789.") < n)
        return -1;
    /* JavaScript's parseFloat: the longest prefix that is a decimal number ("1.5.2" -> 1.5);
     * "." alone is NaN, treated as no delay at all. */
    double v = 0, scale = 1;
    bool digits = false, dot = false;
    for (size_t i = 0; i < n; i++) {
        char c = content[i];
        if (c == '.') {
            if (dot)
                break;
            dot = true;
            continue;
        }
        digits = true;
        if (dot) {
            scale /= 10;
            v += (c - '0') * scale;
        } else {
            v = v * 10 + (c - '0');
        }
    }
    return digits ? v : -1;
}

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    struct ea_buf msg = EA_BUF_INIT(128);
    for (size_t i = 0; i < doc->nnodes; i++) {
        const struct ea_node *n = &doc->nodes[i];
        if (!ea_node_is(n, "meta") || !ea_checks_ieq(ea_node_attr(n, "http-equiv"), "refresh"))
            continue;
        const char *content = ea_node_attr(n, "content");
        if (!content || ea_checks_meta_inert(n))
            continue;
        double delay = delay_of(content);
        if (delay <= 0 || delay > 72000) {
            ea_results_add(out, EA_OUTCOME_PASS, n, NULL);
            continue;
        }
        ea_buf_reset(&msg);
        ea_buf_addf(&msg, "page refreshes or redirects by itself after %g seconds", delay);
        ea_results_add(out, EA_OUTCOME_VIOLATION, n, msg.buf);
    }
    ea_buf_release(&msg);
}

const struct ea_check ea_check_meta_refresh = {
    .id = "meta-refresh",
    .wcag = "2.2.1",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_CRITICAL,
    .help_lv = "Nedrīkst lietot aizkavētu automātisku lapas atsvaidzināšanu",
    .help_en = "Delayed refresh under 20 hours must not be used",
    .fix_lv = "Noņemiet <meta http-equiv=\"refresh\"> ar aizturi; pāradresāciju veiciet servera "
              "pusē (HTTP 301) vai ar aizturi 0, bet atjaunināšanu ļaujiet lietotājam izvēlēties",
    .fix_en = "Remove the delayed <meta http-equiv=\"refresh\">; redirect on the server (HTTP "
              "301) or with a delay of 0, and let users choose when to refresh",
    .run = run,
};
