#!/bin/bash
# mempoolctl's parsing and formatting (parse.c, format.c, output.c, attr.c, pool.c,
# suggest.c) pass their unit tests (tool/tests/unit.c), built without libnl: the
# build is told there is no pkg-config, so nothing may need it.
. "$(dirname "$0")/lib.sh"
make -s -C tool PKG_CONFIG=false tests/unit >"$TMP/build" 2>&1 || { cat "$TMP/build"; fail "build"; }
tool/tests/unit >"$TMP/out" 2>&1 || { cat "$TMP/out"; fail "unit tests failed"; }
cat "$TMP/out"
# The summary line must show a real run, not an empty one.
checks=$(sed -n 's/^\([0-9]*\) checks, 0 failed$/\1/p' "$TMP/out")
[ -n "$checks" ] && [ "$checks" -ge 300 ] || fail "expected at least 300 checks, got '${checks}'"
