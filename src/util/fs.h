/*
 * File system chores shared by the command line and the tools beside it.  Logs
 * nothing and reports nothing: callers use it for clean-up, where a file that will
 * not go away is no reason to fail.
 */
#ifndef SW_UTIL_FS_H
#define SW_UTIL_FS_H

/*
 * Removes the files in @dir, then @dir itself: a throwaway state directory (`replay`'s
 * store, a benchmark's), which holds only files.  Best effort: whatever cannot be
 * removed stays.
 */
void fs_remove_dir(const char *dir);

#endif
