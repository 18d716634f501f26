/* Tests for core/accname: a table of accessible-name cases (accname 1.1 + HTML-AAM),
 * roles, focusability and a deep-nesting case. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "core/accname.h"
#include "core/limits.h"

struct name_case {
    const char *html;
    const char *id; /* the element named */
    const char *name;
    enum ea_name_source src;
};

#define NONE  EA_NAME_NONE
#define LBY   EA_NAME_LABELLEDBY
#define LATTR EA_NAME_LABEL_ATTR
#define NAT   EA_NAME_NATIVE
#define CONT  EA_NAME_CONTENT
#define TITLE EA_NAME_TITLE

static const struct name_case cases[] = {
    /* aria-labelledby */
    { "<span id=a>Hello</span><span id=b>world</span><button id=t aria-labelledby='a b'>x</button>",
      "t", "Hello world", LBY },
    { "<div id=h hidden>Secret label</div><input id=t aria-labelledby=h>", "t", "Secret label",
      LBY },
    { "<div id=h style='display:none'>Hid<span hidden>den</span></div><a id=t href=# "
      "aria-labelledby=h>x</a>",
      "t", "Hidden", LBY },
    { "<span id=a aria-labelledby=b>A</span><span id=b>B</span><a id=t href=# "
      "aria-labelledby=a>x</a>",
      "t", "A", LBY }, /* no second hop */
    { "<span id=a aria-label='From label'>A</span><a id=t href=# aria-labelledby=a>x</a>", "t",
      "From label", LBY },
    { "<a id=t href=# aria-labelledby='t s'>Read more</a><span id=s>about taxes</span>", "t",
      "Read more about taxes", LBY },
    { "<a id=t href=# aria-labelledby='missing'>Text</a>", "t", "Text", CONT },
    { "<span id=a>  </span><button id=t aria-labelledby=a aria-label=Lbl>x</button>", "t", "Lbl",
      LATTR },
    { "<div id=v>Visible <span hidden>hidden</span>part</div><a id=t href=# aria-labelledby=v></a>",
      "t", "Visible part", LBY },
    /* aria-label */
    { "<a id=t href=# aria-label='Close dialog'>X</a>", "t", "Close dialog", LATTR },
    { "<a id=t href=# aria-label='   '>Content</a>", "t", "Content", CONT },
    { "<button id=t aria-label='  Spaced   out '>x</button>", "t", "Spaced out", LATTR },
    /* labels */
    { "<label for=t>Name</label><input id=t>", "t", "Name", NAT },
    { "<label>Email <input id=t type=email></label>", "t", "Email", NAT },
    { "<label for=t>First</label><label>Second <input id=t></label>", "t", "First Second", NAT },
    { "<label for=other>Wrong</label><label for=t>Right</label><input id=t>", "t", "Right", NAT },
    { "<label for=x>Other</label><label for=x>Wrap <input id=t title=T></label><input id=x>", "t",
      "T", TITLE },
    { "<label>Agree <input id=t type=checkbox> to terms</label>", "t", "Agree to terms", NAT },
    { "<label for=t>Country</label><select id=t><option>LV</select>", "t", "Country", NAT },
    { "<label for=t>Comments</label><textarea id=t>typed</textarea>", "t", "Comments", NAT },
    { "<label>Qty <input type=text value=5 id=q> items <input id=t type=checkbox></label>", "t",
      "Qty 5 items", NAT },
    { "<label style='display:none' for=t>Hidden label</label><input id=t>", "t", "Hidden label",
      NAT },
    { "<label for=t>Progress</label><progress id=t value=3 max=5></progress>", "t", "Progress",
      NAT },
    /* buttons and inputs */
    { "<input id=t type=submit>", "t", "Submit", NAT },
    { "<input id=t type=reset>", "t", "Reset", NAT },
    { "<input id=t type=submit value='Send form'>", "t", "Send form", NAT },
    { "<input id=t type=submit value=''>", "t", "Submit", NAT },
    { "<input id=t type=reset value='  '>", "t", "Reset", NAT },
    { "<input id=t type=button value=''>", "t", "", NONE },
    /* several labels, in document order: for-labels before and after a wrapping one */
    { "<label for=t>One</label><label>Two <input id=t></label><label for=t>Three</label>", "t",
      "One Two Three", NAT },
    { "<label for=other>Not mine <input id=t></label><label for=t>Mine</label>", "t", "Mine", NAT },
    { "<label for=t>A</label><label for=t2>B</label><input id=t>", "t", "A", NAT },
    { "<input id=t type=button>", "t", "", NONE },
    { "<input id=t type=button value=Go>", "t", "Go", NAT },
    { "<input id=t type=image alt=Search src=s.png>", "t", "Search", NAT },
    { "<input id=t type=image src=s.png title=Find>", "t", "Find", TITLE },
    { "<button id=t>  Save\n\t changes </button>", "t", "Save changes", CONT },
    { "<button id=t><img src=a alt=Print></button>", "t", "Print", CONT },
    { "<input id=t placeholder='Search site'>", "t", "Search site", TITLE },
    { "<input id=t placeholder='Search' title='Site search'>", "t", "Site search", TITLE },
    { "<input id=t type=checkbox placeholder=x>", "t", "", NONE },
    /* images */
    { "<img id=t src=a alt='Logo of LV'>", "t", "Logo of LV", NAT },
    { "<img id=t src=a alt=''>", "t", "", NONE },
    { "<img id=t src=a title=Tip>", "t", "Tip", TITLE },
    { "<img id=t src=a alt='' role=presentation title=x>", "t", "x", TITLE },
    { "<map><area id=t href=/ alt=Home></map>", "t", "Home", NAT },
    { "<svg id=t><title>Chart</title><rect/></svg>", "t", "Chart", NAT },
    /* links, name from content */
    { "<a id=t href=/><img src=h.png alt=Home></a>", "t", "Home", CONT },
    { "<a id=t href=/>Go <img src=h.png alt=home> now</a>", "t", "Go home now", CONT },
    { "<a id=t href=/><img src=h.png></a>", "t", "", NONE },
    { "<a id=t href=/ title='Home page'><img src=h.png alt=''></a>", "t", "Home page", TITLE },
    { "<a id=t href=/><span aria-hidden=true>★</span>Rate</a>", "t", "Rate", CONT },
    { "<a id=t href=/><span style='display: none'>x</span><i title=Tip></i></a>", "t", "Tip",
      CONT },
    { "<a id=t href=/><span aria-label=Inner>ignored</span> text</a>", "t", "Inner text", CONT },
    { "<a id=t href=/>Go<b>ld</b></a>", "t", "Gold", CONT },
    { "<a id=t href=/><div>One</div><div>Two</div></a>", "t", "One Two", CONT },
    { "<a id=t href=/>a&nbsp;&nbsp;b</a>", "t", "a b", CONT },
    { "<button id=t>Pay <input value=20 aria-label=amount> EUR</button>", "t", "Pay amount EUR",
      CONT },
    { "<div id=t role=button>Delete <input type=text value=3> rows</div>", "t", "Delete 3 rows",
      CONT },
    { "<div id=t role=link>Month <select><option>Jan<option selected>Feb</select></div>", "t",
      "Month Feb", CONT },
    { "<div id=t role=button>Vol <input type=range value=7></div>", "t", "Vol 7", CONT },
    { "<h2 id=t>Section <em>title</em></h2>", "t", "Section title", CONT },
    { "<div id=t>Plain div text</div>", "t", "", NONE },
    { "<div id=t title=Tooltip>Plain</div>", "t", "Tooltip", TITLE },
    { "<a id=t href=/><style>p{}</style><script>x()</script>Text</a>", "t", "Text", CONT },
    { "<a id=t href=/ hidden>Hidden link</a>", "t", "", NONE },
    /* tables, fieldsets, figures, summary */
    { "<table id=t><caption>Results</caption><tr><td>1</table>", "t", "Results", NAT },
    { "<table><tr><td id=t>Cell <b>one</b></td></table>", "t", "Cell one", CONT },
    { "<fieldset id=t><legend>Address</legend><input></fieldset>", "t", "Address", NAT },
    { "<figure id=t><img src=a alt=x><figcaption>Fig 1</figcaption></figure>", "t", "Fig 1", NAT },
    { "<details><summary id=t>More info</summary>body</details>", "t", "More info", CONT },
    { "<select><optgroup id=t label=Group><option>x</optgroup></select>", "t", "Group", NAT },
    /* Latvian text and roles */
    { "<nav aria-label='Galvenā izvēlne' id=t></nav>", "t", "Galvenā izvēlne", LATTR },
    { "<a id=t href=/ role='bogus link'>Sākums</a>", "t", "Sākums", CONT },
};

static void test_name_cases(void **state)
{
    (void)state;
    int failures = 0;
    for (size_t i = 0; i < EA_ARRAY_LEN(cases); i++) {
        const struct name_case *c = &cases[i];
        struct ea_doc *doc = NULL;
        assert_int_equal(ea_doc_parse(c->html, strlen(c->html), NULL, &doc), EA_OK);
        const struct ea_node *n = ea_doc_by_id(doc, c->id);
        assert_non_null(n);
        struct ea_buf b = EA_BUF_INIT(EA_MAX_ACCNAME);
        enum ea_name_source src = ea_accname(doc, n, &b);
        if (strcmp(b.buf, c->name) != 0 || src != c->src) {
            print_error("case %zu: %s\n  got '%s' (%d), want '%s' (%d)\n", i, c->html, b.buf,
                        (int)src, c->name, (int)c->src);
            failures++;
        }
        assert_int_equal(ea_accname_has(doc, n), c->src != EA_NAME_NONE);
        ea_buf_release(&b);
        ea_doc_free(doc);
    }
    print_message("%zu name cases\n", EA_ARRAY_LEN(cases));
    assert_int_equal(failures, 0);
}

struct role_case {
    const char *html;
    const char *role; /* NULL for none */
};

static const struct role_case roles[] = {
    { "<a id=t href=/>x</a>", "link" },
    { "<a id=t>x</a>", NULL },
    { "<button id=t>x</button>", "button" },
    { "<img id=t src=a alt=''>", "presentation" },
    { "<img id=t src=a>", "img" },
    { "<input id=t>", "textbox" },
    { "<input id=t type=CHECKBOX>", "checkbox" },
    { "<input id=t type=radio>", "radio" },
    { "<input id=t type=search>", "searchbox" },
    { "<input id=t type=number>", "spinbutton" },
    { "<input id=t type=range>", "slider" },
    { "<input id=t type=submit>", "button" },
    { "<input id=t type=hidden>", NULL },
    { "<input id=t list=l>", "combobox" },
    { "<select id=t></select>", "combobox" },
    { "<select id=t multiple></select>", "listbox" },
    { "<textarea id=t></textarea>", "textbox" },
    { "<h3 id=t>x</h3>", "heading" },
    { "<nav id=t></nav>", "navigation" },
    { "<main id=t></main>", "main" },
    { "<header id=t></header>", "banner" },
    { "<article><header id=t></header></article>", NULL },
    { "<footer id=t></footer>", "contentinfo" },
    { "<aside id=t></aside>", "complementary" },
    { "<form id=t></form>", NULL },
    { "<form id=t aria-label=Search></form>", "form" },
    { "<ul><li id=t>x</ul>", "listitem" },
    { "<table><tr><th id=t>x</table>", "columnheader" },
    { "<table><tr><th id=t scope=row>x</table>", "rowheader" },
    { "<div id=t role='foo Navigation'></div>", "navigation" },
    { "<div id=t role='foo'></div>", NULL },
    { "<a id=t href=/ role=button>x</a>", "button" },
};

static void test_roles(void **state)
{
    (void)state;
    for (size_t i = 0; i < EA_ARRAY_LEN(roles); i++) {
        struct ea_doc *doc = NULL;
        assert_int_equal(ea_doc_parse(roles[i].html, strlen(roles[i].html), NULL, &doc), EA_OK);
        const char *r = ea_role(ea_doc_by_id(doc, "t"));
        if (roles[i].role)
            assert_string_equal(r, roles[i].role);
        else
            assert_null(r);
        ea_doc_free(doc);
    }
    assert_true(ea_role_name_from_content("link"));
    assert_true(ea_role_name_from_content("heading"));
    assert_false(ea_role_name_from_content("textbox"));
    assert_false(ea_role_name_from_content(NULL));
}

static void test_focusable(void **state)
{
    (void)state;
    const char *html =
        "<a id=a href=/>x</a><a id=b>x</a><button id=c disabled>x</button>"
        "<div id=d tabindex=-1></div><div id=e tabindex=x></div>"
        "<input id=f type=hidden><span id=g contenteditable></span>"
        "<a id=h href=/ hidden>x</a><summary id=i>s</summary>"
        "<video id=j controls></video><div id=k aria-hidden=true><a id=l href=/>x</a></div>";
    struct ea_doc *doc = NULL;
    assert_int_equal(ea_doc_parse(html, strlen(html), NULL, &doc), EA_OK);
    /* l: aria-hidden hides from assistive technology, not from the keyboard */
    const char *yes[] = { "a", "d", "g", "i", "j", "l" };
    const char *no[] = { "b", "c", "e", "f", "h" };
    for (size_t i = 0; i < EA_ARRAY_LEN(yes); i++)
        assert_true(ea_node_focusable(ea_doc_by_id(doc, yes[i])));
    for (size_t i = 0; i < EA_ARRAY_LEN(no); i++)
        assert_false(ea_node_focusable(ea_doc_by_id(doc, no[i])));
    ea_doc_free(doc);
}

static void test_deep_and_long(void **state)
{
    (void)state;
    /* a link around 900 nested spans: name from content walks them without recursion */
    struct ea_buf src = EA_BUF_INIT(1 << 20);
    ea_buf_add(&src, "<a id=t href=/>");
    for (int i = 0; i < 900; i++)
        ea_buf_add(&src, "<span>");
    ea_buf_add(&src, "deep");
    for (int i = 0; i < 900; i++)
        ea_buf_add(&src, "</span>");
    ea_buf_add(&src, " name</a>");
    struct ea_doc *doc = NULL;
    assert_int_equal(ea_doc_parse(src.buf, src.len, NULL, &doc), EA_OK);
    struct ea_buf b = EA_BUF_INIT(EA_MAX_ACCNAME);
    assert_int_equal(ea_accname(doc, ea_doc_by_id(doc, "t"), &b), EA_NAME_CONTENT);
    assert_string_equal(b.buf, "deep name");
    ea_doc_free(doc);
    ea_buf_release(&src);

    /* a hostile page: 100,000 levels (depth guard) inside a button */
    src = (struct ea_buf)EA_BUF_INIT(1 << 22);
    ea_buf_add(&src, "<button id=t>");
    for (int i = 0; i < 100000; i++)
        ea_buf_add(&src, "<div>");
    ea_buf_add(&src, "x</button>");
    assert_int_equal(ea_doc_parse(src.buf, src.len, NULL, &doc), EA_OK);
    ea_buf_reset(&b);
    assert_int_equal(ea_accname(doc, ea_doc_by_id(doc, "t"), &b), EA_NAME_CONTENT);
    assert_string_equal(b.buf, "x");
    ea_doc_free(doc);
    ea_buf_release(&src);

    /* a very long name is cut at EA_MAX_ACCNAME on a UTF-8 boundary */
    src = (struct ea_buf)EA_BUF_INIT(1 << 20);
    ea_buf_add(&src, "<a id=t href=/>");
    for (int i = 0; i < 5000; i++)
        ea_buf_add(&src, "ā ");
    ea_buf_add(&src, "</a>");
    assert_int_equal(ea_doc_parse(src.buf, src.len, NULL, &doc), EA_OK);
    ea_buf_reset(&b);
    assert_int_equal(ea_accname(doc, ea_doc_by_id(doc, "t"), &b), EA_NAME_CONTENT);
    assert_true(b.len <= EA_MAX_ACCNAME && b.len > EA_MAX_ACCNAME - 4);
    assert_true(((unsigned char)b.buf[b.len - 1] & 0xC0) != 0xC0);
    ea_doc_free(doc);
    ea_buf_release(&src);
    ea_buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_name_cases),
        cmocka_unit_test(test_roles),
        cmocka_unit_test(test_focusable),
        cmocka_unit_test(test_deep_and_long),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
