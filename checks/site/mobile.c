/* The viewport meta as the questionnaire reads it (mobile_viewport, mobile_zoom). */
#include <stdlib.h>
#include <strings.h>

#include "checks/site/scan.h"

static bool vp_sep(char c)
{
    return c == ',' || c == ';' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static bool key_is(const char *s, size_t n, const char *word)
{
    size_t m = 0;
    while (word[m])
        m++;
    return m == n && strncasecmp(s, word, n) == 0;
}

void ea_viewport_parse(const char *content, struct ea_viewport *vp)
{
    const char *p = content ? content : "";
    vp->device_width = false;
    vp->blocks_zoom = false;
    while (*p) {
        while (*p && vp_sep(*p) && *p != ' ')
            p++;
        while (*p == ' ')
            p++;
        const char *key = p;
        while (*p && *p != '=' && !vp_sep(*p))
            p++;
        size_t klen = (size_t)(p - key);
        while (*p == ' ')
            p++;
        if (*p != '=') {
            if (klen == 0 && *p)
                p++;
            continue;
        }
        p++;
        while (*p == ' ')
            p++;
        const char *val = p;
        while (*p && !vp_sep(*p))
            p++;
        size_t vlen = (size_t)(p - val);
        char *num_end;
        double v = vlen ? strtod(val, &num_end) : 0;
        bool num = vlen && num_end > val && num_end <= p;
        if (key_is(key, klen, "width"))
            vp->device_width = key_is(val, vlen, "device-width");
        else if (key_is(key, klen, "user-scalable"))
            vp->blocks_zoom |= num ? (v > -1 && v < 1) : key_is(val, vlen, "no");
        else if (key_is(key, klen, "maximum-scale") && num && v >= 0 && v < 2)
            vp->blocks_zoom = true;
    }
}
