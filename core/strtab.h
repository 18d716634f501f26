/*
 * strtab.h — a string-keyed hash table (open addressing, FNV-1a) with an unsigned value per
 * key: sets of URLs seen, counters per key, indexes into an array. Keys are copied; there is
 * no removal (the tables live as long as a crawl or a run).
 */
#ifndef EA_CORE_STRTAB_H
#define EA_CORE_STRTAB_H

#include <stdbool.h>
#include <stddef.h>

struct ea_strtab_entry {
    char *key; /* owned; NULL: empty slot */
    unsigned val;
};

struct ea_strtab {
    struct ea_strtab_entry *v; /* owned */
    size_t cap, len;           /* cap is a power of two */
};

#define EA_STRTAB_INIT                                                                             \
    {                                                                                              \
        NULL, 0, 0                                                                                 \
    }

/* The entry for key; added (val 0) when insert is set and it is missing, else NULL. The
 * pointer is valid until the next insertion. */
struct ea_strtab_entry *ea_strtab_get(struct ea_strtab *t, const char *key, bool insert);
void ea_strtab_release(struct ea_strtab *t);

#endif
