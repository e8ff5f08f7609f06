/* word_lists.c — the abbreviation and sentence-starter lists; see word_lists.h.
 *
 * The lists are written here as space-separated words in lower case, without their
 * full stop ("e.g" for "e.g."), and hashed into a u64_table of flags when a segmenter is
 * made. A word that is also a common word of its own ("in", "no", "sun", "may") is left
 * out of the abbreviations: there its full stop ends sentences as often as not. */
#include "word_lists.h"

#include <stdlib.h>
#include <string.h>

#include "../text/lang.h"
#include "../util/error.h"
#include "../util/u64table.h"
#include "tokens.h"

enum { ABBREVIATION = 1, STARTER = 2 };

typedef struct {
    const char *lang;
    const char *abbreviations;
    const char *starters;
} language_lists;

static const language_lists LISTS[] = {
    {"en",
     "a.m p.m e.g i.e a.k.a etc vs viz cf approx appr est esp incl excl ibid al et "
     "govt gov dept depts div assn assoc univ inst corp inc ltd bros mfg intl natl "
     "mr mrs ms messrs dr drs prof profs rev hon sr jr st mt ft pt ave blvd rd hwy ste apt bldg "
     "capt cpt col gen lt maj sgt cpl pvt adm cmdr cdr sen rep reps pres supt det atty insp "
     "jan feb apr jun jul aug sep sept oct nov dec mon tue tues thu thur thurs fri "
     "fig figs vol vols ch chap sec sect secs para paras pp eq eqs tab ed eds repr trans "
     "min mins max hr hrs yr yrs mo mos wk wks lb lbs oz kg km cm mm mi yd yds gal qt sq cu doz deg "
     "avg amt qty wt ht dia temp ext tel fwd attn acct admin mgr mgmt mkt misc orig prev "
     "ref refs req resp std subj usu var nr ca c.f n.b p.s ph.d m.d b.a m.a b.sc m.sc",
     "i i'm im i've i'll i'd he she we you they it it's its this these those there there's here "
     "the a an my our your their his her what when where who why how which whose "
     "however but so then now also anyway besides therefore thus meanwhile otherwise instead "
     "please thanks thank thx sorry yes yeah yep no nope ok okay well oh ah hi hello hey dear "
     "regards sincerely cheers best lol btw plus maybe perhaps just "
     "do does did don't didn't is are was were can can't could would should will won't have has "
     "let let's lets if whatever anyone everyone someone nobody nothing everything"},
    {"ru",
     "т д п е г гг в вв н э т.е т.к т.н т.д т.п и.о др пр проч "
     "ул просп пер пл наб ш обл р-н пгт пос дер с ст стр кв корп эт оф д "
     "им проф акад доц чл канд зав зам нач пред ген полк лейт кап тов гр св "
     "ср см рис табл гл ч чч тт вып изд ред сост прим экз илл "
     "англ нем франц фр лат греч итал исп рус укр букв напр сокр ок прибл мн ед род "
     "тыс млн млрд трлн руб коп долл мин сек кг км см мм га шт чел гос жен муж "
     "янв фев февр мар апр авг сент сен окт нояб ноя дек пн вт чт пт сб вс",
     "я ты он она оно мы вы они это этот эта эти то тот та те там тут здесь "
     "но а однако поэтому потому так также тоже тогда потом затем теперь сейчас вот ну "
     "если когда как что кто где куда почему зачем какой какая какие сколько "
     "да нет спасибо привет здравствуйте пожалуйста извините кстати впрочем итак "
     "мой моя мои наш наша наши ваш ваша ваши его её ее их всё все всем"},
};

struct word_lists {
    u64_table words; /* of entries */
};

typedef struct {
    uint64_t key;
    int flags;
} entry;

static int add_words(word_lists *w, const char *list, int flag)
{
    for (const char *p = list; *p;) {
        while (*p == ' ')
            p++;
        size_t n = strcspn(p, " ");
        if (n) {
            int added;
            entry *e = u64_table_put(&w->words, word_hash(p, 0, n), &added);
            if (!e)
                return -ERR_NOMEM;
            e->flags |= flag;
        }
        p += n;
    }
    return 0;
}

int word_lists_new(const char *lang, word_lists **out)
{
    *out = NULL;
    char base[LANG_TAG_MAX];
    lang_base(lang, base);
    for (size_t k = 0; k < sizeof LISTS / sizeof *LISTS; k++) {
        if (strcmp(base, LISTS[k].lang) != 0)
            continue;
        word_lists *w = calloc(1, sizeof *w);
        if (!w)
            return error_nomem();
        u64_table_init(&w->words, sizeof(entry));
        int rc = add_words(w, LISTS[k].abbreviations, ABBREVIATION);
        if (rc == 0)
            rc = add_words(w, LISTS[k].starters, STARTER);
        if (rc < 0) {
            word_lists_free(w);
            return rc;
        }
        *out = w;
    }
    return 0;
}

static int flags_of(const word_lists *w, uint64_t hash)
{
    const entry *e = w ? u64_table_get(&w->words, hash) : NULL;
    return e ? e->flags : 0;
}

int word_lists_abbreviation(const word_lists *w, uint64_t hash)
{
    return flags_of(w, hash) & ABBREVIATION;
}

int word_lists_starter(const word_lists *w, uint64_t hash)
{
    return (flags_of(w, hash) & STARTER) != 0;
}

void word_lists_free(word_lists *w)
{
    if (w)
        u64_table_free(&w->words);
    free(w);
}
