/* backend.c — finding and opening polyalign-audio.so; see backend.h. */
#include "backend.h"

#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../i18n.h"
#include "../util/error.h"
#include "../util/resource_dir.h"

#ifndef AUDIO_MODULE_DIR
#define AUDIO_MODULE_DIR "/usr/local/lib/polyalign"
#endif

#define MODULE_NAME "polyalign-audio.so"

typedef int (*sync_align_fn)(const char *, const char *, const char *const *, size_t, synth_mark *, size_t,
                             sync_map *);

static sync_align_fn loaded;

static int load(void)
{
    if (loaded)
        return 0;
    char tried[4 * PATH_MAX] = "", path[PATH_MAX + 32] = "";
    void *h = NULL;
    const char *env = getenv("POLYALIGN_AUDIO_MODULE");
    if (env && *env) {
        h = dlopen(env, RTLD_NOW | RTLD_LOCAL);
        snprintf(tried, sizeof tried, "%s", env);
        snprintf(path, sizeof path, "%s", env);
    } else {
        /* beside the binary in a build tree (build/san/lib, build/rel/lib), then where
         * `make install` puts it relative to PREFIX/bin, then the compiled prefix */
        static const char *const beside_exe[] = {"lib", "../lib", "build/rel/lib", "../lib/polyalign", NULL};
        char dir[PATH_MAX];
        if (resource_dir_find(beside_exe, AUDIO_MODULE_DIR, MODULE_NAME, dir, tried, sizeof tried) == 0) {
            snprintf(path, sizeof path, "%s/%s", dir, MODULE_NAME);
            h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
        }
    }
    if (!h) {
        const char *why = dlerror(); /* NULL when no candidate existed to be opened */
        return error_set(ERR_SOFTWARE, _("cannot load the audio module (tried %s): %s"), tried, why ? why : _("not found"));
    }
    int (*abi_of)(void) = (int (*)(void))dlsym(h, "polyalign_audio_abi_version");
    int abi = abi_of ? abi_of() : 0;
    if (abi != SYNC_ABI_VERSION)
        return error_set(ERR_SOFTWARE,
                         _("the audio module %s comes from another build of polyalign (interface %d, this program %d): "
                           "install the program and its module from the same build"),
                         path, abi, SYNC_ABI_VERSION);
    sync_align_fn fn = (sync_align_fn)dlsym(h, "sync_align");
    if (!fn)
        return error_set(ERR_SOFTWARE, _("the audio module has no sync_align: %s"), dlerror());
    loaded = fn;
    return 0;
}

int audio_sync_align(const char *audio_path, const char *lang, const char *const *sentences, size_t n,
                     synth_mark *marks, size_t nmarks, sync_map *out)
{
    *out = (sync_map){0};
    int rc = load();
    return rc < 0 ? rc : loaded(audio_path, lang, sentences, n, marks, nmarks, out);
}
