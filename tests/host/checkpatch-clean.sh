#!/bin/bash
# Kernel-side sources pass the kernel's checkpatch.pl (strict) with no warnings.
. "$(dirname "$0")/lib.sh"
. tests/vm/lib.sh
src=$(linux_source_tree)
files=$(kernel_sources)
"$src/scripts/checkpatch.pl" --no-tree --strict --terse --show-types \
	--ignore FILE_PATH_CHANGES,SPDX_LICENSE_TAG -f $files >"$TMP/out" 2>&1 || true
if grep -E ': (ERROR|WARNING|CHECK):' "$TMP/out"; then
	fail "checkpatch findings above"
fi
echo "$(echo "$files" | wc -w) files clean"
