/* manifest.c — reading a batch's document sets; see manifest.h. */
#include "manifest.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "../doc/text.h"
#include "../i18n.h"
#include "../text/input.h"
#include "../text/utf8.h"
#include "../util/error.h"
#include "../util/u64table.h"
#include "../util/vec.h"

/* Set *slot to a malloc'd message: 0, or -ERR_NOMEM. */
static int set_message(char **slot, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int set_message(char **slot, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    utf8_vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    free(*slot);
    *slot = strdup(buf);
    return *slot ? 0 : error_nomem();
}

static manifest_doc *add_doc(manifest *m, size_t line)
{
    if (vec_reserve(&m->docs, &m->cap, m->n + 1, sizeof *m->docs) < 0)
        return NULL;
    manifest_doc *d = &m->docs[m->n++];
    memset(d, 0, sizeof *d);
    d->line = line;
    return d;
}

static void doc_free(manifest_doc *d)
{
    free(d->id);
    for (int k = 0; k < 3; k++) {
        free(d->given[k]);
        free(d->path[k]);
    }
    free(d->error);
    free(d->note);
}

void manifest_free(manifest *m)
{
    for (size_t k = 0; k < m->n; k++)
        doc_free(&m->docs[k]);
    free(m->docs);
    free(m->name);
    memset(m, 0, sizeof *m);
}

void manifest_doc_where(const manifest *m, const manifest_doc *d, char *buf, size_t size)
{
    if (m->from_dir)
        snprintf(buf, size, "%s", m->name);
    else
        snprintf(buf, size, "%s:%zu", m->name, d->line);
}

/* The folder part of path with its slash ("" for a bare name). */
static size_t folder_len(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? (size_t)(slash - path + 1) : 0;
}

/* An id names OUTDIR/docs/ID.tmx: no slash, no leading dot, no control character. */
static int id_is_file_name(const char *id)
{
    size_t n = strlen(id);
    if (n == 0 || n > MANIFEST_ID_MAX || id[0] == '.' || strchr(id, '/'))
        return 0;
    for (size_t k = 0; k < n; k++)
        if ((unsigned char)id[k] < 0x20 || id[k] == 0x7f)
            return 0;
    return 1;
}

/* Whether the file name (after its first dot) has a part naming language `tag`'s base. */
static int name_says(const char *path, const char *tag)
{
    char base[LANG_TAG_MAX];
    lang_base(tag, base);
    const char *name = path + folder_len(path);
    const char *p = strchr(name, '.');
    while (p) {
        const char *part = p + 1;
        p = strchr(part, '.');
        size_t len = p ? (size_t)(p - part) : strlen(part);
        if ((len == strlen(base) && strncasecmp(part, base, len) == 0) ||
            (len == strlen(tag) && strncasecmp(part, tag, len) == 0))
            return 1;
    }
    return 0;
}

/* Is part[0..len) a language tag ICU knows, into out? Only two-letter languages (with a
 * region: pt-BR, zh_CN), so that no extension ("txt", "html") is ever taken for one. */
static int part_language(const char *part, size_t len, char out[LANG_TAG_MAX])
{
    char tag[LANG_TAG_MAX];
    if (len < 2 || len >= sizeof tag || (len > 2 && part[2] != '-' && part[2] != '_'))
        return 0;
    memcpy(tag, part, len);
    tag[len] = '\0';
    for (int k = 0; k < 2; k++)
        if (!((tag[k] >= 'a' && tag[k] <= 'z') || (tag[k] >= 'A' && tag[k] <= 'Z')))
            return 0;
    return lang_normalize(tag, out) == 0; /* its message is not ours: nothing is reported */
}

/* The language a file's name gives in the NAME.LANG[.EXT] convention of --from-dir, read
 * as file_lang reads it (the last part, else the one before it): "report.de.txt" says
 * de, into out; 0 when the name says none. */
static int name_language(const char *path, char out[LANG_TAG_MAX])
{
    const char *name = path + folder_len(path);
    const char *last = strrchr(name, '.');
    if (!last || last == name)
        return 0;
    if (part_language(last + 1, strlen(last + 1), out))
        return 1;
    const char *before = last;
    while (before > name && before[-1] != '.')
        before--;
    return before - 1 > name && part_language(before, (size_t)(last - before), out);
}

/* Check that the files of d exist and are where the manifest says; fill bytes, error, note. */
static int check_files(const manifest *m, manifest_doc *d, const char *folder_real)
{
    const char *outside = NULL;
    for (int k = 0; k < m->nlangs; k++) {
        struct stat st;
        if (stat(d->path[k], &st) < 0)
            return set_message(&d->error, "%s: %s", d->given[k], strerror(errno));
        if (S_ISDIR(st.st_mode))
            return set_message(&d->error, _("%s: is a directory, not a text"), d->given[k]);
        d->bytes += (uint64_t)st.st_size;
        for (int j = 0; j < m->nlangs; j++)
            if (j != k && name_says(d->given[k], m->langs[j]) && !name_says(d->given[k], m->langs[k]))
                return set_message(&d->error,
                                   _("%s is in the %s column, but its name says %s: are the columns in the order of "
                                     "the header?"),
                                   d->given[k], m->langs[k], m->langs[j]);
        char said[LANG_TAG_MAX];
        int named = 0;
        if (name_language(d->given[k], said)) {
            for (int j = 0; j < m->nlangs && !named; j++)
                named = lang_tags_match(said, m->langs[j]);
            if (!named)
                return set_message(&d->error,
                                   _("%s is in the %s column, but its name says %s, a language the header does not "
                                     "name"),
                                   d->given[k], m->langs[k], said);
        }
        char *real = folder_real && !outside ? realpath(d->path[k], NULL) : NULL;
        size_t fl = folder_real ? strlen(folder_real) : 0;
        if (real && !(strncmp(real, folder_real, fl) == 0 && (real[fl] == '/' || fl == 1)))
            outside = d->given[k];
        free(real);
    }
    return outside ? set_message(&d->note, _("%s is outside the manifest's folder (aligned all the same)"), outside)
                   : 0;
}

/* Split line (modified) at tabs into at most `max` fields, each trimmed of spaces. */
static int split_fields(char *line, char **field, int max)
{
    int n = 0;
    char *p = line;
    for (;;) {
        char *tab = strchr(p, '\t');
        if (tab)
            *tab = '\0';
        while (*p == ' ')
            p++;
        char *end = p + strlen(p);
        while (end > p && end[-1] == ' ')
            *--end = '\0';
        if (n < max)
            field[n] = p;
        n++;
        if (!tab)
            return n;
        p = tab + 1;
    }
}

static int parse_header(manifest *m, char *line, size_t lineno)
{
    char *field[8];
    int n = split_fields(line, field, 8);
    if (n < 3 || n > 4 || strcasecmp(field[0], "id") != 0)
        return error_set(ERR_DATA,
                         _("%s:%zu: the first line must be the header 'id<TAB>LANG<TAB>LANG[<TAB>LANG]' naming the "
                           "languages, pivot first (e.g. id, en-GB, zh-CN, ru-RU separated by tabs)"),
                         m->name, lineno);
    for (int k = 1; k < n; k++) {
        char norm[LANG_TAG_MAX];
        if (lang_normalize(field[k], norm) < 0)
            return error_set(ERR_DATA, _("%s:%zu: column %d of the header: %s"), m->name, lineno, k + 1,
                             error_last());
        lang_full_tag(norm, m->langs[k - 1]);
    }
    m->nlangs = n - 1;
    return 0;
}

/* Where the ids met so far are: FNV-1a of the id -> index of its first set in m->docs. */
typedef struct {
    uint64_t key;
    size_t doc;
} id_slot;

static uint64_t id_hash(const char *id)
{
    uint64_t h = 1469598103934665603u;
    for (; *id; id++)
        h = (h ^ (unsigned char)*id) * 1099511628211u;
    return h;
}

/* The earlier set with the id of the last one, or NULL (then the last one is recorded). */
static int id_seen(const manifest *m, u64_table *ids, const manifest_doc **before)
{
    size_t last = m->n - 1;
    int added;
    id_slot *slot = u64_table_put(ids, id_hash(m->docs[last].id), &added);
    if (!slot)
        return error_nomem();
    *before = NULL;
    if (added)
        slot->doc = last;
    else if (strcmp(m->docs[slot->doc].id, m->docs[last].id) == 0)
        *before = &m->docs[slot->doc];
    else /* two ids of one hash: compare them all, once in a blue moon */
        for (size_t k = 0; k < last && !*before; k++)
            if (m->docs[k].id && !m->docs[k].error && strcmp(m->docs[k].id, m->docs[last].id) == 0)
                *before = &m->docs[k];
    return 0;
}

/* One document line into a new doc of m. */
static int parse_doc(manifest *m, u64_table *ids, char *line, size_t lineno, const char *folder, size_t folder_n,
                     const char *folder_real)
{
    manifest_doc *d = add_doc(m, lineno);
    if (!d)
        return error_nomem();
    char *field[8];
    int n = split_fields(line, field, 8);
    if (field[0][0] && !(d->id = strdup(field[0])))
        return error_nomem();
    if (n != m->nlangs + 1)
        return set_message(&d->error,
                           P_("%d column, but the header has %d (an id and a file per language, separated by tabs)",
                              "%d columns, but the header has %d (an id and a file per language, separated by tabs)",
                              n),
                           n, m->nlangs + 1);
    if (!id_is_file_name(field[0]))
        return set_message(&d->error,
                           _("the id '%s' cannot name a file: it must not be empty, start with '.', hold '/' or "
                             "control characters, or be longer than %d bytes"),
                           field[0], MANIFEST_ID_MAX);
    const manifest_doc *before = NULL;
    int rc = id_seen(m, ids, &before);
    if (rc < 0)
        return rc;
    if (before)
        return set_message(&d->error, _("the id '%s' is already used on line %zu"), d->id, before->line);
    for (int k = 0; k < m->nlangs; k++) {
        const char *f = field[k + 1];
        if (!*f)
            return set_message(&d->error, _("no file for %s"), m->langs[k]);
        size_t pre = f[0] == '/' ? 0 : folder_n;
        d->given[k] = strdup(f);
        d->path[k] = malloc(pre + strlen(f) + 1);
        if (!d->given[k] || !d->path[k])
            return error_nomem();
        snprintf(d->path[k], pre + strlen(f) + 1, "%.*s%s", (int)pre, folder, f);
    }
    return check_files(m, d, folder_real);
}

static int parse(manifest *m, char *text)
{
    char folder[PATH_MAX];
    size_t folder_n = folder_len(m->name);
    snprintf(folder, sizeof folder, "%.*s", (int)folder_n, m->name);
    char *folder_real = realpath(folder_n ? folder : ".", NULL);
    u64_table ids;
    u64_table_init(&ids, sizeof(id_slot));
    int rc = 0, header_seen = 0;
    size_t lineno = 0, header_line = 0;
    char *p = text;
    while (rc == 0 && *p) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        lineno++;
        size_t len = strlen(p);
        if (len && p[len - 1] == '\r')
            p[len - 1] = '\0';
        int blank = strspn(p, " \t") == strlen(p);
        if (!blank && p[0] != '#') {
            if (!header_seen) {
                rc = parse_header(m, p, lineno);
                header_seen = 1;
                header_line = lineno;
            } else {
                rc = parse_doc(m, &ids, p, lineno, folder, folder_n, folder_real);
            }
        }
        p = nl ? nl + 1 : p + strlen(p);
    }
    free(folder_real);
    u64_table_free(&ids);
    if (rc == 0 && !header_seen)
        rc = error_set(ERR_DATA, _("%s: empty manifest: no header line (id<TAB>LANG<TAB>LANG…) and no document set"),
                       m->name);
    else if (rc == 0 && m->n == 0)
        rc = error_set(ERR_DATA, _("%s:%zu: no document set after the header: the manifest is empty"), m->name,
                       header_line);
    return rc;
}

int manifest_read(const char *path, manifest *m)
{
    memset(m, 0, sizeof *m);
    text_input in;
    int rc = text_input_read_encoded(path, "UTF-8", &in);
    if (rc < 0)
        return rc;
    m->name = strdup(path);
    rc = m->name ? parse(m, in.bytes) : error_nomem();
    text_input_free(&in);
    if (rc < 0)
        manifest_free(m);
    return rc;
}

/* ---- a folder of NAME.LANG[.EXT] files ---- */

typedef struct {
    char *file;         /* the entry's name */
    size_t name_len;    /* NAME is file[0..name_len) */
    int lang;           /* index into the languages asked for */
} dir_file;

static int dir_file_cmp(const void *a, const void *b)
{
    const dir_file *x = a, *y = b;
    size_t n = x->name_len < y->name_len ? x->name_len : y->name_len;
    int c = memcmp(x->file, y->file, n);
    if (c == 0)
        c = (x->name_len > y->name_len) - (x->name_len < y->name_len);
    if (c == 0)
        c = x->lang - y->lang;
    return c ? c : strcmp(x->file, y->file);
}

/* Which language asked for the dot-separated part file[from..to) names, or -1. */
static int part_lang(const char *file, size_t from, size_t to, char langs[][LANG_TAG_MAX],
                     const char *const *names, int nlangs)
{
    size_t len = to - from;
    for (int k = 0; k < nlangs; k++)
        if ((strlen(names[k]) == len && strncasecmp(file + from, names[k], len) == 0) ||
            (strlen(langs[k]) == len && strncasecmp(file + from, langs[k], len) == 0))
            return k;
    return -1;
}

/* NAME.LANG or NAME.LANG.EXT: the language and the length of NAME, or -1. */
static int file_lang(const char *file, char langs[][LANG_TAG_MAX], const char *const *names, int nlangs,
                     size_t *name_len)
{
    const char *last = strrchr(file, '.');
    if (!last || last == file)
        return -1;
    int k = part_lang(file, (size_t)(last - file + 1), strlen(file), langs, names, nlangs);
    if (k >= 0) {
        *name_len = (size_t)(last - file);
        return k;
    }
    const char *before = last;
    while (before > file && before[-1] != '.')
        before--;
    if (before - 1 <= file)
        return -1;
    *name_len = (size_t)(before - 1 - file);
    return part_lang(file, (size_t)(before - file), (size_t)(last - file), langs, names, nlangs);
}

/* The set NAME of files v[0..n) (sorted, one NAME) into a new doc of m. */
static int add_dir_set(manifest *m, const dir_file *v, size_t n)
{
    manifest_doc *d = add_doc(m, 0);
    if (!d || !(d->id = strndup(v[0].file, v[0].name_len)))
        return error_nomem();
    size_t k = 0;
    for (int lang = 0; lang < m->nlangs; lang++) {
        if (k == n || v[k].lang != lang)
            return set_message(&d->error, _("no %s file (%s.%s or %s.%s.EXT)"), m->langs[lang], d->id,
                               m->words[lang], d->id, m->words[lang]);
        if (k + 1 < n && v[k + 1].lang == lang)
            return set_message(&d->error, _("two %s files: %s and %s"), m->langs[lang], v[k].file, v[k + 1].file);
        size_t size = strlen(m->name) + strlen(v[k].file) + 2;
        d->given[lang] = strdup(v[k].file);
        d->path[lang] = malloc(size);
        if (!d->given[lang] || !d->path[lang])
            return error_nomem();
        snprintf(d->path[lang], size, "%s/%s", m->name, v[k].file);
        k++;
    }
    if (!id_is_file_name(d->id))
        return set_message(&d->error, _("the name '%s' cannot name an output file"), d->id);
    return check_files(m, d, NULL);
}

/* The entries of `dir` in the languages asked for, into *v (sorted). */
static int read_folder(const char *dir, char langs[][LANG_TAG_MAX], const char *const *names, int nlangs,
                       dir_file **v, size_t *n)
{
    DIR *d = opendir(dir);
    if (!d)
        return error_set(ERR_NOINPUT, "%s: %s", dir, strerror(errno));
    size_t cap = 0;
    int rc = 0;
    struct dirent *e;
    while (rc == 0 && (e = readdir(d))) {
        dir_file f = {NULL, 0, 0};
        if (e->d_name[0] == '.' || (f.lang = file_lang(e->d_name, langs, names, nlangs, &f.name_len)) < 0)
            continue;
        rc = vec_reserve(v, &cap, *n + 1, sizeof **v);
        if (rc == 0 && !(f.file = strdup(e->d_name)))
            rc = error_nomem();
        if (rc == 0)
            (*v)[(*n)++] = f;
    }
    closedir(d);
    if (rc == 0 && *n > 1)
        qsort(*v, *n, sizeof **v, dir_file_cmp);
    return rc;
}

int manifest_from_dir(const char *dir, char langs[][LANG_TAG_MAX], const char *const *names, int nlangs,
                      manifest *m)
{
    memset(m, 0, sizeof *m);
    m->from_dir = 1;
    m->nlangs = nlangs;
    for (int k = 0; k < nlangs; k++) {
        snprintf(m->langs[k], sizeof m->langs[k], "%s", langs[k]);
        snprintf(m->words[k], sizeof m->words[k], "%s", names[k]);
    }
    dir_file *v = NULL;
    size_t n = 0;
    int rc = (m->name = strdup(dir)) ? read_folder(dir, langs, names, nlangs, &v, &n) : error_nomem();
    for (size_t k = 0, end; rc == 0 && k < n; k = end) {
        for (end = k + 1; end < n && v[end].name_len == v[k].name_len &&
                          memcmp(v[end].file, v[k].file, v[k].name_len) == 0; end++)
            ;
        rc = add_dir_set(m, v + k, end - k);
    }
    for (size_t k = 0; k < n; k++)
        free(v[k].file);
    free(v);
    if (rc == 0 && m->n == 0) {
        char list[3 * LANG_TAG_MAX + 8];
        snprintf(list, sizeof list, "%s, %s%s%s", names[0], names[1], nlangs == 3 ? ", " : "",
                 nlangs == 3 ? names[2] : "");
        rc = error_set(ERR_DATA, _("%s: no file named NAME.LANG or NAME.LANG.EXT in %s"), dir, list);
    }
    if (rc < 0)
        manifest_free(m);
    return rc;
}
