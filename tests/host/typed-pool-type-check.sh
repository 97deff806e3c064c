#!/bin/bash
# DEFINE_MPOOL_TYPE() pools are type-checked: the right type compiles, a wrong object
# type or another typed pool does not (built against Debian's stock 6.12 headers).
. "$(dirname "$0")/lib.sh"
. tests/vm/lib.sh
kdir=/usr/src/linux-headers-$(stock_kernel_release 6.12)

# build NAME BODY: compile a one-function module using the typed pool API.
build() {
	local dir=$TMP/$1
	mkdir -p "$dir"
	cat >"$dir/typed.c" <<C
// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>
#include <mpool.h>
struct frame { int seq; };
struct header { long len; };
DEFINE_MPOOL_TYPE(struct frame, frame);
DEFINE_MPOOL_TYPE(struct header, header);
void typed_use(struct frame_pool *fp, struct header_pool *hp);
void typed_use(struct frame_pool *fp, struct header_pool *hp)
{
	$2
}
MODULE_LICENSE("GPL");
C
	echo "obj-m := typed.o" >"$dir/Kbuild"
	# Only compilation is under test: the mpool symbols need not resolve here.
	make -C "$kdir" M="$dir" ccflags-y="-I$TOP/include" KBUILD_MODPOST_WARN=1 modules \
		>"$dir/log" 2>&1
}

build good 'struct frame *f = frame_pool_get(fp, GFP_KERNEL); frame_pool_put(fp, f);' ||
	{ cat "$TMP/good/log"; fail "correct use of a typed pool does not compile"; }

expect_type_error() {
	if build "$1" "$2"; then
		fail "$1 compiled: $2"
	fi
	grep -q 'incompatible pointer type' "$TMP/$1/log" ||
		{ cat "$TMP/$1/log"; fail "$1 failed for another reason than the type"; }
	echo "$1: rejected"
}
expect_type_error wrong_object 'struct header *h = frame_pool_get(fp, GFP_KERNEL); (void)h;'
expect_type_error wrong_put 'struct header h; frame_pool_put(fp, &h);'
expect_type_error wrong_pool 'struct frame *f = frame_pool_get(hp, GFP_KERNEL); (void)f;'
