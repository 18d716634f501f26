#include "writers/json.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "core/xalloc.h"

void ea_json_init(struct ea_json *w, FILE *out, unsigned indent, size_t max)
{
    memset(w, 0, sizeof(*w));
    w->out = out;
    w->indent = indent;
    /* With a FILE the buffer holds one flush's worth plus the longest token past it. */
    ea_buf_init(&w->buf, max);
}

struct memo_entry {
    const void *key;
    unsigned variant, depth;
    char *text; /* owned */
    size_t len;
};

struct ea_json_memo {
    struct memo_entry *v;
    size_t n, cap;
};

void ea_json_release(struct ea_json *w)
{
    ea_buf_release(&w->buf);
    if (w->memo) {
        for (size_t i = 0; i < w->memo->n; i++)
            free(w->memo->v[i].text);
        free(w->memo->v);
        free(w->memo);
        w->memo = NULL;
    }
}

static void flush(struct ea_json *w)
{
    if (!w->out || !w->buf.len)
        return;
    if (fwrite(w->buf.buf, 1, w->buf.len, w->out) != w->buf.len)
        w->failed = true;
    ea_buf_reset(&w->buf);
}

static void maybe_flush(struct ea_json *w)
{
    if (w->out && w->buf.len >= EA_JSON_FLUSH)
        flush(w);
}

enum ea_err ea_json_finish(struct ea_json *w)
{
    bool cut = ea_buf_overflow(&w->buf);
    flush(w);
    if (w->out && fflush(w->out) != 0)
        w->failed = true;
    if (w->depth || w->after_key)
        w->misused = true; /* a container left open, a key without its value */
    return w->failed ? EA_IO : cut || w->misused ? EA_LIMIT : EA_OK;
}

/* A new line and the indentation of depth, when indenting. */
static void newline(struct ea_json *w, unsigned depth)
{
    static const char spaces[] = "                                "; /* 32 */
    if (!w->indent)
        return;
    size_t n = (size_t)depth * w->indent;
    ea_buf_addch(&w->buf, '\n');
    for (; n > sizeof(spaces) - 1; n -= sizeof(spaces) - 1)
        ea_buf_addn(&w->buf, spaces, sizeof(spaces) - 1);
    ea_buf_addn(&w->buf, spaces, n);
}

/* What comes before a value or a key: nothing after a key, else the comma and the line. */
static void before_item(struct ea_json *w)
{
    if (w->after_key) {
        w->after_key = false;
        return;
    }
    if (!w->depth)
        return;
    if (w->items[w->depth])
        ea_buf_addch(&w->buf, ',');
    w->items[w->depth] = true;
    newline(w, w->depth);
}

static void open_container(struct ea_json *w, char open, char close)
{
    before_item(w);
    ea_buf_addch(&w->buf, open);
    if (w->depth + 1 >= EA_JSON_MAX_NEST) {
        w->misused = true;
        return;
    }
    w->depth++;
    w->items[w->depth] = false;
    w->closer[w->depth] = close;
}

void ea_json_object(struct ea_json *w)
{
    open_container(w, '{', '}');
}

void ea_json_array(struct ea_json *w)
{
    open_container(w, '[', ']');
}

void ea_json_end(struct ea_json *w)
{
    if (!w->depth) {
        w->misused = true;
        return;
    }
    char close = w->closer[w->depth];
    bool had = w->items[w->depth];
    w->depth--;
    if (had)
        newline(w, w->depth);
    ea_buf_addch(&w->buf, close);
    maybe_flush(w);
}

static void add_string(struct ea_json *w, const char *s, size_t n)
{
    static const char hex[] = "0123456789ABCDEF"; /* as jansson writes them */
    struct ea_buf *b = &w->buf;
    ea_buf_addch(b, '"');
    size_t i = 0;
    while (i < n) {
        /* The longest run that needs no escaping, copied at once. */
        size_t run = i;
        while (run < n) {
            unsigned char c = (unsigned char)s[run];
            if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80)
                break;
            run++;
        }
        ea_buf_addn(b, s + i, run - i);
        i = run;
        if (i >= n)
            break;
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            size_t len = ea_text_utf8_seq(s + i, n - i);
            if (len) {
                ea_buf_addn(b, s + i, len);
                i += len;
            } else {
                ea_buf_add(b, "\xEF\xBF\xBD"); /* U+FFFD */
                i++;
            }
            continue;
        }
        ea_buf_addch(b, '\\');
        switch (c) {
        case '"':
        case '\\':
            ea_buf_addch(b, (char)c);
            break;
        case '\b':
            ea_buf_addch(b, 'b');
            break;
        case '\f':
            ea_buf_addch(b, 'f');
            break;
        case '\n':
            ea_buf_addch(b, 'n');
            break;
        case '\r':
            ea_buf_addch(b, 'r');
            break;
        case '\t':
            ea_buf_addch(b, 't');
            break;
        default: {
            char u[5] = { 'u', '0', '0', hex[c >> 4], hex[c & 15] };
            ea_buf_addn(b, u, sizeof(u));
        }
        }
        i++;
    }
    ea_buf_addch(b, '"');
}

void ea_json_key(struct ea_json *w, const char *key)
{
    before_item(w);
    add_string(w, key, strlen(key));
    ea_buf_add(&w->buf, w->indent ? ": " : ":");
    w->after_key = true;
}

void ea_json_strn(struct ea_json *w, const char *s, size_t n)
{
    before_item(w);
    add_string(w, s, n);
    maybe_flush(w);
}

void ea_json_str(struct ea_json *w, const char *s)
{
    if (!s)
        ea_json_null(w);
    else
        ea_json_strn(w, s, strlen(s));
}

void ea_json_int(struct ea_json *w, long long v)
{
    before_item(w);
    ea_buf_addf(&w->buf, "%lld", v);
}

void ea_json_real(struct ea_json *w, double v, int precision)
{
    char num[64];
    before_item(w);
    int n = isfinite(v) ? snprintf(num, sizeof(num), "%.*g", precision, v) : -1;
    if (n < 0 || (size_t)n >= sizeof(num)) {
        ea_buf_add(&w->buf, "null"); /* JSON has no NaN or infinity */
        return;
    }
    char *e = strchr(num, 'e');
    if (e) {
        /* "1e+20" and "1e-05" as jansson writes them: "1e20", "1e-5". */
        char *from = e + 1, *to = e + 1;
        if (*from == '-')
            from++, to++;
        else if (*from == '+')
            from++;
        while (*from == '0' && from[1])
            from++;
        memmove(to, from, strlen(from) + 1);
    }
    ea_buf_add(&w->buf, num);
    if (!strpbrk(num, ".e"))
        ea_buf_add(&w->buf, ".0");
}

void ea_json_bool(struct ea_json *w, bool v)
{
    before_item(w);
    ea_buf_add(&w->buf, v ? "true" : "false");
}

void ea_json_null(struct ea_json *w)
{
    before_item(w);
    ea_buf_add(&w->buf, "null");
}

void ea_json_kstr(struct ea_json *w, const char *key, const char *s)
{
    ea_json_key(w, key);
    ea_json_str(w, s);
}

void ea_json_kint(struct ea_json *w, const char *key, long long v)
{
    ea_json_key(w, key);
    ea_json_int(w, v);
}

void ea_json_memo_value(struct ea_json *w, const void *key, unsigned variant, ea_json_value_fn *fn,
                        const void *arg)
{
    struct ea_json_memo *m = w->memo;
    for (size_t i = 0; m && i < m->n; i++) {
        const struct memo_entry *e = &m->v[i];
        if (e->key == key && e->variant == variant && e->depth == w->depth) {
            before_item(w);
            ea_buf_addn(&w->buf, e->text, e->len);
            maybe_flush(w);
            return;
        }
    }
    if (m && m->n >= EA_JSON_MAX_MEMO) {
        fn(w, arg);
        return;
    }
    /* Written where it will stand: the same depth, after a key (so with no separator of its
     * own); the separator is this writer's. */
    struct ea_json nested;
    ea_json_init(&nested, NULL, w->indent, w->buf.max);
    nested.depth = w->depth;
    nested.after_key = true;
    for (unsigned d = 0; d <= w->depth && d < EA_JSON_MAX_NEST; d++) {
        nested.items[d] = d < w->depth;
        nested.closer[d] = w->closer[d];
    }
    fn(&nested, arg);
    /* One whole value: balanced, and no second item (which would have set items). */
    if (nested.misused || nested.after_key || nested.depth != w->depth ||
        (w->depth && nested.items[w->depth]) || ea_buf_overflow(&nested.buf)) {
        ea_json_release(&nested);
        fn(w, arg); /* not a whole value: write it the plain way, keep nothing */
        return;
    }
    if (!m) {
        m = w->memo = ea_xcalloc(1, sizeof(*m));
    }
    EA_GROW(m->v, m->n + 1, m->cap);
    struct memo_entry *e = &m->v[m->n++];
    *e = (struct memo_entry){
        .key = key, .variant = variant, .depth = w->depth, .len = nested.buf.len
    };
    e->text = ea_buf_detach(&nested.buf, NULL);
    ea_json_release(&nested);
    before_item(w);
    ea_buf_addn(&w->buf, e->text, e->len);
    maybe_flush(w);
}
