/* align_options.c — the options align and batch share; see align_options.h. */
#include "align_options.h"

#include <stdlib.h>
#include <string.h>

#include "../align/lexbuiltin.h"
#include "../align/lexuser.h"
#include "../util/error.h"

void align_settings_defaults(void *args)
{
    align_settings *s = args;
    memset(s, 0, sizeof *s);
    s->output.min_score = ALIGN_DEFAULT_MIN_SCORE;
    s->opts.refit_rounds = -1;
}

/* --lexicon [LANG=]FILE: the file, and in lang the base subtag of LANG ("" when none).
 * What comes before '=' is a language only when it is a tag ICU knows and names no
 * directory, so a file called a=b.tsv is still a file (and ./zh=x.tsv always is). */
static const char *lexicon_arg(const char *arg, char lang[LANG_TAG_MAX])
{
    lang[0] = '\0';
    const char *eq = strchr(arg, '=');
    if (!eq || eq == arg || (size_t)(eq - arg) >= LANG_TAG_MAX || memchr(arg, '/', (size_t)(eq - arg)))
        return arg;
    char tag[LANG_TAG_MAX], norm[LANG_TAG_MAX];
    snprintf(tag, sizeof tag, "%.*s", (int)(eq - arg), arg);
    if (lang_normalize(tag, norm) < 0)
        return arg;
    lang_base(norm, lang);
    return eq + 1;
}

int align_settings_handle(const cli_command *self, int key, const char *arg, void *args)
{
    align_settings *s = args;
    switch (key) {
    case OPT_ALIGN_LEXICON:
        if (s->nlexicons == MAX_USER_LEXICONS)
            return cli_usage_error(self, _("at most %d --lexicon files"), MAX_USER_LEXICONS);
        s->lexicon[s->nlexicons] = lexicon_arg(arg, s->lexicon_tag[s->nlexicons]);
        s->lexicon_lang[s->nlexicons] = s->lexicon_tag[s->nlexicons][0] ? s->lexicon_tag[s->nlexicons] : NULL;
        s->nlexicons++;
        return 0;
    case OPT_ALIGN_LEXDIR: s->opts.lexicons.dir = arg; return 0;
    case OPT_ALIGN_NO_SCORE: {
        int k = align_score_kind(arg);
        if (k < 0)
            return cli_usage_error(self, _("unknown scorer '%s' (use prior, length, anchors, paragraphs or lexicon)"),
                                   arg);
        s->opts.disabled |= 1u << k;
        return 0;
    }
    }
    return 0; /* no other key comes here */
}

int align_settings_finish(const cli_command *self, align_settings *s, int ntexts)
{
    for (size_t u = 0; ntexts == 3 && u < s->nlexicons; u++)
        if (!s->lexicon_lang[u])
            return cli_usage_error(self, _("--lexicon %s: with two translations, say which one it is for: "
                                           "--lexicon LANG=%s"),
                                   s->lexicon[u], s->lexicon[u]);
    if (!s->opts.lexicons.dir)
        s->opts.lexicons.dir = getenv("POLYALIGN_LEXICONS");
    if (s->opts.lexicons.dir && !*s->opts.lexicons.dir)
        s->opts.lexicons.dir = NULL;
    return 0;
}

int align_settings_check_lexicon_langs(const align_settings *s, const char *const *translation_bases, int n)
{
    for (size_t u = 0; u < s->nlexicons; u++) {
        int used = !s->lexicon_lang[u];
        for (int k = 0; k < n && !used; k++)
            used = lang_tags_match(s->lexicon_lang[u], translation_bases[k]);
        if (!used)
            return error_set(ERR_USAGE, _("--lexicon %s=%s: no translation is in %s"), s->lexicon_lang[u],
                             s->lexicon[u], s->lexicon_lang[u]);
    }
    return 0;
}

int align_parse_langs(const cli_command *self, const char *list, char tags[3][LANG_TAG_MAX])
{
    int n = 0;
    const char *p = list;
    while (*p) {
        size_t len = strcspn(p, ",");
        char one[LANG_TAG_MAX], norm[LANG_TAG_MAX];
        if (n == 3 || len == 0 || len >= sizeof one) {
            cli_usage_error(self, _("--langs takes two or three language tags separated by commas"));
            return -1;
        }
        memcpy(one, p, len);
        one[len] = '\0';
        if (cli_lang(self, one, norm))
            return -1;
        lang_full_tag(norm, tags[n++]);
        p += len + (p[len] == ',');
    }
    return n;
}

int align_settings_open_shared(align_settings *s)
{
    lexset_config *c = &s->opts.lexicons;
    int rc = user_lexicons_new(s->lexicon, s->lexicon_lang, s->nlexicons, &c->user);
    if (rc == 0)
        rc = lexicon_builtins_new(c->dir, &c->builtins);
    if (rc == 0)
        rc = han_spellings_new(&s->opts.han);
    return rc;
}

void align_settings_close_shared(align_settings *s)
{
    user_lexicons_free(s->opts.lexicons.user);
    lexicon_builtins_free(s->opts.lexicons.builtins);
    han_spellings_free(s->opts.han);
    s->opts.lexicons.user = NULL;
    s->opts.lexicons.builtins = NULL;
    s->opts.han = NULL;
}
