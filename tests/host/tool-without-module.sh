#!/bin/bash
# mempoolctl on a kernel without mpool (this host cannot load modules) says so plainly
# and exits 2; the JSON form prints nothing on stdout.
. "$(dirname "$0")/lib.sh"
make -s -C tool >/dev/null

set +e
tool/mempoolctl version >"$TMP/out" 2>"$TMP/err"
rc=$?
tool/mempoolctl -j version >"$TMP/jout" 2>/dev/null
jrc=$?
set -e
cat "$TMP/out" "$TMP/err"
expect_eq "exit status" "$rc" 2
expect_eq "json exit status" "$jrc" 2
grep -q "the mpool module is not loaded" "$TMP/err" || fail "no plain 'not loaded' message"
grep -q "modprobe mpool" "$TMP/err" || fail "message does not say how to load it"
[ ! -s "$TMP/jout" ] || fail "JSON mode printed on stdout: $(cat "$TMP/jout")"
