/* hanlatin.c — the shared cache of Han spellings; see hanlatin.h. */
#include "hanlatin.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include "../i18n.h"
#include "../util/error.h"

enum { HAN_FIRST = 0x3400, HAN_END = 0xA000 };
enum { SLOT_EMPTY, SLOT_WRITING, SLOT_READY };

typedef struct {
    atomic_uchar state;
    char spelling[HAN_SPELLING_MAX + 1];
} han_slot;

struct han_spellings {
    han_slot slot[HAN_END - HAN_FIRST];
};

int han_spellings_new(han_spellings **out)
{
    *out = calloc(1, sizeof **out); /* all SLOT_EMPTY */
    return *out ? 0 : error_nomem();
}

void han_spellings_free(han_spellings *h)
{
    free(h);
}

/* Transliterate c with *trans (opened on first use) into out. */
static int spell(UTransliterator **trans, UChar32 c, char out[HAN_SPELLING_MAX + 1])
{
    UErrorCode err = U_ZERO_ERROR;
    if (!*trans) {
        UChar id[32];
        u_uastrcpy(id, "Han-Latin; Latin-ASCII");
        *trans = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &err);
        if (U_FAILURE(err)) {
            *trans = NULL;
            return error_set(ERR_SOFTWARE, _("ICU transliterator %s is not available: %s"), "Han-Latin",
                             u_errorName(err));
        }
    }
    UChar buf[32];
    int32_t len = 0, limit;
    U16_APPEND_UNSAFE(buf, len, c);
    limit = len;
    utrans_transUChars(*trans, buf, &len, 32, 0, &limit, &err);
    size_t n = 0;
    for (int32_t i = 0; U_SUCCESS(err) && i < len && n < HAN_SPELLING_MAX; i++)
        if (buf[i] < 128 && ((buf[i] | 32) >= 'a' && (buf[i] | 32) <= 'z'))
            out[n++] = (char)(buf[i] | 32);
    out[n] = '\0';
    return 0;
}

int han_spelling(han_spellings *h, UTransliterator **trans, UChar32 c, char out[HAN_SPELLING_MAX + 1])
{
    if (c < HAN_FIRST || c >= HAN_END)
        return 0;
    han_slot *s = &h->slot[c - HAN_FIRST];
    if (atomic_load_explicit(&s->state, memory_order_acquire) == SLOT_READY) {
        memcpy(out, s->spelling, sizeof s->spelling);
        return 1;
    }
    int rc = spell(trans, c, out);
    if (rc < 0)
        return rc;
    unsigned char empty = SLOT_EMPTY;
    if (atomic_compare_exchange_strong_explicit(&s->state, &empty, SLOT_WRITING, memory_order_acq_rel,
                                                memory_order_relaxed)) {
        memcpy(s->spelling, out, sizeof s->spelling);
        atomic_store_explicit(&s->state, SLOT_READY, memory_order_release);
    }
    return 1;
}
