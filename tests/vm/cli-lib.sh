# Helpers for the guest CLI tests (tests/vm/cli/*.sh, busybox sh); the harness packs
# this file as /tests/lib.sh and every test sources it.
# shellcheck shell=sh

fail() {
	echo "FAIL: $*"
	exit 1
}

# refused GLOB CMD...: mempoolctl CMD exits 2 with a line "mempoolctl: kernel: GLOB" on
# stderr and nothing on stdout (the kernel refused it, with its extack message).
refused() {
	pat=$1
	shift
	mempoolctl "$@" >/tmp/out 2>/tmp/err
	rc=$?
	[ "$rc" = 2 ] || { cat /tmp/err; fail "'mempoolctl $*' exited $rc, want 2"; }
	[ ! -s /tmp/out ] || fail "'mempoolctl $*' printed on stdout"
	while IFS= read -r l; do
		# shellcheck disable=SC2254 # $pat is a glob
		case $l in "mempoolctl: kernel: "$pat) echo "$*: $l"; return ;; esac
	done </tmp/err
	cat /tmp/err
	fail "'mempoolctl $*': no 'mempoolctl: kernel: $pat'"
}
