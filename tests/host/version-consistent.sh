#!/bin/bash
# One version everywhere: kmod/version.h, dkms.conf, the tool, and the built module.
. "$(dirname "$0")/lib.sh"
want=$(sed -n 's/^#define MPOOL_VERSION "\(.*\)"/\1/p' kmod/version.h)
[ -n "$want" ] || fail "no MPOOL_VERSION in kmod/version.h"
expect_eq "dkms.conf PACKAGE_VERSION" "$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' dkms.conf)" "$want"
expect_eq "dkms.conf PACKAGE_NAME" "$(sed -n 's/^PACKAGE_NAME="\(.*\)"/\1/p' dkms.conf)" mpool
make -s -C tool >/dev/null
expect_eq "mempoolctl version" "$(tool/mempoolctl version 2>/dev/null | head -n1)" "mempoolctl $want"
grep -q 'MODULE_VERSION(MPOOL_VERSION)' kmod/main.c || fail "kmod/main.c does not use MPOOL_VERSION"
echo "version $want"
