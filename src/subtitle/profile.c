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

/* 160-180 words a minute is about 15 characters a second in English */
static const subtitle_profile profiles[] = {
    {"netflix", "en", 42, 2, 20, 5.0 / 6.0, 7.0, 2, 0, en_weak, en_pronouns},
    {"netflix", "ru", 39, 2, 17, 5.0 / 6.0, 7.0, 2, 0, ru_weak, ru_pronouns},
    {"netflix", "zh", 16, 2, 9, 5.0 / 6.0, 7.0, 2, 1, none, none},
    {"bbc", "en", 37, 2, 15, 1.0, 7.0, 2, 0, en_weak, en_pronouns},
    {"bbc", "ru", 37, 2, 15, 1.0, 7.0, 2, 0, ru_weak, ru_pronouns},
    {"bbc", "zh", 16, 2, 9, 1.0, 7.0, 2, 1, none, none},
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
