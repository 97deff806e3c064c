#!/bin/bash
# The module and its tests build clean under sparse (C=2) and W=1 against the debug
# test kernel.
. "$(dirname "$0")/lib.sh"
. tests/vm/lib.sh
kdir=$(tests/vm/kernel.sh)
mkdir -p "$TMP/tree"
cp -r Kbuild kmod include tests "$TMP/tree/"
make -C "$kdir" M="$TMP/tree" W=1 C=2 CHECK=sparse -j"$(nproc)" modules >"$TMP/log" 2>&1 ||
	{ cat "$TMP/log"; fail "build failed"; }
if grep -E '(warning|error):' "$TMP/log"; then
	fail "sparse or compiler findings above"
fi
grep -c '  CHECK ' "$TMP/log" | sed 's/$/ files checked by sparse/'
