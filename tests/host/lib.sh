# Helpers for host tests; sourced. A host test is an executable that exits 0 on pass.
# shellcheck shell=bash
set -euo pipefail
TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$TOP"

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# expect_eq WHAT GOT WANT
expect_eq() {
	[ "$2" = "$3" ] || fail "$1: got '$2', want '$3'"
}

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# Kernel-side C sources of the project (generated *.mod.c excluded; the log server's
# load generator is userspace).
kernel_sources() {
	find kmod include tests/kunit tests/logserver -path tests/logserver/loadgen -prune -o \
		-name '*.[ch]' ! -name '*.mod.c' -print | sort
}
