#!/bin/bash
# The hit paths of mpool_alloc() and mpool_free(), as built for Debian's stock 6.12
# kernel (the configuration users run), contain no locked instruction, no interrupt
# masking and no call but the hooks, the preemption point and the slow paths
# (scripts/fastpath-audit.py says how it walks them). First, the audit must catch
# each kind of violation in a function made to have them.
. "$(dirname "$0")/lib.sh"
. tests/vm/lib.sh

cat >"$TMP/bad.c" <<'C'
extern void something_else(void);
int counter;
void mpool_alloc(void)
{
	asm volatile("lock incl %0" : "+m" (counter));
	asm volatile("pushf; cli; popf" ::: "memory");
	something_else();
}
C
gcc -O2 -fno-optimize-sibling-calls -c -o "$TMP/bad.o" "$TMP/bad.c"
if scripts/fastpath-audit.py "$TMP/bad.o" mpool_alloc >"$TMP/bad.log"; then
	cat "$TMP/bad.log"
	fail "the audit passed a function with a locked instruction, cli and a call"
fi
for want in "atomic (locked) instruction" "interrupt masking" "call to something_else"; do
	grep -q "VIOLATION: $want" "$TMP/bad.log" || { cat "$TMP/bad.log"; fail "missed: $want"; }
done

rel=$(stock_kernel_release 6.12)
mkdir -p "$TMP/tree"
cp -r Kbuild kmod include "$TMP/tree/"
make -C "/usr/src/linux-headers-$rel" M="$TMP/tree/kmod" -j"$(nproc)" modules >"$TMP/log" 2>&1 ||
	{ cat "$TMP/log"; fail "build against $rel failed"; }
echo "mpool.ko built against $rel"
scripts/fastpath-audit.py "$TMP/tree/kmod/mpool.ko" || fail "fast-path audit: violations above"
