#!/bin/bash
# With mpool_kunit.fail_on_purpose=1 one KUnit case fails: the VM harness must report
# that case and exit non-zero, so a red test can never look green. Only the harness suite
# runs (MPOOL_VM_ONLY_KUNIT): the rest of the guest is the debug tier's business.
. "$(dirname "$0")/lib.sh"
set +e
MPOOL_KUNIT_ARGS=fail_on_purpose=1 MPOOL_VM_ONLY_KUNIT='mpool_harness*' MPOOL_VM_OUT="$TMP/vm" tests/vm/run.sh debug \
	>"$TMP/out" 2>&1
rc=$?
set -e
cat "$TMP/out"
[ $rc != 0 ] || fail "harness exited 0 for a failing KUnit case"
grep -q 'failure_switch_off' "$TMP/out" || fail "failing case not named"
grep -q 'failing on purpose' "$TMP/out" || fail "failure message not shown"
grep -qE '^vm debug: [0-9]+ passed, 1 failed$' "$TMP/out" || fail "summary does not count exactly one failure"
