/* voices.c — the languages the synthesizer speaks, and the espeak-ng voice of each.
 *
 * Kept apart from the synthesis itself (synth.c, in the loadable audio backend) so that
 * commands can check a language before anything is loaded. Chinese uses
 * `cmn-latn-pinyin`: espeak-ng 1.51's plain `cmn` reads its pinyin as English. */
#include <stdio.h>
#include <string.h>

#include "synth.h"

static const struct {
    const char *lang, *voice;
} voices[] = {{"en", "en-us"}, {"ru", "ru"}, {"zh", "cmn-latn-pinyin"}};

const char *synth_voice_for(const char *lang)
{
    for (size_t k = 0; k < sizeof voices / sizeof *voices; k++)
        if (strcmp(voices[k].lang, lang) == 0)
            return voices[k].voice;
    return NULL;
}

const char *synth_languages(void)
{
    static char list[64]; /* the table's languages, "en, ru, zh" */
    if (!list[0])
        for (size_t k = 0, n = 0; k < sizeof voices / sizeof *voices; k++)
            n += (size_t)snprintf(list + n, sizeof list - n, "%s%s", k ? ", " : "", voices[k].lang);
    return list;
}
