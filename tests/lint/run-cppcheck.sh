#!/bin/sh
# cppcheck on src/ (warnings, portability and the style checks cppcheck reports with
# them), with GLib's macros known (gtk.cfg + glib.cfg) and the reviewed false positives
# in cppcheck.supp.  Any other finding fails.  Exit 77 (skip) without cppcheck.
#   run-cppcheck.sh SOURCE_ROOT BUILD_ROOT
set -u
root=$1 build=$2
command -v cppcheck >/dev/null 2>&1 || { echo "cppcheck not installed"; exit 77; }
cd "$root" || exit 2
exec cppcheck --quiet --library=gtk --library=tests/lint/glib.cfg \
	--enable=warning,portability --std=c11 --inline-suppr \
	--suppressions-list=tests/lint/cppcheck.supp --suppress=missingIncludeSystem \
	-I src -I "$build" -D_GNU_SOURCE -DSW_HAVE_DESKTOP=1 \
	--template='{file}:{line}: {severity} [{id}] {message}' --error-exitcode=1 src
