/* po_bridge.c — PO ⇄ TMX; see po_bridge.h.
 *
 * Props used: x-context (msgctxt; the name OmegaT and Okapi read), x-po-flags (c-format
 * and friends), x-po-extracted (comments for translators from the source code),
 * x-po-msgid / x-po-msgid-plural / x-po-plural-form (plural messages), x-po-header (the
 * PO header, in the TMX header). Translator comments are <note>s. */
#include "po_bridge.h"

#include <errno.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gettext-po.h>

#include "../i18n.h"
#include "../text/lang.h"
#include "../text/utf8.h"
#include "../util/error.h"
#include "../util/u64table.h"
#include "po_charset.h"
#include "tmx_reader.h"
#include "tmx_writer.h"

/* libgettextpo reports problems through a callback that must not return on fatal ones:
 * the callback records the first problem and jumps back to the caller. */
typedef struct {
    jmp_buf back;
    char message[512];
    int failed;
} po_errors;

static _Thread_local po_errors *current_errors;

static void on_po_error(int severity, po_message_t message, const char *filename, size_t lineno, size_t column,
                        int multiline, const char *text)
{
    (void)message;
    (void)multiline;
    po_errors *e = current_errors;
    if (severity == PO_SEVERITY_WARNING || !e)
        return;
    if (!e->failed) {
        e->failed = 1;
        utf8_snprintf(e->message, sizeof e->message, "%s:%zu:%zu: %s", filename ? filename : "?",
                 lineno == (size_t)-1 ? 1 : lineno, column == (size_t)-1 ? 1 : column, text ? text : "");
        size_t n = strlen(e->message);
        while (n && e->message[n - 1] == '\n')
            e->message[--n] = '\0';
    }
    if (severity == PO_SEVERITY_FATAL_ERROR)
        longjmp(e->back, 1);
}

static void on_po_error2(int severity, po_message_t m1, const char *f1, size_t l1, size_t c1, int ml1,
                         const char *t1, po_message_t m2, const char *f2, size_t l2, size_t c2, int ml2, const char *t2)
{
    (void)m2, (void)f2, (void)l2, (void)c2, (void)ml2, (void)t2;
    on_po_error(severity, m1, f1, l1, c1, ml1, t1);
}

static const struct po_xerror_handler handler = {on_po_error, on_po_error2};

/* msgfmt --check's verdict on a catalog built here (libgettextpo's po_file_check_all):
 * a message it refuses, e.g. a msgstr that does not end with a line break where its
 * msgid does, is marked fuzzy for a translator to review, not dropped. */
typedef struct {
    jmp_buf back;
    size_t marked;
} check_run;

static _Thread_local check_run *current_check;

static void on_check_problem(int severity, po_message_t m, const char *filename, size_t lineno, size_t column,
                             int multiline, const char *text)
{
    (void)filename, (void)lineno, (void)column, (void)multiline, (void)text;
    check_run *c = current_check;
    if (severity == PO_SEVERITY_WARNING || !c)
        return;
    if (m && *po_message_msgid(m) && !po_message_is_fuzzy(m)) {
        po_message_set_fuzzy(m, 1);
        c->marked++;
    }
    if (severity == PO_SEVERITY_FATAL_ERROR)
        longjmp(c->back, 1);
}

static void on_check_problem2(int severity, po_message_t m1, const char *f1, size_t l1, size_t c1, int ml1,
                              const char *t1, po_message_t m2, const char *f2, size_t l2, size_t c2, int ml2,
                              const char *t2)
{
    (void)m2, (void)f2, (void)l2, (void)c2, (void)ml2, (void)t2;
    on_check_problem(severity, m1, f1, l1, c1, ml1, t1);
}

static const struct po_xerror_handler check_handler = {on_check_problem, on_check_problem2};

/* Mark fuzzy every message msgfmt --check would refuse; how many. */
static size_t mark_refused_fuzzy(po_file_t po)
{
    check_run run = {.marked = 0};
    check_run *saved = current_check;
    current_check = &run;
    /* each fatal problem jumps back here: check again until the catalog passes */
    for (size_t before = (size_t)-1; before != run.marked;) {
        before = run.marked;
        if (setjmp(run.back) == 0)
            po_file_check_all(po, &check_handler);
    }
    current_check = saved;
    return run.marked;
}

/* The format flags a message carries, as a space-separated list ("c-format"). */
static void format_flags(po_message_t m, char *out, size_t size)
{
    static const char *types[] = {"c-format", "python-format", "python-brace-format", "sh-format", "java-format",
                                  "qt-format", "kde-format", "boost-format", "php-format", "perl-format"};
    out[0] = '\0';
    size_t o = 0;
    for (size_t k = 0; k < sizeof types / sizeof types[0]; k++)
        if (po_message_is_format(m, types[k]) && o + strlen(types[k]) + 2 < size)
            o += (size_t)snprintf(out + o, size - o, o ? " %s" : "%s", types[k]);
}

/* The catalog's language as a BCP 47 tag (zh_CN -> zh-CN), "" when absent or not a tag.
 * Only the Language field: "X-Poedit-Language: Russian" is not it (po_header_field
 * reads fields that start a line). */
static void header_language(const char *header, char out[LANG_TAG_MAX])
{
    char *raw = header ? po_header_field(header, "Language") : NULL;
    if (!raw || lang_normalize(raw, out) < 0)
        out[0] = '\0';
    free(raw);
}

typedef struct {
    tmx_writer *w;
    const char *srclang;
    char tgtlang[64];
    size_t unit;
} unit_out;

static int write_unit(unit_out *o, po_message_t m, const char *src, const char *tgt, int form)
{
    char tuid[32], flags[128], n[16];
    snprintf(tuid, sizeof tuid, "%zu", ++o->unit);
    int rc = tmx_writer_begin_tu(o->w, tuid);
    const char *ctxt = po_message_msgctxt(m), *extracted = po_message_extracted_comments(m);
    const char *comments = po_message_comments(m);
    format_flags(m, flags, sizeof flags);
    if (rc == 0 && ctxt)
        rc = tmx_writer_prop(o->w, "x-context", ctxt);
    if (rc == 0 && flags[0])
        rc = tmx_writer_prop(o->w, "x-po-flags", flags);
    if (rc == 0 && po_message_is_fuzzy(m))
        rc = tmx_writer_prop(o->w, "x-po-fuzzy", "yes");
    if (rc == 0 && form >= 0) {
        snprintf(n, sizeof n, "%d", form);
        rc = tmx_writer_prop(o->w, "x-po-msgid", po_message_msgid(m));
        if (rc == 0)
            rc = tmx_writer_prop(o->w, "x-po-msgid-plural", po_message_msgid_plural(m));
        if (rc == 0)
            rc = tmx_writer_prop(o->w, "x-po-plural-form", n);
    }
    if (rc == 0 && extracted && *extracted)
        rc = tmx_writer_prop(o->w, "x-po-extracted", extracted);
    if (rc == 0 && comments && *comments) {
        char *note = strdup(comments);
        if (!note)
            return error_nomem();
        size_t len = strlen(note);
        while (len && note[len - 1] == '\n')
            note[--len] = '\0'; /* libgettextpo ends each comment line with one */
        rc = tmx_writer_note(o->w, note);
        free(note);
    }
    if (rc == 0)
        rc = tmx_writer_tuv(o->w, o->srclang, src);
    if (rc == 0)
        rc = tmx_writer_tuv(o->w, o->tgtlang, tgt);
    return rc ? rc : tmx_writer_end_tu(o->w);
}

/* A PO path libgettextpo can read ("-": standard input), or a message that says why not
 * in words: libgettextpo's own for a directory is "?:0:0: error while reading", and it
 * takes an empty file for an empty catalog. */
static int check_po_input(const char *path)
{
    struct stat st;
    if (strcmp(path, "-") == 0)
        return 0;
    if (stat(path, &st) != 0 || access(path, R_OK) != 0)
        return error_set(ERR_NOINPUT, "%s: %s", path, strerror(errno));
    if (S_ISDIR(st.st_mode))
        return error_set(ERR_NOINPUT, _("%s: is a directory, not a PO file"), path);
    if (S_ISREG(st.st_mode) && st.st_size == 0)
        return error_set(ERR_DATA, _("%s: empty file (0 bytes), not a PO file"), path);
    return 0;
}

int po_to_tmx(const char *const *paths, size_t npaths, const char *srclang, int include_fuzzy, FILE *out,
              po_bridge_stats *st)
{
    memset(st, 0, sizeof *st);
    po_errors errors = {0};
    po_errors *saved = current_errors;
    current_errors = &errors;
    unit_out o = {NULL, srclang, "", 0};
    po_file_t *files = calloc(npaths + 1, sizeof *files);
    int rc = files ? 0 : error_nomem();
    /* read everything first: the TMX header carries the first catalog's header */
    for (size_t f = 0; f < npaths && rc == 0; f++) {
        if ((rc = check_po_input(paths[f])) < 0)
            break;
        if (setjmp(errors.back) == 0)
            files[f] = po_file_read(paths[f], &handler);
        if (!files[f] || errors.failed)
            rc = error_set(ERR_DATA, "%s", errors.failed ? errors.message : paths[f]);
        else
            rc = po_catalog_to_utf8(files[f], paths[f]);
    }
    /* po_file_domain_header returns a copy, which is ours to free */
    char *header = rc == 0 && npaths ? (char *)po_file_domain_header(files[0], NULL) : NULL;
    char lang[LANG_TAG_MAX];
    header_language(header, lang);
    snprintf(o.tgtlang, sizeof o.tgtlang, "%s", lang[0] ? lang : "und");
    const char *types[] = {"x-po-header"}, *values[] = {header ? header : ""};
    tmx_header h = {.srclang = srclang, .prop_types = types, .prop_values = values, .nprops = header ? 1 : 0};
    if (rc == 0)
        rc = tmx_writer_open(&o.w, out, &h);
    for (size_t f = 0; f < npaths && rc == 0; f++) {
        po_message_iterator_t it = po_message_iterator(files[f], NULL);
        for (po_message_t m; rc == 0 && (m = po_next_message(it)) != NULL;) {
            if (!*po_message_msgid(m))
                continue; /* the header */
            if (po_message_is_obsolete(m)) {
                st->obsolete++;
                continue;
            }
            st->messages++;
            if (po_message_is_fuzzy(m) && !include_fuzzy) {
                st->skipped_fuzzy++;
                continue;
            }
            if (po_message_msgid_plural(m) && !*po_message_msgstr_plural(m, 0)) {
                st->untranslated++; /* msgstr[0] "" and the rest: not translated yet */
            } else if (po_message_msgid_plural(m)) {
                for (int form = 0; rc == 0 && po_message_msgstr_plural(m, form); form++) {
                    rc = write_unit(&o, m, form ? po_message_msgid_plural(m) : po_message_msgid(m),
                                    po_message_msgstr_plural(m, form), form);
                    st->units++;
                }
            } else if (*po_message_msgstr(m)) {
                rc = write_unit(&o, m, po_message_msgid(m), po_message_msgstr(m), -1);
                st->units++;
            } else {
                st->untranslated++;
            }
        }
        po_message_iterator_free(it);
    }
    if (o.w) {
        int crc = tmx_writer_close(o.w);
        rc = rc ? rc : crc;
    }
    if (rc == 0 && st->units == 0) /* a memory of nothing: an empty file, or fuzzy messages only */
        rc = error_set(ERR_DATA,
                       _("no translated message to write (read: %zu, fuzzy and left out: %zu); nothing written"),
                       st->messages, st->skipped_fuzzy);
    for (size_t f = 0; f < npaths; f++)
        if (files && files[f])
            po_file_free(files[f]);
    free(files);
    free(header);
    current_errors = saved;
    return rc;
}

/* Plural-Forms for languages whose catalogs come without a header, by language subtag:
 * "rue" or "kok" is a language of its own, not Russian or Korean. The formulas are those
 * of the GNU gettext manual's table ("Plural forms"); other languages get English's two. */
static const char *default_plural_forms(const char *lang)
{
    static const char slavic_1_234[] =
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);";
    static const char no_plural[] = "nplurals=1; plural=0;";
    static const char czech[] = "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;";
    static const struct {
        char base[4];
        const char *plural_forms;
    } known[] = {
        {"ru", slavic_1_234}, {"uk", slavic_1_234}, {"be", slavic_1_234}, {"sr", slavic_1_234},
        {"hr", slavic_1_234}, {"bs", slavic_1_234}, {"cs", czech},        {"sk", czech},
        {"pl", "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"},
        {"lt", "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && (n%100<10 || n%100>=20) ? 1 : 2);"},
        {"lv", "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);"},
        {"sl", "nplurals=4; plural=(n%100==1 ? 0 : n%100==2 ? 1 : n%100==3 || n%100==4 ? 2 : 3);"},
        {"ro", "nplurals=3; plural=(n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2);"},
        {"ar", "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);"},
        {"fr", "nplurals=2; plural=(n > 1);"},
        {"zh", no_plural}, {"ja", no_plural}, {"ko", no_plural}, {"vi", no_plural}, {"th", no_plural},
    };
    char base[LANG_TAG_MAX];
    lang_base(lang, base);
    for (size_t k = 0; k < sizeof known / sizeof *known; k++)
        if (strcasecmp(base, known[k].base) == 0)
            return known[k].plural_forms;
    return "nplurals=2; plural=(n != 1);";
}


static const char *prop_of(const tmx_unit *u, const char *type)
{
    for (size_t k = 0; k < u->nnotes; k++)
        if (u->notes[k].type && strcmp(u->notes[k].type, type) == 0)
            return u->notes[k].text;
    return NULL;
}

/* The language of the unit's first tuv not in `lang`: the source of a memory whose
 * header names none. */
static const char *other_language(const tmx_unit *u, const char *lang)
{
    for (size_t k = 0; k < u->ntuv; k++) {
        const char *l = tmx_tuv_lang(&u->tuv[k]);
        if (l && !lang_tags_match(l, lang))
            return l;
    }
    return NULL;
}

/* The messages written so far by msgctxt and msgid (u64table.h: the key first). */
typedef u64_table message_index;
typedef struct {
    uint64_t key;
    po_message_t message;
} message_slot;

static uint64_t message_key(const char *ctxt, const char *msgid)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a over ctxt, EOT (gettext's separator), msgid */
    for (const unsigned char *p = (const unsigned char *)(ctxt ? ctxt : ""); *p; p++)
        h = (h ^ *p) * 1099511628211ULL;
    h = (h ^ (ctxt ? 4u : 0u)) * 1099511628211ULL;
    for (const unsigned char *p = (const unsigned char *)msgid; *p; p++)
        h = (h ^ *p) * 1099511628211ULL;
    return h;
}

static po_message_t message_index_find(const message_index *ix, const char *ctxt, const char *msgid)
{
    const message_slot *slot = u64_table_get(ix, message_key(ctxt, msgid));
    if (!slot)
        return NULL;
    const char *c = po_message_msgctxt(slot->message);
    int same_ctxt = (!c && !ctxt) || (c && ctxt && strcmp(c, ctxt) == 0);
    return same_ctxt && strcmp(po_message_msgid(slot->message), msgid) == 0 ? slot->message : NULL;
}

static int message_index_add(message_index *ix, const char *ctxt, const char *msgid, po_message_t m)
{
    int added;
    message_slot *slot = u64_table_put(ix, message_key(ctxt, msgid), &added);
    if (!slot)
        return error_nomem();
    if (added) /* a 64-bit collision keeps the first: found again by its own strings only */
        slot->message = m;
    return 0;
}

/* A translator comment line appended to m's comments (libgettextpo ends each with \n). */
static int append_comment(po_message_t m, const char *line)
{
    const char *old = po_message_comments(m);
    size_t lo = old ? strlen(old) : 0;
    char *all = malloc(lo + strlen(line) + 2);
    if (!all)
        return error_nomem();
    sprintf(all, "%s%s%s\n", old ? old : "", lo && old[lo - 1] != '\n' ? "\n" : "", line);
    po_message_set_comments(m, all);
    free(all);
    return 0;
}

/* Another translation `t` of message m, whose translation is `kept`: nothing to do when
 * they are the same, else kept as a translator comment (once) and counted. */
static int keep_other_translation(po_message_t m, const char *kept, const char *t, po_bridge_stats *st)
{
    if (kept && strcmp(kept, t) == 0)
        return 0;
    char *line = NULL;
    if (asprintf(&line, _("other translation: %s"), t) < 0)
        return error_nomem();
    const char *old = po_message_comments(m), *at = old ? strstr(old, line) : NULL;
    size_t len = strlen(line);
    int known = at && (at == old || at[-1] == '\n') && (at[len] == '\n' || !at[len]);
    int rc = known ? 0 : append_comment(m, line);
    st->alternatives += !known && rc == 0;
    free(line);
    return rc;
}

/* The unit's notes as the message's translator comments, every one of them. */
static int set_translator_comments(po_message_t m, const tmx_unit *u)
{
    for (size_t k = 0; k < u->nnotes; k++)
        if (!u->notes[k].type) {
            int rc = append_comment(m, u->notes[k].text);
            if (rc < 0)
                return rc;
        }
    return 0;
}

int tmx_to_po(const char *tmx_path, const char *lang, const char *out_path, po_bridge_stats *st)
{
    memset(st, 0, sizeof *st);
    tmx_reader *r;
    int rc = tmx_reader_open(tmx_path, &r);
    if (rc < 0)
        return rc;
    po_errors errors = {0};
    po_errors *saved = current_errors;
    current_errors = &errors;
    po_file_t po = po_file_create();
    po_message_iterator_t it = po_message_iterator(po, NULL);
    /* no srclang, or "*all*": each unit's source is its first tuv in another language */
    const char *src = tmx_attr_get(tmx_reader_header(r), "srclang");
    char *srclang = src && strcmp(src, "*all*") != 0 ? strdup(src) : NULL;
    if (src && strcmp(src, "*all*") != 0 && !srclang)
        rc = error_nomem(); /* never the fallback of a memory without srclang */
    /* the header: the original catalog's when it is for this language */
    const char *old = tmx_reader_header_prop(r, "x-po-header");
    char old_lang[LANG_TAG_MAX], header[512];
    header_language(old, old_lang);
    int keep_old = old && old_lang[0] && lang_tags_match(lang, old_lang); /* any length: kept as it is */
    if (!keep_old)
        snprintf(header, sizeof header,
                 "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\nLanguage: %s\n"
                 "Plural-Forms: %s\n",
                 lang, default_plural_forms(lang));
    po_message_t head = po_message_create();
    po_message_set_msgid(head, "");
    po_message_set_msgstr(head, keep_old ? old : header);
    po_message_insert(it, head);
    if (rc == 0 && keep_old) /* the messages are UTF-8 whatever the catalog's charset was */
        rc = po_header_message_to_utf8(head);
    message_index index;
    u64_table_init(&index, sizeof(message_slot));
    po_message_t plural = NULL;      /* the plural message being rebuilt */
    po_message_t plural_kept = NULL; /* or the one a repeated plural message's forms go to */
    tmx_unit u = {0};
    int more;
    while (rc == 0 && (more = tmx_reader_next(r, &u)) != 0) {
        if (more < 0) {
            rc = more;
            break;
        }
        /* languages matched as everywhere else (BCP 47 subtags, "en" takes "en-US"); an
         * empty translation is still a message, an untranslated one */
        const char *s, *t;
        tmx_unit_pair(&u, srclang ? srclang : other_language(&u, lang), lang, &s, &t);
        if (!s || !t)
            continue;
        st->units++;
        const char *form = prop_of(&u, "x-po-plural-form"), *ctxt = prop_of(&u, "x-context");
        const char *flags = prop_of(&u, "x-po-flags"), *extracted = prop_of(&u, "x-po-extracted");
        int n = form ? atoi(form) : 0;
        if (n > 0 && (plural || plural_kept)) {
            if (plural)
                po_message_set_msgstr_plural(plural, n, t);
            else if ((rc = keep_other_translation(plural_kept, po_message_msgstr_plural(plural_kept, n), t, st)) < 0)
                break;
            continue;
        }
        const char *msgid = form && prop_of(&u, "x-po-msgid") ? prop_of(&u, "x-po-msgid") : s;
        /* one entry per msgctxt and msgid (msgfmt refuses two): other translations of the
         * same message become translator comments of the first */
        po_message_t same = message_index_find(&index, ctxt, msgid);
        if (same) {
            plural = NULL;
            plural_kept = form ? same : NULL;
            const char *kept = po_message_msgid_plural(same) ? po_message_msgstr_plural(same, n) : po_message_msgstr(same);
            if ((rc = keep_other_translation(same, kept, t, st)) < 0)
                break;
            continue;
        }
        po_message_t m = po_message_create();
        if (form) {
            po_message_set_msgid(m, msgid);
            po_message_set_msgid_plural(m, prop_of(&u, "x-po-msgid-plural") ? prop_of(&u, "x-po-msgid-plural") : s);
            po_message_set_msgstr_plural(m, 0, t);
            plural = m;
        } else {
            po_message_set_msgid(m, s);
            po_message_set_msgstr(m, t);
            plural = NULL;
        }
        plural_kept = NULL;
        if (ctxt)
            po_message_set_msgctxt(m, ctxt);
        if (extracted)
            po_message_set_extracted_comments(m, extracted);
        if ((rc = set_translator_comments(m, &u)) < 0)
            break;
        if (prop_of(&u, "x-po-fuzzy"))
            po_message_set_fuzzy(m, 1);
        for (const char *f = flags; f && *f;) {
            size_t len = strcspn(f, " ");
            char one[64];
            snprintf(one, sizeof one, "%.*s", (int)(len < 63 ? len : 63), f);
            po_message_set_format(m, one, 1);
            f += len + (f[len] == ' ');
        }
        po_message_insert(it, m);
        int added = message_index_add(&index, ctxt, msgid, m);
        if (added < 0) {
            rc = added; /* out of memory, reported as such */
            break;
        }
        st->messages++;
    }
    u64_table_free(&index);
    tmx_unit_free(&u);
    po_message_iterator_free(it);
    if (rc == 0 && st->messages == 0) /* a catalog of just a header: a typo in --lang, most likely */
        rc = error_set(ERR_DATA, _("%s: no unit translates into %s (languages in the memory: %s); nothing written"),
                       tmx_reader_name(r), lang, *tmx_reader_languages(r) ? tmx_reader_languages(r) : _("none"));
    if (rc == 0)
        st->marked_fuzzy = mark_refused_fuzzy(po);
    if (rc == 0) {
        if (setjmp(errors.back) == 0)
            po_file_write(po, out_path, &handler);
        if (errors.failed)
            rc = error_set(ERR_IO, "%s", errors.message);
    }
    po_file_free(po);
    free(srclang);
    tmx_reader_close(r);
    current_errors = saved;
    return rc;
}
