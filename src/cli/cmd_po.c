/* cmd_po.c — `polyalign po2tmx FILE.po… -o OUT.tmx` and `polyalign tmx2po --lang L FILE.tmx
 * -o OUT.po`: the gettext bridge (src/tm/po_bridge.c), outputs through temporary files. */
#include <stdio.h>
#include <string.h>

#include "../i18n.h"
#include "../text/lang.h"
#include "../tm/po_bridge.h"
#include "../util/atomic_file.h"
#include "../util/error.h"
#include "commands.h"

enum { OPT_OUTPUT = 'o', OPT_LANG = 'l', OPT_SRCLANG = 256, OPT_FUZZY };

const cli_option po2tmx_cli_options[] = {
    {"output", OPT_OUTPUT, 1, "FILE", N_("the TMX to write (required)")},
    {"srclang", OPT_SRCLANG, 1, "LANG", N_("language of the msgids (default en-US)")},
    {"include-fuzzy", OPT_FUZZY, 0, NULL, N_("also export fuzzy messages (marked x-po-fuzzy)")},
    {0},
};

const cli_option tmx2po_cli_options[] = {
    {"lang", OPT_LANG, 1, "LANG", N_("the target language to export (required)")},
    {"output", OPT_OUTPUT, 1, "FILE", N_("the PO file to write (required)")},
    {0},
};

typedef struct {
    const char *output, *srclang, *lang;
    int fuzzy;
} po_args;

static int handle_option(int key, const char *arg, void *ctx)
{
    po_args *a = ctx;
    switch (key) {
    case OPT_OUTPUT: a->output = arg; break;
    case OPT_SRCLANG: a->srclang = arg; break;
    case OPT_LANG: a->lang = arg; break;
    case OPT_FUZZY: a->fuzzy = 1; break;
    }
    return 0;
}

int cmd_po2tmx(int argc, char **argv)
{
    const cli_command *self = cli_find("po2tmx");
    po_args a = {0};
    int first;
    int status = cli_parse(self, argc, argv, handle_option, &a, &first);
    if (status)
        return status < 0 ? 0 : status;
    if (!a.output || first >= argc)
        return cli_usage_error(self, _("give the PO files and -o OUT.tmx"));
    char src[LANG_TAG_MAX];
    if (cli_lang(self, a.srclang ? a.srclang : "en-US", src))
        return ERR_USAGE;
    atomic_file out;
    po_bridge_stats st;
    int rc = atomic_file_open(&out, a.output);
    if (rc == 0)
        rc = po_to_tmx((const char *const *)argv + first, (size_t)(argc - first), src, a.fuzzy, out.f, &st);
    if (rc == 0)
        rc = atomic_file_commit(&out);
    else
        atomic_file_abort(&out);
    if (rc == 0) {
        fprintf(stderr, P_("polyalign: %zu message, ", "polyalign: %zu messages, ", st.messages), st.messages);
        fprintf(stderr, P_("%zu translation unit, ", "%zu translation units, ", st.units), st.units);
        fprintf(stderr, P_("%zu fuzzy message left out\n", "%zu fuzzy messages left out\n", st.skipped_fuzzy),
                st.skipped_fuzzy);
    }
    return cli_report(rc);
}

int cmd_tmx2po(int argc, char **argv)
{
    const cli_command *self = cli_find("tmx2po");
    po_args a = {0};
    int first;
    int status = cli_parse(self, argc, argv, handle_option, &a, &first);
    if (status)
        return status < 0 ? 0 : status;
    if (!a.output || !a.lang || argc - first != 1)
        return cli_usage_error(self, _("give one TMX file, --lang and -o OUT.po"));
    char lang[LANG_TAG_MAX];
    if (cli_lang(self, a.lang, lang))
        return ERR_USAGE;
    /* libgettextpo writes by file name: into the temporary file, then renamed */
    atomic_file out;
    po_bridge_stats st;
    int rc = atomic_file_open(&out, a.output);
    if (rc == 0 && out.tmp_path)
        rc = tmx_to_po(argv[first], lang, out.tmp_path, &st);
    else if (rc == 0)
        rc = tmx_to_po(argv[first], lang, "/dev/stdout", &st);
    if (rc == 0)
        rc = atomic_file_commit(&out);
    else
        atomic_file_abort(&out);
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
