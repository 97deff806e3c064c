#!/bin/bash
# Kernel-side sources pass the kernel's checkpatch.pl (strict) with no warnings.
. "$(dirname "$0")/lib.sh"
. tests/vm/lib.sh
src=$(linux_source_tree)
files=$(kernel_sources | grep -v '^kmod/compat.h$')
checkpatch() {
	"$src/scripts/checkpatch.pl" --no-tree --strict --terse --show-types \
		--ignore FILE_PATH_CHANGES,SPDX_LICENSE_TAG"$1" -f $2 >>"$TMP/out" 2>&1 || true
}
checkpatch "" "$files"
# compat.h is the one file whose job is to compare kernel versions.
checkpatch ",LINUX_VERSION_CODE,CONSTANT_COMPARISON" kmod/compat.h
if grep -E ': (ERROR|WARNING|CHECK):' "$TMP/out"; then
	fail "checkpatch findings above"
fi
echo "$(($(echo "$files" | wc -w) + 1)) files clean"
