/* error.c — the thread-local last-error slot behind error.h. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>

#include "../i18n.h"
#include "../text/utf8.h"

static _Thread_local char last_message[1024];

int error_set(error_code code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    utf8_vsnprintf(last_message, sizeof last_message, fmt, ap); /* a long one cut between characters */
    va_end(ap);
    return -(int)code;
}

int error_nomem(void)
{
    return error_set(ERR_NOMEM, "%s", _("out of memory"));
}

const char *error_last(void)
{
    return last_message;
}

int error_exit_status(int rc)
{
    return rc < 0 ? -rc : 0;
}
