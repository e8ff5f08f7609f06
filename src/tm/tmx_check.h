/* tmx_check.h — what `polyalign tmx validate` checks: the structure TMX 1.4b requires
 * and the lint CAT tools trip on, on the streaming reader (constant memory), plus an
 * optional validation against a DTD with libxml2. */
#ifndef POLYALIGN_TMX_CHECK_H
#define POLYALIGN_TMX_CHECK_H

/* Called once per problem, in file order. */
typedef void (*tmx_problem_fn)(void *ctx, const char *file, int line, int col, const char *message);

/* Check one file ("-": standard input); `dtd` may be NULL. Returns the number of problems
 * (a file that is not well-formed XML, or not a TMX document, counts as one, reported
 * with its line and column; each element TMX 1.4b does not define, xi:include among
 * them, is one), or a negative error code when the file cannot be read at all. */
int tmx_check_file(const char *path, const char *dtd, tmx_problem_fn report, void *ctx);

/* Is `date` in TMX's YYYYMMDDThhmmssZ form, with plausible values? */
int tmx_date_ok(const char *date);

#endif
