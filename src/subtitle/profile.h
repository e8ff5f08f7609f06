/* profile.h — subtitle style limits per profile and language, as data.
 *
 * Broadcasters and streaming services publish style guides; the numbers here are those
 * of Netflix's Timed Text Style Guides (adult programmes) and the BBC's subtitle
 * guidelines. Words that must not end a line (articles, prepositions, conjunctions) are
 * data too, and so are the hints by which the line breaker tells an adjective that leads
 * to its noun (determiners, endings): it reads them from here. */
#ifndef POLYALIGN_SUBTITLE_PROFILE_H
#define POLYALIGN_SUBTITLE_PROFILE_H

/* How a language shows an adjective before its noun, without a tagger (line_end.h). Lists
 * are lower case, NULL-terminated; an adjective's ending needs three letters before it, a
 * noun's one, and the longest matching ending of either list decides. */
typedef struct {
    const char *const *determiners;      /* lead a noun phrase: neither they nor the word
                                          * after them end a line before a content word
                                          * (every | participating, an annual | report) */
    const char *const *adjective_endings; /* -al, -ive, -ous …; -ый, -ого, -ими … */
    const char *const *noun_endings;     /* endings of nouns that look like the above
                                          * (-ment beside -ent, -ение beside -ие, plural -s) */
    const char *const *function_words;   /* not content words, beside the line-end lists:
                                          * auxiliaries, relatives, object pronouns */
} adjective_hints;

typedef struct {
    const char *name;           /* "netflix", "bbc" */
    const char *lang;           /* "en", "ru", "zh" */
    double max_chars;           /* per line; in zh half-width characters count 0.5 */
    int max_lines;
    double max_cps;             /* reading speed, characters per second */
    double min_duration, max_duration; /* seconds */
    int min_gap_frames;
    int half_width_half;        /* half-width characters count 0.5 (CJK profiles) */
    const char *const *no_line_end; /* words that must not end a line (lower case): articles,
                                     * prepositions, conjunctions, possessives (srt check reports them) */
    const char *const *avoid_line_end; /* words the line breaker also keeps off a line end
                                        * (subject pronouns, kept with their verb) */
    const adjective_hints *adjectives; /* NULL: no adjective is guessed (Chinese) */
} subtitle_profile;

/* The profile for a name and a language (base subtag); NULL when unknown. Languages
 * without their own entry get the English limits of the profile. */
const subtitle_profile *subtitle_profile_find(const char *name, const char *lang);

#endif
