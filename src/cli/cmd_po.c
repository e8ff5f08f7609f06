/* cmd_po.c — `polyalign po2tmx FILE.po… -o OUT.tmx` and `polyalign tmx2po --lang L FILE.tmx
 * -o OUT.po`: the gettext bridge (src/tm/po_bridge.c), outputs through temporary files.
 *
 * libgettextpo writes a catalog by file name only, and its way with "/dev/stdout" or a
 * device is its own (it shares stdio's stdout, reports errors its way). So it writes into
 * a file in memory, which is copied to the output like any other: through atomic_file,
 * every write checked, an error reported once with the output's name. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../i18n.h"
#include "../text/lang.h"
#include "../tm/po_bridge.h"
#include "../util/atomic_file.h"
#include "../util/error.h"
#include "commands.h"

enum { OPT_OUTPUT = 'o', OPT_LANG = 'l', OPT_SRCLANG = 256, OPT_FUZZY };

typedef struct {
    const char *output, *srclang, *lang;
    int fuzzy;
} po_args;

const cli_option po2tmx_cli_options[] = {
    {"output", OPT_OUTPUT, 1, "OUT.tmx", N_("the TMX to write (required)"), CLI_TEXT(po_args, output), CLI_REQUIRED},
    {"srclang", OPT_SRCLANG, 1, "LANG", N_("language of the msgids (default en-US)"), CLI_TEXT(po_args, srclang)},
    {"include-fuzzy", OPT_FUZZY, 0, NULL, N_("also export fuzzy messages (marked x-po-fuzzy)"), CLI_FLAG(po_args, fuzzy), CLI_SHOWN},
    {0},
};

const cli_option tmx2po_cli_options[] = {
    {"lang", OPT_LANG, 1, "LANG", N_("the target language to export (required)"), CLI_TEXT(po_args, lang), CLI_REQUIRED},
    {"output", OPT_OUTPUT, 1, "OUT.po", N_("the PO file to write (required)"), CLI_TEXT(po_args, output), CLI_REQUIRED},
    {0},
};

static int run_po2tmx(const cli_command *self, void *args, int nops, char **operands)
{
    po_args *a = args;
    int status;
    if (!a->output || nops == 0)
        return cli_usage_error(self, _("give the PO files and -o OUT.tmx"));
    static const char *const writes_tmx[] = {"tmx", NULL};
    if ((status = cli_output_ext(self, a->output, writes_tmx, "TMX (.tmx)")) != 0)
        return status;
    char src[LANG_TAG_MAX];
    if (cli_lang(self, a->srclang ? a->srclang : "en-US", src))
        return ERR_USAGE;
    atomic_file out;
    po_bridge_stats st;
    int rc = atomic_file_open(&out, a->output);
    if (rc == 0)
        rc = atomic_file_finish(&out, po_to_tmx((const char *const *)operands, (size_t)nops, src,
                                                 a->fuzzy, out.f, &st));
    if (rc == 0) {
        fprintf(stderr, P_("polyalign: %zu message, ", "polyalign: %zu messages, ", st.messages), st.messages);
        fprintf(stderr, P_("%zu translation unit, ", "%zu translation units, ", st.units), st.units);
        fprintf(stderr, P_("%zu fuzzy message left out", "%zu fuzzy messages left out", st.skipped_fuzzy),
                st.skipped_fuzzy);
        if (st.untranslated)
            fprintf(stderr, P_(", %zu untranslated", ", %zu untranslated", st.untranslated), st.untranslated);
        if (st.obsolete)
            fprintf(stderr, P_(", %zu obsolete (#~) entry left out", ", %zu obsolete (#~) entries left out", st.obsolete),
                    st.obsolete);
        fputc('\n', stderr);
    }
    return cli_report(rc);
}

const cli_runner po2tmx_cli_runner = CLI_RUNNER(po_args, NULL, NULL, run_po2tmx);

/* tmx_to_po into `out`: by way of a memory file that libgettextpo opens by name. */
static int tmx_to_po_stream(const char *tmx_path, const char *lang, FILE *out, po_bridge_stats *st)
{
    int fd = memfd_create("polyalign.po", MFD_CLOEXEC);
    if (fd < 0)
        return errno == ENOMEM ? error_nomem() : error_set(ERR_IO, _("cannot make a file in memory: %s"), strerror(errno));
    char name[64];
    snprintf(name, sizeof name, "/proc/self/fd/%d", fd);
    int rc = tmx_to_po(tmx_path, lang, name, st);
    char buf[1 << 16];
    ssize_t n = 0;
    if (rc == 0 && lseek(fd, 0, SEEK_SET) != 0)
        n = -1; /* nothing read back: an error, never an empty catalog taken for success */
    else if (rc == 0)
        while ((n = read(fd, buf, sizeof buf)) > 0 && fwrite(buf, 1, (size_t)n, out) == (size_t)n)
            ;
    if (rc == 0 && n < 0)
        rc = error_set(ERR_IO, _("cannot read a file in memory: %s"), strerror(errno));
    close(fd);
    return rc;
}

static int run_tmx2po(const cli_command *self, void *args, int nops, char **operands)
{
    po_args *a = args;
    int status;
    if (!a->output || !a->lang || nops != 1)
        return cli_usage_error(self, _("give one TMX file, --lang and -o OUT.po"));
    static const char *const writes_po[] = {"po", "pot", NULL};
    if ((status = cli_output_ext(self, a->output, writes_po, "PO (.po)")) != 0)
        return status;
    char lang[LANG_TAG_MAX];
    if (cli_lang(self, a->lang, lang))
        return ERR_USAGE;
    atomic_file out;
    po_bridge_stats st;
    int rc = atomic_file_open(&out, a->output);
    if (rc == 0)
        rc = atomic_file_finish(&out, tmx_to_po_stream(operands[0], lang, out.f, &st));
    if (rc == 0) {
        fprintf(stderr, P_("polyalign: %zu message written", "polyalign: %zu messages written", st.messages),
                st.messages);
        fprintf(stderr,
                P_(", %zu other translation of the same msgctxt and msgid kept as a translator comment\n",
                   ", %zu other translations of the same msgctxt and msgid kept as translator comments\n",
                   st.alternatives),
                st.alternatives);
        if (st.marked_fuzzy)
            cli_warn(P_("%zu message marked fuzzy: msgfmt --check refuses it as it is (a line break at the start or "
                        "end of one side only, format directives that differ)",
                        "%zu messages marked fuzzy: msgfmt --check refuses them as they are (a line break at the start "
                        "or end of one side only, format directives that differ)",
                        st.marked_fuzzy),
                     st.marked_fuzzy);
    }
    return cli_report(rc);
}

const cli_runner tmx2po_cli_runner = CLI_RUNNER(po_args, NULL, NULL, run_tmx2po);
