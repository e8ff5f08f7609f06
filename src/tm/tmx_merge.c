/* tmx_merge.c — merging TMX files; see tmx_merge.h. */
#include "tmx_merge.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../i18n.h"
#include "../util/error.h"
#include "../util/u64table.h"
#include "tmx_reader.h"
#include "tmx_writer.h"

/* one slot per distinct unit content (u64table.h: the key first) */
typedef struct {
    uint64_t key;           /* hash of the whole unit */
    uint32_t file, ordinal; /* the unit kept so far */
    char date[17];          /* its changedate or creationdate, "" when none */
} unit_slot;

/* one slot per distinct source segment */
typedef struct {
    uint64_t source;        /* hash of the source segment */
    uint64_t key;           /* the first unit content seen for it */
} source_slot;

typedef struct {
    u64_table units;        /* of unit_slot */
    u64_table sources;      /* of source_slot */
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
        return (m->srclang = strdup(src)) ? 0 : error_nomem();
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
    uint64_t key = unit_key(u);
    const char *date = unit_date(u);
    int added;
    unit_slot *slot = u64_table_put(&t->units, key, &added);
    if (!slot)
        return error_nomem();
    if (!added) {
        m->st->duplicates++;
        if (date && strcmp(date, slot->date) > 0) { /* YYYYMMDDThhmmssZ sorts by time */
            slot->file = (uint32_t)f;
            slot->ordinal = ordinal;
            snprintf(slot->date, sizeof slot->date, "%s", date);
        }
        return 0;
    }
    slot->file = (uint32_t)f;
    slot->ordinal = ordinal;
    snprintf(slot->date, sizeof slot->date, "%s", date ? date : "");
    const tmx_tuv *s = source_tuv(u, m->srclang);
    if (!s)
        return 0;
    uint64_t sk = tmx_text_hash(1469598103934665603ULL, s->xml ? s->xml : s->text);
    source_slot *ss = u64_table_put(&t->sources, sk, &added);
    if (!ss)
        return error_nomem();
    if (added) {
        ss->key = key;
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
    const unit_slot *slot = u64_table_get(&m->t->units, unit_key(u));
    if (!slot || slot->file != f || slot->ordinal != ordinal)
        return 0;
    m->st->kept++;
    return tmx_writer_copy_unit(m->w, u);
}

int tmx_merge(const char *const *paths, size_t npaths, FILE *out, tmx_conflict_fn on_conflict, void *ctx,
              tmx_merge_stats *stats)
{
    memset(stats, 0, sizeof *stats);
    merge_tables t;
    u64_table_init(&t.units, sizeof(unit_slot));
    u64_table_init(&t.sources, sizeof(source_slot));
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
    u64_table_free(&t.units);
    u64_table_free(&t.sources);
    free(m.srclang);
    return rc;
}
