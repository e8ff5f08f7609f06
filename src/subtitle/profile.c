/* profile.c — the style tables; see profile.h. */
#include "profile.h"

#include <string.h>

#include "../text/lang.h"

static const char *const en_weak[] = {"a", "an", "the", "my", "your", "his", "her", "its", "our", "their",
                                      "this", "that", "these", "those", "to", "of", "in", "on", "at", "by",
                                      "for", "with", "from", "and", "or", "but", "not", "very", "mr.", "mrs.",
                                      "ms.", "dr.", NULL};
static const char *const en_pronouns[] = {"i", "we", "you", "he", "she", "they", "it", NULL};
static const char *const ru_weak[] = {"в", "во", "к", "ко", "с", "со", "у", "о", "об", "и", "а", "но", "на", "по",
                                      "за", "из", "от", "до", "для", "не", "ни", "что", "как", "при", "без", "под",
                                      "над", "через", "или", NULL};
static const char *const ru_pronouns[] = {"я", "мы", "вы", "он", "она", "они", NULL};
static const char *const none[] = {NULL};

/* Adjective hints (profile.h). English adjectives never take a plural -s, so a final -s
 * marks a noun unless a longer adjective ending (-ous, -less) matches. */
static const char *const en_determiners[] = {"a", "an", "the", "this", "these", "those", "my", "your", "his",
                                             "her", "its", "our", "their", "every", "each", "another", "some", "any",
                                             "no", "such", "all", "both", "many", "several", "few", "most", NULL};
static const char *const en_adjective_endings[] = {"al", "ive", "ous", "ic", "ful", "less", "able", "ible", "ary",
                                                   "ant", "ent", "ular", NULL};
static const char *const en_noun_endings[] = {"ment", "ness", "ity", "tion", "sion", "ship", "ism", "ance", "ence",
                                              "s", NULL};
static const char *const en_function_words[] = {
    "am", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "having", "do", "does", "did",
    "will", "would", "shall", "should", "can", "could", "may", "might", "must", "cannot", "that", "which", "who",
    "whom", "whose", "what", "where", "when", "why", "how", "while", "if", "as", "than", "because", "so", "since",
    "though", "although", "unless", "until", "whether", "nor", "me", "him", "us", "them", "there", "here", "also",
    "only", "just", "even", "still", "then", "too", "again", "already", "yet", "ever", "never", "about",
    "after", "before", "into", "onto", "over", "under", "between", "through", "during", "without", "within",
    "against", "among", "across", "toward", "towards", "upon", "per", "via", "around", "beyond", "despite",
    "except", "including", "like", "near", "off", "out", "up", "down", NULL};
static const adjective_hints en_adjectives = {en_determiners, en_adjective_endings, en_noun_endings,
                                              en_function_words};
/* Russian adjectives show themselves by their endings; -ой and -им are also a noun's or a
 * verb's, a guess the cutter only avoids. Verbal nouns (-ение, -ание, -тие, -ствие, and
 * their genitive plurals -ений, -аний) and genitive plurals of -ия nouns (-ций, -логий,
 * -рий) end like adjectives but are not. */
static const char *const ru_adjective_endings[] = {"ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие",
                                                   "ого", "его", "ому", "ему", "ым", "им", "ую", "юю",
                                                   "ых", "их", "ыми", "ими", NULL};
static const char *const ru_noun_endings[] = {"ение", "ание", "тие", "ствие", "ений", "аний", "ций", "логий",
                                              "рий", NULL};
static const char *const ru_function_words[] = {
    "это", "был", "была", "было", "были", "будет", "будут", "быть", "есть", "является", "являются", "который",
    "которая", "которое", "которые", "которого", "которой", "котором", "которым", "которых", "чтобы", "если",
    "когда", "где", "также", "тоже", "уже", "ещё", "еще", "бы", "ли", "же", "лишь", "только", "даже", "так",
    "то", "более", "менее", "его", "её", "ее", "их", "им", "ему", "ей", "нам", "вам", "нас", "вас", "себя",
    "себе", "перед", "после", "между", "среди", "около", "против", "кроме", "вместо", "вне", "внутри", "ради",
    "про", "согласно", "благодаря", NULL};
static const adjective_hints ru_adjectives = {none, ru_adjective_endings, ru_noun_endings, ru_function_words};

/* 160-180 words a minute is about 15 characters a second in English */
static const subtitle_profile profiles[] = {
    {"netflix", "en", 42, 2, 20, 5.0 / 6.0, 7.0, 2, 0, en_weak, en_pronouns, &en_adjectives},
    {"netflix", "ru", 39, 2, 17, 5.0 / 6.0, 7.0, 2, 0, ru_weak, ru_pronouns, &ru_adjectives},
    {"netflix", "zh", 16, 2, 9, 5.0 / 6.0, 7.0, 2, 1, none, none, NULL},
    {"bbc", "en", 37, 2, 15, 1.0, 7.0, 2, 0, en_weak, en_pronouns, &en_adjectives},
    {"bbc", "ru", 37, 2, 15, 1.0, 7.0, 2, 0, ru_weak, ru_pronouns, &ru_adjectives},
    {"bbc", "zh", 16, 2, 9, 1.0, 7.0, 2, 1, none, none, NULL},
};

const subtitle_profile *subtitle_profile_find(const char *name, const char *lang)
{
    const subtitle_profile *fallback = NULL;
    for (size_t k = 0; k < sizeof profiles / sizeof profiles[0]; k++) {
        if (strcmp(profiles[k].name, name) != 0)
            continue;
        if (lang_tags_match(profiles[k].lang, lang))
            return &profiles[k];
        if (strcmp(profiles[k].lang, "en") == 0)
            fallback = &profiles[k];
    }
    return fallback;
}
