#include "crawler/charset.h"

#include <errno.h>
#include <iconv.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/limits.h"
#include "core/log.h"
#include "core/xalloc.h"

/* One encoding we can decode: its WHATWG name and the glibc iconv name. */
struct encoding {
    const char *name;
    const char *iconv;
};

enum {
    ENC_UTF8,
    ENC_IBM866,
    ENC_8859_2,
    ENC_8859_3,
    ENC_8859_4,
    ENC_8859_5,
    ENC_8859_6,
    ENC_8859_7,
    ENC_8859_8,
    ENC_8859_8I,
    ENC_8859_10,
    ENC_8859_13,
    ENC_8859_14,
    ENC_8859_15,
    ENC_8859_16,
    ENC_KOI8R,
    ENC_KOI8U,
    ENC_MAC,
    ENC_WIN874,
    ENC_WIN1250,
    ENC_WIN1251,
    ENC_WIN1252,
    ENC_WIN1253,
    ENC_WIN1254,
    ENC_WIN1255,
    ENC_WIN1256,
    ENC_WIN1257,
    ENC_WIN1258,
    ENC_MACCYR,
    ENC_GBK,
    ENC_GB18030,
    ENC_BIG5,
    ENC_EUCJP,
    ENC_ISO2022JP,
    ENC_SJIS,
    ENC_EUCKR,
    ENC_UTF16BE,
    ENC_UTF16LE,
};

/* The decoders follow the Encoding Standard where glibc has a close converter: gbk is
 * decoded as gb18030, shift_jis as Microsoft's cp932, euc-kr as cp949, big5 as big5-hkscs. */
static const struct encoding encodings[] = {
    [ENC_UTF8] = { "utf-8", "UTF-8" },
    [ENC_IBM866] = { "ibm866", "IBM866" },
    [ENC_8859_2] = { "iso-8859-2", "ISO-8859-2" },
    [ENC_8859_3] = { "iso-8859-3", "ISO-8859-3" },
    [ENC_8859_4] = { "iso-8859-4", "ISO-8859-4" },
    [ENC_8859_5] = { "iso-8859-5", "ISO-8859-5" },
    [ENC_8859_6] = { "iso-8859-6", "ISO-8859-6" },
    [ENC_8859_7] = { "iso-8859-7", "ISO-8859-7" },
    [ENC_8859_8] = { "iso-8859-8", "ISO-8859-8" },
    [ENC_8859_8I] = { "iso-8859-8-i", "ISO-8859-8" },
    [ENC_8859_10] = { "iso-8859-10", "ISO-8859-10" },
    [ENC_8859_13] = { "iso-8859-13", "ISO-8859-13" },
    [ENC_8859_14] = { "iso-8859-14", "ISO-8859-14" },
    [ENC_8859_15] = { "iso-8859-15", "ISO-8859-15" },
    [ENC_8859_16] = { "iso-8859-16", "ISO-8859-16" },
    [ENC_KOI8R] = { "koi8-r", "KOI8-R" },
    [ENC_KOI8U] = { "koi8-u", "KOI8-U" },
    [ENC_MAC] = { "macintosh", "MACINTOSH" },
    [ENC_WIN874] = { "windows-874", "WINDOWS-874" },
    [ENC_WIN1250] = { "windows-1250", "WINDOWS-1250" },
    [ENC_WIN1251] = { "windows-1251", "WINDOWS-1251" },
    [ENC_WIN1252] = { "windows-1252", "WINDOWS-1252" },
    [ENC_WIN1253] = { "windows-1253", "WINDOWS-1253" },
    [ENC_WIN1254] = { "windows-1254", "WINDOWS-1254" },
    [ENC_WIN1255] = { "windows-1255", "WINDOWS-1255" },
    [ENC_WIN1256] = { "windows-1256", "WINDOWS-1256" },
    [ENC_WIN1257] = { "windows-1257", "WINDOWS-1257" },
    [ENC_WIN1258] = { "windows-1258", "WINDOWS-1258" },
    [ENC_MACCYR] = { "x-mac-cyrillic", "MAC-CYRILLIC" },
    [ENC_GBK] = { "gbk", "GB18030" },
    [ENC_GB18030] = { "gb18030", "GB18030" },
    [ENC_BIG5] = { "big5", "BIG5-HKSCS" },
    [ENC_EUCJP] = { "euc-jp", "EUC-JP" },
    [ENC_ISO2022JP] = { "iso-2022-jp", "ISO-2022-JP" },
    [ENC_SJIS] = { "shift_jis", "CP932" },
    [ENC_EUCKR] = { "euc-kr", "CP949" },
    [ENC_UTF16BE] = { "utf-16be", "UTF-16BE" },
    [ENC_UTF16LE] = { "utf-16le", "UTF-16LE" },
};

struct label {
    const char *label;
    int enc;
};

/* The Encoding Standard's label table (encoding.spec.whatwg.org), for the encodings above.
 * The "replacement" and "x-user-defined" labels are left out: they are unknown to us. */
static const struct label labels[] = {
    { "unicode-1-1-utf-8", ENC_UTF8 },
    { "unicode11utf8", ENC_UTF8 },
    { "unicode20utf8", ENC_UTF8 },
    { "utf-8", ENC_UTF8 },
    { "utf8", ENC_UTF8 },
    { "x-unicode20utf8", ENC_UTF8 },
    { "866", ENC_IBM866 },
    { "cp866", ENC_IBM866 },
    { "csibm866", ENC_IBM866 },
    { "ibm866", ENC_IBM866 },
    { "csisolatin2", ENC_8859_2 },
    { "iso-8859-2", ENC_8859_2 },
    { "iso-ir-101", ENC_8859_2 },
    { "iso8859-2", ENC_8859_2 },
    { "iso88592", ENC_8859_2 },
    { "iso_8859-2", ENC_8859_2 },
    { "iso_8859-2:1987", ENC_8859_2 },
    { "l2", ENC_8859_2 },
    { "latin2", ENC_8859_2 },
    { "csisolatin3", ENC_8859_3 },
    { "iso-8859-3", ENC_8859_3 },
    { "iso-ir-109", ENC_8859_3 },
    { "iso8859-3", ENC_8859_3 },
    { "iso88593", ENC_8859_3 },
    { "iso_8859-3", ENC_8859_3 },
    { "iso_8859-3:1988", ENC_8859_3 },
    { "l3", ENC_8859_3 },
    { "latin3", ENC_8859_3 },
    { "csisolatin4", ENC_8859_4 },
    { "iso-8859-4", ENC_8859_4 },
    { "iso-ir-110", ENC_8859_4 },
    { "iso8859-4", ENC_8859_4 },
    { "iso88594", ENC_8859_4 },
    { "iso_8859-4", ENC_8859_4 },
    { "iso_8859-4:1988", ENC_8859_4 },
    { "l4", ENC_8859_4 },
    { "latin4", ENC_8859_4 },
    { "csisolatincyrillic", ENC_8859_5 },
    { "cyrillic", ENC_8859_5 },
    { "iso-8859-5", ENC_8859_5 },
    { "iso-ir-144", ENC_8859_5 },
    { "iso8859-5", ENC_8859_5 },
    { "iso88595", ENC_8859_5 },
    { "iso_8859-5", ENC_8859_5 },
    { "iso_8859-5:1988", ENC_8859_5 },
    { "arabic", ENC_8859_6 },
    { "asmo-708", ENC_8859_6 },
    { "csiso88596e", ENC_8859_6 },
    { "csiso88596i", ENC_8859_6 },
    { "csisolatinarabic", ENC_8859_6 },
    { "ecma-114", ENC_8859_6 },
    { "iso-8859-6", ENC_8859_6 },
    { "iso-8859-6-e", ENC_8859_6 },
    { "iso-8859-6-i", ENC_8859_6 },
    { "iso-ir-127", ENC_8859_6 },
    { "iso8859-6", ENC_8859_6 },
    { "iso88596", ENC_8859_6 },
    { "iso_8859-6", ENC_8859_6 },
    { "iso_8859-6:1987", ENC_8859_6 },
    { "csisolatingreek", ENC_8859_7 },
    { "ecma-118", ENC_8859_7 },
    { "elot_928", ENC_8859_7 },
    { "greek", ENC_8859_7 },
    { "greek8", ENC_8859_7 },
    { "iso-8859-7", ENC_8859_7 },
    { "iso-ir-126", ENC_8859_7 },
    { "iso8859-7", ENC_8859_7 },
    { "iso88597", ENC_8859_7 },
    { "iso_8859-7", ENC_8859_7 },
    { "iso_8859-7:1987", ENC_8859_7 },
    { "sun_eu_greek", ENC_8859_7 },
    { "csiso88598e", ENC_8859_8 },
    { "csisolatinhebrew", ENC_8859_8 },
    { "hebrew", ENC_8859_8 },
    { "iso-8859-8", ENC_8859_8 },
    { "iso-8859-8-e", ENC_8859_8 },
    { "iso-ir-138", ENC_8859_8 },
    { "iso8859-8", ENC_8859_8 },
    { "iso88598", ENC_8859_8 },
    { "iso_8859-8", ENC_8859_8 },
    { "iso_8859-8:1988", ENC_8859_8 },
    { "visual", ENC_8859_8 },
    { "csiso88598i", ENC_8859_8I },
    { "iso-8859-8-i", ENC_8859_8I },
    { "logical", ENC_8859_8I },
    { "csisolatin6", ENC_8859_10 },
    { "iso-8859-10", ENC_8859_10 },
    { "iso-ir-157", ENC_8859_10 },
    { "iso8859-10", ENC_8859_10 },
    { "iso885910", ENC_8859_10 },
    { "l6", ENC_8859_10 },
    { "latin6", ENC_8859_10 },
    { "iso-8859-13", ENC_8859_13 },
    { "iso8859-13", ENC_8859_13 },
    { "iso885913", ENC_8859_13 },
    { "iso-8859-14", ENC_8859_14 },
    { "iso8859-14", ENC_8859_14 },
    { "iso885914", ENC_8859_14 },
    { "csisolatin9", ENC_8859_15 },
    { "iso-8859-15", ENC_8859_15 },
    { "iso8859-15", ENC_8859_15 },
    { "iso885915", ENC_8859_15 },
    { "iso_8859-15", ENC_8859_15 },
    { "l9", ENC_8859_15 },
    { "iso-8859-16", ENC_8859_16 },
    { "cskoi8r", ENC_KOI8R },
    { "koi", ENC_KOI8R },
    { "koi8", ENC_KOI8R },
    { "koi8-r", ENC_KOI8R },
    { "koi8_r", ENC_KOI8R },
    { "koi8-ru", ENC_KOI8U },
    { "koi8-u", ENC_KOI8U },
    { "csmacintosh", ENC_MAC },
    { "mac", ENC_MAC },
    { "macintosh", ENC_MAC },
    { "x-mac-roman", ENC_MAC },
    { "dos-874", ENC_WIN874 },
    { "iso-8859-11", ENC_WIN874 },
    { "iso8859-11", ENC_WIN874 },
    { "iso885911", ENC_WIN874 },
    { "tis-620", ENC_WIN874 },
    { "windows-874", ENC_WIN874 },
    { "cp1250", ENC_WIN1250 },
    { "windows-1250", ENC_WIN1250 },
    { "x-cp1250", ENC_WIN1250 },
    { "cp1251", ENC_WIN1251 },
    { "windows-1251", ENC_WIN1251 },
    { "x-cp1251", ENC_WIN1251 },
    { "ansi_x3.4-1968", ENC_WIN1252 },
    { "ascii", ENC_WIN1252 },
    { "cp1252", ENC_WIN1252 },
    { "cp819", ENC_WIN1252 },
    { "csisolatin1", ENC_WIN1252 },
    { "ibm819", ENC_WIN1252 },
    { "iso-8859-1", ENC_WIN1252 },
    { "iso-ir-100", ENC_WIN1252 },
    { "iso8859-1", ENC_WIN1252 },
    { "iso88591", ENC_WIN1252 },
    { "iso_8859-1", ENC_WIN1252 },
    { "iso_8859-1:1987", ENC_WIN1252 },
    { "l1", ENC_WIN1252 },
    { "latin1", ENC_WIN1252 },
    { "us-ascii", ENC_WIN1252 },
    { "windows-1252", ENC_WIN1252 },
    { "x-cp1252", ENC_WIN1252 },
    { "cp1253", ENC_WIN1253 },
    { "windows-1253", ENC_WIN1253 },
    { "x-cp1253", ENC_WIN1253 },
    { "cp1254", ENC_WIN1254 },
    { "csisolatin5", ENC_WIN1254 },
    { "iso-8859-9", ENC_WIN1254 },
    { "iso-ir-148", ENC_WIN1254 },
    { "iso8859-9", ENC_WIN1254 },
    { "iso88599", ENC_WIN1254 },
    { "iso_8859-9", ENC_WIN1254 },
    { "iso_8859-9:1989", ENC_WIN1254 },
    { "l5", ENC_WIN1254 },
    { "latin5", ENC_WIN1254 },
    { "windows-1254", ENC_WIN1254 },
    { "x-cp1254", ENC_WIN1254 },
    { "cp1255", ENC_WIN1255 },
    { "windows-1255", ENC_WIN1255 },
    { "x-cp1255", ENC_WIN1255 },
    { "cp1256", ENC_WIN1256 },
    { "windows-1256", ENC_WIN1256 },
    { "x-cp1256", ENC_WIN1256 },
    { "cp1257", ENC_WIN1257 },
    { "windows-1257", ENC_WIN1257 },
    { "x-cp1257", ENC_WIN1257 },
    { "cp1258", ENC_WIN1258 },
    { "windows-1258", ENC_WIN1258 },
    { "x-cp1258", ENC_WIN1258 },
    { "x-mac-cyrillic", ENC_MACCYR },
    { "x-mac-ukrainian", ENC_MACCYR },
    { "chinese", ENC_GBK },
    { "csgb2312", ENC_GBK },
    { "csiso58gb231280", ENC_GBK },
    { "gb2312", ENC_GBK },
    { "gb_2312", ENC_GBK },
    { "gb_2312-80", ENC_GBK },
    { "gbk", ENC_GBK },
    { "iso-ir-58", ENC_GBK },
    { "x-gbk", ENC_GBK },
    { "gb18030", ENC_GB18030 },
    { "big5", ENC_BIG5 },
    { "big5-hkscs", ENC_BIG5 },
    { "cn-big5", ENC_BIG5 },
    { "csbig5", ENC_BIG5 },
    { "x-x-big5", ENC_BIG5 },
    { "cseucpkdfmtjapanese", ENC_EUCJP },
    { "euc-jp", ENC_EUCJP },
    { "x-euc-jp", ENC_EUCJP },
    { "csiso2022jp", ENC_ISO2022JP },
    { "iso-2022-jp", ENC_ISO2022JP },
    { "csshiftjis", ENC_SJIS },
    { "ms932", ENC_SJIS },
    { "ms_kanji", ENC_SJIS },
    { "shift-jis", ENC_SJIS },
    { "shift_jis", ENC_SJIS },
    { "sjis", ENC_SJIS },
    { "windows-31j", ENC_SJIS },
    { "x-sjis", ENC_SJIS },
    { "cseuckr", ENC_EUCKR },
    { "csksc56011987", ENC_EUCKR },
    { "euc-kr", ENC_EUCKR },
    { "iso-ir-149", ENC_EUCKR },
    { "korean", ENC_EUCKR },
    { "ks_c_5601-1987", ENC_EUCKR },
    { "ks_c_5601-1989", ENC_EUCKR },
    { "ksc5601", ENC_EUCKR },
    { "ksc_5601", ENC_EUCKR },
    { "windows-949", ENC_EUCKR },
    { "unicodefffe", ENC_UTF16BE },
    { "utf-16be", ENC_UTF16BE },
    { "csunicode", ENC_UTF16LE },
    { "iso-10646-ucs-2", ENC_UTF16LE },
    { "ucs-2", ENC_UTF16LE },
    { "unicode", ENC_UTF16LE },
    { "unicodefeff", ENC_UTF16LE },
    { "utf-16", ENC_UTF16LE },
    { "utf-16le", ENC_UTF16LE },
};

/* The longest label above is 19 bytes; anything longer is unknown without a lookup. */
#define MAX_LABEL 32
/* The WHATWG prescan looks at this many bytes for a <meta> charset. */
#define PRESCAN_BYTES 1024

static const char replacement[] = "\xEF\xBF\xBD";

static bool is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

static unsigned char lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

static int lookup_enc(const char *label, size_t len)
{
    if (!label)
        return -1;
    while (len && is_space((unsigned char)label[0])) {
        label++;
        len--;
    }
    while (len && is_space((unsigned char)label[len - 1]))
        len--;
    if (!len || len >= MAX_LABEL)
        return -1;
    char low[MAX_LABEL];
    for (size_t i = 0; i < len; i++)
        low[i] = (char)lower((unsigned char)label[i]);
    low[len] = '\0';
    for (size_t i = 0; i < EA_ARRAY_LEN(labels); i++)
        if (!strcmp(labels[i].label, low))
            return labels[i].enc;
    return -1;
}

const char *ea_charset_lookup(const char *label, size_t len)
{
    int enc = lookup_enc(label, len);
    return enc < 0 ? NULL : encodings[enc].name;
}

const char *ea_charset_source_name(enum ea_charset_source s)
{
    switch (s) {
    case EA_CHARSET_BOM:
        return "bom";
    case EA_CHARSET_HTTP:
        return "http";
    case EA_CHARSET_META:
        return "meta";
    case EA_CHARSET_SNIFF:
        return "sniff";
    case EA_CHARSET_DEFAULT:
        return "default";
    }
    return "unknown";
}

/* --- UTF-8 validation ------------------------------------------------------------------ */

/* Length of the valid UTF-8 sequence at p (1..4), or 0 when invalid. *sub gets the length of
 * the maximal subpart to replace with one U+FFFD (Unicode's "substitution of maximal
 * subparts", as the Encoding Standard's decoder does); *cut is set when the sequence is a
 * valid prefix cut by the end of the input. */
static size_t utf8_seq(const unsigned char *p, size_t n, size_t *sub, bool *cut)
{
    unsigned char c = p[0];
    size_t need;
    unsigned char lo = 0x80, hi = 0xBF;
    *cut = false;
    *sub = 1;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 3;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 4;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else {
        return 0;
    }
    size_t i = 1;
    for (; i < need; i++) {
        if (i >= n) {
            *cut = true;
            *sub = i;
            return 0;
        }
        unsigned char b = p[i];
        if (i == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) {
            *sub = i;
            return 0;
        }
    }
    return need;
}

/* Whether the bytes are UTF-8 with at least one non-ASCII character; a sequence cut by the
 * end of a (possibly truncated) body does not count against it. */
static bool looks_utf8(const unsigned char *p, size_t n)
{
    bool non_ascii = false;
    size_t i = 0;
    while (i < n) {
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        size_t sub;
        bool cut;
        size_t k = utf8_seq(p + i, n - i, &sub, &cut);
        if (!k)
            return cut;
        non_ascii = true;
        i += k;
    }
    return non_ascii;
}

/* --- output ---------------------------------------------------------------------------- */

struct out {
    char *p;
    size_t len, alloc;
    bool full; /* EA_MAX_DECODED reached: the rest of the input is dropped */
};

static void out_reserve(struct out *o, size_t extra)
{
    size_t need = o->len + extra + 1;
    if (need <= o->alloc)
        return;
    size_t n = o->alloc ? o->alloc : 256;
    while (n < need)
        n *= 2;
    o->p = ea_xrealloc(o->p, n);
    o->alloc = n;
}

/* Appends one whole character (or run of them) unless that would pass the cap. */
static bool out_add(struct out *o, const char *s, size_t n)
{
    if (o->full || n > EA_MAX_DECODED - o->len) {
        o->full = true;
        return false;
    }
    out_reserve(o, n);
    memcpy(o->p + o->len, s, n);
    o->len += n;
    return true;
}

static void decode_utf8(const unsigned char *p, size_t n, struct out *o, size_t *replaced)
{
    size_t i = 0;
    while (i < n && !o->full) {
        /* Copy runs of valid bytes in one go. */
        size_t start = i;
        while (i < n) {
            size_t sub;
            bool cut;
            size_t k = p[i] < 0x80 ? 1 : utf8_seq(p + i, n - i, &sub, &cut);
            if (!k)
                break;
            i += k;
        }
        if (i > start && !out_add(o, (const char *)p + start, i - start))
            break;
        if (i < n) {
            size_t sub;
            bool cut;
            (void)utf8_seq(p + i, n - i, &sub, &cut);
            if (!out_add(o, replacement, 3))
                break;
            (*replaced)++;
            i += sub;
        }
    }
}

static enum ea_err decode_iconv(const struct encoding *enc, const char *in, size_t n, struct out *o,
                                size_t *replaced)
{
    iconv_t cd = iconv_open("UTF-8", enc->iconv);
    if (cd == (iconv_t)-1) {
        ea_log_error("cannot decode '%s': iconv has no converter for '%s'", enc->name, enc->iconv);
        return EA_CHARSET;
    }
    char *ip = (char *)(uintptr_t)in; /* iconv's prototype predates const */
    size_t ileft = n;
    /* Most pages are mostly ASCII: start at the input size and grow. */
    out_reserve(o, n + n / 2 + 16);
    while (ileft && !o->full) {
        size_t room = o->alloc - o->len - 1;
        if (room > EA_MAX_DECODED - o->len)
            room = EA_MAX_DECODED - o->len;
        char *op = o->p + o->len;
        size_t oleft = room;
        size_t r = iconv(cd, &ip, &ileft, &op, &oleft);
        o->len += room - oleft;
        if (r != (size_t)-1)
            break;
        if (errno == E2BIG) {
            if (o->len + 8 > EA_MAX_DECODED) {
                o->full = true;
                break;
            }
            out_reserve(o, (o->alloc - o->len) + 64);
        } else if (errno == EILSEQ) {
            if (!out_add(o, replacement, 3))
                break;
            (*replaced)++;
            ip++;
            ileft--;
        } else { /* EINVAL: a sequence cut by the end of the input */
            if (out_add(o, replacement, 3))
                (*replaced)++;
            ileft = 0;
        }
    }
    /* Flush any shift state (ISO-2022-JP) back to the initial state. */
    if (!o->full) {
        out_reserve(o, 16);
        char *op = o->p + o->len;
        size_t oleft = 16;
        if (iconv(cd, NULL, NULL, &op, &oleft) != (size_t)-1)
            o->len += 16 - oleft;
    }
    iconv_close(cd);
    return EA_OK;
}

/* --- sniffing -------------------------------------------------------------------------- */

/* The Encoding Standard's "extract a character encoding from a meta element" (also fine for
 * a Content-Type header): the value after "charset=", quoted or not. */
static bool extract_charset(const char *s, size_t n, const char **val, size_t *vlen)
{
    size_t i = 0;
    for (;;) {
        while (i + 7 <= n) {
            size_t k = 0;
            while (k < 7 && lower((unsigned char)s[i + k]) == (unsigned char)"charset"[k])
                k++;
            if (k == 7)
                break;
            i++;
        }
        if (i + 7 > n)
            return false;
        i += 7;
        while (i < n && is_space((unsigned char)s[i]))
            i++;
        if (i < n && s[i] == '=')
            break;
        /* "charset" not followed by '=': look for the next one from here. */
    }
    i++;
    while (i < n && is_space((unsigned char)s[i]))
        i++;
    if (i >= n)
        return false;
    if (s[i] == '"' || s[i] == '\'') {
        char q = s[i++];
        size_t start = i;
        while (i < n && s[i] != q)
            i++;
        if (i >= n)
            return false;
        *val = s + start;
        *vlen = i - start;
        return true;
    }
    size_t start = i;
    while (i < n && !is_space((unsigned char)s[i]) && s[i] != ';')
        i++;
    *val = s + start;
    *vlen = i - start;
    return *vlen > 0;
}

static bool ci_eq(const char *a, size_t n, const char *lit)
{
    size_t m = strlen(lit);
    if (n != m)
        return false;
    for (size_t i = 0; i < n; i++)
        if (lower((unsigned char)a[i]) != (unsigned char)lit[i])
            return false;
    return true;
}

struct attr {
    const char *name, *value;
    size_t nlen, vlen;
};

/* The HTML "get an attribute" algorithm, simplified: returns false at '>' or the end. */
static bool get_attr(const char *s, size_t n, size_t *pos, struct attr *a)
{
    size_t i = *pos;
    while (i < n && (is_space((unsigned char)s[i]) || s[i] == '/'))
        i++;
    if (i >= n || s[i] == '>') {
        *pos = i;
        return false;
    }
    a->name = s + i;
    size_t start = i;
    while (i < n && !is_space((unsigned char)s[i]) && s[i] != '/' && s[i] != '>' &&
           (s[i] != '=' || i == start))
        i++;
    a->nlen = i - start;
    a->value = s + i;
    a->vlen = 0;
    while (i < n && is_space((unsigned char)s[i]))
        i++;
    if (i < n && s[i] == '=') {
        i++;
        while (i < n && is_space((unsigned char)s[i]))
            i++;
        if (i < n && (s[i] == '"' || s[i] == '\'')) {
            char q = s[i++];
            size_t vs = i;
            while (i < n && s[i] != q)
                i++;
            a->value = s + vs;
            a->vlen = i - vs;
            if (i < n)
                i++;
        } else {
            size_t vs = i;
            while (i < n && !is_space((unsigned char)s[i]) && s[i] != '>')
                i++;
            a->value = s + vs;
            a->vlen = i - vs;
        }
    }
    *pos = i;
    return true;
}

static void note_unknown(struct ea_decoded *out, const char *label, size_t len)
{
    if (out->unknown_label)
        return;
    if (len > MAX_LABEL * 4)
        len = MAX_LABEL * 4;
    out->unknown_label = ea_xstrndup(label, len);
}

/* The WHATWG prescan of the first 1024 bytes for <meta charset> or a <meta http-equiv>
 * Content-Type. Returns an encoding index or -1. */
static int prescan(const char *s, size_t n, struct ea_decoded *out)
{
    if (n > PRESCAN_BYTES)
        n = PRESCAN_BYTES;
    size_t i = 0;
    while (i < n) {
        if (s[i] != '<') {
            i++;
            continue;
        }
        if (i + 4 <= n && !memcmp(s + i, "<!--", 4)) {
            const char *end = NULL;
            for (size_t k = i + 4; k + 3 <= n; k++)
                if (!memcmp(s + k, "-->", 3)) {
                    end = s + k;
                    break;
                }
            if (!end)
                return -1;
            i = (size_t)(end - s) + 3;
            continue;
        }
        if (i + 6 <= n && ci_eq(s + i, 5, "<meta") &&
            (is_space((unsigned char)s[i + 5]) || s[i + 5] == '/')) {
            size_t pos = i + 5;
            struct attr a;
            bool got_pragma = false, have_charset = false;
            int need_pragma = 0; /* 0 unset, 1 false (charset attr), 2 true (content) */
            int enc = -1;
            const char *label = NULL;
            size_t label_len = 0;
            while (get_attr(s, n, &pos, &a)) {
                if (ci_eq(a.name, a.nlen, "http-equiv")) {
                    if (ci_eq(a.value, a.vlen, "content-type"))
                        got_pragma = true;
                } else if (ci_eq(a.name, a.nlen, "content") && !have_charset) {
                    const char *v;
                    size_t vl;
                    if (extract_charset(a.value, a.vlen, &v, &vl)) {
                        label = v;
                        label_len = vl;
                        have_charset = true;
                        need_pragma = 2;
                    }
                } else if (ci_eq(a.name, a.nlen, "charset") && !have_charset) {
                    label = a.value;
                    label_len = a.vlen;
                    have_charset = true;
                    need_pragma = 1;
                }
            }
            i = pos;
            if (have_charset && !(need_pragma == 2 && !got_pragma)) {
                enc = lookup_enc(label, label_len);
                if (enc < 0) {
                    note_unknown(out, label, label_len);
                    continue;
                }
                /* A page that can be read as ASCII cannot be UTF-16. */
                if (enc == ENC_UTF16BE || enc == ENC_UTF16LE)
                    enc = ENC_UTF8;
                return enc;
            }
            continue;
        }
        if (i + 1 < n && (s[i + 1] == '!' || s[i + 1] == '/' || s[i + 1] == '?')) {
            while (i < n && s[i] != '>')
                i++;
            continue;
        }
        if (i + 1 < n && ((s[i + 1] | 0x20) >= 'a' && (s[i + 1] | 0x20) <= 'z')) {
            /* Another tag: skip its attributes, which may hold a quoted '>'. */
            size_t pos = i + 1;
            while (pos < n && !is_space((unsigned char)s[pos]) && s[pos] != '>')
                pos++;
            struct attr a;
            while (get_attr(s, n, &pos, &a))
                ;
            i = pos;
            continue;
        }
        i++;
    }
    return -1;
}

enum ea_err ea_charset_decode(const char *bytes, size_t len, const char *content_type,
                              struct ea_decoded *out)
{
    struct ea_decoded d = { 0 };
    const unsigned char *u = (const unsigned char *)bytes;
    size_t skip = 0;
    int enc = -1;

    if (!bytes)
        len = 0;
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        enc = ENC_UTF8;
        skip = 3;
    } else if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
        enc = ENC_UTF16BE;
        skip = 2;
    } else if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
        enc = ENC_UTF16LE;
        skip = 2;
    }
    if (enc >= 0)
        d.source = EA_CHARSET_BOM;

    if (enc < 0 && content_type) {
        const char *v;
        size_t vl;
        /* Only the parameters: the type itself cannot hold a charset. */
        const char *semi = strchr(content_type, ';');
        if (semi && extract_charset(semi, strlen(semi), &v, &vl)) {
            enc = lookup_enc(v, vl);
            if (enc < 0)
                note_unknown(&d, v, vl);
            else
                d.source = EA_CHARSET_HTTP;
        }
    }
    if (enc < 0) {
        enc = prescan(bytes ? bytes : "", len, &d);
        if (enc >= 0)
            d.source = EA_CHARSET_META;
    }
    if (enc < 0 && looks_utf8(u, len)) {
        enc = ENC_UTF8;
        d.source = EA_CHARSET_SNIFF;
    }
    if (enc < 0) {
        enc = ENC_WIN1257;
        d.source = EA_CHARSET_DEFAULT;
    }
    d.encoding = encodings[enc].name;

    struct out o = { 0 };
    enum ea_err err = EA_OK;
    if (enc == ENC_UTF8)
        decode_utf8(u + skip, len - skip, &o, &d.replaced);
    else
        err = decode_iconv(&encodings[enc], bytes + skip, len - skip, &o, &d.replaced);
    if (err) {
        free(o.p);
        free(d.unknown_label);
        return err;
    }
    if (o.full)
        ea_log_warn("decoded page cut at %u bytes", (unsigned)EA_MAX_DECODED);
    out_reserve(&o, 0);
    o.p[o.len] = '\0';
    d.utf8 = o.p;
    d.len = o.len;
    *out = d;
    return EA_OK;
}

void ea_decoded_release(struct ea_decoded *d)
{
    if (!d)
        return;
    free(d->utf8);
    free(d->unknown_label);
    memset(d, 0, sizeof(*d));
}
