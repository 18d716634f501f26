#include "core/seeds.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/file.h"
#include "core/limits.h"
#include "core/log.h"
#include "core/xalloc.h"

/* Columns we know; -1 when the header lacks them. */
struct layout {
    int id, name, type, parent, url;
    int ncols;
};

void ea_seeds_release(struct ea_seeds *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->len; i++) {
        free(s->v[i].id);
        free(s->v[i].name);
        free(s->v[i].type);
        free(s->v[i].parent);
        free(s->v[i].url);
    }
    free(s->v);
    memset(s, 0, sizeof(*s));
}

static bool valid_utf8(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        size_t k;
        unsigned cp;
        if (c < 0x80) {
            i++;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            k = 1;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            k = 2;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            k = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (n - i <= k)
            return false;
        for (size_t j = 1; j <= k; j++) {
            if ((s[i + j] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (s[i + j] & 0x3F);
        }
        if ((k == 1 && cp < 0x80) || (k == 2 && cp < 0x800) || (k == 3 && cp < 0x10000) ||
            cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += k + 1;
    }
    return true;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

/* Splits line (modified in place) at TABs into at most max fields; returns the count. */
static int split_tabs(char *line, char **fields, int max)
{
    int n = 0;
    char *p = line;
    for (;;) {
        char *tab = strchr(p, '\t');
        if (n < max)
            fields[n] = p;
        n++;
        if (!tab)
            break;
        *tab = '\0';
        p = tab + 1;
    }
    return n;
}

/* Trims ASCII whitespace in place. */
static char *trim(char *s)
{
    while (is_space(*s))
        s++;
    size_t n = strlen(s);
    while (n > 0 && is_space(s[n - 1]))
        s[--n] = '\0';
    return s;
}

/* http(s)://host[:port][/...] with a plausible host; the fetch decides the rest. */
/* Trims a line's ends but keeps TABs: an empty first field is still a field. */
static char *trim_line(char *s)
{
    while (*s == ' ' || *s == '\r')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

static bool plausible_url(const char *url, const char **why)
{
    const char *p;
    if (strncmp(url, "https://", 8) == 0) {
        p = url + 8;
    } else if (strncmp(url, "http://", 7) == 0) {
        p = url + 7;
    } else {
        *why = "is not an http:// or https:// URL";
        return false;
    }
    if (strlen(url) > EA_MAX_URL) {
        *why = "is longer than 2083 characters";
        return false;
    }
    size_t host = strcspn(p, ":/?#");
    if (host == 0) {
        *why = "has no host name";
        return false;
    }
    for (const char *c = url; *c; c++) {
        if ((unsigned char)*c <= ' ' || *c == '"' || *c == '<' || *c == '>' || *c == '\\') {
            *why = "contains spaces or characters a URL cannot hold";
            return false;
        }
    }
    for (size_t i = 0; i < host; i++) {
        unsigned char c = (unsigned char)p[i];
        if (!(c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '[' || c == ']')) {
            *why = "has a host name with characters a host cannot hold";
            return false;
        }
    }
    return true;
}

void ea_seed_id_from_url(const char *url, struct ea_buf *out)
{
    const char *p = strstr(url, "://");
    p = p ? p + 3 : url;
    size_t host = strcspn(p, ":/?#");
    if (host > 4 && strncasecmp(p, "www.", 4) == 0) {
        p += 4;
        host -= 4;
    }
    for (size_t i = 0; i < host; i++) {
        char c = p[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        ea_buf_addch(out, ok ? c : '-');
    }
}

static bool valid_id(const char *id)
{
    if (!*id)
        return false;
    for (const char *c = id; *c; c++) {
        if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
              *c == '-' || *c == '_' || *c == '.'))
            return false;
    }
    return true;
}

static bool id_taken(const struct ea_seeds *s, const char *id, unsigned *line)
{
    for (size_t i = 0; i < s->len; i++) {
        if (strcmp(s->v[i].id, id) == 0) {
            *line = s->v[i].line;
            return true;
        }
    }
    return false;
}

static char *dup_or_null(const char *s)
{
    return s && *s ? ea_xstrdup(s) : NULL;
}

static bool read_header(char *line, struct layout *lay)
{
    char *fields[64];
    int n = split_tabs(line, fields, (int)EA_ARRAY_LEN(fields));
    *lay = (struct layout){ -1, -1, -1, -1, -1, n };
    for (int i = 0; i < n && i < (int)EA_ARRAY_LEN(fields); i++) {
        const char *f = trim(fields[i]);
        if (strcmp(f, "id") == 0)
            lay->id = i;
        else if (strcmp(f, "name_lv") == 0 || (strcmp(f, "name") == 0 && lay->name < 0))
            lay->name = i;
        else if (strcmp(f, "type") == 0)
            lay->type = i;
        else if (strcmp(f, "parent") == 0)
            lay->parent = i;
        else if (strcmp(f, "url") == 0)
            lay->url = i;
    }
    return lay->url >= 0;
}

static const char *field(char **fields, int n, int col)
{
    return col >= 0 && col < n ? trim(fields[col]) : "";
}

EA_PRINTF(4, 5)
static void complain(struct ea_buf *errors, const char *name, unsigned line, const char *fmt, ...)
{
    va_list ap;
    ea_buf_addf(errors, "%s:%u: ", name, line);
    va_start(ap, fmt);
    ea_buf_vaddf(errors, fmt, ap);
    va_end(ap);
    ea_buf_addch(errors, '\n');
}

/* Handles one non-blank, non-comment line. */
static void parse_line(char *line, unsigned lineno, const char *name, const struct layout *lay,
                       struct ea_seeds *out, struct ea_buf *errors)
{
    char *fields[64];
    int n = split_tabs(line, fields, (int)EA_ARRAY_LEN(fields));
    const char *url, *id = "", *sname = "", *type = "", *parent = "";
    struct ea_buf idbuf = EA_BUF_INIT(256);
    const char *why = NULL;

    if (lay->url >= 0) {
        if (n > (int)EA_ARRAY_LEN(fields)) {
            complain(errors, name, lineno, "too many fields; skipped");
            return;
        }
        url = field(fields, n, lay->url);
        id = field(fields, n, lay->id);
        sname = field(fields, n, lay->name);
        type = field(fields, n, lay->type);
        parent = field(fields, n, lay->parent);
        if (!*url) {
            complain(errors, name, lineno, "no url in column %d; skipped", lay->url + 1);
            return;
        }
    } else {
        if (n > 1) {
            complain(errors, name, lineno,
                     "%d tab-separated fields but no header line naming the columns "
                     "(start the file with 'id<TAB>...<TAB>url'); skipped",
                     n);
            return;
        }
        url = trim(fields[0]);
    }
    if (!plausible_url(url, &why)) {
        complain(errors, name, lineno, "'%s' %s; skipped", url, why);
        return;
    }
    if (*type && strcmp(type, "ministry") != 0 && strcmp(type, "institution") != 0) {
        complain(errors, name, lineno, "type '%s' is neither 'ministry' nor 'institution'; skipped",
                 type);
        return;
    }
    if (!*id) {
        ea_seed_id_from_url(url, &idbuf);
        id = idbuf.buf;
    }
    if (!valid_id(id)) {
        complain(errors, name, lineno,
                 "id '%s' may hold only letters, digits, '-', '_' and '.'; skipped", id);
        ea_buf_release(&idbuf);
        return;
    }
    unsigned first;
    if (id_taken(out, id, &first)) {
        complain(errors, name, lineno, "id '%s' is already used on line %u; skipped", id, first);
        ea_buf_release(&idbuf);
        return;
    }
    EA_GROW(out->v, out->len + 1, out->cap);
    struct ea_seed *s = &out->v[out->len++];
    s->id = ea_xstrdup(id);
    s->name = dup_or_null(sname);
    s->type = dup_or_null(type);
    s->parent = strcmp(parent, "-") == 0 ? NULL : dup_or_null(parent);
    s->url = ea_xstrdup(url);
    s->line = lineno;
    ea_buf_release(&idbuf);
}

void ea_seeds_parse(const char *text, size_t len, const char *name, struct ea_seeds *out,
                    struct ea_buf *errors)
{
    struct layout lay = { -1, -1, -1, -1, -1, 0 };
    unsigned lineno = 0;
    size_t pos = 0;

    /* A UTF-8 BOM is not part of the first line. */
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        pos = 3;
    while (pos < len) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - (text + pos)) : len - pos;
        const char *start = text + pos;
        pos += n + (nl ? 1 : 0);
        lineno++;

        if (n > EA_MAX_SEED_LINE) {
            complain(errors, name, lineno, "line longer than %d bytes; skipped", EA_MAX_SEED_LINE);
            continue;
        }
        if (!valid_utf8((const unsigned char *)start, n)) {
            complain(errors, name, lineno, "not valid UTF-8 (save the file as UTF-8); skipped");
            continue;
        }
        if (memchr(start, '\0', n)) {
            complain(errors, name, lineno, "contains a NUL byte; skipped");
            continue;
        }
        char *line = ea_xstrndup(start, n);
        char *t = trim_line(line);
        if (t[strspn(t, " \t")] == '\0' || *t == '#') {
            free(line);
            continue;
        }
        if (strncmp(t, "id\t", 3) == 0) {
            if (!read_header(t, &lay))
                complain(errors, name, lineno,
                         "header line has no 'url' column; lines below it cannot be read");
            free(line);
            continue;
        }
        if (out->len >= EA_MAX_SEEDS) {
            complain(errors, name, lineno, "more than %d sites; the rest are skipped",
                     EA_MAX_SEEDS);
            free(line);
            break;
        }
        if (lay.ncols > 0 && lay.url < 0) {
            complain(errors, name, lineno, "no 'url' column in the header; skipped");
            free(line);
            continue;
        }
        parse_line(t, lineno, name, &lay, out, errors);
        free(line);
    }
}

enum ea_err ea_seeds_load(const char *path, struct ea_seeds *out, size_t *nbad)
{
    enum ea_err result = EA_IO;
    struct ea_buf text = EA_BUF_INIT(EA_MAX_SEEDS * (size_t)512);
    struct ea_buf errors = EA_BUF_INIT(1 << 20);

    *nbad = 0;
    switch (ea_file_read(path, &text)) {
    case EA_OK:
        break;
    case EA_LIMIT:
        ea_log_error("seeds file '%s' is larger than %zu bytes; split it", path, text.max);
        goto out;
    default:
        ea_log_error("cannot open seeds file '%s': %s", path, strerror(errno));
        goto out;
    }
    ea_seeds_parse(text.buf, text.len, path, out, &errors);
    for (const char *p = errors.buf; *p;) {
        const char *nl = strchr(p, '\n');
        int len = nl ? (int)(nl - p) : (int)strlen(p);
        ea_log_warn("%.*s", len, p);
        (*nbad)++;
        p += len + (nl ? 1 : 0);
    }
    result = EA_OK;
out:
    ea_buf_release(&text);
    ea_buf_release(&errors);
    return result;
}
