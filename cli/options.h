/*
 * options.h — option parsing shared by subcommands: comma lists of rule ids (--only) and
 * the transfer options (--timeout, --user-agent, --resolve).
 */
#ifndef EA_CLI_OPTIONS_H
#define EA_CLI_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

struct ea_id_list {
    char **v; /* owned */
    size_t len, cap;
};

/* Adds the comma-separated rule ids in s; false (usage error printed) on an unknown id. */
bool ea_id_list_parse(const char *cmd, const char *s, struct ea_id_list *out);
void ea_id_list_release(struct ea_id_list *l);

/* Checks a --resolve value "HOST:PORT:ADDR"; false (usage error printed) if malformed. */
bool ea_resolve_valid(const char *cmd, const char *s);
/* Checks value and appends it to list (cap entries, *n used); false (usage error printed)
 * when it is malformed or the list is full. */
bool ea_resolve_add(const char *cmd, const char *value, const char **list, size_t cap, size_t *n);

/* Default User-Agent: names eaudit, its version and where to read about it. */
const char *ea_default_user_agent(void);

#endif
