/*
 * ea-document-link (eaudit, a notice): a link to a PDF, Word, Excel, PowerPoint, OpenDocument
 * or RTF file (by the extension of its path) is incomplete: the document is web content too,
 * and its accessibility needs a manual review.
 */
#include <string.h>
#include <strings.h>

#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"

static const char *const exts[] = { ".pdf",  ".doc", ".docx", ".xls", ".xlsx", ".ppt",
                                    ".pptx", ".odt", ".ods",  ".odp", ".rtf",  ".edoc" };

static bool document_href(const char *href)
{
    size_t n = strcspn(href, "?#");
    for (size_t i = 0; i < EA_ARRAY_LEN(exts); i++) {
        size_t e = strlen(exts[i]);
        if (n >= e && strncasecmp(href + n - e, exts[i], e) == 0)
            return true;
    }
    return false;
}

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    size_t n = 0;
    struct ea_node *const *a = ea_doc_tagged(doc, "a", &n);
    for (size_t i = 0; i < n; i++) {
        const char *href = ea_node_attr(a[i], "href");
        if (a[i]->ns == EA_NS_HTML && href && ea_checks_judged(a[i]) && document_href(href))
            ea_results_add(out, EA_OUTCOME_INCOMPLETE, a[i],
                           "link to a document: review the document's accessibility");
    }
}

const struct ea_check ea_check_ea_document_link = {
    .id = "ea-document-link",
    .wcag = NULL,
    .level = EA_LEVEL_BEST_PRACTICE,
    .impact = EA_IMPACT_MINOR,
    .help_lv = "Saistītajiem dokumentiem (PDF, DOC) jābūt piekļūstamiem",
    .help_en = "Linked documents (PDF, DOC) need a manual accessibility review",
    .fix_lv = "Pārbaudiet, vai dokuments ir piekļūstams (teksts, virsraksti, tagi), vai "
              "publicējiet saturu HTML lapā; saitē norādiet formātu un izmēru",
    .fix_en = "Check the document is accessible (real text, headings, tags) or publish the content "
              "as a page; give its format and size in the link",
    .run = run,
};
