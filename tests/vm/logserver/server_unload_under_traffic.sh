#!/bin/sh
# Unloading the server while lines arrive from 4 senders is clean (the harness checks
# the console for splats and kmemleak after the tests), and a server loaded again
# right after works.
. /tests/lib.sh
. /tests/logserver-lib.sh
for alloc in mpool kmalloc; do
	server_load allocator=$alloc retention=500 hot_lines=100
	syslog-loadgen --lines 5000 --senders 4 --no-verify >/tmp/bg.out 2>&1 &
	pid=$!
	for i in $(seq 200); do
		[ "$(server_stat lines)" -gt 200 ] && break
		sleep 0.05
	done
	[ "$(server_stat lines)" -gt 200 ] || fail "$alloc: no traffic arrived"
	server_unload
	kill $pid 2>/dev/null
	wait $pid
	echo "$alloc: unloaded during traffic"
done
server_load
out=$(syslog-loadgen --lines 300 --senders 2) || fail "after reload: $out"
server_unload
