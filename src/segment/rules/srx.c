/* srx.c — SRX 2.0 reader on libxml2.
 *
 * SRX files are small, so the DOM is fine here; the parse still refuses the network and
 * entity expansion like every XML read in the project. Language patterns are ICU regexes
 * matched against the whole tag, case-insensitively, as Okapi does. */
#include "srx.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <unicode/uregex.h>
#include <unicode/ustring.h>

#include "../../i18n.h"
#include "../../text/input.h"
#include "../../util/error.h"

typedef struct {
    char *name;
    srx_rule *rules;
    size_t nrules;
} language_rule;

typedef struct {
    char *pattern;      /* regex on the language tag */
    char *rule_name;    /* languagerulename it selects */
} language_map;

struct srx {
    char *name;
    int cascade;
    language_rule *langs;
    size_t nlangs;
    language_map *maps;
    size_t nmaps;
};

static int is_element(xmlNode *n, const char *local)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, local) == 0;
}

static xmlNode *child(xmlNode *parent, const char *local)
{
    for (xmlNode *n = parent ? parent->children : NULL; n; n = n->next)
        if (is_element(n, local))
            return n;
    return NULL;
}

/* A copy of attribute `name` in *out (NULL when absent): 0, or -ERR_NOMEM, which must not
 * pass for an attribute left out (break="no" read as a break). */
static int attr_dup(xmlNode *n, const char *name, char **out)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    *out = v ? strdup((const char *)v) : NULL;
    xmlFree(v);
    return (v && !*out) || (!v && xmlHasProp(n, (const xmlChar *)name)) ? error_nomem() : 0;
}

static char *text_dup(xmlNode *n)
{
    if (!n)
        return strdup("");
    xmlChar *v = xmlNodeGetContent(n);
    char *s = strdup(v ? (const char *)v : "");
    xmlFree(v);
    return s;
}

static int parse_rules(srx *s, xmlNode *lr, language_rule *out)
{
    size_t n = 0;
    for (xmlNode *r = lr->children; r; r = r->next)
        n += is_element(r, "rule");
    out->rules = calloc(n ? n : 1, sizeof *out->rules);
    if (!out->rules)
        return error_nomem();
    for (xmlNode *r = lr->children; r; r = r->next) {
        if (!is_element(r, "rule"))
            continue;
        srx_rule *rule = &out->rules[out->nrules++];
        char *brk;
        if (attr_dup(r, "break", &brk) < 0)
            return -ERR_NOMEM;
        rule->do_break = !brk || strcmp(brk, "no") != 0;
        free(brk);
        rule->before = text_dup(child(r, "beforebreak"));
        rule->after = text_dup(child(r, "afterbreak"));
        rule->line = (int)xmlGetLineNo(r);
        if (!rule->before || !rule->after)
            return error_nomem();
    }
    return 0;
}

static int parse_document(srx *s, xmlDoc *doc)
{
    xmlNode *root = xmlDocGetRootElement(doc);
    if (!root || !is_element(root, "srx"))
        return error_set(ERR_DATA, _("%s: not an SRX file (root element is not <srx>)"), s->name);
    xmlNode *header = child(root, "header"), *body = child(root, "body");
    if (header) {
        char *c;
        if (attr_dup(header, "cascade", &c) < 0)
            return -ERR_NOMEM;
        s->cascade = c && strcmp(c, "yes") == 0;
        free(c);
    }
    xmlNode *lrs = child(body, "languagerules"), *mrs = child(body, "maprules");
    if (!lrs || !mrs)
        return error_set(ERR_DATA, _("%s: SRX file lacks <languagerules> or <maprules>"), s->name);
    for (xmlNode *n = lrs->children; n; n = n->next)
        s->nlangs += is_element(n, "languagerule");
    for (xmlNode *n = mrs->children; n; n = n->next)
        s->nmaps += is_element(n, "languagemap");
    s->langs = calloc(s->nlangs + 1, sizeof *s->langs);
    s->maps = calloc(s->nmaps + 1, sizeof *s->maps);
    if (!s->langs || !s->maps) {
        s->nlangs = s->nmaps = 0; /* srx_free frees what there is */
        return error_nomem();
    }
    size_t i = 0;
    for (xmlNode *n = lrs->children; n; n = n->next) {
        if (!is_element(n, "languagerule"))
            continue;
        language_rule *lr = &s->langs[i++];
        if (attr_dup(n, "languagerulename", &lr->name) < 0)
            return -ERR_NOMEM;
        if (!lr->name)
            return error_set(ERR_DATA, _("%s:%d: <languagerule> without languagerulename"),
                             s->name, (int)xmlGetLineNo(n));
        int rc = parse_rules(s, n, lr);
        if (rc < 0)
            return rc;
    }
    i = 0;
    for (xmlNode *n = mrs->children; n; n = n->next) {
        if (!is_element(n, "languagemap"))
            continue;
        language_map *m = &s->maps[i++];
        if (attr_dup(n, "languagepattern", &m->pattern) < 0 || attr_dup(n, "languagerulename", &m->rule_name) < 0)
            return -ERR_NOMEM;
        if (!m->pattern || !m->rule_name)
            return error_set(ERR_DATA, _("%s:%d: <languagemap> needs languagepattern and languagerulename"),
                             s->name, (int)xmlGetLineNo(n));
    }
    return 0;
}

int srx_parse(const char *xml, size_t len, const char *name, srx **out)
{
    *out = NULL;
    srx *s = calloc(1, sizeof *s);
    if (!s || !(s->name = strdup(name))) {
        free(s);
        return error_nomem();
    }
    xmlDoc *doc = xmlReadMemory(xml, (int)len, name, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    int rc;
    if (!doc) {
        const xmlError *e = xmlGetLastError();
        rc = error_set(ERR_DATA, _("%s:%d:%d: malformed XML: %s"), name, e ? e->line : 0,
                       e ? e->int2 : 0, e && e->message ? e->message : "");
        /* libxml2 messages end in a newline; drop it */
        char *msg = (char *)error_last();
        size_t ml = strlen(msg);
        if (ml && msg[ml - 1] == '\n')
            msg[ml - 1] = '\0';
    } else {
        rc = parse_document(s, doc);
        xmlFreeDoc(doc);
    }
    if (rc < 0) {
        srx_free(s);
        return rc;
    }
    *out = s;
    return 0;
}

int srx_load(const char *path, srx **out)
{
    text_input in;
    int rc = text_input_read(path, &in);
    if (rc < 0)
        return rc;
    rc = srx_parse(in.bytes, in.len, in.name, out);
    text_input_free(&in);
    return rc;
}

/* Does the whole tag match the map's pattern? */
static int pattern_matches(const char *pattern, const char *lang, int *bad)
{
    UErrorCode err = U_ZERO_ERROR;
    URegularExpression *re = uregex_openC(pattern, UREGEX_CASE_INSENSITIVE, NULL, &err);
    if (U_FAILURE(err)) {
        *bad = 1;
        return 0;
    }
    UChar ulang[64];
    u_uastrncpy(ulang, lang, 63);
    ulang[63] = 0;
    uregex_setText(re, ulang, -1, &err);
    UBool m = uregex_matches(re, 0, &err);
    uregex_close(re);
    return U_SUCCESS(err) && m;
}

int srx_rules_for(const srx *s, const char *lang, const srx_rule ***rules)
{
    size_t total = 0;
    for (size_t i = 0; i < s->nlangs; i++)
        total += s->langs[i].nrules;
    const srx_rule **list = calloc(total + 1, sizeof *list);
    if (!list)
        return error_nomem();
    size_t n = 0;
    for (size_t m = 0; m < s->nmaps; m++) {
        int bad = 0;
        if (!pattern_matches(s->maps[m].pattern, lang, &bad)) {
            if (bad) {
                free(list);
                return error_set(ERR_DATA, _("%s: invalid languagepattern regex \"%s\""), s->name,
                                 s->maps[m].pattern);
            }
            continue;
        }
        const language_rule *lr = NULL;
        for (size_t i = 0; i < s->nlangs && !lr; i++)
            if (strcmp(s->langs[i].name, s->maps[m].rule_name) == 0)
                lr = &s->langs[i];
        if (!lr) {
            free(list);
            return error_set(ERR_DATA, _("%s: languagemap names unknown languagerule \"%s\""), s->name,
                             s->maps[m].rule_name);
        }
        for (size_t r = 0; r < lr->nrules && n < total; r++)
            list[n++] = &lr->rules[r];
        if (!s->cascade)
            break;
    }
    *rules = list;
    return (int)n;
}

const char *srx_name(const srx *s)
{
    return s->name;
}

void srx_free(srx *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->nlangs; i++) {
        for (size_t r = 0; r < s->langs[i].nrules; r++) {
            free(s->langs[i].rules[r].before);
            free(s->langs[i].rules[r].after);
        }
        free(s->langs[i].rules);
        free(s->langs[i].name);
    }
    for (size_t m = 0; m < s->nmaps; m++) {
        free(s->maps[m].pattern);
        free(s->maps[m].rule_name);
    }
    free(s->langs);
    free(s->maps);
    free(s->name);
    free(s);
}
