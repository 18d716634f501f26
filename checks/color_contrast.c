/*
 * color-contrast (axe-core, heuristic): every element with its own visible text has a contrast
 * of at least 4.5:1 (3:1 for text of 24 px, or 18.66 px bold) between its colour and the
 * background behind it, both from the cascade (style attributes, <style>, linked sheets,
 * user agent defaults: black on white, links #0000ee). Incomplete, never a guess, when the
 * background is an image or gradient, a colour or background is var()/unknown or may be
 * changed by a rule the static cascade cannot decide, or opacity/filters/shadows apply.
 * Limit: positioned elements overlapping other backgrounds are not seen (docs/wcag-limits.md).
 */
#include <math.h>
#include <string.h>

#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"
#include "core/text.h"

/* What axe-core strips before asking whether an element has text: ASCII and general
 * punctuation and emoji (pictographs, dingbats, symbols). */
static bool not_text(unsigned long cp)
{
    if (cp < 0x80)
        return !((cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z'));
    return cp == 0xA0 || (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x2E00 && cp <= 0x2E7F) ||
           (cp >= 0x2190 && cp <= 0x21FF) || (cp >= 0x2300 && cp <= 0x27BF) ||
           (cp >= 0x2B00 && cp <= 0x2BFF) || (cp >= 0x1F000 && cp <= 0x1FAFF) || cp == 0xFE0F;
}

static unsigned long next_cp(const unsigned char **p)
{
    const unsigned char *s = *p;
    unsigned long cp = s[0];
    size_t n = cp < 0x80 ? 1 : cp < 0xE0 ? 2 : cp < 0xF0 ? 3 : 4;
    if (n > 1)
        cp &= 0x3F >> (n - 1);
    for (size_t i = 1; i < n && (s[i] & 0xC0) == 0x80; i++, (*p)++)
        cp = cp << 6 | (s[i] & 0x3F);
    (*p)++;
    return cp;
}

/* The element's own text (its text children): *chars gets the number of characters once
 * whitespace is collapsed and trimmed; true when some of it is more than punctuation and
 * emoji (axe-core judges only such text). */
static bool own_text(const struct ea_node *n, size_t *chars)
{
    bool real = false, space = false;
    *chars = 0;
    for (const struct ea_node *c = n->first_child; c; c = c->next) {
        if (c->type != EA_NODE_TEXT)
            continue;
        const unsigned char *p = (const unsigned char *)c->text;
        const unsigned char *end = p + strlen(c->text);
        while (p < end) {
            size_t ws = ea_text_ws_len((const char *)p, (size_t)(end - p));
            if (ws) {
                space = *chars > 0;
                p += ws;
                continue;
            }
            unsigned long cp = next_cp(&p);
            *chars += 1 + space;
            space = false;
            if (!not_text(cp))
                real = true;
        }
    }
    return real;
}

static bool skipped(const struct ea_node *n)
{
    static const char *const tags[] = { "option", "select",   "textarea", "title",   "script",
                                        "style",  "noscript", "template", "optgroup" };
    if (n->ns != EA_NS_HTML)
        return true;
    for (size_t i = 0; i < EA_ARRAY_LEN(tags); i++)
        if (ea_node_is(n, tags[i]))
            return true;
    /* disabled controls and their contents are exempt (1.4.3 "incidental") */
    for (const struct ea_node *p = n; p; p = p->parent)
        if ((ea_node_is(p, "button") || ea_node_is(p, "fieldset")) &&
            ea_node_has_attr(p, "disabled"))
            return true;
    return false;
}

/* Text axe-core does not judge: clipped or off screen (screen-reader-only), of size 0, or
 * set in an icon font (ligatures such as "star" are pictures, not words). */
static bool shown(const struct ea_css_style *s)
{
    return !s->offscreen && !s->icon_font && (s->font_px <= 0 || s->font_px >= 1);
}

static void hex(struct ea_buf *b, struct ea_css_color c)
{
    ea_buf_addf(b, "#%02x%02x%02x", (unsigned)(c.r + 0.5), (unsigned)(c.g + 0.5),
                (unsigned)(c.b + 0.5));
}

static void judge(const struct ea_doc *doc, const struct ea_node *n, size_t chars,
                  struct ea_results *out)
{
    const struct ea_css_style *s = ea_doc_style(doc, n);
    const unsigned hiding =
        1u << EA_CSS_CLIP | 1u << EA_CSS_CLIP_PATH | 1u << EA_CSS_LEFT | 1u << EA_CSS_TOP;
    const char *why = NULL;
    struct ea_css_color bg;
    if (s->maybe & hiding)
        why = "the text may be clipped or positioned off screen (screen-reader-only text)";
    else if (!s->color.valid || (s->maybe & (1u << EA_CSS_COLOR)))
        why = "the text colour cannot be decided statically";
    else if (s->effect || (s->maybe & (1u << EA_CSS_EFFECT)))
        why = "opacity, a filter or a text shadow changes the colours";
    else
        (void)ea_checks_background(doc, n, &bg, &why);
    if (why) {
        ea_results_add(out, EA_OUTCOME_INCOMPLETE, n, why);
        return;
    }
    struct ea_css_color fg = s->color.a >= 1 ? s->color : ea_css_blend(s->color, bg);
    double ratio = ea_css_contrast(fg, bg);
    bool size_known =
        s->font_px > 0 && !(s->maybe & (1u << EA_CSS_FONT_SIZE | 1u << EA_CSS_FONT_WEIGHT));
    bool large = s->font_px >= 24 || (s->font_px >= 18.66 && s->font_weight >= 700);
    double need = large ? 3.0 : 4.5;
    if (!size_known && ratio >= 3 && ratio < 4.5) {
        ea_results_add(out, EA_OUTCOME_INCOMPLETE, n,
                       "contrast is between 3:1 and 4.5:1 and the font size is unknown");
        return;
    }
    if (ratio + 1e-9 >= need) {
        ea_results_add(out, EA_OUTCOME_PASS, n, NULL);
        return;
    }
    if (floor(ratio * 100) <= 100) {
        ea_results_add(out, EA_OUTCOME_INCOMPLETE, n,
                       "the text has the colour of its background: hidden on purpose, or "
                       "over something the cascade does not see");
        return;
    }
    if (chars == 1) {
        ea_results_add(out, EA_OUTCOME_INCOMPLETE, n,
                       "low contrast on a single character: check that it is text and not "
                       "an icon or decoration");
        return;
    }
    struct ea_buf msg = EA_BUF_INIT(200);
    ea_buf_addf(&msg, "contrast %.2f:1 (", ratio);
    hex(&msg, fg);
    ea_buf_add(&msg, " on ");
    hex(&msg, bg);
    ea_buf_addf(&msg, ", %.0f px), needs %.1f:1", s->font_px, need);
    ea_results_add(out, EA_OUTCOME_VIOLATION, n, msg.buf);
    ea_buf_release(&msg);
}

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    for (size_t i = 0; i < doc->nnodes; i++) {
        const struct ea_node *n = &doc->nodes[i];
        size_t chars;
        if (ea_checks_judged(n) && !skipped(n) && shown(ea_doc_style(doc, n)) &&
            own_text(n, &chars))
            judge(doc, n, chars, out);
    }
}

const struct ea_check ea_check_color_contrast = {
    .id = "color-contrast",
    .wcag = "1.4.3",
    .level = EA_LEVEL_AA,
    .impact = EA_IMPACT_SERIOUS,
    .help_lv = "Teksta un fona krāsu kontrastam jāatbilst WCAG 2 AA minimumam",
    .help_en = "Elements must meet minimum color contrast ratio thresholds",
    .fix_lv = "Padariet tekstu tumšāku vai fonu gaišāku, lai kontrasts būtu vismaz 4,5:1 (lielam "
              "tekstam 3:1)",
    .fix_en = "Darken the text or lighten the background to reach 4.5:1 (3:1 for large text)",
    .run = run,
};
