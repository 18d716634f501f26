/*
 * frame-title-unique (axe-core): frames (<iframe>, <frame>) with a non-blank title do not share
 * it (compared trimmed, whitespace collapsed, case-insensitively) with another frame.
 */
#include <stdlib.h>
#include <string.h>

#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"
#include "core/limits.h"
#include "core/text.h"
#include "core/xalloc.h"

struct titled {
    const struct ea_node *node;
    char *title; /* owned: folded */
};

static int cmp_title(const void *a, const void *b)
{
    const struct titled *x = a, *y = b;
    int c = strcmp(x->title, y->title);
    return c ? c : (x->node->index > y->node->index) - (x->node->index < y->node->index);
}

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    struct titled *t = NULL;
    size_t nt = 0, cap = 0;
    static const char *const tags[] = { "iframe", "frame" };
    for (size_t k = 0; k < 2; k++) {
        size_t n = 0;
        struct ea_node *const *f = ea_doc_tagged(doc, tags[k], &n);
        for (size_t i = 0; i < n; i++) {
            const char *title = ea_node_attr(f[i], "title");
            if (f[i]->ns != EA_NS_HTML || !ea_checks_judged(f[i]) || ea_checks_blank(title))
                continue;
            struct ea_buf b = EA_BUF_INIT(EA_MAX_ACCNAME);
            ea_text_collapse_ws(title, strlen(title), &b);
            for (size_t j = 0; j < b.len; j++)
                if (b.buf[j] >= 'A' && b.buf[j] <= 'Z')
                    b.buf[j] = (char)(b.buf[j] | 0x20);
            EA_GROW(t, nt + 1, cap);
            t[nt].node = f[i];
            t[nt++].title = ea_buf_detach(&b, NULL);
        }
    }
    if (nt > 1)
        qsort(t, nt, sizeof(*t), cmp_title);
    for (size_t i = 0; i < nt; i++) {
        bool dup = (i > 0 && strcmp(t[i].title, t[i - 1].title) == 0) ||
                   (i + 1 < nt && strcmp(t[i].title, t[i + 1].title) == 0);
        /* review on fail, as axe-core: two frames showing the same content may share one */
        ea_results_add(out, dup ? EA_OUTCOME_INCOMPLETE : EA_OUTCOME_PASS, t[i].node,
                       dup ? "another frame has the same title" : NULL);
    }
    for (size_t i = 0; i < nt; i++)
        free(t[i].title);
    free(t);
}

const struct ea_check ea_check_frame_title_unique = {
    .id = "frame-title-unique",
    .wcag = "4.1.2",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_SERIOUS,
    .help_lv = "Rāmjiem jābūt unikāliem title atribūtiem",
    .help_en = "Frames must have a unique title attribute",
    .fix_lv = "Dodiet katram <iframe> savu title, kas pasaka, ko rāmis satur",
    .fix_en = "Give each <iframe> its own title saying what the frame holds",
    .run = run,
};
