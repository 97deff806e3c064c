#!/bin/sh
# Malformed numbers and arguments (-1, 1e99, 12QB, empty, past 32 bits, a bad pool
# name, an unknown key) exit 1 with a usage line before anything reaches the kernel:
# a monitor sees no notification for them, and does see the one valid command after.
# (tests/host/tool-fake-errors.sh covers many more on the host.)
. /tests/lib.sh
lines() { n=0; while IFS= read -r l; do n=$((n + 1)); done </tmp/mon; echo $n; }
mempoolctl monitor demo_frame --count 100 --timeout 110 >/tmp/mon 2>&1 &
mon=$!
# Subscribed for sure once it reports a first valid command (retried until then).
i=0
while [ "$(lines)" = 0 ]; do
	i=$((i + 1))
	[ $i -le 60 ] || { cat /tmp/mon; fail "the monitor never saw a valid reset"; }
	mempoolctl reset demo_frame >/dev/null || fail "reset"
	sleep 1
done
sleep 1
seen=$(lines)
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
# Nothing reached the kernel: no notification came for them.
sleep 1
[ "$(lines)" = "$seen" ] || { cat /tmp/mon; fail "a malformed command changed a pool"; }
kill -0 $mon 2>/dev/null || { cat /tmp/mon; fail "the monitor died"; }
# The control: a valid command is seen.
mempoolctl reset demo_frame >/dev/null || fail "reset"
i=0
while [ "$(lines)" = "$seen" ] && [ $i -lt 30 ]; do
	i=$((i + 1))
	sleep 1
done
kill $mon 2>/dev/null
wait $mon
n=0
while IFS= read -r l; do
	echo "$l"
	n=$((n + 1))
	case $l in *" change demo_frame (id "*) ;; *) fail "unexpected notification" ;; esac
done </tmp/mon
[ $n = $((seen + 1)) ] || fail "want $((seen + 1)) notifications ($seen before, 1 after), got $n"
