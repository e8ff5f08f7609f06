/* tmx_merge.c — merging TMX files; see tmx_merge.h. */
#include "tmx_merge.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../i18n.h"
#include "../util/error.h"
#include "tmx_reader.h"
#include "tmx_writer.h"

/* one slot per distinct unit content */
typedef struct {
    uint64_t key;           /* hash of the whole unit (0: empty slot) */
    uint32_t file, ordinal; /* the unit kept so far */
    char date[17];          /* its changedate or creationdate, "" when none */
} unit_slot;

/* one slot per distinct source segment */
typedef struct {
    uint64_t source;        /* hash of the source segment (0: empty slot) */
    uint64_t key;           /* the first unit content seen for it */
} source_slot;

typedef struct {
    unit_slot *units;
    size_t ucap, un;
    source_slot *sources;
    size_t scap, sn;
} merge_tables;

/* The unit's content key: languages and normalized texts, in a fixed language order. */
static uint64_t unit_key(const tmx_unit *u)
{
    uint64_t acc = 0;
    for (size_t k = 0; k < u->ntuv; k++) {
        const char *lang = tmx_tuv_lang(&u->tuv[k]);
        char lower[64];
        size_t n = 0;
        for (; lang && lang[n] && n < sizeof lower - 1; n++)
            lower[n] = (char)(lang[n] | 0x20);
        lower[n] = '\0';
        /* order-independent: the sum of per-tuv hashes */
        acc += tmx_text_hash(tmx_text_hash(1469598103934665603ULL, lower), u->tuv[k].xml ? u->tuv[k].xml : u->tuv[k].text);
    }
    return acc ? acc : 1;
}

static const char *unit_date(const tmx_unit *u)
{
    const char *d = tmx_attr_get(&u->attrs, "changedate");
    return d ? d : tmx_attr_get(&u->attrs, "creationdate");
}

static const tmx_tuv *source_tuv(const tmx_unit *u, const char *srclang)
{
    for (size_t k = 0; srclang && k < u->ntuv; k++)
        if (tmx_tuv_lang(&u->tuv[k]) && strcasecmp(tmx_tuv_lang(&u->tuv[k]), srclang) == 0)
            return &u->tuv[k];
    return NULL;
}

static int grow(void **v, size_t *cap, size_t n, size_t size)
{
    if ((n + 1) * 2 <= *cap)
        return 0;
    size_t ncap = *cap ? *cap * 2 : 4096;
    void *bigger = calloc(ncap, size);
    if (!bigger)
        return error_set(ERR_IO, _("out of memory"));
    /* rehash into the bigger table: the key is the first 8 bytes of every slot */
    for (size_t k = 0; k < *cap; k++) {
        const char *slot = (const char *)*v + k * size;
        uint64_t key;
        memcpy(&key, slot, 8);
        if (!key)
            continue;
        size_t at = key & (ncap - 1);
        while (*(uint64_t *)((char *)bigger + at * size))
            at = (at + 1) & (ncap - 1);
        memcpy((char *)bigger + at * size, slot, size);
    }
    free(*v);
    *v = bigger;
    *cap = ncap;
    return 0;
}

static unit_slot *find_unit(merge_tables *t, uint64_t key)
{
    size_t at = key & (t->ucap - 1);
    while (t->units[at].key && t->units[at].key != key)
        at = (at + 1) & (t->ucap - 1);
    return &t->units[at];
}

static source_slot *find_source(merge_tables *t, uint64_t source)
{
    size_t at = source & (t->scap - 1);
    while (t->sources[at].source && t->sources[at].source != source)
        at = (at + 1) & (t->scap - 1);
    return &t->sources[at];
}

/* Read every unit of every file in order, calling on_file when a file is opened and
 * on_unit for each of its units (numbered from 0 within the file); the first negative
 * return stops the walk. Both passes see the files the same way, so (file, ordinal)
 * names the same unit in each. */
typedef int (*file_fn)(void *ctx, size_t file, tmx_reader *r);
typedef int (*unit_fn)(void *ctx, size_t file, uint32_t ordinal, const tmx_unit *u);

static int for_each_unit(const char *const *paths, size_t npaths, file_fn on_file, unit_fn on_unit, void *ctx)
{
    int rc = 0;
    for (size_t f = 0; f < npaths && rc == 0; f++) {
        tmx_reader *r;
        if ((rc = tmx_reader_open(paths[f], &r)) < 0)
            break;
        tmx_reader_keep_markup(r, 1);
        if (on_file)
            rc = on_file(ctx, f, r);
        tmx_unit u = {0};
        int more;
        for (uint32_t ordinal = 0; rc == 0 && (more = tmx_reader_next(r, &u)) != 0; ordinal++)
            rc = more < 0 ? more : on_unit(ctx, f, ordinal, &u);
        tmx_unit_free(&u);
        tmx_reader_close(r);
    }
    return rc;
}

typedef struct {
    const char *const *paths;
    merge_tables *t;
    char *srclang;
    tmx_conflict_fn on_conflict;
    void *conflict_ctx;
    tmx_merge_stats *st;
    tmx_writer *w;
} merge_pass;

/* Pass one, per file: every file must share the first file's source language. */
static int check_srclang(void *ctx, size_t f, tmx_reader *r)
{
    merge_pass *m = ctx;
    const char *src = tmx_attr_get(tmx_reader_header(r), "srclang");
    if (!src)
        return 0;
    if (!m->srclang)
        return (m->srclang = strdup(src)) ? 0 : error_set(ERR_IO, _("out of memory"));
    if (strcasecmp(src, m->srclang) != 0)
        return error_set(ERR_DATA, _("%s: source language %s differs from %s in %s"), m->paths[f], src, m->srclang,
                         m->paths[0]);
    return 0;
}

/* Pass one, per unit: decide which unit represents each content, and find conflicts. */
static int decide_unit(void *ctx, size_t f, uint32_t ordinal, const tmx_unit *u)
{
    merge_pass *m = ctx;
    merge_tables *t = m->t;
    m->st->units++;
    int rc;
    if ((rc = grow((void **)&t->units, &t->ucap, t->un, sizeof *t->units)) < 0 ||
        (rc = grow((void **)&t->sources, &t->scap, t->sn, sizeof *t->sources)) < 0)
        return rc;
    uint64_t key = unit_key(u);
    const char *date = unit_date(u);
    unit_slot *slot = find_unit(t, key);
    if (slot->key) {
        m->st->duplicates++;
        if (date && strcmp(date, slot->date) > 0) { /* YYYYMMDDThhmmssZ sorts by time */
            slot->file = (uint32_t)f;
            slot->ordinal = ordinal;
            snprintf(slot->date, sizeof slot->date, "%s", date);
        }
        return 0;
    }
    *slot = (unit_slot){key, (uint32_t)f, ordinal, ""};
    snprintf(slot->date, sizeof slot->date, "%s", date ? date : "");
    t->un++;
    const tmx_tuv *s = source_tuv(u, m->srclang);
    if (!s)
        return 0;
    uint64_t sk = tmx_text_hash(1469598103934665603ULL, s->xml ? s->xml : s->text);
    source_slot *ss = find_source(t, sk ? sk : 1);
    if (!ss->source) {
        *ss = (source_slot){sk ? sk : 1, key};
        t->sn++;
    } else if (ss->key != key) {
        m->st->conflicts++;
        if (m->on_conflict)
            m->on_conflict(m->conflict_ctx, m->paths[f], u->line, s->text ? s->text : "");
    }
    return 0;
}

/* Pass two, per unit: stream the representatives out. */
static int write_kept(void *ctx, size_t f, uint32_t ordinal, const tmx_unit *u)
{
    merge_pass *m = ctx;
    unit_slot *slot = find_unit(m->t, unit_key(u));
    if (slot->file != f || slot->ordinal != ordinal)
        return 0;
    m->st->kept++;
    return tmx_writer_copy_unit(m->w, u);
}

int tmx_merge(const char *const *paths, size_t npaths, FILE *out, tmx_conflict_fn on_conflict, void *ctx,
              tmx_merge_stats *stats)
{
    memset(stats, 0, sizeof *stats);
    merge_tables t = {0};
    merge_pass m = {paths, &t, NULL, on_conflict, ctx, stats, NULL};
    int rc = for_each_unit(paths, npaths, check_srclang, decide_unit, &m);
    if (rc == 0) {
        tmx_header h = {.srclang = m.srclang ? m.srclang : "*all*"};
        rc = tmx_writer_open(&m.w, out, &h);
        if (rc == 0) {
            rc = for_each_unit(paths, npaths, NULL, write_kept, &m);
            int crc = tmx_writer_close(m.w);
            rc = rc ? rc : crc;
        }
    }
    free(t.units);
    free(t.sources);
    free(m.srclang);
    return rc;
}
