/* tmx_merge.c — merging TMX files; see tmx_merge.h.
 *
 * Pass one gives every unit a cluster: the units of one source segment whose shared
 * languages agree. Clusters of a source are chained; a unit joins the first that agrees
 * with it, else it starts a new one (a conflict when the source had one already). A
 * cluster knows, per language, the hash of its text and which unit supplies its tuv (the
 * newest); per prop and note, which unit supplies it; and which unit supplies the
 * attributes (the newest). A unit holding one language twice is gathered only with its
 * exact copies, and written as it is.
 * Pass two reads the units again in the same order: a cluster of one unit is copied as
 * it is; the tuvs, props, notes and attributes that a cluster's earlier units supply are
 * moved aside until its last unit is read, where the whole unit is written. */
#include "tmx_merge.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "../i18n.h"
#include "../util/error.h"
#include "../util/u64table.h"
#include "../util/vec.h"
#include "tmx_reader.h"
#include "tmx_writer.h"

enum { NO_CLUSTER = UINT32_MAX, NO_ITEM = UINT32_MAX };

/* A language of a cluster (its text) or one of its props and notes, and which unit's copy
 * is written. Items live in one pool, chained per cluster in order of first appearance:
 * a cluster of three languages costs three items, not an array of its own. */
typedef struct {
    uint64_t key;           /* a language: hash of the lower-cased tag; a prop or note: of its type and text */
    uint64_t text;          /* a language: hash of the segment (markup included, whitespace normalized) */
    uint64_t date;          /* the supplier's date as YYYYMMDDhhmmss, 0 when none */
    uint32_t supplier;      /* global ordinal of the unit whose copy is written */
    uint32_t next;          /* the next item of the chain, or NO_ITEM */
} cluster_item;

/* A chain of items: first and last, NO_ITEM when empty; and how many. */
typedef struct {
    uint32_t first, last, n;
} item_chain;

typedef struct {
    item_chain langs;       /* its languages */
    item_chain notes;       /* every distinct prop and note of its units */
    uint32_t next;          /* the next cluster of the same source, or NO_CLUSTER */
    uint32_t units;         /* how many units it gathers */
    uint32_t last;          /* global ordinal of its last unit: where it is written */
    uint32_t newest;        /* global ordinal of the unit whose attributes are written */
    uint64_t newest_date;
    uint32_t first_file;    /* where its first unit was read, for conflict reports */
    int first_line;
    tmx_unit *held;         /* pass two: what earlier units supply, until the last one */
    int whole;              /* exact copies of a unit with a repeated language: the newest written as it is */
} cluster;

/* the first cluster of each source (u64table.h: the key first) */
typedef struct {
    uint64_t source;
    uint32_t first;
} source_slot;

typedef struct {
    const char *const *paths;
    size_t npaths;
    int stdin_fd;           /* standard input kept in a temporary file, or -1 */
    char *srclang;
    u64_table sources;      /* of source_slot */
    cluster *clusters;
    size_t nclusters, clusters_cap;
    cluster_item *items;    /* the pool of every cluster's languages, props and notes */
    size_t nitems, items_cap;
    uint32_t *cluster_of;   /* per unit, by global ordinal */
    size_t nunits, units_cap;
    tmx_conflict_fn on_conflict;
    void *conflict_ctx;
    tmx_merge_stats *st;
    tmx_writer *w;
} merge_run;

static uint64_t lang_hash(const char *lang)
{
    char lower[64];
    size_t n = 0;
    for (; lang && lang[n] && n < sizeof lower - 1; n++)
        lower[n] = (char)(lang[n] | 0x20);
    lower[n] = '\0';
    return tmx_text_hash(1469598103934665603ULL, lower);
}

static uint64_t tuv_text_hash(const tmx_tuv *t)
{
    return tmx_text_hash(1469598103934665603ULL, t->xml ? t->xml : t->text);
}

/* YYYYMMDDThhmmssZ as the number YYYYMMDDhhmmss (sorts by time), 0 when absent or not a
 * date: a unit without a date is older than any with one. */
static uint64_t unit_date(const tmx_unit *u)
{
    const char *d = tmx_attr_get(&u->attrs, "changedate");
    d = d ? d : tmx_attr_get(&u->attrs, "creationdate");
    uint64_t v = 0;
    for (int k = 0; d && d[k] && k < 16; k++)
        if (d[k] >= '0' && d[k] <= '9')
            v = v * 10 + (uint64_t)(d[k] - '0');
    return d && strlen(d) == 16 ? v : 0;
}

static const tmx_tuv *source_tuv(const tmx_unit *u, const char *srclang)
{
    for (size_t k = 0; srclang && k < u->ntuv; k++)
        if (tmx_tuv_lang(&u->tuv[k]) && strcasecmp(tmx_tuv_lang(&u->tuv[k]), srclang) == 0)
            return &u->tuv[k];
    return NULL;
}

/* The key that gathers units: the source segment; for a unit without one, its whole
 * content (languages and texts, in any order), so that only its exact copies join it. */
static uint64_t content_key(const tmx_unit *u)
{
    uint64_t acc = 0x9e3779b97f4a7c15ULL; /* distinct from any source hash in practice */
    for (size_t k = 0; k < u->ntuv; k++)
        acc += tmx_text_hash(lang_hash(tmx_tuv_lang(&u->tuv[k])), u->tuv[k].xml ? u->tuv[k].xml : u->tuv[k].text);
    return acc;
}

static uint64_t gather_key(const tmx_unit *u, const char *srclang)
{
    const tmx_tuv *s = source_tuv(u, srclang);
    return s ? tuv_text_hash(s) : content_key(u);
}

/* The item of `key` in a chain, or NULL. */
static cluster_item *item_find(const merge_run *m, const item_chain *chain, uint64_t key)
{
    for (uint32_t k = chain->first; k != NO_ITEM; k = m->items[k].next)
        if (m->items[k].key == key)
            return &m->items[k];
    return NULL;
}

static int item_append(merge_run *m, item_chain *chain, cluster_item item)
{
    if (m->nitems >= NO_ITEM)
        return error_set(ERR_DATA, _("too many distinct units to merge"));
    if (vec_reserve(&m->items, &m->items_cap, m->nitems + 1, sizeof *m->items) < 0)
        return error_nomem();
    uint32_t k = (uint32_t)m->nitems++;
    item.next = NO_ITEM;
    m->items[k] = item;
    if (chain->n++ == 0)
        chain->first = k;
    else
        m->items[chain->last].next = k;
    chain->last = k;
    return 0;
}

/* The first tuv of u whose language c translates differently, or NULL when they agree. */
static const tmx_tuv *disagreement(const merge_run *m, const cluster *c, const tmx_unit *u)
{
    for (size_t k = 0; k < u->ntuv; k++) {
        const cluster_item *l = item_find(m, &c->langs, lang_hash(tmx_tuv_lang(&u->tuv[k])));
        if (l && l->text != tuv_text_hash(&u->tuv[k]))
            return &u->tuv[k];
    }
    return NULL;
}

static uint64_t note_hash(const tmx_annotation *a)
{
    return tmx_text_hash(tmx_text_hash(1469598103934665603ULL, a->type ? a->type : "\x01note"), a->text);
}

/* The newest copy of an item: a copy dated `date` from unit g is newer than the one
 * kept, or as new and read later. Else added to the chain. Returns 1 when added. */
static int item_offer(merge_run *m, item_chain *chain, uint64_t key, uint64_t text, uint64_t date, uint32_t g)
{
    cluster_item *item = item_find(m, chain, key);
    if (!item) {
        int rc = item_append(m, chain, (cluster_item){key, text, date, g, NO_ITEM});
        return rc < 0 ? rc : 1;
    }
    if (date >= item->date) {
        item->date = date;
        item->supplier = g;
    }
    return 0;
}

/* Unit g joins cluster c: the languages, props and notes it brings, the newest copy of
 * each (the last read on ties: a memory read later updates one read before, and copies
 * alike need nothing held in pass two). Returns how many languages were new to c, or a
 * negative error. */
static int cluster_add(merge_run *m, cluster *c, const tmx_unit *u, uint32_t g)
{
    uint64_t date = unit_date(u);
    for (size_t k = 0; k < u->nnotes; k++) {
        int rc = item_offer(m, &c->notes, note_hash(&u->notes[k]), 0, date, g);
        if (rc < 0)
            return rc;
    }
    int added = 0;
    for (size_t k = 0; k < u->ntuv; k++) {
        int rc = item_offer(m, &c->langs, lang_hash(tmx_tuv_lang(&u->tuv[k])), tuv_text_hash(&u->tuv[k]), date, g);
        if (rc < 0)
            return rc;
        added += rc;
    }
    if (c->units++ == 0 || date >= c->newest_date) {
        c->newest = g;
        c->newest_date = date;
    }
    c->last = g;
    return added;
}

static int new_cluster(merge_run *m, size_t file, int line, uint32_t *index)
{
    if (m->nclusters >= NO_CLUSTER)
        return error_set(ERR_DATA, _("too many distinct units to merge"));
    if (vec_reserve(&m->clusters, &m->clusters_cap, m->nclusters + 1, sizeof *m->clusters) < 0)
        return error_nomem();
    *index = (uint32_t)m->nclusters++;
    item_chain none = {NO_ITEM, NO_ITEM, 0};
    m->clusters[*index] =
        (cluster){.langs = none, .notes = none, .next = NO_CLUSTER, .first_file = (uint32_t)file, .first_line = line};
    return 0;
}

/* Read every unit of every file in order, calling on_file when a file is opened and
 * on_unit for each of its units (numbered across files from 0); the first negative
 * return stops the walk. Both passes see the files the same way, so a unit's number
 * names the same unit in each. */
typedef int (*file_fn)(merge_run *m, size_t file, tmx_reader *r);
typedef int (*unit_fn)(merge_run *m, size_t file, uint32_t g, tmx_unit *u);

static int for_each_unit(merge_run *m, file_fn on_file, unit_fn on_unit)
{
    int rc = 0;
    uint32_t g = 0;
    for (size_t f = 0; f < m->npaths && rc == 0; f++) {
        int from_stdin = strcmp(m->paths[f], "-") == 0;
        tmx_reader_options o = {from_stdin ? m->stdin_fd : -1, NULL, NULL};
        tmx_reader *r;
        if ((rc = tmx_reader_open_with(from_stdin ? TMX_STDIN_NAME : m->paths[f], &o, &r)) < 0)
            break;
        tmx_reader_keep_markup(r, 1);
        if (on_file)
            rc = on_file(m, f, r);
        tmx_unit u = {0};
        int more;
        while (rc == 0 && (more = tmx_reader_next(r, &u)) != 0) {
            if (g == UINT32_MAX)
                rc = error_set(ERR_DATA, _("too many units to merge"));
            else
                rc = more < 0 ? more : on_unit(m, f, g++, &u);
        }
        tmx_unit_free(&u);
        tmx_reader_close(r);
    }
    return rc;
}

static const char *display_name(const merge_run *m, size_t f)
{
    return strcmp(m->paths[f], "-") == 0 ? TMX_STDIN_NAME : m->paths[f];
}

/* Pass one, per file: every file must share the first file's source language. */
static int check_srclang(merge_run *m, size_t f, tmx_reader *r)
{
    const char *src = tmx_attr_get(tmx_reader_header(r), "srclang");
    if (!src)
        return 0;
    if (!m->srclang)
        return (m->srclang = strdup(src)) ? 0 : error_nomem();
    if (strcasecmp(src, m->srclang) != 0)
        return error_set(ERR_DATA, _("%s: source language %s differs from %s in %s"), display_name(m, f), src,
                         m->srclang, display_name(m, 0));
    return 0;
}

/* Two tuvs of one language (or two without one) in a unit: gathered with other units,
 * one of them would be lost. */
static int has_repeated_language(const tmx_unit *u)
{
    for (size_t k = 1; k < u->ntuv; k++)
        for (size_t j = 0; j < k; j++)
            if (lang_hash(tmx_tuv_lang(&u->tuv[j])) == lang_hash(tmx_tuv_lang(&u->tuv[k])))
                return 1;
    return 0;
}

/* Pass one, per unit: the cluster it joins, or a new one. */
static int decide_unit(merge_run *m, size_t f, uint32_t g, tmx_unit *u)
{
    m->st->units++;
    if (vec_reserve(&m->cluster_of, &m->units_cap, (size_t)g + 1, sizeof *m->cluster_of) < 0)
        return error_nomem();
    m->nunits = (size_t)g + 1;
    /* two tuvs of one language (not TMX; validate says so): only exact copies are one */
    int whole = has_repeated_language(u);
    int added;
    source_slot *slot = u64_table_put(&m->sources, whole ? content_key(u) : gather_key(u, m->srclang), &added);
    if (!slot)
        return error_nomem();
    uint32_t c = added ? NO_CLUSTER : slot->first, prev = NO_CLUSTER;
    while (c != NO_CLUSTER && !whole && disagreement(m, &m->clusters[c], u)) {
        prev = c;
        c = m->clusters[c].next;
    }
    if (c == NO_CLUSTER) {
        uint32_t first = added ? NO_CLUSTER : slot->first;
        int rc = new_cluster(m, f, u->line, &c);
        if (rc < 0)
            return rc;
        m->clusters[c].whole = whole;
        if (first == NO_CLUSTER) {
            slot->first = c;
        } else {
            m->clusters[prev].next = c;
            const cluster *other = &m->clusters[first];
            const tmx_tuv *s = source_tuv(u, m->srclang), *t = disagreement(m, &m->clusters[first], u);
            m->st->conflicts++;
            if (m->on_conflict) {
                tmx_conflict report = {display_name(m, f),
                                       u->line,
                                       s && s->text ? s->text : "",
                                       t ? tmx_tuv_lang(t) : "",
                                       display_name(m, other->first_file),
                                       other->first_line};
                m->on_conflict(m->conflict_ctx, &report);
            }
        }
    }
    m->cluster_of[g] = c;
    int brought = cluster_add(m, &m->clusters[c], u, g);
    if (brought < 0)
        return brought;
    if (m->clusters[c].units > 1) {
        if (brought)
            m->st->joined++;
        else
            m->st->duplicates++;
    }
    return 0;
}

/* Move tuv k of u to the end of `to` (u keeps an empty one, freed as nothing). */
static int move_tuv(tmx_unit *u, size_t k, tmx_unit *to)
{
    if (vec_reserve(&to->tuv, &to->cap, to->ntuv + 1, sizeof *to->tuv) < 0)
        return error_nomem();
    to->tuv[to->ntuv++] = u->tuv[k];
    memset(&u->tuv[k], 0, sizeof u->tuv[k]);
    return 0;
}

static int move_note(tmx_unit *u, size_t k, tmx_unit *to)
{
    tmx_annotation *v = realloc(to->notes, (to->nnotes + 1) * sizeof *v);
    if (!v)
        return error_nomem();
    to->notes = v;
    to->notes[to->nnotes++] = u->notes[k];
    memset(&u->notes[k], 0, sizeof u->notes[k]);
    return 0;
}

/* Move what unit g supplies to cluster c (its tuvs, props and notes that are the newest
 * copies; its attributes when it is the newest unit) into c->held. */
static int hold_supplies(const merge_run *m, cluster *c, uint32_t g, tmx_unit *u)
{
    if (!c->held && !(c->held = calloc(1, sizeof *c->held)))
        return error_nomem();
    if (g == c->newest) {
        c->held->attrs = u->attrs;
        memset(&u->attrs, 0, sizeof u->attrs);
    }
    for (size_t k = 0; k < u->nnotes; k++) {
        const cluster_item *n = item_find(m, &c->notes, note_hash(&u->notes[k]));
        if (n && n->supplier == g && move_note(u, k, c->held) < 0)
            return error_nomem();
    }
    for (size_t k = 0; k < u->ntuv; k++) {
        const cluster_item *l = item_find(m, &c->langs, lang_hash(tmx_tuv_lang(&u->tuv[k])));
        if (l && l->supplier == g && move_tuv(u, k, c->held) < 0)
            return error_nomem();
    }
    return 0;
}

/* The tuv of language l: in u (the last unit) when it supplies it, else held. */
static const tmx_tuv *supplied_tuv(const cluster *c, const cluster_item *l, uint32_t g, const tmx_unit *u)
{
    const tmx_unit *from = l->supplier == g ? u : c->held;
    for (size_t k = 0; from && k < from->ntuv; k++)
        if (from->tuv[k].attrs.n && lang_hash(tmx_tuv_lang(&from->tuv[k])) == l->key)
            return &from->tuv[k];
    return NULL;
}

static const tmx_annotation *supplied_note(const cluster *c, const cluster_item *n, uint32_t g, const tmx_unit *u)
{
    const tmx_unit *from = n->supplier == g ? u : c->held;
    for (size_t k = 0; from && k < from->nnotes; k++)
        if (from->notes[k].text && note_hash(&from->notes[k]) == n->key)
            return &from->notes[k];
    return NULL;
}

/* Write cluster c at its last unit u (number g): the newest attributes, every prop and
 * note, each language's tuv; all borrowed from u and c->held, which free them. */
static int write_gathered(merge_run *m, cluster *c, uint32_t g, tmx_unit *u)
{
    tmx_unit out = {.attrs = c->newest == g ? u->attrs : c->held->attrs, .line = u->line};
    out.tuv = calloc(c->langs.n ? c->langs.n : 1, sizeof *out.tuv);
    out.notes = calloc(c->notes.n ? c->notes.n : 1, sizeof *out.notes);
    int rc = out.tuv && out.notes ? 0 : error_nomem();
    for (uint32_t k = c->notes.first; rc == 0 && k != NO_ITEM; k = m->items[k].next) {
        const tmx_annotation *a = supplied_note(c, &m->items[k], g, u);
        if (a)
            out.notes[out.nnotes++] = *a;
    }
    for (uint32_t k = c->langs.first; rc == 0 && k != NO_ITEM; k = m->items[k].next) {
        const tmx_tuv *t = supplied_tuv(c, &m->items[k], g, u);
        if (t)
            out.tuv[out.ntuv++] = *t;
    }
    if (rc == 0)
        rc = tmx_writer_copy_unit(m->w, &out);
    free(out.tuv);
    free(out.notes);
    return rc;
}

/* Pass two, per unit: a unit alone is copied; a cluster's earlier units are held, its
 * last one writes the whole. */
static int write_kept(merge_run *m, size_t f, uint32_t g, tmx_unit *u)
{
    (void)f;
    cluster *c = &m->clusters[m->cluster_of[g]];
    if (c->units == 1 || c->whole) {
        if (g != c->newest)
            return 0;
        m->st->kept++;
        return tmx_writer_copy_unit(m->w, u);
    }
    if (g != c->last)
        return hold_supplies(m, c, g, u);
    m->st->kept++;
    int rc = write_gathered(m, c, g, u);
    if (c->held) {
        tmx_unit_free(c->held);
        free(c->held);
        c->held = NULL;
    }
    return rc;
}

int tmx_merge(const char *const *paths, size_t npaths, FILE *out, tmx_conflict_fn on_conflict, void *ctx,
              tmx_merge_stats *stats)
{
    memset(stats, 0, sizeof *stats);
    merge_run m = {.paths = paths, .npaths = npaths, .stdin_fd = -1, .on_conflict = on_conflict,
                   .conflict_ctx = ctx, .st = stats};
    u64_table_init(&m.sources, sizeof(source_slot));
    int rc = 0;
    for (size_t f = 0; f < npaths && rc == 0 && m.stdin_fd < 0; f++)
        if (strcmp(paths[f], "-") == 0 && (m.stdin_fd = tmx_stdin_spool()) < 0)
            rc = m.stdin_fd;
    if (rc == 0)
        rc = for_each_unit(&m, check_srclang, decide_unit);
    if (rc == 0) {
        tmx_header h = {.srclang = m.srclang ? m.srclang : "*all*"};
        rc = tmx_writer_open(&m.w, out, &h);
        if (rc == 0) {
            rc = for_each_unit(&m, NULL, write_kept);
            int crc = tmx_writer_close(m.w);
            rc = rc ? rc : crc;
        }
    }
    for (size_t k = 0; k < m.nclusters; k++) {
        if (m.clusters[k].held) {
            tmx_unit_free(m.clusters[k].held);
            free(m.clusters[k].held);
        }
    }
    free(m.clusters);
    free(m.items);
    free(m.cluster_of);
    u64_table_free(&m.sources);
    free(m.srclang);
    if (m.stdin_fd >= 0)
        close(m.stdin_fd);
    return rc;
}
