#!/bin/sh
# Malformed numbers and arguments (-1, 1e99, 12QB, empty, past 32 bits, a bad pool
# name, an unknown key) exit 1 with a usage line before anything reaches the kernel:
# a monitor sees no notification for them, and does see the one valid command after.
# (tests/host/tool-fake-errors.sh covers many more on the host.)
fail() { echo "FAIL: $*"; exit 1; }
mempoolctl monitor demo_frame --count 1 --timeout 110 >/tmp/mon 2>&1 &
mon=$!
sleep 2
for args in "warm demo_frame -1" "warm demo_frame 1e99" "warm demo_frame 12QB" "warm demo_frame ''" \
	"warm demo_frame 4294967296" "warm demo_frame 5 --node -1" "set demo_frame min-objects=1e99" \
	"set demo_frame max-objects=12QB" "set demo_frame min-objects=" "set demo_frame magazine-size=0" \
	"set demo_frame frobs=1" "reset 'demo frame'"; do
	eval "mempoolctl $args" >/tmp/out 2>/tmp/err
	rc=$?
	last=
	while IFS= read -r l; do last=$l; done </tmp/err
	[ "$rc" = 1 ] || fail "'mempoolctl $args' exited $rc, want 1"
	case $last in "usage: mempoolctl "*) ;; *) fail "'mempoolctl $args': no usage line" ;; esac
	[ ! -s /tmp/out ] || fail "'mempoolctl $args' printed on stdout"
done
# Nothing reached the kernel: the monitor is still waiting.
kill -0 $mon 2>/dev/null || { cat /tmp/mon; fail "a malformed command changed a pool (or the monitor died)"; }
# The control: a valid command is seen.
mempoolctl reset demo_frame >/dev/null || fail "reset"
wait $mon || fail "monitor exited $?"
n=0
while IFS= read -r l; do
	echo "$l"
	n=$((n + 1))
	case $l in *" change demo_frame (id "*) ;; *) fail "unexpected notification" ;; esac
done </tmp/mon
[ $n = 1 ] || fail "want 1 notification, got $n"
