/* sniff.c — telling a file's format from its bytes; see sniff.h. */
#include "sniff.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "../i18n.h"

typedef struct {
    const char *magic;
    size_t len;
    const char *what, *hint;
} magic_number;

/* Formats that may never be read as text, by their first bytes. */
static const magic_number magics[] = {
    {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8, N_("a legacy Microsoft Office file (.doc, .xls or .ppt)"),
     N_("save it as .docx (in Word, or: libreoffice --headless --convert-to docx FILE)")},
    {"{\\rtf", 5, N_("an RTF document"), N_("convert it to .docx or .odt (libreoffice --headless --convert-to docx FILE)")},
    {"\x1F\x8B", 2, N_("a gzip archive"), N_("unpack it first (gunzip)")},
    {"BZh", 3, N_("a bzip2 archive"), N_("unpack it first (bunzip2)")},
    {"\xFD" "7zXZ", 5, N_("an xz archive"), N_("unpack it first (unxz)")},
    {"7z\xBC\xAF\x27\x1C", 6, N_("a 7-Zip archive"), N_("unpack it first")},
    {"Rar!", 4, N_("a RAR archive"), N_("unpack it first")},
    {"\x89PNG", 4, N_("a PNG image"), NULL},
    {"\xFF\xD8\xFF", 3, N_("a JPEG image"), NULL},
    {"GIF8", 4, N_("a GIF image"), NULL},
    {"\x7F" "ELF", 4, N_("a program (ELF)"), NULL},
    {"ID3", 3, N_("an MP3 recording"), NULL},
    {"RIFF", 4, N_("a RIFF file (a WAV recording or an AVI video)"), NULL},
    {"OggS", 4, N_("an Ogg recording"), NULL},
    {"\x1A\x45\xDF\xA3", 4, N_("a Matroska or WebM video"), NULL},
};

static int starts_with_ci(const char *p, const char *end, const char *word)
{
    size_t n = strlen(word);
    return (size_t)(end - p) >= n && strncasecmp(p, word, n) == 0;
}

/* After a tag name: the byte that must follow it (WHATWG: a space or '>'). */
static int tag_ends(const char *p, const char *end)
{
    return p >= end || *p == ' ' || *p == '>' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' || *p == '/';
}

static const char *skip_space(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f'))
        p++;
    return p;
}

/* The name of the first element after p (XML: comments, PIs and the doctype skipped). */
static int xml_root(const char *p, const char *end, char *out, size_t size)
{
    while (p < end) {
        p = skip_space(p, end);
        if (p >= end || *p != '<')
            return 0;
        if (starts_with_ci(p, end, "<?") || starts_with_ci(p, end, "<!DOCTYPE")) {
            const char *gt = memchr(p, '>', (size_t)(end - p));
            if (!gt)
                return 0;
            p = gt + 1;
        } else if (starts_with_ci(p, end, "<!--")) {
            const char *q = p + 4;
            while (q + 3 <= end && memcmp(q, "-->", 3) != 0)
                q++;
            if (q + 3 > end)
                return 0;
            p = q + 3;
        } else {
            const char *q = ++p;
            while (q < end && !tag_ends(q, end) && (size_t)(q - p) + 1 < size)
                q++;
            if (q == p)
                return 0;
            snprintf(out, size, "%.*s", (int)(q - p), p);
            return 1;
        }
    }
    return 0;
}

static int looks_like_html(const char *p, const char *end)
{
    static const char *const starts[] = {"<!DOCTYPE HTML", "<HTML", "<HEAD", "<SCRIPT", "<IFRAME", "<H1", "<DIV",
                                         "<FONT", "<TABLE", "<A", "<STYLE", "<TITLE", "<B", "<BODY", "<BR", "<P",
                                         "<!--", "<META", "<SECTION", "<ARTICLE", "<UL", "<OL", "<H2", "<H3"};
    p = skip_space(p, end);
    for (size_t k = 0; k < sizeof starts / sizeof *starts; k++)
        if (starts_with_ci(p, end, starts[k]) && (strcmp(starts[k], "<!--") == 0 || tag_ends(p + strlen(starts[k]), end)))
            return 1;
    return 0;
}

void sniff_bytes(const char *buf, size_t len, sniff_result *out)
{
    memset(out, 0, sizeof *out);
    const char *p = buf, *end = buf + len;
    if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    size_t n = (size_t)(end - p);
    if (n >= 4 && (memcmp(p, "PK\x03\x04", 4) == 0 || memcmp(p, "PK\x05\x06", 4) == 0)) {
        out->kind = SNIFF_ZIP;
        return;
    }
    if (n >= 5 && memcmp(p, "%PDF-", 5) == 0) {
        out->kind = SNIFF_PDF;
        return;
    }
    for (size_t k = 0; k < sizeof magics / sizeof *magics; k++)
        if (n >= magics[k].len && memcmp(p, magics[k].magic, magics[k].len) == 0) {
            out->kind = SNIFF_BINARY;
            out->what = magics[k].what;
            out->hint = magics[k].hint;
            return;
        }
    const char *q = skip_space(p, end);
    if (starts_with_ci(q, end, "<?xml") && xml_root(q, end, out->root, sizeof out->root)) {
        out->kind = SNIFF_XML;
        return;
    }
    if (looks_like_html(q, end)) {
        out->kind = SNIFF_HTML;
        return;
    }
    /* XML without a declaration: a root element that is no HTML start, with a namespace */
    char root[64];
    if (q < end && *q == '<' && xml_root(q, end, root, sizeof root)) {
        const char *gt = memchr(q, '>', (size_t)(end - q));
        if (gt && memmem(q, (size_t)(gt - q), "xmlns", 5)) {
            out->kind = SNIFF_XML;
            snprintf(out->root, sizeof out->root, "%s", root);
        }
    }
}

/* The value after `key` (charset= or encoding=) at p, quoted or not. */
static int value_after(const char *p, const char *end, char *out, size_t size)
{
    while (p < end && (*p == ' ' || *p == '"' || *p == '\''))
        p++;
    const char *q = p;
    while (q < end && (size_t)(q - p) + 1 < size &&
           ((*q >= 'A' && *q <= 'Z') || (*q >= 'a' && *q <= 'z') || (*q >= '0' && *q <= '9') || *q == '-' ||
            *q == '_' || *q == '.' || *q == ':'))
        q++;
    if (q == p)
        return 0;
    snprintf(out, size, "%.*s", (int)(q - p), p);
    return 1;
}

int sniff_declared_charset(const char *buf, size_t len, char *out, size_t size)
{
    size_t n = len < 2048 ? len : 2048;
    const char *end = buf + n;
    static const char *const keys[] = {"charset=", "encoding="};
    for (const char *p = buf; p < end; p++)
        for (size_t k = 0; k < 2; k++)
            if (starts_with_ci(p, end, keys[k]))
                return value_after(p + strlen(keys[k]), end, out, size);
    return 0;
}
