/*
 * color-contrast (axe-core, heuristic): every element with its own visible text has a contrast
 * of at least 4.5:1 (3:1 for text of 24 px, or 18.66 px bold) between its colour and the
 * background behind it, both from the cascade (style attributes, <style>, linked sheets,
 * user agent defaults: black on white, links #0000ee). Incomplete, never a guess, when the
 * background is an image or gradient, a colour or background is var()/unknown or may be
 * changed by a rule the static cascade cannot decide, or opacity/filters/shadows apply.
 * Limit: positioned elements overlapping other backgrounds are not seen (docs/wcag-limits.md).
 */
#include <string.h>

#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"
#include "core/text.h"

/* The colour behind element n: blends translucent backgrounds up to an opaque one (or the
 * white canvas). False when an ancestor's background cannot be known. */
static bool background(const struct ea_doc *doc, const struct ea_node *n, struct ea_css_color *out,
                       const char **why)
{
    struct ea_css_color layers[32];
    size_t nl = 0;
    const unsigned unknown = 1u << EA_CSS_BACKGROUND | 1u << EA_CSS_BG_IMAGE;
    for (const struct ea_node *x = n; x; x = x->parent) {
        const struct ea_css_style *s = ea_doc_style(doc, x);
        if (s->bg_image) {
            *why = "text over a background image or gradient";
            return false;
        }
        if ((s->maybe & unknown) || !s->background.valid) {
            *why = "the background colour cannot be decided statically";
            return false;
        }
        if (s->background.a <= 0)
            continue;
        if (nl == EA_ARRAY_LEN(layers)) {
            *why = "too many translucent backgrounds";
            return false;
        }
        layers[nl++] = s->background;
        if (s->background.a >= 1)
            break;
    }
    struct ea_css_color bg = { .valid = true, .r = 255, .g = 255, .b = 255, .a = 1 };
    while (nl--)
        bg = layers[nl].a >= 1 ? layers[nl] : ea_css_blend(layers[nl], bg);
    *out = bg;
    return true;
}

static bool own_text(const struct ea_node *n)
{
    for (const struct ea_node *c = n->first_child; c; c = c->next)
        if (c->type == EA_NODE_TEXT && !ea_text_is_blank(c->text, strlen(c->text)))
            return true;
    return false;
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

static void hex(struct ea_buf *b, struct ea_css_color c)
{
    ea_buf_addf(b, "#%02x%02x%02x", (unsigned)(c.r + 0.5), (unsigned)(c.g + 0.5),
                (unsigned)(c.b + 0.5));
}

static void judge(const struct ea_doc *doc, const struct ea_node *n, struct ea_results *out)
{
    const struct ea_css_style *s = ea_doc_style(doc, n);
    const char *why = NULL;
    struct ea_css_color bg;
    if (!s->color.valid || (s->maybe & (1u << EA_CSS_COLOR)))
        why = "the text colour cannot be decided statically";
    else if (s->effect || (s->maybe & (1u << EA_CSS_EFFECT)))
        why = "opacity, a filter or a text shadow changes the colours";
    else
        (void)background(doc, n, &bg, &why);
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
        if (ea_checks_judged(n) && !skipped(n) && own_text(n))
            judge(doc, n, out);
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
