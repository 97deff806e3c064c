#!/bin/bash
# Debian's dkms adds, builds and removes mpool against the stock 6.12 and 6.1 headers,
# in private trees: nothing under /var/lib/dkms or /lib/modules is touched.
. "$(dirname "$0")/lib.sh"
. tests/vm/lib.sh
ver=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' dkms.conf)
make -s dkms-source DKMS_SOURCE_TREE="$TMP/src" >/dev/null
dkms_() {
	dkms --dkmstree "$TMP/dkms" --sourcetree "$TMP/src" --installtree "$TMP/install" "$@"
}
mkdir -p "$TMP/dkms" "$TMP/install"
dkms_ add -m mpool -v "$ver" >"$TMP/log" 2>&1 || { cat "$TMP/log"; fail "dkms add"; }
for series in 6.12 6.1; do
	rel=$(stock_kernel_release "$series")
	if ! dkms_ build -m mpool -v "$ver" -k "$rel" >"$TMP/log" 2>&1; then
		cat "$TMP/log" "$TMP/dkms/mpool/$ver/build/make.log" 2>/dev/null
		fail "dkms build for $rel"
	fi
	ko=$(find "$TMP/dkms/mpool/$ver/$rel" -name 'mpool.ko*' | head -n1)
	[ -n "$ko" ] || fail "dkms build for $rel produced no mpool.ko"
	expect_eq "vermagic of $(basename "$ko") for $rel" \
		"$(modinfo -F vermagic "$ko" | cut -d' ' -f1)" "$rel"
	echo "built $ko"
done
dkms_ status -m mpool
dkms_ remove -m mpool -v "$ver" --all >"$TMP/log" 2>&1 || { cat "$TMP/log"; fail "dkms remove"; }
[ ! -e "$TMP/dkms/mpool/$ver" ] || fail "dkms remove left $TMP/dkms/mpool/$ver"
