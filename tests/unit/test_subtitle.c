/* test_subtitle.c — unit tests of the duration timing model (speech stretches, pauses
 * keep their length), the line breaks srt check reports, the cutter's word boundaries in
 * Chinese and its guesses at adjectives, pronouns, particles, names and orphans, markup
 * (no width, carried over a cut), the sharing of a span among re-cut cues, the subtitle
 * display rules
 * (estimated vs measured starts), the merging of too-fast cues, the count of visible
 * characters that maps cues onto their transcript, WebVTT's character references (written
 * outside tags, decoded when read), and the audio timing source's refusal of a language
 * without a voice. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audio/sync.h"
#include "subtitle/cues.h"
#include "subtitle/line_end.h"
#include "subtitle/markup.h"
#include "subtitle/profile.h"
#include "subtitle/reshape.h"
#include "subtitle/srt.h"
#include "subtitle/srt_fix.h"
#include "subtitle/srt_read.h"
#include "subtitle/style_check.h"
#include "subtitle/time_anchors.h"
#include "subtitle/timing.h"
#include "subtitle/track_text.h"
#include "subtitle/vtt_text.h"
#include "util/error.h"

static void two_cues(cue_list *l, const char *a, const char *b, double a_start, double a_end, double b_start,
                     double b_end, size_t b_sentence)
{
    memset(l, 0, sizeof *l);
    assert_int_equal(cue_list_add(l, (cue){strdup(a), 0, 0, b_sentence != 0, 1, (double)strlen(a), a_start, a_end}), 0);
    assert_int_equal(cue_list_add(l, (cue){strdup(b), b_sentence, 0, 1, 1, (double)strlen(b), b_start, b_end}), 0);
}

/* cmocka's assert_float_equal compares floats, too coarse for times of 100 s and more */
#define assert_near(a, b) assert_true(fabs((a) - (b)) < 1e-9)

/* Three sentences, the last in a new paragraph, weighing 10 s, 5 s and 5 s at the
 * nominal rate (their written lengths in the same proportion, so that the share of the
 * weight written length takes changes nothing), spread over `duration` from 100 s. */
static void spread(cue_list *l, double duration)
{
    memset(l, 0, sizeof *l);
    const double weights[] = {42, 21, 21};
    for (size_t k = 0; k < 3; k++)
        assert_int_equal(cue_list_add(l, (cue){strdup("Words."), k, k == 2, 1, weights[k], weights[k], 0, 0}), 0);
    timing_source src = timing_from_duration(100, duration);
    assert_int_equal(src.assign(&src, l), 0);
}

static void duration_stretches_speech_not_pauses(void **state)
{
    (void)state;
    cue_list l;
    /* nominal: 0.8 lead-in, 10, 0.5 pause, 5, 2.0 paragraph pause, 5, 1.4 tail = 24.7 s;
     * 34.2 s leaves 29.5 s of speech for 20 nominal: a plausible rate, pauses as they were */
    spread(&l, 34.2);
    assert_near(l.v[0].start, 100.8);
    assert_near(l.v[1].start - l.v[0].end, 0.5);
    assert_near(l.v[2].start - l.v[1].end, 2.0);
    assert_near(l.v[2].end, 134.2 - 1.4);
    assert_near(l.v[0].end - l.v[0].start, 2 * (l.v[1].end - l.v[1].start));
    assert_near(l.v[1].end - l.v[1].start, 29.5 / 4);
    cues_free(&l);
    /* 100 s for 20 s of speech: speech at half the rate at most, the pauses take the rest */
    spread(&l, 100);
    assert_near(l.v[0].end - l.v[0].start, 20.0);
    double pause_scale = (100 - 40) / 4.7;
    assert_near(l.v[1].start - l.v[0].end, 0.5 * pause_scale);
    assert_near(l.v[2].end, 200 - 1.4 * pause_scale);
    cues_free(&l);
    /* 5 s: not even twice the rate fits, so everything shrinks alike */
    spread(&l, 5);
    double scale = 5 / 24.7;
    assert_near(l.v[0].start, 100 + 0.8 * scale);
    assert_near(l.v[0].end - l.v[0].start, 10 * scale);
    assert_near(l.v[2].end, 105 - 1.4 * scale);
    cues_free(&l);
}

/* A comma is a short pause (0.05 s): it keeps its length while the speech stretches. */
static void duration_pauses_at_commas(void **state)
{
    (void)state;
    cue_list l;
    memset(&l, 0, sizeof l);
    /* 10 s and 5 s of speech at the nominal rate, the first with a comma */
    assert_int_equal(cue_list_add(&l, (cue){strdup("Words, words."), 0, 0, 1, 42, 42, 0, 0}), 0);
    assert_int_equal(cue_list_add(&l, (cue){strdup("Words."), 1, 0, 1, 21, 21, 0, 0}), 0);
    /* 0.8 lead-in, 15 s of speech at 1.5 times the nominal length, the comma's 0.05 s, the
     * sentence's 0.5 s and the 1.4 s tail */
    timing_source src = timing_from_duration(0, 0.8 + 22.5 + 0.05 + 0.5 + 1.4);
    assert_int_equal(src.assign(&src, &l), 0);
    assert_near(l.v[0].start, 0.8);
    assert_near(l.v[0].end, 0.8 + 15 + 0.05);
    assert_near(l.v[1].start, 0.8 + 15.05 + 0.5);
    assert_near(l.v[1].end - l.v[1].start, 7.5);
    cues_free(&l);
}

/* The gap written between cues survives the rounding of both times to milliseconds: at
 * any common frame rate and wherever the first cue ends, the written gap is at least two
 * frames (within the half millisecond the check allows), and the check agrees. */
static void written_gaps_stay_two_frames(void **state)
{
    (void)state;
    const double rates[] = {SUBTITLE_DEFAULT_FPS, 24, 25, 30000.0 / 1001, 30, 50, 60};
    for (size_t r = 0; r < sizeof rates / sizeof *rates; r++) {
        double gap = profile_gap_to_write(2, rates[r]);
        for (int k = 0; k < 1000; k++) {
            double end = 10 + k * 0.0001237; /* every fraction of a millisecond */
            long written = lround((end + gap) * 1000) - lround(end * 1000);
            assert_true(written >= ceil(2000 / rates[r] - 1e-6));
            assert_false(profile_gap_too_short(written / 1000.0, 2, rates[r]));
        }
    }
    /* two frames at the default rate are two frames or more at every common rate */
    for (size_t r = 1; r < sizeof rates / sizeof *rates; r++)
        assert_false(profile_gap_too_short(profile_gap_to_write(2, SUBTITLE_DEFAULT_FPS) - 0.0006, 2, rates[r]));
    assert_true(profile_gap_too_short(0.080, 2, 24)); /* two frames at 25 are not two at 24 */
    assert_false(profile_gap_too_short(0.083, 2, 24)); /* 83.3 ms, written as 83 */
    assert_true(profile_gap_to_write(0, 25) == 0);
}

/* A time-coded line matches the sentence its letters and digits begin, case folded,
 * running on across sentence ends; lines are matched in order. */
static void time_anchors_match_sentences(void **state)
{
    (void)state;
    const char *sentences[] = {"Yes.", "No.", "The committee approved it.", "Fine.", "Yes."};
    char path[] = "/tmp/anchorsXXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("00:00:01.000\tyes, NO -- the committee\n\n00:00:03,500\tThe Committee approved\n"
          "00:01:00.000\tyes\n", f);
    fclose(f);
    time_anchor *a;
    size_t n;
    assert_int_equal(time_anchors_read(path, sentences, 5, 0, &a, &n), 0);
    assert_int_equal(n, 3);
    assert_int_equal(a[0].sentence, 0);
    assert_true(a[0].time == 1.0);
    assert_int_equal(a[1].sentence, 2); /* "No." alone does not begin "the committee approved" */
    assert_true(a[1].time == 3.5);
    assert_int_equal(a[2].sentence, 4); /* the second "Yes.", after the previous match */
    free(a);
    /* a time past the recording's end */
    assert_int_equal(time_anchors_read(path, sentences, 5, 30, &a, &n), -ERR_DATA);
    assert_non_null(strstr(error_last(), ":4: this time is not before the end"));
    remove(path);
}

/* A track compared with its transcript: the same text however cut, marked up and cased;
 * one word changed; another text. */
static void track_text_says_what_the_transcript_says(void **state)
{
    (void)state;
    cue_list l = {0};
    const char *cues[] = {"<i>We met</i> the\nminister at noon,", "AND LEFT.", "Then we went home."};
    for (size_t k = 0; k < 3; k++)
        assert_int_equal(cue_list_add(&l, (cue){strdup(cues[k]), k, 1, 0, 1, 6, 0, 0}), 0);
    const char *same[] = {"We met the minister at noon, and left.", "Then we went home."};
    track_text_match m;
    assert_int_equal(track_text_compare(&l, same, 2, &m), 0);
    assert_true(m.same);
    assert_true(m.shared == 1.0);
    const char *edited[] = {"We met the minister at noon, and left.", "Then we drove home."};
    assert_int_equal(track_text_compare(&l, edited, 2, &m), 0);
    assert_false(m.same);
    assert_int_equal(m.first_diff_cue, 2);
    assert_true(m.shared > 0.85 && m.shared < 1);
    assert_true(m.holds_text);
    const char *other[] = {"The committee approved a long agenda today."};
    assert_int_equal(track_text_compare(&l, other, 1, &m), 0);
    assert_true(m.shared < 0.5);
    assert_false(m.holds_text);
    assert_int_equal(track_text_compare(&l, other, 0, &m), 0); /* no transcript at all */
    assert_true(m.shared == 0);
    cues_free(&l);
}

static void line_breaks_a_subtitler_never_makes(void **state)
{
    (void)state;
    char w[64];
    const subtitle_profile *en = subtitle_profile_find("netflix", "en"), *ru = subtitle_profile_find("netflix", "ru"),
                           *zh = subtitle_profile_find("netflix", "zh");
    /* profiles by language subtag: Rusyn (rue) is not Russian, zh-TW is Chinese */
    assert_ptr_equal(subtitle_profile_find("netflix", "rue"), en);
    assert_ptr_equal(subtitle_profile_find("netflix", "zh-TW"), zh);
    assert_int_equal(line_break_judge("en", en, "We met The", "minister.", w, sizeof w), LINE_BREAK_WEAK_WORD);
    assert_string_equal(w, "the"); /* lower-cased */
    assert_int_equal(line_break_judge("en", en, "as “the", "old town” says", w, sizeof w), LINE_BREAK_WEAK_WORD);
    assert_int_equal(line_break_judge("en", en, "We met them at noon,", "and left.", w, sizeof w), LINE_BREAK_FINE);
    /* object pronouns may end a line (the cutter only avoids it), an ellipsis may start one */
    assert_int_equal(line_break_judge("en", en, "I will call you", "tomorrow.", w, sizeof w), LINE_BREAK_FINE);
    assert_true(line_end_word_is_avoided(en, "you") && !line_end_word_is_weak(en, "you"));
    assert_int_equal(line_break_judge("en", en, "I was thinking", "...maybe not.", w, sizeof w), LINE_BREAK_FINE);
    assert_int_equal(line_break_judge("ru", ru, "Мы встретились «в", "городе»", w, sizeof w), LINE_BREAK_WEAK_WORD);
    assert_int_equal(line_break_judge("zh", zh, "他说：“今天", "”天气很好。", w, sizeof w), LINE_BREAK_FORBIDDEN);
    assert_int_equal(line_break_judge("zh", zh, "我们在（", "乌镇）见面。", w, sizeof w), LINE_BREAK_FORBIDDEN);
    assert_int_equal(line_break_judge("zh", zh, "我们在乌镇，", "见面了。", w, sizeof w), LINE_BREAK_FINE);
    /* Latin runs inside Chinese subtitles join with their space: "version 4" may break */
    assert_int_equal(line_break_judge("zh", zh, "IPv6 version", "4 的地址", w, sizeof w), LINE_BREAK_FINE);
}

/* Cut one sentence under the profile; the cues' texts joined by '|'. */
static char *cut_one(const char *lang, const subtitle_profile *p, const char *text)
{
    const char *one[] = {text};
    size_t para = 0;
    cue_list l;
    assert_int_equal(cues_build(lang, p, one, &para, 1, &l), 0);
    size_t size = 1;
    for (size_t k = 0; k < l.n; k++)
        size += strlen(l.v[k].text) + 1;
    char *all = calloc(size, 1);
    for (size_t k = 0; k < l.n; k++) {
        if (k)
            strcat(all, "|");
        strcat(all, l.v[k].text);
    }
    cues_free(&l);
    return all;
}

/* Neither a line nor a cue of `cut` (cut_one) ends with `end` (before: or starts with it). */
static void assert_no_break_at(const char *cut, const char *end, int before)
{
    char nl[64], bar[64];
    snprintf(nl, sizeof nl, before ? "\n%s" : "%s\n", end);
    snprintf(bar, sizeof bar, before ? "|%s" : "%s|", end);
    assert_null(strstr(cut, nl));
    assert_null(strstr(cut, bar));
}

/* How many line ends and cue cuts of a Chinese sentence's cues fall inside a word. */
static size_t cuts_inside_words(const char *cut)
{
    char text[1024];
    size_t pos[64] = {0}, n = 0, len = 0;
    for (const char *c = cut; *c && len + 1 < sizeof text && n < 64; c++) {
        if (*c == '|' || *c == '\n')
            pos[n++] = len;
        else
            text[len++] = *c;
    }
    text[len] = '\0';
    unsigned char inside[64];
    assert_int_equal(line_breaks_inside_words("zh", text, len, pos, n, inside), 0);
    size_t count = 0;
    for (size_t k = 0; k < n; k++)
        count += inside[k];
    return count;
}

static void chinese_breaks_fall_between_words(void **state)
{
    (void)state;
    /* 我们 关于 共享 数据 的 建议: ICU's dictionary words; 3 bytes a character */
    const char *text = "我们关于共享数据的建议";
    size_t pos[] = {0, 6, 12, 15, 24, 33};
    unsigned char inside[6];
    assert_int_equal(line_breaks_inside_words("zh-CN", text, strlen(text), pos, 6, inside), 0);
    const unsigned char want[] = {0, 0, 0, 1, 0, 0}; /* 共|享 */
    assert_memory_equal(inside, want, 6);
    assert_int_equal(line_breaks_inside_words("en", text, strlen(text), pos, 6, inside), 0);
    assert_memory_equal(inside, (unsigned char[6]){0}, 6); /* only Chinese and Japanese */
    const subtitle_profile *zh = subtitle_profile_find("netflix", "zh");
    /* without punctuation: every line end and cue cut between two words */
    char *cut = cut_one("zh", zh, "互联网是当今发展最快的产业领域它改变了各国人民的生活构成了经济发展的基础"
                                  "互联网现在和将来的影响怎么评价都不为过");
    assert_int_equal(cuts_inside_words(cut), 0);
    free(cut);
    cut = cut_one("zh", zh, "我们今天一起讨论共享数据的具体建议。"); /* not 共|享, though 9/9 is even */
    assert_string_equal(cut, "我们今天一起讨论\n共享数据的具体建议。");
    free(cut);
    /* lines of five characters: the words still whole */
    subtitle_profile narrow = *zh;
    narrow.max_chars = 5;
    narrow.max_lines = 1;
    cut = cut_one("zh", &narrow, text);
    assert_int_equal(cuts_inside_words(cut), 0);
    free(cut);
    /* one character a line: inside the words, since nothing else fits, and within the limit */
    narrow.max_chars = 1;
    cut = cut_one("zh", &narrow, "共享数据");
    assert_string_equal(cut, "共|享|数|据");
    free(cut);
}

/* `marked` without its '|' into text (256 bytes); returns where the '|' was */
static size_t unmark(const char *marked, char *text)
{
    const char *bar = strchr(marked, '|');
    size_t m = (size_t)(bar - marked);
    memcpy(text, marked, m);
    strcpy(text + m, bar + 1);
    return m;
}

static int parts_noun_phrase(const subtitle_profile *p, const char *marked)
{
    char text[256];
    size_t m = unmark(marked, text);
    return line_end_parts_noun_phrase(p, text, strlen(text), m);
}

static void adjectives_stay_with_their_nouns(void **state)
{
    (void)state;
    const subtitle_profile *en = subtitle_profile_find("netflix", "en"), *ru = subtitle_profile_find("netflix", "ru"),
                           *zh = subtitle_profile_find("netflix", "zh");
    assert_true(parts_noun_phrase(en, "will publish an annual| report on the state"));   /* -al */
    assert_true(parts_noun_phrase(en, "for the third| ministerial conference"));          /* after "the" */
    assert_true(parts_noun_phrase(en, "we want every| participating country"));          /* a determiner */
    assert_true(parts_noun_phrase(en, "with various| partners"));                         /* -ous, not plural -s */
    assert_false(parts_noun_phrase(en, "will publish| an annual report"));
    assert_false(parts_noun_phrase(en, "on the state| of security"));                     /* a preposition follows */
    assert_false(parts_noun_phrase(en, "an annual| and a monthly report"));
    assert_false(parts_noun_phrase(en, "the government| published it"));                 /* -ment: a noun */
    assert_false(parts_noun_phrase(en, "the reports| said so"));                          /* plural: a noun */
    assert_false(parts_noun_phrase(en, "a national,| regional and local plan"));          /* punctuation */
    assert_false(parts_noun_phrase(en, "the annual| 2024 report"));                       /* not a word */
    assert_true(parts_noun_phrase(ru, "развитие международного| сотрудничества"));
    assert_true(parts_noun_phrase(ru, "мы построим новый| учебный корпус"));
    assert_false(parts_noun_phrase(ru, "его развитие| страны"));                          /* -тие: a noun */
    /* the feminine oblique -ей of adjectives and participles, not of nouns */
    assert_true(parts_noun_phrase(ru, "от имени правительства принимающей| страны"));
    assert_true(parts_noun_phrase(ru, "на третьей| министерской конференции"));
    assert_true(parts_noun_phrase(ru, "безопасности общей| цифровой инфраструктуры"));
    assert_true(parts_noun_phrase(ru, "заседание рабочей| группы"));
    assert_false(parts_noun_phrase(ru, "для людей| страны"));
    assert_false(parts_noun_phrase(ru, "достижение целей| развития"));
    assert_true(parts_noun_phrase(ru, "в этой| стране"));                                   /* a determiner */
    /* two adjectives joined by a coordinator share their noun */
    assert_true(parts_noun_phrase(ru, "новые| и старые правила"));
    assert_true(parts_noun_phrase(ru, "более равноправную| и справедливую модель"));
    assert_true(parts_noun_phrase(en, "a more equal| and fair model"));                    /* unmarked "fair" */
    assert_true(parts_noun_phrase(en, "a productive| and candid conference"));
    assert_false(parts_noun_phrase(en, "the economy is global| and markets grow"));       /* plural: a noun */
    assert_false(parts_noun_phrase(ru, "развития| и укрепления сотрудничества"));          /* nouns */
    assert_false(parts_noun_phrase(zh, "共享| 数据"));                                     /* words are ICU's */
    /* the cutter takes another break where one fits */
    char *cut = cut_one("en", en, "The government will publish an annual report on the state of security.");
    assert_string_equal(cut, "The government will publish\nan annual report on the state of security.");
    free(cut);
    cut = cut_one("en", en,
                  "Progress on the new edition of the training manual would depend on the availability of staff.");
    /* nor a modal from its verb: "would | depend" */
    assert_string_equal(cut,
                        "Progress on the new edition\nof the training manual|would depend on the availability of staff.");
    free(cut);
    cut = cut_one("ru", ru, "Мы приветствуем делегации принимающей страны на третьей министерской конференции.");
    assert_no_break_at(cut, "принимающей", 0);
    assert_no_break_at(cut, "третьей", 0);
    free(cut);
    cut = cut_one("ru", ru,
                  "Правительство опубликует ежегодный доклад о состоянии информационной безопасности в регионе.");
    assert_no_break_at(cut, "ежегодный", 0);
    assert_no_break_at(cut, "информационной", 0);
    free(cut);
    /* and where none fits, it breaks there: within the limits */
    subtitle_profile narrow = *en;
    narrow.max_chars = 12;
    narrow.max_lines = 1;
    cut = cut_one("en", &narrow, "An annual report");
    assert_string_equal(cut, "An annual|report");
    free(cut);
}

static int avoided_end(const subtitle_profile *p, const char *marked)
{
    char text[256];
    size_t m = unmark(marked, text);
    return line_end_is_avoided(p, text, m);
}

/* Lines and cues keep a subject pronoun and its auxiliaries with the verb, and end on no
 * preposition, relative or modal where another break fits. */
static void pronouns_keep_their_verbs(void **state)
{
    (void)state;
    const subtitle_profile *en = subtitle_profile_find("netflix", "en"), *ru = subtitle_profile_find("netflix", "ru");
    assert_true(avoided_end(en, "the technical indicators it| has found"));
    assert_true(avoided_end(en, "the technical indicators it has| found"));
    assert_true(avoided_end(en, "what we have been| doing"));
    assert_true(avoided_end(en, "a common framework under| which"));
    assert_true(avoided_end(en, "in the future can| hardly be"));
    assert_false(avoided_end(en, "the state has| found"));          /* a noun's verb may end a line */
    assert_false(avoided_end(en, "the technical indicators it has found,| and"));
    assert_true(avoided_end(ru, "что мы будем| работать"));
    assert_false(avoided_end(ru, "что совет будет| работать"));
    const char *text = "Today we are proposing a common framework under which any participating state that detects a "
                       "serious attack on an undersea cable, a power grid, or a payment system will notify its "
                       "partners within twenty-four hours, share the technical indicators it has found, and offer "
                       "practical help to the teams responding on the ground.";
    char *cut = cut_one("en", en, text);
    assert_no_break_at(cut, " it has", 0);
    assert_no_break_at(cut, " under", 0);
    free(cut);
}

/* Chinese: no line or cue starts with a bound particle where another break fits, none
 * ends on a determiner before its noun, and a transliterated name stays whole. */
static void chinese_particles_and_names_stay_bound(void **state)
{
    (void)state;
    const subtitle_profile *zh = subtitle_profile_find("netflix", "zh");
    const char *text = "首席执行官的讲话"; /* 首席 执行 官 的 讲话 */
    size_t pos[] = {6, 12, 15, 18};
    unsigned char hints[4];
    assert_int_equal(line_breaks_word_hints("zh", zh, text, strlen(text), pos, 4, hints), 0);
    assert_int_equal(hints[2], LINE_BREAK_BEFORE_BOUND); /* 官|的 */
    assert_int_equal(hints[3], 0);                       /* 的|讲话 */
    text = "尊重所有参与者";                              /* 尊重 所有 参与 者 */
    size_t after_all = 12, before_suffix = 18;
    assert_int_equal(line_breaks_word_hints("zh", zh, text, strlen(text), &after_all, 1, hints), 0);
    assert_int_equal(hints[0], LINE_BREAK_AFTER_DETERMINER);
    assert_int_equal(line_breaks_word_hints("zh", zh, text, strlen(text), &before_suffix, 1, hints), 0);
    assert_int_equal(hints[0], LINE_BREAK_BEFORE_BOUND);
    text = "成为一个命运共同体";
    size_t after_one = 12;                               /* 一个| 命运: a numeral and its measure word */
    assert_int_equal(line_breaks_word_hints("zh", zh, text, strlen(text), &after_one, 1, hints), 0);
    assert_int_equal(hints[0], LINE_BREAK_AFTER_DETERMINER);
    assert_int_equal(line_breaks_word_hints("en", zh, text, strlen(text), &after_one, 1, hints), 0);
    assert_int_equal(hints[0], 0);                       /* only where ICU's words are needed */
    const char *name = "萨蒂亚·纳德拉"; /* the dot is 2 bytes, after 9 */
    assert_true(line_break_splits_name(name, strlen(name), 11));
    assert_true(line_break_splits_name(name, strlen(name), 9));
    assert_false(line_break_splits_name(name, strlen(name), 3));                     /* 萨|蒂: no dot */
    assert_false(line_break_splits_name("Tom·Lee", 8, 5));                           /* not between ideographs */
    unsigned char inside[2];
    size_t in_name[] = {3, 14};                         /* 萨|蒂, 纳|德 */
    assert_int_equal(line_breaks_inside_words("zh", name, strlen(name), in_name, 2, inside), 0);
    assert_memory_equal(inside, ((unsigned char[]){LINE_BREAK_IN_NAME, LINE_BREAK_IN_NAME}), 2);
    char *cut = cut_one("zh", zh, "乃至属于个人但已经被剥夺了所有个人标识符(如姓名、地址和身份证号码)的信息。");
    assert_no_break_at(cut, "了", 1);
    free(cut);
    cut = cut_one("zh", zh, "微软首席执行官萨蒂亚·纳德拉的讲话强调了我们必须尊重所有参与者的利益。");
    assert_no_break_at(cut, "·", 0);
    free(cut);
}

/* A cue of a single word, or of a few characters, is left alone only when no other cut fits. */
static void no_orphan_cues(void **state)
{
    (void)state;
    const subtitle_profile *en = subtitle_profile_find("netflix", "en");
    const char *sentences[] = {
        "I urge all members to work together to improve the current rules of maritime navigation.",
        "We call on all parties to work together to simplify the existing rules of customs clearance.",
    };
    for (size_t k = 0; k < 2; k++) {
        char *cut = cut_one("en", en, sentences[k]);
        for (char *c = strtok(cut, "|"); c; c = strtok(NULL, "|"))
            assert_true(strpbrk(c, " \n") && cue_text_width(c, en) >= en->max_chars / 3);
        free(cut);
    }
    /* a sentence of one word is its cue */
    char *cut = cut_one("en", en, "Thanks.");
    assert_string_equal(cut, "Thanks.");
    free(cut);
    /* less than half a line is left alone only when nothing else fits: the cut goes to the
     * punctuation ("合作十分重要。" alone was up for a second) */
    const subtitle_profile *zh = subtitle_profile_find("netflix", "zh");
    cut = cut_one("zh", zh, "互联网已经成为一个命运共同体，因此，加强互联网治理领域的国际合作十分重要。");
    assert_true(strncmp(cut, "互联网已经成为一个命运共同体，|", strlen("互联网已经成为一个命运共同体，|")) == 0);
    free(cut);
}

static void markup_takes_no_room_and_survives_a_cut(void **state)
{
    (void)state;
    assert_int_equal(markup_length("<i>x"), 3);
    assert_int_equal(markup_length("</I>x"), 4);
    assert_int_equal(markup_length("<font color=\"#ff0000\">red"), 22);
    assert_int_equal(markup_length("{\\an8}Top"), 6);
    assert_int_equal(markup_length("<c.yellow.bg_blue>x"), 18);
    assert_int_equal(markup_length("<00:01.500>x"), 11);
    assert_int_equal(markup_length("<3 is love>"), 0);  /* not a tag: text with a '<' */
    assert_int_equal(markup_length("<index>"), 0);      /* not a subtitle tag */
    assert_int_equal(markup_length("<i\n>"), 0);        /* tags do not span lines */
    char line[] = "<i>Hello</i> {\\an8}<font color=red>world</font>";
    markup_strip(line);
    assert_string_equal(line, "Hello world");
    const subtitle_profile *en = subtitle_profile_find("netflix", "en");
    assert_true(cue_text_width("<i>Hello</i>", en) == 5);
    char *texts[3] = {strdup("<i>one <b>two"), strdup("three</b> four"), strdup("five</i> six")};
    assert_int_equal(markup_carry_over(texts, 3), 0);
    assert_string_equal(texts[0], "<i>one <b>two</b></i>");
    assert_string_equal(texts[1], "<i><b>three</b> four</i>");
    assert_string_equal(texts[2], "<i>five</i> six");
    for (int k = 0; k < 3; k++)
        free(texts[k]);
    /* ASS overrides hold for the rest of their cue: repeated in each later piece */
    texts[0] = strdup("{\\an8}{\\i1}top and italic");
    texts[1] = strdup("still so{\\i0}");
    texts[2] = strdup("top");
    assert_int_equal(markup_carry_over(texts, 3), 0);
    assert_string_equal(texts[1], "{\\an8}{\\i1}still so{\\i0}");
    assert_string_equal(texts[2], "{\\an8}{\\i1}{\\i0}top");
    for (int k = 0; k < 3; k++)
        free(texts[k]);
}

static void unwrap_joins_lines_as_running_text(void **state)
{
    (void)state;
    const char *en[] = {"  We met the\nminister\r\tat  noon,", "and left. "};
    char *t = cue_text_unwrap(en, 2, "en");
    assert_string_equal(t, "We met the minister at noon, and left.");
    free(t);
    const char *zh[] = {"我们在乌镇\n见面了，", "谈了 IPv6\nversion 4。"};
    t = cue_text_unwrap(zh, 2, "zh");
    assert_string_equal(t, "我们在乌镇见面了，谈了 IPv6 version 4。"); /* Latin keeps its space */
    free(t);
    const char *tagged[] = {"<i>我们明天</i>\n<i>一起去", "北京。</i>"};
    t = cue_text_unwrap(tagged, 2, "zh");
    assert_string_equal(t, "<i>我们明天</i><i>一起去北京。</i>"); /* markup at the join does not count */
    free(t);
    /* a digit or Latin letter next to an ideograph or full-width punctuation: no space;
     * accented Latin on both sides (bytes >= 0x80, yet narrow) keeps its space */
    const char *mixed[] = {"在2024\n年举行，\nInternet", "大会\nCafé\nRésumé。"};
    t = cue_text_unwrap(mixed, 2, "zh");
    assert_string_equal(t, "在2024年举行，Internet大会Café Résumé。");
    free(t);
}

static void display_keeps_measured_starts(void **state)
{
    (void)state;
    const subtitle_profile *p = subtitle_profile_find("netflix", "en");
    cue_list l;
    /* 30 characters said in 0.5 s, the next cue 1 s later: too little time to read */
    two_cues(&l, "Thirty characters of a caption", "Next.", 10.0, 10.5, 11.0, 11.5, 1);
    timing_display(&l, p, 25, 1);
    assert_true(l.v[1].start <= 11.0 + 3 / 25.0 + 1e-9); /* slips by the sync tolerance at most */
    assert_true(l.v[0].end <= l.v[1].start);
    cues_free(&l);
    two_cues(&l, "Thirty characters of a caption", "Next.", 10.0, 10.5, 11.0, 11.5, 1);
    size_t too_fast = timing_display(&l, p, 25, 0);
    assert_int_equal(too_fast, 0);
    assert_true(l.v[0].end - l.v[0].start >= 30 / p->max_cps); /* estimated: the next one waits */
    assert_true(l.v[1].start > 11.0);
    cues_free(&l);
}

static void merge_joins_a_too_fast_cue_with_its_neighbour(void **state)
{
    (void)state;
    const subtitle_profile *p = subtitle_profile_find("netflix", "en");
    cue_list l;
    two_cues(&l, "It started with\na single box.", "Of books.", 5.0, 5.6, 5.64, 6.5, 0);
    assert_int_equal(cues_merge_too_fast(&l, "en", p, 1), 1);
    assert_int_equal(l.n, 1);
    assert_string_equal(l.v[0].text, "It started with a single box. Of books."); /* fits one line */
    assert_true(l.v[0].start == 5.0 && l.v[0].end == 6.5);
    cues_free(&l);
    /* two sentences with measured starts stay apart; with estimated ones they merge */
    two_cues(&l, "It started with\na single box.", "Of books.", 5.0, 5.6, 5.64, 6.5, 1);
    assert_int_equal(cues_merge_too_fast(&l, "en", p, 1), 0);
    assert_int_equal(l.n, 2);
    assert_int_equal(cues_merge_too_fast(&l, "en", p, 0), 1);
    cues_free(&l);
    /* text that cannot fit one cue is left as it is */
    two_cues(&l, "A rather long first line of text here\nand a second one just as long as it",
             "and more words that will never fit", 1.0, 1.5, 1.6, 2.0, 0);
    assert_int_equal(cues_merge_too_fast(&l, "en", p, 1), 0);
    assert_int_equal(l.n, 2);
    cues_free(&l);
    /* Chinese lines join without a space */
    p = subtitle_profile_find("netflix", "zh");
    two_cues(&l, "时间就是安全。", "我们开始。", 1.0, 1.3, 1.35, 1.6, 0);
    assert_int_equal(cues_merge_too_fast(&l, "zh", p, 1), 1);
    assert_string_equal(l.v[0].text, "时间就是安全。我们开始。");
    cues_free(&l);
}

static void split_a_cue_that_outlasts_the_longest(void **state)
{
    (void)state;
    const subtitle_profile *p = subtitle_profile_find("netflix", "en");
    cue_list l;
    two_cues(&l, "A first line of some length\nand a second", "Next.", 0.0, 9.0, 9.5, 10.5, 1);
    assert_int_equal(cues_split_too_long(&l, p), 1);
    assert_int_equal(l.n, 3);
    assert_string_equal(l.v[0].text, "A first line of some length");
    assert_string_equal(l.v[1].text, "and a second");
    assert_true(l.v[0].end > 5.0 && l.v[0].end < 7.0 && l.v[1].start == l.v[0].end && l.v[1].end == 9.0);
    assert_int_equal(l.v[0].ends_sentence, 0);
    assert_string_equal(l.v[2].text, "Next.");
    assert_int_equal(cues_split_too_long(&l, p), 0); /* one-line cues stay */
    cues_free(&l);
}

/* One re-breaking for translated tracks and `srt fix`: a long text becomes several cues
 * sharing the span by reading width, the minimum gap between them, all of the given unit;
 * a span longer than a cue may last becomes enough cues to fill it. */
static void cut_over_shares_the_span(void **state)
{
    (void)state;
    const subtitle_profile *p = subtitle_profile_find("netflix", "en");
    cue_list out = {0};
    size_t parts = 0;
    const char *text = "The role of the state in Internet regulation must be a key one, and the summit says so "
                       "again and again, in every session and every statement it has published this week.";
    double gap = profile_gap_to_write(p->min_gap_frames, SUBTITLE_DEFAULT_FPS);
    assert_int_equal(cues_cut_over("en", p, text, 3, 7, 10.0, 20.0, &out, &parts), 0);
    assert_true(parts > 1);
    assert_int_equal(out.n, parts);
    assert_true(fabs(out.v[0].start - 10.0) < 1e-9);
    assert_true(fabs(out.v[out.n - 1].end - 20.0) < 1e-9);
    for (size_t k = 0; k < out.n; k++) {
        assert_int_equal(out.v[k].sentence, 7);
        assert_int_equal(out.v[k].para, 3);
        if (k)
            assert_true(fabs(out.v[k].start - out.v[k - 1].end - gap) < 1e-9);
    }
    cues_free(&out);
    /* 30 s for one long sentence: enough cues that none lasts over 7 s, no hole between */
    assert_int_equal(cues_cut_over("en", p, text, 0, 0, 0.0, 30.0, &out, &parts), 0);
    assert_true(parts >= 5);
    for (size_t k = 0; k < out.n; k++) {
        assert_true(out.v[k].end - out.v[k].start <= p->max_duration + gap + 1e-9);
        if (k)
            assert_true(out.v[k].start - out.v[k - 1].end <= gap + 1e-9);
    }
    /* appends: a second text goes after the first's cues */
    assert_int_equal(cues_cut_over("en", p, "Short.", 0, 8, 20.0, 21.0, &out, NULL), 0);
    assert_int_equal(out.n, parts + 1);
    assert_string_equal(out.v[parts].text, "Short.");
    cues_free(&out);
    /* shares by the reading measure: the lines added up, half-width characters 0.5 in
     * Chinese, so that every piece reads at the same speed */
    const subtitle_profile *zh = subtitle_profile_find("netflix", "zh");
    assert_true(cue_reading_width("ab\ncd", p) == 4);
    assert_true(cue_reading_width("中国\nWIC 2016", zh) == 6);
    assert_int_equal(cues_cut_over("zh", zh, "中国国家主席习近平在第三届世界互联网大会开幕式上的讲话 WIC 2016 Wuzhen Summit opening ceremony.",
                                   0, 0, 1.0, 6.5, &out, &parts), 0);
    assert_true(parts == 2);
    double speed = out.v[0].chars / (out.v[0].end - out.v[0].start);
    for (size_t k = 0; k < out.n; k++) {
        assert_true(out.v[k].chars == cue_reading_width(out.v[k].text, zh));
        assert_true(fabs(out.v[k].chars / (out.v[k].end - out.v[k].start) - speed) < 1e-9);
    }
    cues_free(&out);
}

/* Visible characters are what a transcript and its cues share: every whitespace (no-break
 * and ideographic spaces too) is left out of the count, and the k-th visible character of
 * a sentence is found at its byte whatever spacing comes before it. */
static void visible_characters_skip_any_whitespace(void **state)
{
    (void)state;
    const char *sentence = "Wuzhen \xc2\xa0" "10\xe3\x80\x80\xe5\xb9\xb4\n!"; /* 年 after U+3000 */
    assert_int_equal(cue_text_visible_chars(sentence), 10);
    assert_int_equal(cue_text_visible_chars(" \t\r\n"), 0);
    assert_int_equal(cue_text_visible_chars(""), 0);
    assert_int_equal(cue_text_visible_byte(sentence, 0), 0);
    assert_int_equal(cue_text_visible_byte(sentence, 6), 9);   /* "1" after a space and a no-break space */
    assert_int_equal(cue_text_visible_byte(sentence, 8), 14);  /* 年 after the ideographic space */
    assert_int_equal(cue_text_visible_byte(sentence, 9), 18);  /* "!" after the line break */
    assert_int_equal(cue_text_visible_byte(sentence, 10), strlen(sentence));
    /* a cue's count and its sentence's position agree, the line break in the cue aside */
    size_t first = cue_text_visible_chars("Wuzhen\n\xc2\xa0" "10");
    assert_int_equal(first, 8);
    assert_int_equal(cue_text_visible_byte(sentence, first), 14);
}

/* The cues as a file in `fmt`, in a malloc'd string. */
static char *written(const cue_list *l, subtitle_format fmt)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    assert_int_equal(subtitle_write(f, l, fmt), 0);
    assert_int_equal(fclose(f), 0);
    return buf;
}

/* WebVTT cue text: '&', '<' and '>' are written as references, except in the tags the
 * project knows; reading a .vtt decodes them (one '&' is one character) and keeps the
 * tags. SRT has no escaping, either way. */
static void vtt_text_is_escaped_outside_tags(void **state)
{
    (void)state;
    cue_list l;
    two_cues(&l, "AT&T said that 3 < 4 and 5 > 2.", "<i>He wrote</i> --> <v Bob>here</v> {\\an8}<00:01.500>&", 1, 2, 3,
             4, 1);
    char *vtt = written(&l, SUBTITLE_VTT), *srt = written(&l, SUBTITLE_SRT);
    assert_string_equal(vtt, "WEBVTT\n\n"
                             "00:00:01.000 --> 00:00:02.000\nAT&amp;T said that 3 &lt; 4 and 5 &gt; 2.\n\n"
                             "00:00:03.000 --> 00:00:04.000\n"
                             "<i>He wrote</i> --&gt; <v Bob>here</v> {\\an8}<00:01.500>&amp;\n\n");
    assert_non_null(strstr(srt, "\nAT&T said that 3 < 4 and 5 > 2.\n")); /* SRT: as it is */
    free(srt);
    /* read back: the same texts */
    char path[] = "/tmp/test_subtitle_XXXXXX.vtt";
    int fd = mkstemps(path, 4);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, vtt, strlen(vtt)), (ssize_t)strlen(vtt));
    close(fd);
    free(vtt);
    cue_list back;
    assert_int_equal(srt_read(path, SRT_STRICT, &back, NULL, NULL, NULL), 0);
    unlink(path);
    assert_int_equal(back.n, 2);
    assert_string_equal(back.v[0].text, l.v[0].text);
    assert_string_equal(back.v[1].text, l.v[1].text);
    cues_free(&back);
    cues_free(&l);
    /* every reference WebVTT names, numeric ones, and what is not a reference */
    char line[] = "R&amp;D &lt;3 caf&#xE9;&nbsp;&#233; &lrm;&rlm; &#x1F600; &#38;&#X26; "
                  "&foo; &amp &#; &#10;&#0;&#xD800; <v A &amp; B>x</v>";
    vtt_text_decode(line);
    assert_string_equal(line, "R&D <3 caf\u00e9\u00a0\u00e9 \u200e\u200f \U0001F600 && "
                              "&foo; &amp &#; \ufffd\ufffd\ufffd <v A &amp; B>x</v>");
    /* a decoded '&' counts as one character */
    char amp[] = "AT&amp;T";
    vtt_text_decode(amp);
    assert_true(cue_text_width(amp, subtitle_profile_find("netflix", "en")) == 4);
}

static void write_le(FILE *f, uint32_t v, int bytes)
{
    for (int i = 0; i < bytes; i++)
        fputc((int)(v >> (8 * i)) & 0xFF, f);
}

/* A real recording (one second of silence, then one of a tone, 16 kHz mono s16), so that
 * it is decoded and found to hold sound: the language is what is refused, not the file */
static void audio_source_refuses_unknown_language(void **state)
{
    (void)state;
    char path[] = "/tmp/test_subtitle_XXXXXX.wav";
    int fd = mkstemps(path, 4);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "wb");
    assert_non_null(f);
    uint32_t rate = 16000, n = 2 * rate;
    fputs("RIFF", f);
    write_le(f, 36 + n * 2, 4);
    fputs("WAVEfmt ", f);
    write_le(f, 16, 4);
    write_le(f, 1, 2); /* PCM */
    write_le(f, 1, 2); /* mono */
    write_le(f, rate, 4);
    write_le(f, rate * 2, 4);
    write_le(f, 2, 2);
    write_le(f, 16, 2);
    fputs("data", f);
    write_le(f, n * 2, 4);
    for (uint32_t i = 0; i < n; i++)
        write_le(f, i < rate ? 0 : (uint16_t)(int16_t)(8000 * sin(2 * M_PI * 300 * i / rate)), 2);
    fclose(f);
    const char *sentences[] = {"Guten Tag."};
    sync_map map;
    timing_source src = timing_from_audio(path, "de", sentences, 1, &map);
    cue_list l;
    two_cues(&l, "Guten", "Tag.", 0, 1, 1, 2, 0);
    int rc = src.assign(&src, &l);
    unlink(path);
    assert_true(rc < 0);
    assert_non_null(strstr(error_last(), "no synthesizer voice for 'de' (available: en, ru, zh)"));
    cues_free(&l);
    sync_map_free(&map);
}

static void count_finding(void *ctx, int line, const char *message)
{
    (void)message;
    int *lines = ctx;
    lines[lines[0]++ + 1] = line;
}

/* srt check's style findings: an over-long line at its own file line, a cue shown too
 * briefly, and a cue that starts inside the one before it. */
static void style_check_finds_limits_and_overlaps(void **state)
{
    (void)state;
    cue_list l = {0};
    assert_int_equal(cue_list_add(&l, (cue){strdup("Short.\nThis second line runs on far past the forty-two characters "
                                                   "a line may hold."), 0, 0, 1, 0, 0, 1.0, 9.0, 0}), 0);
    assert_int_equal(cue_list_add(&l, (cue){strdup("Quick."), 1, 0, 1, 0, 0, 8.0, 8.5, 0}), 0);
    srt_cue_info info[] = {{1, 3, 0, 0, 0}, {6, 8, 0, 0, 0}};
    int lines[16] = {0};
    const subtitle_profile *en = subtitle_profile_find("netflix", "en");
    assert_int_equal(style_check_cues(&l, info, en, "en", 24, count_finding, lines), 0);
    assert_int_equal(lines[0], 4); /* line width, reading speed, overlap, too brief */
    assert_int_equal(lines[1], 4);  /* the second text line of the first cue */
    assert_int_equal(lines[4], 6);  /* the overlap, at the second cue */
    assert_non_null(strchr(l.v[0].text, '\n')); /* the text left as it was */
    cues_free(&l);
}

/* srt fix: cues in time order, an empty one dropped, an overlap resolved; what it moved
 * is counted (the first cue's end, cut at the second; all three moved into time order). */
static void srt_fix_orders_drops_and_separates(void **state)
{
    (void)state;
    cue_list in = {0}, out = {0};
    assert_int_equal(cue_list_add(&in, (cue){strdup("Second."), 1, 0, 1, 0, 0, 5.0, 7.0, 0}), 0);
    assert_int_equal(cue_list_add(&in, (cue){strdup("<i></i>"), 2, 0, 1, 0, 0, 6.0, 8.0, 0}), 0);
    assert_int_equal(cue_list_add(&in, (cue){strdup("First."), 0, 0, 1, 0, 0, 1.0, 6.0, 0}), 0);
    srt_fix_stats st;
    const subtitle_profile *en = subtitle_profile_find("netflix", "en");
    assert_int_equal(srt_fix_cues(&in, en, "en", 24, "x.srt", &out, &st), 0);
    assert_int_equal(st.dropped, 1);
    assert_int_equal(st.reordered, 3); /* every cue moved: First to the front */
    assert_int_equal(st.retimed, 1);
    assert_int_equal(out.n, 2);
    assert_string_equal(out.v[0].text, "First.");
    assert_true(out.v[0].end < out.v[1].start);
    cues_free(&in);
    cues_free(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(duration_stretches_speech_not_pauses),
        cmocka_unit_test(duration_pauses_at_commas),
        cmocka_unit_test(written_gaps_stay_two_frames),
        cmocka_unit_test(time_anchors_match_sentences),
        cmocka_unit_test(track_text_says_what_the_transcript_says),
        cmocka_unit_test(line_breaks_a_subtitler_never_makes),
        cmocka_unit_test(chinese_breaks_fall_between_words),
        cmocka_unit_test(adjectives_stay_with_their_nouns),
        cmocka_unit_test(pronouns_keep_their_verbs),
        cmocka_unit_test(chinese_particles_and_names_stay_bound),
        cmocka_unit_test(no_orphan_cues),
        cmocka_unit_test(markup_takes_no_room_and_survives_a_cut),
        cmocka_unit_test(unwrap_joins_lines_as_running_text),
        cmocka_unit_test(display_keeps_measured_starts),
        cmocka_unit_test(merge_joins_a_too_fast_cue_with_its_neighbour),
        cmocka_unit_test(split_a_cue_that_outlasts_the_longest),
        cmocka_unit_test(cut_over_shares_the_span),
        cmocka_unit_test(visible_characters_skip_any_whitespace),
        cmocka_unit_test(vtt_text_is_escaped_outside_tags),
        cmocka_unit_test(audio_source_refuses_unknown_language),
        cmocka_unit_test(style_check_finds_limits_and_overlaps),
        cmocka_unit_test(srt_fix_orders_drops_and_separates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
