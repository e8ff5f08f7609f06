/* profile.c — the style tables; see profile.h. */
#include "profile.h"

#include <math.h>
#include <string.h>

#include "../text/lang.h"

static const char *const en_weak[] = {"a", "an", "the", "my", "your", "his", "her", "its", "our", "their",
                                      "this", "that", "these", "those", "to", "of", "in", "on", "at", "by",
                                      "for", "with", "from", "and", "or", "but", "not", "very", "mr.", "mrs.",
                                      "ms.", "dr.", NULL};
/* Kept off a line end where another break fits (profile.h): subject pronouns, the
 * prepositions and relatives that srt check lets pass (framework under | which), modal
 * verbs and degree words, which always lean on the next word (can | hardly, more | equal). */
static const char *const en_avoid[] = {
    "i", "we", "you", "he", "she", "they", "it", "about", "after", "before", "into", "onto", "over", "under",
    "between", "through", "during", "without", "within", "against", "among", "across", "toward", "towards",
    "upon", "per", "via", "around", "beyond", "despite", "except", "including", "like", "near", "which", "who",
    "whom", "whose", "can", "could", "will", "would", "shall", "should", "may", "might", "must", "more", "less",
    NULL};
/* Auxiliaries that may also be a sentence's main verb: avoided only after a pronoun */
static const char *const en_auxiliaries[] = {"am", "is", "are", "was", "were", "be", "been", "being", "has",
                                             "have", "had", "do", "does", "did", NULL};
static const char *const ru_weak[] = {"в", "во", "к", "ко", "с", "со", "у", "о", "об", "и", "а", "но", "на", "по",
                                      "за", "из", "от", "до", "для", "не", "ни", "что", "как", "при", "без", "под",
                                      "над", "через", "или", NULL};
static const char *const ru_avoid[] = {"я", "мы", "вы", "он", "она", "они", "перед", "после", "между", "среди",
                                       "около", "против", "кроме", "вместо", "вне", "внутри", "ради", "про",
                                       "согласно", "благодаря", "который", "которая", "которое", "которые",
                                       "которого", "которой", "котором", "которым", "которых", "может", "могут",
                                       "можем", "должен", "должна", "должно", "должны", "самый", "самая", "самое",
                                       "самые", NULL};
static const char *const ru_auxiliaries[] = {"был", "была", "было", "были", "буду", "будем", "будете", "будет",
                                             "будут", NULL};
/* Chinese particles and suffixes bound to the word before them (structural, aspect,
 * modal, plural; -者 -er, -性 -ity, -化 -ize, -式, -率, -员), as ICU's dictionary leaves
 * them alone: 参与|者, 开幕|式 */
static const char *const zh_bound[] = {"的", "地", "得", "了", "着", "过", "吗", "呢", "吧", "啊", "呀", "嘛", "么",
                                       "们", "者", "性", "化", "式", "率", "员", NULL};
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
    "having", "cannot", "that", "what", "where", "when", "why", "how", "while", "if", "as", "than", "because",
    "so", "since", "though", "although", "unless", "until", "whether", "nor", "me", "him", "us", "them", "there",
    "here", "also", "only", "just", "even", "still", "then", "too", "again", "already", "yet", "ever", "never",
    "off", "out", "up", "down", NULL};
static const char *const en_coordinators[] = {"and", "or", NULL};
static const adjective_hints en_adjectives = {
    .determiners = en_determiners, .adjective_endings = en_adjective_endings, .noun_endings = en_noun_endings,
    .function_words = en_function_words, .coordinators = en_coordinators, .unmarked_adjectives = 1,
    .classifiers = none, .adjective_stem = 3};
/* Russian adjectives show themselves by their endings; -ой and -им are also a noun's or a
 * verb's, a guess the cutter only avoids. The feminine oblique -ей is an adjective's after
 * ь, ш, щ, н and in -очей, -учей, -ячей (третьей, лучшей, принимающей, общей, последней,
 * рабочей), a noun's elsewhere (людей, целей, представителей, задачей). Verbal nouns
 * (-ение, -ание, -тие, -ствие, and their genitive plurals -ений, -аний) and genitive
 * plurals of -ия nouns (-ций, -логий, -рий) end like adjectives but are not.
 * Demonstratives and possessives lead a noun phrase as English determiners do. */
static const char *const ru_determiners[] = {
    "этот", "эта", "эту", "эти", "этой", "этого", "этому", "этим", "этих", "этими", "тот", "та", "ту", "те",
    "той", "того", "тому", "тех", "наш", "наша", "наше", "нашу", "наши", "нашей", "нашего", "нашему", "нашим",
    "наших", "нашими", "ваш", "ваша", "ваше", "вашу", "ваши", "вашей", "вашего", "вашему", "вашим", "ваших",
    "вашими", "свой", "своя", "своё", "свое", "свою", "свои", "своей", "своего", "своему", "своим", "своих",
    "своими", "каждый", "каждая", "каждое", "каждую", "каждой", "каждого", "каждому", "каждым", "весь", "вся",
    "всей", "всего", "всех", "всем", "всеми", "такой", "такая", "такое", "такую", "такие", "таких", "такого",
    "такому", "таким", NULL};
static const char *const ru_adjective_endings[] = {"ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие", "ого",
                                                   "его", "ому", "ему", "ым", "им", "ую", "юю", "ых", "их", "ыми",
                                                   "ими", "ьей", "шей", "щей", "ней", "очей", "учей", "ячей", NULL};
static const char *const ru_noun_endings[] = {"ение", "ание", "тие", "ствие", "ений", "аний", "ций", "логий",
                                              "рий", NULL};
static const char *const ru_function_words[] = {
    "это", "быть", "есть", "является", "являются", "чтобы", "если", "когда", "где", "также", "тоже", "уже",
    "ещё", "еще", "бы", "ли", "же", "лишь", "только", "даже", "так", "то", "его", "её", "ее",
    "их", "им", "ему", "ей", "нам", "вам", "нас", "вас", "себя", "себе", NULL};
static const char *const ru_coordinators[] = {"и", "или", NULL};
static const adjective_hints ru_adjectives = {
    .determiners = ru_determiners, .adjective_endings = ru_adjective_endings, .noun_endings = ru_noun_endings,
    .function_words = ru_function_words, .coordinators = ru_coordinators, .unmarked_adjectives = 0,
    .classifiers = none, .adjective_stem = 2};
/* Chinese determiners and measure words, as ICU's dictionary cuts them (所有, 这些, 每|个) */
static const char *const zh_determiners[] = {"这", "那", "每", "各", "某", "该", "此", "本", "其", "这一", "那一",
                                             "所有", "一切", "这些", "那些", "一些", "任何", "许多", "很多",
                                             "诸多", "各种", "各项", "各个", "一个", "这个", "那个", "整个",
                                             "一种", "这种", "那种", "一项", "这项", NULL};
static const char *const zh_classifiers[] = {"个", "种", "项", "位", "名", "条", "家", "次", "批", "类", "届",
                                             "件", "场", "份", "些", NULL};
static const adjective_hints zh_adjectives = {
    .determiners = zh_determiners, .adjective_endings = none, .noun_endings = none, .function_words = none,
    .coordinators = none, .unmarked_adjectives = 0, .classifiers = zh_classifiers, .adjective_stem = 0};

/* 160-180 words a minute is about 15 characters a second in English */
static const subtitle_profile profiles[] = {
    {"netflix", "en", 42, 2, 20, 5.0 / 6.0, 7.0, 2, 0, en_weak, en_avoid, en_auxiliaries, none, &en_adjectives},
    {"netflix", "ru", 39, 2, 17, 5.0 / 6.0, 7.0, 2, 0, ru_weak, ru_avoid, ru_auxiliaries, none, &ru_adjectives},
    {"netflix", "zh", 16, 2, 9, 5.0 / 6.0, 7.0, 2, 1, none, none, none, zh_bound, &zh_adjectives},
    {"bbc", "en", 37, 2, 15, 1.0, 7.0, 2, 0, en_weak, en_avoid, en_auxiliaries, none, &en_adjectives},
    {"bbc", "ru", 37, 2, 15, 1.0, 7.0, 2, 0, ru_weak, ru_avoid, ru_auxiliaries, none, &ru_adjectives},
    {"bbc", "zh", 16, 2, 9, 1.0, 7.0, 2, 1, none, none, none, zh_bound, &zh_adjectives},
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

double profile_gap_to_write(int frames, double fps)
{
    if (frames <= 0)
        return 0;
    /* each written time is the nearest millisecond: a gap of whole milliseconds plus 0.6
     * can lose at most the 0.6 */
    return (ceil(frames * 1000.0 / fps - 1e-6) + 0.6) / 1000.0;
}

int profile_gap_too_short(double gap, int frames, double fps)
{
    return gap < frames / fps - 0.0005;
}
