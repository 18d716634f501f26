/*
 * document-title (axe-core): the document has a <title> with text. Judges the html element,
 * as axe does. document.title is the first HTML <title> in the document wherever the parser
 * put it (an SVG <title> does not count), with whitespace stripped and collapsed.
 */
#include "checks/check.h"
#include "checks/util.h"
#include "core/buf.h"
#include "core/limits.h"

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    if (!doc->root)
        return;
    const struct ea_node *title = NULL;
    for (size_t i = 0; i < doc->nnodes && !title; i++)
        if (ea_node_is(&doc->nodes[i], "title"))
            title = &doc->nodes[i];
    if (!title) {
        ea_results_add(out, EA_OUTCOME_VIOLATION, doc->root, "document has no title element");
        return;
    }
    struct ea_buf text = EA_BUF_INIT(EA_MAX_ACCNAME);
    ea_node_text(title, &text);
    bool empty = ea_checks_blank(text.buf);
    ea_buf_release(&text);
    if (empty)
        ea_results_add(out, EA_OUTCOME_VIOLATION, doc->root, "title element is empty");
    else
        ea_results_add(out, EA_OUTCOME_PASS, doc->root, NULL);
}

const struct ea_check ea_check_document_title = {
    .id = "document-title",
    .wcag = "2.4.2",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_SERIOUS,
    .help_lv = "Dokumentam jābūt elementam <title>, lai palīdzētu navigācijā",
    .help_en = "Documents must have <title> element to aid in navigation",
    .fix_lv = "Ievietojiet elementā <head> elementu <title> ar īsu, lapu unikāli raksturojošu "
              "nosaukumu, piemēram, \"Kontakti — Iestādes nosaukums\"",
    .fix_en = "Add a <title> element inside <head> with a short name that describes this page, "
              "e.g. \"Contacts — Institution name\"",
    .run = run,
};
