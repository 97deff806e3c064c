#!/bin/bash
# mpool.ko compiles W=1 clean (and -Werror) against a PREEMPT_RT configuration of
# Debian's linux-source-6.12 (tests/vm/preempt-rt.config), whose module-build tree is
# cached like the test kernel. Only the objects: the tree has no vmlinux, so modpost's
# undefined-symbol notes are expected and ignored; any compiler finding fails.
. "$(dirname "$0")/lib.sh"
. tests/vm/lib.sh
kdir=$(KERNEL_TARGET=modules_prepare cached_kernel preempt-rt "modules_prepare " \
	"$TOP/tests/vm/preempt-rt.config" scripts/mod/modpost ARCH=x86_64)
grep -qx 'CONFIG_PREEMPT_RT=y' "$kdir/.config" || fail "$kdir is not PREEMPT_RT"
mkdir -p "$TMP/tree"
cp -r Kbuild kmod include "$TMP/tree/"
make -C "$kdir" M="$TMP/tree/kmod" W=1 MPOOL_WERROR=y KBUILD_MODPOST_WARN=1 \
	-j"$(nproc)" modules >"$TMP/log" 2>&1 || { cat "$TMP/log"; fail "build failed"; }
if grep -E '(warning|error):' "$TMP/log" | grep -v 'modpost: .* undefined!'; then
	fail "compiler findings above"
fi
test -f "$TMP/tree/kmod/mpool.ko" || fail "no mpool.ko"
echo "mpool.ko compiled W=1 clean against PREEMPT_RT ($(grep -c '  CC ' "$TMP/log") objects)"
