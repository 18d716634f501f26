/*
 * seeds.h — the seeds file (SPEC §2): which sites to audit. UTF-8 text; blank lines and
 * '#' lines are ignored; a line with one field is a URL (its id made from the host name); a
 * header line "id<TAB>..." names tab-separated columns (id, name_lv or name, type, parent,
 * url; others ignored). A line that cannot be used is reported with its line number and
 * skipped: one broken line never stops the audit of the rest.
 */
#ifndef EA_CORE_SEEDS_H
#define EA_CORE_SEEDS_H

#include <stddef.h>

#include "core/buf.h"
#include "core/compat.h"
#include "core/err.h"

struct ea_seed {
    char *id;     /* owned: unique, [a-z0-9-_.] */
    char *name;   /* owned, may be NULL */
    char *type;   /* owned, may be NULL: "ministry" or "institution" */
    char *parent; /* owned, may be NULL */
    char *url;    /* owned: http:// or https:// */
    unsigned line;
};

struct ea_seeds {
    struct ea_seed *v; /* owned */
    size_t len, cap;
};

void ea_seeds_release(struct ea_seeds *s);

/* Parses text; name (the file's name) prefixes messages. Each skipped line appends one
 * message line "NAME:LINE: what; what to do" to errors. Always succeeds; out may be empty. */
void ea_seeds_parse(const char *text, size_t len, const char *name, struct ea_seeds *out,
                    struct ea_buf *errors);
/* Reads and parses path, printing skipped lines as warnings. Fails (EA_IO, with a message
 * printed) only when the file cannot be read. *nbad counts skipped lines. */
EA_NODISCARD enum ea_err ea_seeds_load(const char *path, struct ea_seeds *out, size_t *nbad);

/* The id for a site URL without one: its host, lowercase, without "www.", dots as '-'
 * ("https://www.mod.gov.lv/lv" -> "mod-gov-lv"). Appends to out. */
void ea_seed_id_from_url(const char *url, struct ea_buf *out);

#endif
