/* profile.h — subtitle style limits per profile and language, as data.
 *
 * Broadcasters and streaming services publish style guides; the numbers here are those
 * of Netflix's Timed Text Style Guides (adult programmes) and the BBC's subtitle
 * guidelines. Words that must not end a line (articles, prepositions, conjunctions) are
 * data too, and so are the hints by which the line breaker tells an adjective that leads
 * to its noun (determiners, endings) and the particles that must not start a line: it
 * reads them from here. */
#ifndef POLYALIGN_SUBTITLE_PROFILE_H
#define POLYALIGN_SUBTITLE_PROFILE_H

/* How a language shows an adjective before its noun, without a tagger (line_end.h). Lists
 * are lower case, NULL-terminated; an adjective's ending needs adjective_stem letters
 * before it, a noun's one, and the longest matching ending of either list decides. In a language
 * written without spaces the words are ICU's and only determiners and classifiers count. */
typedef struct {
    const char *const *determiners;      /* lead a noun phrase: neither they nor the word
                                          * after them end a line before a content word
                                          * (every | participating, an annual | report) */
    const char *const *adjective_endings; /* -al, -ive, -ous …; -ый, -ого, -ими … */
    const char *const *noun_endings;     /* endings of nouns that look like the above
                                          * (-ment beside -ent, -ение beside -ие, plural -s) */
    const char *const *function_words;   /* not content words, beside the line-end lists:
                                          * auxiliaries, relatives, object pronouns */
    const char *const *coordinators;     /* join two adjectives before one noun: a break before
                                          * one parts them too (equal | and fair model) */
    int unmarked_adjectives;             /* an adjective may have no ending (English "fair"):
                                          * after a coordinator, a word without a noun's ending
                                          * before a content word is taken for one */
    const char *const *classifiers;      /* measure words (Chinese 个, 种): after a determiner
                                          * or a numeral they lead to the noun as it does */
    int adjective_stem;                  /* letters an adjective's ending needs before it:
                                          * three in English ("unless" has no -less), two in
                                          * Russian (об|щей) */
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
    const char *const *avoid_line_end; /* words the line breaker also keeps off a line end:
                                        * subject pronouns (kept with their verb), the
                                        * prepositions and relatives srt check lets pass */
    const char *const *auxiliaries;    /* after a subject pronoun, still short of its verb: a
                                        * line ending "it has" is avoided as one ending "it" */
    const char *const *no_line_start;  /* bound particles that lean on the word before (的, 了):
                                        * the line breaker keeps them off a line's start */
    const adjective_hints *adjectives; /* NULL: no adjective is guessed; in Chinese only
                                        * determiners and measure words, found as ICU words */
} subtitle_profile;

/* The profile for a name and a language (base subtag); NULL when unknown. Languages
 * without their own entry get the English limits of the profile. */
const subtitle_profile *subtitle_profile_find(const char *name, const char *lang);

/* The frame rate when none is given: the slowest in common use (23.976, film on NTSC
 * video), so that a gap of two of its frames is two frames or more at 24, 25, 29.97, 30,
 * 50 and 60 too. */
#define SUBTITLE_DEFAULT_FPS (24000.0 / 1001.0)

/* The gap to leave between cues for `frames` frames at fps: rounded up to whole
 * milliseconds (the resolution of SRT and WebVTT), with room for each of the two times'
 * own rounding when written, so that the written gap is never less. */
double profile_gap_to_write(int frames, double fps);

/* Whether a gap read from a file is shorter than `frames` frames at fps, by more than
 * the half millisecond that writing a time in milliseconds may take off. */
int profile_gap_too_short(double gap, int frames, double fps);

#endif
