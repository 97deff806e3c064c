#!/bin/bash
# Without a build dir for the running kernel, `make` builds against the newest installed
# headers and says which; with none it stops and names `make deps`.
. "$(dirname "$0")/lib.sh"
mkdir -p "$TMP/modules" "$TMP/src"
fake_headers() {
	mkdir -p "$TMP/src/linux-headers-$1"
	: >"$TMP/src/linux-headers-$1/Makefile"
	printf '#\n# Linux/x86 %s Kernel Configuration\n' "$2" >"$TMP/src/linux-headers-$1/.config"
}
export MPOOL_MODULES_ROOT=$TMP/modules MPOOL_HEADERS_ROOT=$TMP/src

# No headers at all: nothing on stdout, a message naming 'make deps', failure.
if scripts/kdir.sh >"$TMP/out" 2>"$TMP/err"; then fail "kdir.sh succeeded without headers"; fi
[ ! -s "$TMP/out" ] || fail "printed a KDIR without headers"
grep -q "make deps" "$TMP/err" || fail "no hint to run make deps: $(cat "$TMP/err")"
set +e
make -s module >"$TMP/make.out" 2>&1
rc=$?
set -e
[ $rc != 0 ] || fail "make module succeeded without headers"
grep -q "make deps" "$TMP/make.out" || fail "make does not name make deps: $(cat "$TMP/make.out")"

# Several: the newest by version (6.12 > 6.9 > 6.1), and it says which.
fake_headers 6.1.0-9-amd64 6.1.150
fake_headers 6.12.5+deb12-amd64 6.12.5
fake_headers 6.9.1-amd64 6.9.1
mkdir -p "$TMP/src/linux-headers-6.99-common"   # no .config: not a build tree
: >"$TMP/src/linux-headers-6.99-common/Makefile"
got=$(scripts/kdir.sh 2>"$TMP/err")
expect_eq "chosen tree" "$got" "$TMP/src/linux-headers-6.12.5+deb12-amd64"
grep -q "building against $got" "$TMP/err" || fail "does not say which headers: $(cat "$TMP/err")"

# The running kernel's build dir wins when present.
mkdir -p "$TMP/modules/$(uname -r)/build"
: >"$TMP/modules/$(uname -r)/build/Makefile"
expect_eq "running kernel" "$(scripts/kdir.sh 2>/dev/null)" "$TMP/modules/$(uname -r)/build"
