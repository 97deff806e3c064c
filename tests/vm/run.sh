#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot a kernel in QEMU with mpool and its tests, and judge the result.
#
#   tests/vm/run.sh TIER        TIER: debug | stock-6.12 | stock-6.1
#
# debug boots our KUnit/debug kernel (tests/vm/kernel.sh) and runs KUnit + CLI tests;
# stock-* boot Debian's own kernel image and run the CLI tests. The guest (tests/vm/
# init.sh) reports on a second serial port; this script passes the tier only if QEMU
# exited by itself, the guest wrote its success marker, kunit.py parses the KTAP
# without failures, kmemleak found nothing, the taint is only O/E/N, and the console
# shows no splat. It always ends with "vm TIER: N passed, N failed".
#
# Environment:
#   MPOOL_KUNIT_ARGS   extra mpool_kunit.ko parameters, e.g. fail_on_purpose=1
#   MPOOL_VM_ONLY_KUNIT  a KUnit suite glob (kunit.filter_glob): only those suites run,
#                      with no guest CLI tests and no kmemleak scan (half a minute
#                      under TCG); the other lifecycle checks still run
#   MPOOL_VM_ONLY_GUEST  a glob of guest test names (tests/vm/cli/*.sh,
#                      tests/vm/logserver/*.sh): only those run, with no KUnit suite;
#                      the lifecycle checks, kmemleak included, still run
#   MPOOL_VM_OUT       output directory (default build/vm/TIER)
#   MPOOL_VM_TIMEOUT, MPOOL_VM_ACCEL: see vm_boot in tests/vm/vm.sh
set -euo pipefail
. "$(dirname "$0")/vm.sh"

tier=${1:-}
[ -n "$tier" ] || die "usage: tests/vm/run.sh debug|stock-6.12|stock-6.1"

out=${MPOOL_VM_OUT:-$MPOOL_BUILD/vm/$tier}
src=$(linux_source_tree)
kunit_py=$src/tools/testing/kunit/kunit.py

passed=0
failed=0
finish() {
	echo "vm $tier: $passed passed, $failed failed"
	[ "$failed" = 0 ]
	exit
}

# Leave a partial result countable: a tier that cannot even build is one failure.
fail_tier() {
	echo "vm $tier: FAIL: $*" >&2
	failed=$((failed + 1))
	finish
}

vm_prepare "$tier" "$out" || fail_tier "could not build the guest"

cmdline=
for arg in ${MPOOL_KUNIT_ARGS:-}; do
	cmdline="$cmdline mpool_kunit.$arg"
done
[ -z "${MPOOL_VM_ONLY_KUNIT:-}" ] ||
	cmdline="$cmdline kunit.filter_glob=$MPOOL_VM_ONLY_KUNIT mpool_vm.cli=0 mpool_vm.kmemleak=0"
[ -z "${MPOOL_VM_ONLY_GUEST:-}" ] ||
	cmdline="$cmdline kunit.filter_glob=none mpool_vm.only=$MPOOL_VM_ONLY_GUEST"
set +e
vm_boot "$out" $cmdline
qemu_rc=$?
set -e

# ---- verdict -----------------------------------------------------------------------
problems=()

[ "$qemu_rc" = 0 ] || problems+=("QEMU did not exit by itself (status $qemu_rc$([ "$qemu_rc" != 124 ] || echo ", host timeout"))")
grep -qx 'MPOOL-VM: success' "$out/results.txt" || problems+=("no success marker from the guest")

sed -n '/^KTAP version 1$/,/^# mpool-vm-trailer$/p' "$out/results.txt" |
	sed '$d' >"$out/results.ktap"
if [ -s "$out/results.ktap" ]; then
	if ! python3 "$kunit_py" parse "$out/results.ktap" >"$out/kunit.txt" 2>&1; then
		problems+=("kunit.py parse reports failures")
	fi
	summary=$(sed -n 's/.*Testing complete\. \(Ran .*\)/\1/p' "$out/kunit.txt" | tail -n 1)
	total=$(echo "$summary" | sed -n 's/^Ran \([0-9]*\) tests.*/\1/p')
	passed=$(echo "$summary" | sed -n 's/.*passed: \([0-9]*\).*/\1/p')
	skipped=$(echo "$summary" | sed -n 's/.*skipped: \([0-9]*\).*/\1/p')
	passed=${passed:-0}
	failed=$(( ${total:-0} - passed - ${skipped:-0} ))
	[ -z "$skipped" ] || echo "vm $tier: $skipped skipped" >&2
else
	problems+=("no KTAP results from the guest")
fi

taint=$(sed -n 's/^# taint: //p' "$out/results.txt")
if [ -n "$taint" ] && (( taint & ~(4096 | 8192 | 262144) )); then
	problems+=("unexpected taint $taint (only O, E, N allowed)")
fi
if sed -n '/^# kmemleak-begin$/,/^# kmemleak-end$/p' "$out/results.txt" | grep -q 'unreferenced object'; then
	problems+=("kmemleak reports leaks")
fi
splats=$(grep -E 'BUG:|WARNING:|Oops|UBSAN:|kernel BUG|general protection fault|Kernel panic|possible recursive locking|circular locking' \
	"$out/console.txt" | head -n 5 || true)
[ -z "$splats" ] || problems+=("kernel splat on the console: $splats")

if [ ${#problems[@]} -gt 0 ]; then
	echo "vm $tier: FAILED" >&2
	printf '  - %s\n' "${problems[@]}" >&2
	echo "---- failing cases ----" >&2
	# Each failed expectation with its message (up to the case's result line), then
	# every case and suite that is "not ok".
	awk '/(EXPECTATION|ASSERTION) FAILED/ { show = 1 }
	     show { print }
	     /^ *(not )?ok [0-9]/ { show = 0 }' "$out/results.ktap" 2>/dev/null | head -n 60 >&2 || true
	grep -E '^ *not ok [0-9]' "$out/results.ktap" 2>/dev/null | grep -v '# SKIP' | head -n 20 >&2 || true
	sed -n '/^# kmemleak-begin$/,/^# kmemleak-end$/p' "$out/results.txt" | head -n 40 >&2
	echo "---- console tail ($out/console.txt) ----" >&2
	tail -n 40 "$out/console.txt" >&2
	# Failures that no test case counted still fail the tier.
	[ "$failed" -gt 0 ] || failed=1
fi
finish
