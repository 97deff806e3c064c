#!/bin/bash
# The test-kernel config check names every fragment option the merged .config lost.
. "$(dirname "$0")/lib.sh"
frag=tests/vm/debug.config
# A config that carries the fragment exactly passes.
grep '^CONFIG_.*=' "$frag" | grep -v '=n$' >"$TMP/good.config"
tests/vm/kernel.sh --dropped "$TMP/good.config" || fail "a complete config was rejected"

# Drop one option, flip another, and see both named.
grep -v '^CONFIG_KASAN=y$' "$TMP/good.config" | sed 's/^CONFIG_PCI=y$/CONFIG_PCI=m/' \
	>"$TMP/bad.config"
echo 'CONFIG_DEBUG_LOCKDEP=y' >>"$TMP/bad.config"
if tests/vm/kernel.sh --dropped "$TMP/bad.config" >"$TMP/out"; then
	fail "an incomplete config was accepted"
fi
cat "$TMP/out"
grep -qx 'CONFIG_KASAN (want y, have unset)' "$TMP/out" || fail "missing KASAN not named"
grep -qx 'CONFIG_PCI (want y, have m)' "$TMP/out" || fail "changed PCI not named"
grep -qx 'CONFIG_DEBUG_LOCKDEP (want n, have y)' "$TMP/out" || fail "unwanted option not named"
expect_eq "reported options" "$(wc -l <"$TMP/out")" 3
