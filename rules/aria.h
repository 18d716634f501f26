/*
 * aria.h — the WAI-ARIA 1.2 role and attribute tables (plus the DPUB-ARIA and Graphics-ARIA
 * roles browsers and axe-core accept) as data: which roles exist, which are abstract or
 * deprecated, which attributes each role requires, supports or prohibits, the parent roles a
 * role needs and the child roles it must own, and each attribute's value type. The aria-*
 * checks read only these tables; rules/aria.c holds them, in the order of the spec's
 * "Definition of Roles" (§5.4) and "Definitions of States and Properties" (§6.7).
 */
#ifndef EA_RULES_ARIA_H
#define EA_RULES_ARIA_H

#include <stdbool.h>
#include <stddef.h>

enum ea_aria_role_flags {
    EA_ROLE_ABSTRACT = 1 << 0,      /* never valid in markup */
    EA_ROLE_DEPRECATED = 1 << 1,    /* deprecated in ARIA 1.2 / DPUB 1.1 */
    EA_ROLE_NAME_REQUIRED = 1 << 2, /* "Accessible Name Required: True" */
    EA_ROLE_NAME_FROM_CONTENT = 1 << 3,
    EA_ROLE_CHILDREN_PRESENTATIONAL = 1 << 4,
    EA_ROLE_NAME_PROHIBITED = 1 << 5, /* aria-label / aria-labelledby prohibited */
    EA_ROLE_WIDGET = 1 << 6,          /* an interactive (widget) role */
};

struct ea_aria_role {
    const char *name;
    unsigned flags;        /* enum ea_aria_role_flags */
    const char *required;  /* space-separated attributes the role requires */
    const char *supported; /* further non-global attributes it supports */
    const char *context;   /* required context roles (parents), space-separated, or NULL */
    const char *owned;     /* required owned elements (children roles), or NULL */
};

enum ea_aria_type {
    EA_ARIA_BOOLEAN,  /* true | false */
    EA_ARIA_TRISTATE, /* true | false | mixed (| undefined) */
    EA_ARIA_TOKEN,    /* one of values */
    EA_ARIA_TOKENS,   /* a space-separated list of values */
    EA_ARIA_IDREF,
    EA_ARIA_IDREFS,
    EA_ARIA_INTEGER,
    EA_ARIA_NUMBER,
    EA_ARIA_STRING,
};

struct ea_aria_attr {
    const char *name;
    enum ea_aria_type type;
    const char *values; /* TOKEN(S)/TRISTATE: allowed values, space-separated */
    bool global;        /* allowed on every role */
    bool allow_empty;   /* an empty value is valid (it means "not set") */
    int min;            /* INTEGER: smallest valid value */
};

/* The role called name (n bytes, ASCII case-insensitive), or NULL. */
const struct ea_aria_role *ea_aria_role(const char *name, size_t n);
/* The attribute called name (lowercase, NUL-terminated), or NULL. */
const struct ea_aria_attr *ea_aria_attr(const char *name);
/* True when word (n bytes) is one of the space-separated words of list (case-sensitive). */
bool ea_aria_in_list(const char *list, const char *word, size_t n);
/* True when role allows attribute attr (global, required or supported). role NULL: only
 * global attributes are allowed. */
bool ea_aria_role_allows(const struct ea_aria_role *role, const struct ea_aria_attr *attr);
/* The first valid, non-abstract role token of a role attribute value, or NULL. */
const struct ea_aria_role *ea_aria_role_of(const char *role_attr);

extern const struct ea_aria_role ea_aria_roles[];
extern const size_t ea_aria_nroles;
extern const struct ea_aria_attr ea_aria_attrs[];
extern const size_t ea_aria_nattrs;

#endif
