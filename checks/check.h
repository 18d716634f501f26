/*
 * check.h — the check registry. A check judges one page and reports, per element, pass /
 * violation / incomplete through ea_results_add(); it never prints, scores or formats.
 *
 * To add a check (as git's builtin.h says for commands):
 *  1. write checks/<id with '-' as '_'>.c with a static run() and a const struct ea_check
 *     ea_check_<name> using designated initialisers;
 *  2. add CHECK(<name>) to checks/check_list.h, keeping the list sorted by id;
 *  3. add the file to checks/CMakeLists.txt;
 *  4. add tests/fixtures/checks/<id>/pass-*.html and fail-*.html (test_checks enforces it:
 *     a fail fixture must give at least one violation, a pass fixture none).
 */
#ifndef EA_CHECKS_CHECK_H
#define EA_CHECKS_CHECK_H

#include <stddef.h>

#include "core/doc.h"
#include "core/finding.h"

enum ea_level {
    EA_LEVEL_A,
    EA_LEVEL_AA,
    EA_LEVEL_BEST_PRACTICE, /* no WCAG criterion */
};

enum ea_impact {
    EA_IMPACT_MINOR,
    EA_IMPACT_MODERATE,
    EA_IMPACT_SERIOUS,
    EA_IMPACT_CRITICAL,
};

struct ea_check {
    const char *id;   /* axe-core id where one exists: "image-alt" */
    const char *wcag; /* success criteria, comma-separated: "1.1.1"; NULL if none */
    enum ea_level level;
    enum ea_impact impact;
    const char *help_lv; /* one line, Latvian: what the rule asks for */
    const char *help_en; /* the same in English (axe-core's help text where it has one) */
    const char *fix_lv;  /* how to fix a violation, Latvian */
    const char *fix_en;  /* how to fix a violation, English */
    void (*run)(const struct ea_doc *doc, struct ea_results *out);
};

#define CHECK(name) extern const struct ea_check ea_check_##name;
#include "checks/check_list.h"
#undef CHECK

/* Every check, sorted by id. */
extern const struct ea_check *const ea_checks[];
extern const size_t ea_checks_len;

/* The check with this id, or NULL (binary search). */
const struct ea_check *ea_check_find(const char *id);

/* Runs every check whose id is in only (NULL for all) over doc, appending to out. */
void ea_checks_run(const struct ea_doc *doc, const char *const *only, size_t nonly,
                   struct ea_results *out);

const char *ea_level_name(enum ea_level level);    /* "A", "AA", "best-practice" */
const char *ea_impact_name(enum ea_impact impact); /* "minor" ... "critical" */
/* Appends the axe-core style tags of c, comma-separated: "wcag2a,wcag111". */
void ea_check_tags(const struct ea_check *c, struct ea_buf *out);

#endif
