/*
 * Terminal safety for human-readable output (issue 16, defect 4): a feed's title or a
 * server's reason phrase must not move the cursor, retitle the window or ring the bell.
 */
#ifndef SW_UTIL_TERMINAL_H
#define SW_UTIL_TERMINAL_H

#include <stdbool.h>

/*
 * @text with every C0 control byte, DEL and C1 control (U+0080..U+009F; U+009B is CSI
 * to some terminals) replaced by '?', and invalid UTF-8 by U+FFFD.  '\t' and '\n' are
 * kept, unless @one_line, where they become a space (one value, one line); '\r' always
 * becomes a space.  NULL gives NULL.  Caller frees with g_free().
 */
char *terminal_safe(const char *text, bool one_line);

#endif
