/* file_ext.c — file name extensions in any case; see file_ext.h. */
#include "file_ext.h"

#include <string.h>
#include <strings.h>

/* Extensions of formats people give -o by mistake or in hope: what polyalign writes
 * somewhere (a command's own list says where) and what it writes nowhere. */
static const char *const known[] = {
    "xlsx", "xls", "ods", "csv", "tsv", "docx", "doc", "odt", "rtf", "pdf", "html", "htm", "xhtml", "xml",
    "xliff", "xlf", "xlz", "sdlxliff", "mqxliff", "tmx", "tbx", "po", "pot", "mo", "json", "jsonl", "srt",
    "vtt", "ass", "ssa", "sub", "sbv", "ttml", "dfxp", "scc", "stl", "lrc", "smi", "txt", "md", "epub",
    "zip", "align", "beads", "wav", "mp3", "mp4"};

const char *file_base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

const char *file_ext_foreign(const char *path, const char *const *writes)
{
    const char *dot = path ? strrchr(path, '.') : NULL;
    if (!dot || strchr(dot, '/'))
        return NULL;
    for (const char *const *w = writes; *w; w++)
        if (strcasecmp(dot + 1, *w) == 0)
            return NULL;
    for (size_t k = 0; k < sizeof known / sizeof *known; k++)
        if (strcasecmp(dot + 1, known[k]) == 0)
            return dot + 1;
    return NULL;
}

int file_ext_is(const char *path, const char *ext)
{
    const char *dot = path ? strrchr(path, '.') : NULL;
    return dot && !strchr(dot, '/') && strcasecmp(dot + 1, ext) == 0;
}
