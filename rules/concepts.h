/*
 * concepts.h — the questionnaire's words as data (SPEC §3: "the words and patterns live in
 * rules/ as data"): one concept per e-index question, each with Latvian and English link-text
 * patterns and URL slug patterns, loaded once at start-up, validated (file, line, what is
 * wrong) and compiled with pcre2 (UTF + UCP). Text is case-folded and diacritic-stripped
 * (core/text.h ea_text_fold) before matching.
 *
 * The crawler asks it which homepage links lead to pages the questionnaire needs (so those
 * are fetched first), and checks/site asks it what a link, a page or a text is about.
 */
#ifndef EA_RULES_CONCEPTS_H
#define EA_RULES_CONCEPTS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/compat.h"
#include "core/err.h"

enum ea_concept {
    EA_CONCEPT_PARTICIPATION,
    EA_CONCEPT_CONTACTS,
    EA_CONCEPT_SERVICES,
    EA_CONCEPT_ESERVICES,
    EA_CONCEPT_ESERVICE_GUIDANCE,
    EA_CONCEPT_CONSULTATION,
    EA_CONCEPT_SEARCH,
    EA_CONCEPT_FEEDBACK,
    EA_CONCEPT_NEWS,
    EA_CONCEPT_OPEN_DATA,
    EA_CONCEPT_ACCESSIBILITY_STATEMENT,
    EA_CONCEPT_EASY_READ,
    EA_CONCEPT_ENGLISH,
    EA_CONCEPT_COUNT
};

struct ea_concepts;

/* Loads the concept definitions from dir (NULL: the built-in defaults). Prints every
 * problem as "FILE:LINE: what is wrong" and fails with EA_PARSE on any. */
EA_NODISCARD enum ea_err ea_concepts_load(const char *dir, struct ea_concepts **out);
void ea_concepts_free(struct ea_concepts *c);

/* The concept a link is about, judged by its accessible name and its URL; -1 for none.
 * When several match, the one earliest in enum ea_concept wins. */
int ea_concepts_classify_link(const struct ea_concepts *c, const char *name, const char *url);
/* Every concept the link matches, as bits (1u << concept); 0 for none. A link can answer
 * several questions (a state portal link is a services and an e-services link). */
unsigned ea_concepts_link_mask(const struct ea_concepts *c, const char *name, const char *url);
/* True when text (any case, with or without diacritics) matches concept's text patterns. */
bool ea_concepts_match_text(const struct ea_concepts *c, enum ea_concept concept, const char *text,
                            size_t len);
/* "participation", "contacts", ...: the concept's id in the data files. */
const char *ea_concept_name(enum ea_concept concept);
/* True when url (absolute or relative) matches concept's <slug> (its path, percent-decoded
 * and folded) or <url> patterns. */
bool ea_concepts_match_url(const struct ea_concepts *c, enum ea_concept concept, const char *url);

/* Extra word lists (<list id="..."> in the data) the questions use beside the concepts. */
enum ea_wordlist {
    EA_LIST_PARTICIPATION_PROCEDURE,
    EA_LIST_PARTICIPATION_DEADLINE,
    EA_LIST_FORM_LINK,
    EA_LIST_TAP_PORTAL,
    EA_LIST_CHAT_WIDGET,
    EA_LIST_SOCIAL_TWITTER,
    EA_LIST_SOCIAL_FACEBOOK,
    EA_LIST_SOCIAL_OTHER,
    EA_LIST_OPEN_DATA_FILE,
    EA_LIST_NEWS_CONTAINER,
    EA_LIST_ESERVICE_GUIDANCE_WORDS,
    EA_LIST_COUNT
};

/* The same matches for a word list: its <text> patterns against folded text, its <slug> and
 * <url> patterns against a URL. */
bool ea_wordlist_match_text(const struct ea_concepts *c, enum ea_wordlist list, const char *text,
                            size_t len);
bool ea_wordlist_match_url(const struct ea_concepts *c, enum ea_wordlist list, const char *url);
const char *ea_wordlist_name(enum ea_wordlist list);

/* Loads one concepts file (ea_concepts_load reads DIR/concepts.xml, or the copy built into
 * the binary); name is what messages call it. */
EA_NODISCARD enum ea_err ea_concepts_load_buffer(const char *xml, size_t len, const char *name,
                                                 struct ea_concepts **out);

#endif
