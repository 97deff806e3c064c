#!/bin/bash
# vm_boot boots again only when the guest kernel died before /init, at most twice more,
# keeps each lost console, and never retries a guest that reached /init or timed out.
# A fake qemu-system-x86_64 (first in PATH) plays the guest from a script of outcomes.
. "$(dirname "$0")/lib.sh"
. tests/vm/vm.sh

mkdir -p "$TMP/bin" "$TMP/out"
cat >"$TMP/bin/qemu-system-x86_64" <<'FAKE'
#!/bin/bash
# Outcome of this boot: the next line of $FAKE_PLAN (early | init | hang).
n=$(( $(cat "$FAKE_COUNT" 2>/dev/null || echo 0) + 1 ))
echo $n >"$FAKE_COUNT"
outcome=$(sed -n "${n}p" "$FAKE_PLAN")
console=$(echo "$@" | grep -o 'file:[^ ]*console.log' | cut -d: -f2)
case $outcome in
early) printf 'Oops: int3: 0000 [#1] PREEMPT SMP\r\nKernel panic - not syncing\r\n' >"$console" ;;
init) printf '[ 4.3] Run /init as init process\r\nKernel panic - not syncing\r\n' >"$console" ;;
hang) printf 'booting\r\n' >"$console"; exit 124 ;;
esac
exit 0
FAKE
chmod +x "$TMP/bin/qemu-system-x86_64"
export PATH=$TMP/bin:$PATH FAKE_COUNT=$TMP/count FAKE_PLAN=$TMP/plan
VM_IMAGE=/nonexistent/bzImage

# boots PLAN... : run vm_boot over the outcomes, print "STATUS BOOTS LOST-CONSOLES".
boots() {
	printf '%s\n' "$@" >"$TMP/plan"
	rm -f "$TMP/count" "$TMP/out"/console.lost-*
	local rc=0
	vm_boot "$TMP/out" 2>"$TMP/err" || rc=$?
	echo "$rc $(cat "$TMP/count") $(ls "$TMP/out" | grep -c '^console\.lost-')"
}

expect_eq "reaches /init at once" "$(boots init)" "0 1 0"
expect_eq "one early death" "$(boots early init)" "0 2 1"
grep -q 'died before /init' "$TMP/err" || fail "a lost boot is not reported"
grep -q 'Oops: int3' "$TMP/err" || fail "the lost boot's Oops is not shown"
grep -q 'Oops: int3' "$TMP/out/console.lost-1.txt" || fail "the lost console is not kept"
expect_eq "two early deaths" "$(boots early early init)" "0 3 2"
expect_eq "three early deaths: no fourth boot" "$(boots early early early init)" "0 3 2"
grep -q 'Oops' "$TMP/out/console.txt" || fail "the last early death is not what is judged"
expect_eq "a host timeout is not retried" "$(boots hang init)" "124 1 0"
echo "vm_boot retries only deaths before /init, at most twice"
