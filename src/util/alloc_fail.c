/* alloc_fail.c — allocation-failure injection for the sanitizer build, as SQLite tests its
 * out-of-memory paths: with POLYALIGN_FAIL_MALLOC_AFTER=N in the environment, the first N
 * allocations of polyalign's own code succeed and every later one fails (memory stays
 * short once it is). A test runs a command for N = 0, 1, 2 … until it succeeds and checks
 * that each run before ends with "out of memory" and exit 71, without a crash or a leak.
 *
 * The build links polyalign's objects with -Wl,--wrap=malloc (and calloc, realloc, strdup,
 * strndup, mmap: a lexicon mapped when no address space is left is out of memory too):
 * their calls come here, the libraries' (ICU, libxml2 …) do not. Compiled only
 * with POLYALIGN_ALLOC_FAILURES (the sanitizer build): the release build has no hook. */
#ifdef POLYALIGN_ALLOC_FAILURES

#include <errno.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/types.h>

void *__real_malloc(size_t size);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t size);
void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t size);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);
void *__real_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off);
void *__wrap_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off);

/* Allocations left before failing: -1 without the variable; read at the first call. */
static atomic_long allowed = -2;

static int allocation_fails(void)
{
    long left = atomic_load(&allowed);
    if (left == -2) {
        const char *env = getenv("POLYALIGN_FAIL_MALLOC_AFTER");
        long n = env && *env ? strtol(env, NULL, 10) : -1;
        long unread = -2;
        atomic_compare_exchange_strong(&allowed, &unread, n < 0 ? -1 : n);
        left = atomic_load(&allowed);
    }
    while (left > 0 && !atomic_compare_exchange_weak(&allowed, &left, left - 1))
        ;
    return left == 0;
}

void *__wrap_malloc(size_t size)
{
    return allocation_fails() ? NULL : __real_malloc(size);
}

void *__wrap_calloc(size_t n, size_t size)
{
    return allocation_fails() ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t size)
{
    return allocation_fails() ? NULL : __real_realloc(p, size);
}

void *__wrap_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
    if (allocation_fails()) {
        errno = ENOMEM;
        return MAP_FAILED;
    }
    return __real_mmap(addr, len, prot, flags, fd, off);
}

char *__wrap_strdup(const char *s)
{
    return __wrap_strndup(s, strlen(s));
}

char *__wrap_strndup(const char *s, size_t n)
{
    size_t len = strnlen(s, n);
    char *copy = __wrap_malloc(len + 1);
    if (copy) {
        memcpy(copy, s, len);
        copy[len] = '\0';
    }
    return copy;
}

#endif
