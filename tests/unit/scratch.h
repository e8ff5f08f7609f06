/* scratch.h — a scratch folder for the unit tests that read files: made before the tests
 * of a binary (scratch_setup), removed after them (scratch_teardown), files written into
 * it by name, their folders made on the way. Included by one test file each. */
#ifndef POLYALIGN_TESTS_SCRATCH_H
#define POLYALIGN_TESTS_SCRATCH_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char scratch_dir[] = "/tmp/polyalign-unitXXXXXX";

static int scratch_setup(void **state)
{
    (void)state;
    return mkdtemp(scratch_dir) ? 0 : -1;
}

static int scratch_teardown(void **state)
{
    (void)state;
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", scratch_dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* scratch_dir/NAME holding text[0..len); its path, in a buffer the next call reuses. */
static const char *write_file(const char *name, const char *text, size_t len)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", scratch_dir, name);
    for (char *slash = strchr(path + strlen(scratch_dir) + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
        *slash = '\0';
        mkdir(path, 0777);
        *slash = '/';
    }
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, len, f), len);
    fclose(f);
    return path;
}

#endif
