/* test_syllables.c — unit tests of the spoken-syllable counts behind the --duration timing
 * model: English spelling rules, numbers, years, times, acronyms, abbreviations and
 * symbols read out in English, Russian and Chinese, and the consonant-weighted speech
 * weight. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "subtitle/syllables.h"

#define SYL(text, lang, n) assert_int_equal((int)(syllables_count(text, lang) + 0.5), n)

static void english_words(void **state)
{
    (void)state;
    SYL("time", "en", 1);    /* silent final e */
    SYL("welcome", "en", 2);
    SYL("table", "en", 2);   /* consonant + le keeps its syllable */
    SYL("centre", "en", 2);
    SYL("states", "en", 1);  /* silent e of -es */
    SYL("places", "en", 2);
    SYL("reached", "en", 1); /* silent e of -ed */
    SYL("wanted", "en", 2);
    SYL("children's", "en", 2);
    SYL("Excellencies, ladies and gentlemen, good morning.", "en", 13);
}

static void english_read_out(void **state)
{
    (void)state;
    SYL("2024", "en", 5);  /* twenty twenty-four */
    SYL("1905", "en", 4);  /* nineteen oh five */
    SYL("2005", "en", 4);  /* two thousand five */
    SYL("4,000", "en", 3); /* four thousand */
    SYL("3,412", "en", 7); /* three thousand four hundred twelve */
    SYL("3.5", "en", 3);   /* three point five */
    SYL("12%", "en", 3);   /* twelve per cent */
    SYL("10:45", "en", 4); /* ten forty-five */
    SYL("3rd", "en", 1);
    SYL("OECD", "en", 4);  /* spelt */
    SYL("CEO", "en", 3);
    SYL("NATO", "en", 2);  /* said as a word */
    SYL("U.S.", "en", 2);
    SYL("www", "en", 9);   /* double-u three times */
    SYL("Dr. Hart", "en", 3);
}

static void russian(void **state)
{
    (void)state;
    SYL("уважаемые", "ru", 6);   /* every vowel letter, no diphthongs */
    SYL("в", "ru", 0);
    SYL("4000", "ru", 6);        /* четыре тысячи */
    SYL("12 000", "ru", 6);      /* двенадцать тысяч */
    SYL("В 2024 году", "ru", 12); /* две тысячи двадцать четвёртом году */
    SYL("ЕС", "ru", 2);          /* е-эс */
    SYL("млн", "ru", 4);         /* миллионов */
    SYL("д-р Харт", "ru", 3);    /* доктор */
}

static void chinese(void **state)
{
    (void)state;
    SYL("时间就是安全。", "zh", 6);
    SYL("2024年", "zh", 5);      /* 二〇二四年: a year digit by digit */
    SYL("4000多", "zh", 3);      /* 四千多 */
    SYL("12%", "zh", 5);         /* 百分之十二 */
    SYL("10:45", "zh", 6);       /* 十点四十五分 */
    SYL("NRL", "zh", 3);
    assert_int_equal(syllables_cardinal(12, "zh"), 2);    /* 十二 */
    assert_int_equal(syllables_cardinal(3412, "zh"), 7);  /* 三千四百一十二 */
    assert_int_equal(syllables_cardinal(10005, "zh"), 4); /* 一万零五 */
    assert_int_equal(syllables_cardinal(1000, "ru"), 3);  /* тысяча */
    assert_int_equal(syllables_cardinal(0, "en"), 2);     /* zero */
}

static void weight_counts_consonants(void **state)
{
    (void)state;
    /* one syllable heavy with consonants outweighs two light ones */
    assert_true(speech_weight("strengths", "en") > speech_weight("area", "en"));
    /* a syllable of mean complexity weighs about one */
    double w = speech_weight("We built this library over three winters, one shelf at a time.", "en");
    double s = syllables_count("We built this library over three winters, one shelf at a time.", "en");
    assert_true(w > 0.8 * s && w < 1.2 * s);
    assert_true(speech_weight("", "en") > 0); /* never zero: every cue takes some time */
    /* markup is not said */
    assert_true(speech_weight("<i>one shelf</i>", "en") == speech_weight("one shelf", "en"));
    assert_true(speech_weight("{\\an8}<font color=\"red\">area</font>", "en") == speech_weight("area", "en"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(english_words),
        cmocka_unit_test(english_read_out),
        cmocka_unit_test(russian),
        cmocka_unit_test(chinese),
        cmocka_unit_test(weight_counts_consonants),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
