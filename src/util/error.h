/* error.h — error codes and the last error message, libgit2 style.
 *
 * Functions that can fail return 0 or a negative error code and leave a readable message
 * (already localized, naming file and position) in a thread-local slot; the CLI prints it
 * and turns the code into the exit status. Thread-local, so batch threads never clash. */
#ifndef POLYALIGN_ERROR_H
#define POLYALIGN_ERROR_H

/* Values are the exit codes of sysexits.h that DESIGN.md names. */
typedef enum {
    ERR_OK = 0,
    ERR_FAILED = 1,     /* a check found problems */
    ERR_USAGE = 2,      /* bad command line */
    ERR_DATA = 65,      /* bad input data */
    ERR_NOINPUT = 66,   /* missing or unreadable input */
    ERR_SOFTWARE = 70,  /* internal error, e.g. a library refused */
    ERR_NOMEM = 71,     /* out of memory (EX_OSERR) */
    ERR_IO = 74         /* read or write failed */
} error_code;

/* Store a printf-style message and return -code. */
int error_set(error_code code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* error_set(ERR_NOMEM, "out of memory"): the one message of every allocation that failed. */
int error_nomem(void);

/* The message of the last error_set on this thread ("" if none). */
const char *error_last(void);

/* Exit status for a negative return value (0 stays 0). */
int error_exit_status(int rc);

#endif
