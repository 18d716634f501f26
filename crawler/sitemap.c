#include "crawler/sitemap.h"

#include <libxml/xmlreader.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "core/buf.h"
#include "core/limits.h"
#include "core/xalloc.h"

/* Inflates gzip data into out, at most EA_MAX_SITEMAP_BYTES; true when it all fit. */
static bool gunzip(const char *in, size_t len, struct ea_buf *out)
{
    z_stream z;
    memset(&z, 0, sizeof(z));
    if (inflateInit2(&z, 15 + 32) != Z_OK) /* 32: gzip or zlib header */
        return false;
    z.next_in = (Bytef *)(uintptr_t)in;
    z.avail_in = (uInt)(len > UINT32_MAX ? UINT32_MAX : len);
    char chunk[16384];
    int rc;
    bool fit = true;
    do {
        z.next_out = (Bytef *)chunk;
        z.avail_out = sizeof(chunk);
        rc = inflate(&z, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END)
            break;
        ea_buf_addn(out, chunk, sizeof(chunk) - z.avail_out);
        if (ea_buf_overflow(out)) {
            fit = false;
            break;
        }
    } while (rc != Z_STREAM_END && (z.avail_in || z.avail_out == 0));
    inflateEnd(&z);
    return fit;
}

static void add_loc(struct ea_sitemap *sm, const char *s, size_t n, size_t max)
{
    while (n && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')) {
        s++;
        n--;
    }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        n--;
    if (!n || n > EA_MAX_URL)
        return;
    if (sm->nlocs >= max) {
        sm->truncated = true;
        return;
    }
    EA_GROW(sm->locs, sm->nlocs + 1, sm->cap);
    sm->locs[sm->nlocs++] = ea_xstrndup(s, n);
}

static bool parse_xml(const char *xml, size_t len, size_t max, struct ea_sitemap *sm)
{
    xmlTextReaderPtr rd = xmlReaderForMemory(xml, (int)len, NULL, NULL,
                                             XML_PARSE_NONET | XML_PARSE_NOERROR |
                                                 XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
    if (!rd)
        return false;
    bool root_seen = false, ok = false, in_loc = false;
    struct ea_buf loc = EA_BUF_INIT(EA_MAX_URL + 1);
    int rc;
    while ((rc = xmlTextReaderRead(rd)) == 1 && !sm->truncated) {
        int type = xmlTextReaderNodeType(rd);
        const char *name = (const char *)xmlTextReaderConstLocalName(rd);
        if (type == XML_READER_TYPE_ELEMENT) {
            if (!root_seen) {
                root_seen = true;
                if (name && !strcmp(name, "sitemapindex"))
                    sm->index = true;
                else if (!name || strcmp(name, "urlset"))
                    break;
                ok = true;
            } else if (name && !strcmp(name, "loc") && !xmlTextReaderIsEmptyElement(rd)) {
                in_loc = true;
                ea_buf_reset(&loc);
            }
        } else if (in_loc && (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA)) {
            const char *v = (const char *)xmlTextReaderConstValue(rd);
            if (v)
                ea_buf_add(&loc, v);
        } else if (type == XML_READER_TYPE_END_ELEMENT && in_loc) {
            in_loc = false;
            if (!ea_buf_overflow(&loc))
                add_loc(sm, loc.buf, loc.len, max);
        }
    }
    /* A broken tail still leaves the URLs before it. */
    ea_buf_release(&loc);
    xmlFreeTextReader(rd);
    return ok;
}

/* One URL a line (sitemaps.org's text form); true when at least one line was an http(s)
 * URL. */
static bool parse_text(const char *s, size_t len, size_t max, struct ea_sitemap *sm)
{
    size_t i = 0;
    while (i < len && !sm->truncated) {
        size_t n = 0;
        while (i + n < len && s[i + n] != '\n')
            n++;
        if ((n >= 7 && !strncmp(s + i, "http://", 7)) || (n >= 8 && !strncmp(s + i, "https://", 8)))
            add_loc(sm, s + i, n, max);
        i += n + 1;
    }
    return sm->nlocs > 0;
}

enum ea_err ea_sitemap_parse(const char *body, size_t len, size_t max_urls, struct ea_sitemap *out)
{
    memset(out, 0, sizeof(*out));
    if (!max_urls || max_urls > EA_MAX_SITEMAP_URLS)
        max_urls = EA_MAX_SITEMAP_URLS;
    struct ea_buf raw = EA_BUF_INIT(EA_MAX_SITEMAP_BYTES);
    if (len >= 2 && (unsigned char)body[0] == 0x1f && (unsigned char)body[1] == 0x8b) {
        if (!gunzip(body, len, &raw))
            out->truncated = true;
        body = raw.buf;
        len = raw.len;
    } else if (len > EA_MAX_SITEMAP_BYTES) {
        len = EA_MAX_SITEMAP_BYTES;
        out->truncated = true;
    }
    bool truncated = out->truncated;
    size_t k = 0;
    while (k < len && (body[k] == ' ' || body[k] == '\t' || body[k] == '\n' || body[k] == '\r'))
        k++;
    bool ok =
        len > INT32_MAX ? false
        : (k + 3 <= len && !memcmp(body + k, "\xEF\xBB\xBF", 3)) || (k < len && body[k] == '<')
            ? parse_xml(body, len, max_urls, out)
            : parse_text(body, len, max_urls, out);
    out->truncated = out->truncated || truncated;
    ea_buf_release(&raw);
    if (!ok) {
        ea_sitemap_release(out);
        return EA_PARSE;
    }
    return EA_OK;
}

void ea_sitemap_release(struct ea_sitemap *sm)
{
    if (!sm)
        return;
    for (size_t i = 0; i < sm->nlocs; i++)
        free(sm->locs[i]);
    free(sm->locs);
    memset(sm, 0, sizeof(*sm));
}
