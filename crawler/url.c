#include "crawler/url.h"

#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/limits.h"
#include "core/xalloc.h"

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static bool unreserved(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
}

/* Upper-cases %xx and decodes %xx of unreserved characters, in place. */
static void normalise_escapes(char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    char *w = s;
    for (const char *r = s; *r;) {
        int hi, lo;
        if (r[0] == '%' && (hi = hexval(r[1])) >= 0 && (lo = hexval(r[2])) >= 0) {
            unsigned char c = (unsigned char)(hi * 16 + lo);
            if (unreserved(c)) {
                *w++ = (char)c;
            } else {
                *w++ = '%';
                *w++ = hex[hi];
                *w++ = hex[lo];
            }
            r += 3;
        } else {
            *w++ = *r++;
        }
    }
    *w = '\0';
}

static void lower(char *s)
{
    for (; *s; s++)
        if (*s >= 'A' && *s <= 'Z')
            *s = (char)(*s + 32);
}

/* Parses href against base into a new handle; NULL unless it is http(s) with a host. */
static CURLU *parse(const char *base, const char *href)
{
    if (strlen(href) > EA_MAX_URL || (base && strlen(base) > EA_MAX_URL))
        return NULL;
    CURLU *u = curl_url();
    char *scheme = NULL, *host = NULL;
    if (!u)
        return NULL;
    if (base && curl_url_set(u, CURLUPART_URL, base, CURLU_NON_SUPPORT_SCHEME))
        goto fail;
    if (curl_url_set(u, CURLUPART_URL, href, CURLU_NON_SUPPORT_SCHEME | CURLU_URLENCODE))
        goto fail;
    if (curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) ||
        (strcasecmp(scheme, "http") && strcasecmp(scheme, "https")))
        goto fail;
    if (curl_url_get(u, CURLUPART_HOST, &host, 0) || !*host)
        goto fail;
    curl_free(scheme);
    curl_free(host);
    return u;
fail:
    curl_free(scheme);
    curl_free(host);
    curl_url_cleanup(u);
    return NULL;
}

char *ea_url_canon(const char *base, const char *href)
{
    /* Leading and trailing spaces in href attributes are common and not part of the URL. */
    while (*href == ' ' || *href == '\t' || *href == '\n' || *href == '\r' || *href == '\f')
        href++;
    size_t n = strlen(href);
    while (n && (href[n - 1] == ' ' || href[n - 1] == '\t' || href[n - 1] == '\n' ||
                 href[n - 1] == '\r' || href[n - 1] == '\f'))
        n--;
    char *h;
    if (base && (!n || href[0] == '#' || href[0] == '?')) {
        /* Same document, or a new query on the same path (libcurl 7.88 drops the last
         * path segment for these): base up to its query, then href. */
        struct ea_buf b = EA_BUF_INIT(2 * EA_MAX_URL + 2);
        ea_buf_addn(&b, base, strcspn(base, href[0] == '?' ? "?#" : "#"));
        if (href[0] == '?')
            ea_buf_addn(&b, href, n);
        h = ea_buf_detach(&b, NULL);
        base = NULL;
    } else {
        h = ea_xstrndup(href, n);
    }
    char *out = NULL, *host = NULL, *full = NULL;
    CURLU *u = parse(base, h);
    if (!u)
        goto out;
    if (curl_url_get(u, CURLUPART_HOST, &host, 0))
        goto out;
    lower(host);
    if (curl_url_set(u, CURLUPART_HOST, host, 0) || curl_url_set(u, CURLUPART_FRAGMENT, NULL, 0))
        goto out;
    if (curl_url_get(u, CURLUPART_URL, &full, CURLU_NO_DEFAULT_PORT))
        goto out;
    out = ea_xstrdup(full);
    normalise_escapes(out);
    if (strlen(out) > EA_MAX_URL) {
        free(out);
        out = NULL;
    }
out:
    curl_free(host);
    curl_free(full);
    curl_url_cleanup(u);
    free(h);
    return out;
}

char *ea_url_site_host(const char *url)
{
    CURLU *u = parse(NULL, url);
    char *host = NULL, *out = NULL;
    if (u && !curl_url_get(u, CURLUPART_HOST, &host, 0)) {
        lower(host);
        const char *h = host;
        if (!strncmp(h, "www.", 4) && h[4])
            h += 4;
        out = ea_xstrdup(h);
    }
    curl_free(host);
    curl_url_cleanup(u);
    return out;
}

bool ea_url_in_site(const char *url, const char *site_host)
{
    char *h = ea_url_site_host(url);
    bool in = h && !strcmp(h, site_host);
    free(h);
    return in;
}

char *ea_url_path_query(const char *url)
{
    const char *p = strstr(url, "://");
    p = p ? p + 3 : url;
    p += strcspn(p, "/?#");
    size_t n = strcspn(p, "#");
    if (!n || *p == '?') {
        struct ea_buf b = EA_BUF_INIT(EA_MAX_URL + 2);
        ea_buf_addch(&b, '/');
        ea_buf_addn(&b, p, n);
        return ea_buf_detach(&b, NULL);
    }
    return ea_xstrndup(p, n);
}

char *ea_url_origin(const char *url)
{
    const char *p = strstr(url, "://");
    if (!p || p == url)
        return NULL;
    p += 3;
    size_t host = strcspn(p, "/?#");
    if (!host)
        return NULL;
    return ea_xstrndup(url, (size_t)(p - url) + host);
}
