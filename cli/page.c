#include "cli/page.h"

#include <string.h>
#include <strings.h>

#include "checks/check.h"
#include "core/doc.h"
#include "core/limits.h"
#include "crawler/charset.h"

bool ea_page_is_html_type(const char *content_type)
{
    if (!content_type)
        return true;
    while (*content_type == ' ')
        content_type++;
    size_t n = strcspn(content_type, "; ");
    return (n == 9 && strncasecmp(content_type, "text/html", n) == 0) ||
           (n == 21 && strncasecmp(content_type, "application/xhtml+xml", n) == 0);
}

bool ea_page_parse(const char *url, const char *body, size_t len, const char *content_type,
                   struct ea_page *out, struct ea_doc **doc, struct ea_buf *warnings)
{
    struct ea_decoded dec = { 0 };
    bool ok = false;

    *doc = NULL;
    memset(out, 0, sizeof(*out));
    ea_results_init(&out->results, NULL);
    if (ea_charset_decode(body, len, content_type, &dec) != EA_OK) {
        ea_buf_addf(warnings, "%s: cannot decode the page (is glibc's gconv installed?)\n", url);
        goto out;
    }
    out->encoding = dec.encoding;
    out->enc_source = ea_charset_source_name(dec.source);
    out->replaced = dec.replaced;
    if (dec.unknown_label)
        ea_buf_addf(warnings, "%s: unknown charset '%s', read as %s\n", url, dec.unknown_label,
                    dec.encoding);
    if (dec.replaced)
        ea_buf_addf(warnings, "%s: %zu byte sequences are not valid %s and were replaced\n", url,
                    dec.replaced, dec.encoding);
    if (ea_doc_parse_tree(dec.utf8, dec.len, url, doc) != EA_OK) {
        ea_buf_addf(warnings, "%s: cannot parse the page\n", url);
        *doc = NULL;
        goto out;
    }
    out->depth_limited = (*doc)->depth_limited;
    if ((*doc)->attrs_limited)
        ea_buf_addf(warnings,
                    "%s: an element has more than %u attributes; the rest were not read\n", url,
                    EA_MAX_TAG_ATTRS);
    if ((*doc)->tags_limited)
        ea_buf_addf(warnings, "%s: more than %u tags; only the page up to the %uth was checked\n",
                    url, EA_MAX_PAGE_TAGS, EA_MAX_PAGE_TAGS);
    if ((*doc)->depth_limited)
        ea_buf_addf(warnings,
                    "%s: elements nest deeper than the limit; deeper ones were not "
                    "checked\n",
                    url);
    ok = true;
out:
    ea_decoded_release(&dec);
    return ok;
}

void ea_page_run_checks(struct ea_doc *doc, const char *const *only, size_t nonly,
                        struct ea_page *out, struct ea_buf *warnings)
{
    ea_doc_cascade(doc);
    if (doc->cascade_limited)
        ea_buf_addf(warnings,
                    "%s: its stylesheets take more than %u steps to apply; the page's styles "
                    "were not worked out (its contrast and visibility need review)\n",
                    doc->url ? doc->url : "(page)", EA_MAX_CASCADE_WORK);
    out->results.doc = doc;
    ea_checks_run(doc, only, nonly, &out->results);
    out->results.doc = NULL;
}

bool ea_page_check(const char *url, const char *body, size_t len, const char *content_type,
                   const char *const *only, size_t nonly, struct ea_page *out,
                   struct ea_buf *warnings)
{
    struct ea_doc *doc = NULL;
    if (!ea_page_parse(url, body, len, content_type, out, &doc, warnings))
        return false;
    ea_page_run_checks(doc, only, nonly, out, warnings);
    ea_doc_free(doc);
    return true;
}

void ea_page_release(struct ea_page *page)
{
    if (!page)
        return;
    ea_results_release(&page->results);
}
