/* i18n.h — gettext plumbing shared by every file that prints to a user.
 *
 * Every user-visible string goes through _() so the CLI speaks English, Chinese and
 * Russian. N_() marks strings in static tables that are translated where printed. */
#ifndef POLYALIGN_I18N_H
#define POLYALIGN_I18N_H

#include <libintl.h>

#define PACKAGE "polyalign"
#define _(s) dgettext(PACKAGE, s)
#define N_(s) (s)
#define P_(singular, plural, n) dngettext(PACKAGE, singular, plural, n)

/* Bind the message catalog: $POLYALIGN_LOCALEDIR, else the build tree's locale/ next to
 * the executable (running from a checkout), else ../share/locale relative to it (an
 * install, moved or not), else the compiled prefix's share/locale. */
void i18n_init(void);

#endif
