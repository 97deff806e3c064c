#!/bin/bash
# kernel-doc comments in the module and its API header parse without warnings.
. "$(dirname "$0")/lib.sh"
. tests/vm/lib.sh
src=$(linux_source_tree)
files=$(kernel_sources | grep -v ^tests/)
"$src/scripts/kernel-doc" -none -Wall $files >"$TMP/out" 2>&1 || true
if [ -s "$TMP/out" ]; then
	cat "$TMP/out"
	fail "kernel-doc findings above"
fi
echo "$(echo "$files" | wc -w) files clean"
