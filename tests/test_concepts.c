/* rules/concepts: the built-in words load, links are classified by name (any case, with or
 * without diacritics) and URL slug, headlines are not navigation, and a broken file is
 * refused with FILE:LINE and what is wrong. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rules/concepts.h"

static struct ea_concepts *concepts;

static int setup(void **state)
{
    (void)state;
    return ea_concepts_load(NULL, &concepts) == EA_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    ea_concepts_free(concepts);
    return 0;
}

static void test_classify(void **state)
{
    (void)state;
    static const struct {
        const char *name, *url;
        int want;
    } cases[] = {
        { "Sabiedrības līdzdalība", "/lv/nozares-politika/x", EA_CONCEPT_PARTICIPATION },
        { "SABIEDRIBAS LIDZDALIBA", "/x", EA_CONCEPT_PARTICIPATION },
        { "Līdzdalība", "/x", EA_CONCEPT_PARTICIPATION },
        { "Sabiedriskās un publiskās apspriešanas", "/x", EA_CONCEPT_PARTICIPATION },
        { "Public participation", "/en/x", EA_CONCEPT_PARTICIPATION },
        { "", "https://tapportals.mk.gov.lv/public_participation/abc", EA_CONCEPT_PARTICIPATION },
        { "Uz sadaļu", "https://www.x.gov.lv/lv/sabiedriskas-apspriesanas",
          EA_CONCEPT_PARTICIPATION },
        { "Kontakti", "/x", EA_CONCEPT_CONTACTS },
        { "KONTAKTI", "/x", EA_CONCEPT_CONTACTS },
        { "Kontaktinformācija", "/x", EA_CONCEPT_CONTACTS },
        { "Iestādes kontakti", "/x", EA_CONCEPT_CONTACTS },
        { "Contacts", "/en/x", EA_CONCEPT_CONTACTS },
        { "", "https://www.vugd.gov.lv/lv/iestades-kontakti", EA_CONCEPT_CONTACTS },
        { "Pakalpojumi", "/x", EA_CONCEPT_SERVICES },
        { "", "https://www.latvija.lv/lv/PPK/dzives-situacija", EA_CONCEPT_SERVICES },
        { "E-pakalpojumi", "/x", EA_CONCEPT_ESERVICES },
        { "Iesniegums", "https://www.latvija.lv/lv/Epakalpojumi/EP155/Apraksts",
          EA_CONCEPT_ESERVICES },
        { "Tiešsaistes konsultācija", "/x", EA_CONCEPT_CONSULTATION },
        { "Jaunumi", "/x", EA_CONCEPT_NEWS },
        { "Aktualitātes", "/x", EA_CONCEPT_NEWS },
        { "Atvērtie dati", "/x", EA_CONCEPT_OPEN_DATA },
        { "Portāls", "https://data.gov.lv/dati/lv/organization/vvk", EA_CONCEPT_OPEN_DATA },
        { "Piekļūstamības paziņojums", "/x", EA_CONCEPT_ACCESSIBILITY_STATEMENT },
        { "Paziņojums", "/pieklustamibas-pazinojums", EA_CONCEPT_ACCESSIBILITY_STATEMENT },
        { "Viegli lasīt", "/x", EA_CONCEPT_EASY_READ },
        { "EN", "/x", EA_CONCEPT_ENGLISH },
        { "English", "/x", EA_CONCEPT_ENGLISH },
        { "Atsauksmes", "/x", EA_CONCEPT_FEEDBACK },
        /* not navigation: a headline that mentions participation, a word inside a word */
        { "Noslēgusies sabiedrības līdzdalība jaunā teritorijas plānojuma izstrādē – paldies",
          "/lv/jaunums/paldies", EA_CONCEPT_NEWS },
        { "Kā pieteikties pakalpojumam", "/x", EA_CONCEPT_ESERVICE_GUIDANCE },
        { "Lietošanas instrukcija", "/x", EA_CONCEPT_ESERVICE_GUIDANCE },
        { "Buyer's Guide", "/b/guide", -1 },
        { "How To", "/how-to/videos/", -1 },
        { "Instrukcijas", "/lv/instrukcijas", -1 },
        { "Čats", "/x", EA_CONCEPT_CONSULTATION },
        { "Čats ar konsultantu", "/x", EA_CONCEPT_CONSULTATION },
        { "chat assistants", "/blog/x", -1 },
        { "Par mums", "/lv/par-mums", -1 },
        { "Kontaktlēcas", "/lv/veseliba", -1 },
        { "Mūsu vēsture", "/lv/vesture", -1 },
        { NULL, NULL, -1 },
    };
    for (size_t i = 0; cases[i].name || cases[i].url; i++) {
        int got = ea_concepts_classify_link(concepts, cases[i].name, cases[i].url);
        if (got != cases[i].want)
            fail_msg("'%s' %s: got %s, want %s", cases[i].name, cases[i].url,
                     got < 0 ? "none" : ea_concept_name((enum ea_concept)got),
                     cases[i].want < 0 ? "none" : ea_concept_name((enum ea_concept)cases[i].want));
    }
}

static void test_mask_and_lists(void **state)
{
    (void)state;
    unsigned m = ea_concepts_link_mask(concepts, "E-pakalpojumi", "/lv/pakalpojumi/");
    assert_true(m & (1u << EA_CONCEPT_ESERVICES));
    assert_true(m & (1u << EA_CONCEPT_SERVICES));
    m = ea_concepts_link_mask(concepts, "E-pakalpojumu lietošanas instrukcija", "/lv/x");
    assert_true(m & (1u << EA_CONCEPT_ESERVICES));
    assert_true(m & (1u << EA_CONCEPT_ESERVICE_GUIDANCE));
    assert_true(ea_wordlist_match_url(concepts, EA_LIST_SOCIAL_TWITTER, "https://x.com/vvk_gov"));
    assert_false(ea_wordlist_match_url(concepts, EA_LIST_SOCIAL_TWITTER,
                                       "https://twitter.com/intent/tweet?url=x"));
    assert_true(ea_wordlist_match_url(concepts, EA_LIST_SOCIAL_FACEBOOK,
                                      "https://www.facebook.com/ValstsVidesKontrole"));
    assert_false(ea_wordlist_match_url(concepts, EA_LIST_SOCIAL_FACEBOOK,
                                       "https://www.facebook.com/sharer/sharer.php?u=x"));
    assert_true(ea_wordlist_match_url(concepts, EA_LIST_SOCIAL_OTHER, "http://www.draugiem.lv/x/"));
    assert_true(ea_wordlist_match_url(concepts, EA_LIST_OPEN_DATA_FILE, "/files/a.CSV?v=2"));
    assert_false(ea_wordlist_match_url(concepts, EA_LIST_OPEN_DATA_FILE, "/files/a.pdf"));
    assert_true(
        ea_wordlist_match_url(concepts, EA_LIST_CHAT_WIDGET, "https://embed.tawk.to/5f1a/default"));
    const char *t = "Ikviens var IESAISTĪTIES un sniegt viedokli";
    assert_true(ea_wordlist_match_text(concepts, EA_LIST_PARTICIPATION_PROCEDURE, t, strlen(t)));
    const char *q = "Vai šī informācija bija noderīga?";
    assert_true(ea_concepts_match_text(concepts, EA_CONCEPT_FEEDBACK, q, strlen(q)));
    assert_string_equal(ea_concept_name(EA_CONCEPT_OPEN_DATA), "open-data");
    assert_string_equal(ea_wordlist_name(EA_LIST_CHAT_WIDGET), "chat-widget");
}

/* Loads xml with stderr captured; returns the messages. */
static char *load_bad(const char *xml, enum ea_err want)
{
    static char msgs[4096];
    char tmpl[] = "/tmp/test_concepts_XXXXXX";
    int fd = mkstemp(tmpl);
    assert_true(fd >= 0);
    fflush(stderr);
    int saved = dup(2);
    dup2(fd, 2);
    struct ea_concepts *c = NULL;
    enum ea_err err = ea_concepts_load_buffer(xml, strlen(xml), "bad.xml", &c);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    lseek(fd, 0, SEEK_SET);
    ssize_t n = read(fd, msgs, sizeof(msgs) - 1);
    msgs[n > 0 ? n : 0] = '\0';
    close(fd);
    unlink(tmpl);
    assert_int_equal(err, want);
    assert_null(c);
    return msgs;
}

/* The built-in file with one edit. */
static char *edited(const char *from, const char *to)
{
    static char buf[64 * 1024];
    FILE *f = fopen(EA_RULES_XML, "rb");
    assert_non_null(f);
    size_t n = fread(buf, 1, sizeof(buf) - 1, f);
    fclose(f);
    buf[n] = '\0';
    char *at = strstr(buf, from);
    assert_non_null(at);
    size_t fl = strlen(from), tl = strlen(to);
    memmove(at + tl, at + fl, strlen(at + fl) + 1);
    memcpy(at, to, tl);
    return buf;
}

static void test_bad_files(void **state)
{
    (void)state;
    char *m =
        load_bad(edited("<text>\\bkontaktinformacij</text>", "<text>kontakt(</text>"), EA_PARSE);
    assert_non_null(strstr(m, "bad.xml:"));
    assert_non_null(strstr(m, "bad pattern 'kontakt('"));
    /* the line of the broken pattern */
    char *src = edited("<text>\\bkontaktinformacij</text>", "<text>kontakt(</text>");
    int line = 1;
    for (char *p = src; p < strstr(src, "<text>kontakt(</text>"); p++)
        line += *p == '\n';
    char want[64];
    snprintf(want, sizeof(want), "bad.xml:%d: bad pattern", line);
    m = load_bad(src, EA_PARSE);
    assert_non_null(strstr(m, want));

    m = load_bad(edited("<text>\\bviegli lasit</text>", "<text>viegli lasīt</text>"), EA_PARSE);
    assert_non_null(strstr(m, "non-ASCII"));
    m = load_bad(edited("<concept id=\"easy-read\">", "<concept id=\"easy-reading\">"), EA_PARSE);
    assert_non_null(strstr(m, "unknown concept id 'easy-reading'"));
    assert_non_null(strstr(m, "concept 'easy-read' is missing"));
    m = load_bad(edited("<slug>viegli-lasit</slug>", "<slg>viegli-lasit</slg>"), EA_PARSE);
    assert_non_null(strstr(m, "unknown element <slg>"));
    m = load_bad(edited("<concepts max-words=\"6\">", "<concepts max-words=\"lots\">"), EA_PARSE);
    assert_non_null(strstr(m, "max-words 'lots'"));
    m = load_bad(edited("</concepts>", "</concept>"), EA_PARSE);
    assert_non_null(strstr(m, "not well-formed"));
    m = load_bad(edited("<text>\\bviegli lasit</text>", "<text>(viegli) \\1</text>"), EA_PARSE);
    assert_non_null(strstr(m, "backreference"));
    m = load_bad(edited("<slug>viegli-lasit</slug>", "<slug></slug>"), EA_PARSE);
    assert_non_null(strstr(m, "empty <slug> pattern in 'easy-read'"));
    m = load_bad("<rules/>", EA_PARSE);
    assert_non_null(strstr(m, "root element must be <concepts>"));
}

static void test_override_dir(void **state)
{
    (void)state;
    struct ea_concepts *c = NULL;
    char dir[] = "/tmp/test_concepts_dir_XXXXXX", path[128];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof(path), "%s/concepts.xml", dir);
    FILE *f = fopen(path, "wb");
    fputs(edited("<text>\\bviegli lasit</text>", "<text>\\bvienkarsa valoda</text>"), f);
    fclose(f);
    assert_int_equal(ea_concepts_load(dir, &c), EA_OK);
    assert_int_equal(ea_concepts_classify_link(c, "Viegli lasīt", "/x"), -1);
    assert_int_equal(ea_concepts_classify_link(c, "Vienkāršā valodā", "/x"), EA_CONCEPT_EASY_READ);
    ea_concepts_free(c);
    unlink(path);
    rmdir(dir);
    fflush(stderr);
    int saved = dup(2), null = open("/dev/null", O_WRONLY);
    dup2(null, 2);
    enum ea_err err = ea_concepts_load("/nonexistent-eaudit-rules", &c);
    dup2(saved, 2);
    close(saved);
    close(null);
    assert_int_equal(err, EA_IO);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_classify),
        cmocka_unit_test(test_mask_and_lists),
        cmocka_unit_test(test_bad_files),
        cmocka_unit_test(test_override_dir),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
