#include "core/strtab.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static struct ea_strtab_entry *slot(struct ea_strtab_entry *v, size_t cap, const char *key)
{
    size_t i = (size_t)hash(key) & (cap - 1);
    while (v[i].key && strcmp(v[i].key, key))
        i = (i + 1) & (cap - 1);
    return &v[i];
}

struct ea_strtab_entry *ea_strtab_get(struct ea_strtab *t, const char *key, bool insert)
{
    if (t->cap) {
        struct ea_strtab_entry *e = slot(t->v, t->cap, key);
        if (e->key || !insert)
            return e->key ? e : NULL;
    } else if (!insert) {
        return NULL;
    }
    if ((t->len + 1) * 2 > t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        struct ea_strtab_entry *v = ea_xcalloc(cap, sizeof(*v));
        for (size_t i = 0; i < t->cap; i++)
            if (t->v[i].key)
                *slot(v, cap, t->v[i].key) = t->v[i];
        free(t->v);
        t->v = v;
        t->cap = cap;
    }
    struct ea_strtab_entry *e = slot(t->v, t->cap, key);
    e->key = ea_xstrdup(key);
    e->val = 0;
    t->len++;
    return e;
}

void ea_strtab_release(struct ea_strtab *t)
{
    for (size_t i = 0; i < t->cap; i++)
        free(t->v[i].key);
    free(t->v);
    memset(t, 0, sizeof(*t));
}
