# Helpers for the host tests of mempoolctl on the fake kernel (tool/tests/nl_fake.c);
# sourced after lib.sh. Builds the fake-linked tool and the JSON checker, keeps the
# fake's state and request log under $TMP, and sets m (the tool) and jc (the checker).
# shellcheck shell=bash
make -s -C tool PKG_CONFIG=false tests/mempoolctl-fake tests/jsoncheck >/dev/null
export MEMPOOLCTL_FAKE_STATE=$TMP/state MEMPOOLCTL_FAKE_LOG=$TMP/requests TZ=UTC
m=tool/tests/mempoolctl-fake
jc=tool/tests/jsoncheck

# json CMD...: run with -j, check the status, validate (jsoncheck and Python), keep
# the output in $TMP/j
json() {
	"$m" -j "$@" >"$TMP/j" || fail "mempoolctl -j $* failed"
	$jc -l <"$TMP/j" || fail "invalid JSON from mempoolctl -j $*"
	python3 -c 'import json,sys; [json.loads(l) for l in sys.stdin if l.strip()]' <"$TMP/j" ||
		fail "python rejects the JSON of mempoolctl -j $*"
}

# show_values POOL PATH...: values from show -j POOL on one line, e.g. info.min_objects
show_values() {
	local pool=$1
	shift
	"$m" -j show "$pool" >"$TMP/show.json" || fail "mempoolctl -j show $pool failed"
	$jc "$@" <"$TMP/show.json" | tr '\n' ' '
}

# kernel_error STDERR-LINE... -- CMD...: exit 2, exactly these lines on stderr, nothing
# on stdout
kernel_error() {
	local want=()
	while [ "$1" != -- ]; do want+=("$1"); shift; done
	shift
	set +e
	"$m" "$@" >"$TMP/out" 2>"$TMP/err"
	local rc=$?
	set -e
	expect_eq "status of $*" "$rc" 2
	expect_eq "stderr of $*" "$(cat "$TMP/err")" "$(printf '%s\n' "${want[@]}")"
	[ ! -s "$TMP/out" ] || fail "stdout of $*: $(cat "$TMP/out")"
}

# usage_error PATTERN ARGS: 'mempoolctl ARGS' (ARGS shell-quoted, as typed) exits 1 with
# a line matching '^usage: mempoolctlPATTERN' on stderr, prints nothing on stdout and
# sends nothing to the kernel
usage_error() {
	local pattern=$1 args=$2 rc
	: >"$TMP/requests"
	set +e
	eval "\"\$m\" $args" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	set -e
	[ "$rc" = 1 ] || { cat "$TMP/err"; fail "'mempoolctl $args' exited $rc, want 1"; }
	grep -q "^usage: mempoolctl$pattern" "$TMP/err" ||
		fail "'mempoolctl $args': no usage line: $(cat "$TMP/err")"
	[ ! -s "$TMP/out" ] || fail "'mempoolctl $args' printed on stdout"
	[ ! -s "$TMP/requests" ] || fail "'mempoolctl $args' contacted the kernel: $(cat "$TMP/requests")"
}
