#!/bin/sh
# Unloading the server while lines arrive from 2 senders is clean (the harness checks
# the console for splats and kmemleak after the tests), and a server loaded again
# right after works.
. /tests/lib.sh
. /tests/logserver-lib.sh
up() { cut -d' ' -f1 /proc/uptime; }
for alloc in mpool kmalloc; do
	server_load allocator=$alloc retention=500 hot_lines=100
	echo "$alloc: loaded at $(up) s"
	syslog-loadgen --lines 4000 --senders 2 --no-verify >/tmp/bg.out 2>&1 &
	pid=$!
	for i in $(seq 200); do
		[ "$(server_stat lines)" -gt 100 ] && break
		sleep 0.05
	done
	[ "$(server_stat lines)" -gt 100 ] || fail "$alloc: no traffic arrived"
	echo "$alloc: $(server_stat lines) lines in at $(up) s, unloading"
	server_unload
	echo "$alloc: unloaded at $(up) s"
	kill $pid 2>/dev/null
	wait $pid
done
server_load
out=$(syslog-loadgen --lines 300 --senders 2) || fail "after reload: $out"
echo "after reload: $out"
server_unload
