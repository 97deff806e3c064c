#!/bin/sh
# Under load, with senders coming and going (each of 4 senders moves to a new socket
# every 100 lines, and idle senders are closed after 200 ms), on mpool and on
# kmalloc: every line is read back exactly as sent, in the server's order, the
# oldest beyond retention are dropped and counted, older lines are read back from the
# archive, and every sender state is closed once idle.
. /tests/lib.sh
. /tests/logserver-lib.sh
for alloc in mpool kmalloc; do
	server_load allocator=$alloc retention=600 hot_lines=150 sender_idle_ms=200
	# syslog-loadgen fails unless every line is as sent or counted as dropped.
	out=$(syslog-loadgen --lines 1000 --senders 4 --churn 100) || fail "$alloc: $out"
	echo "$alloc: $out"
	case $out in *" retention_dropped=400 other_dropped=0 lost=0 bad=0") ;; *) fail "$alloc: want 400 lines dropped by retention, no other" ;; esac
	echo "$out" | grep -q ' archived=[1-9]' || fail "$alloc: nothing read back from the archive"
	opened=$(server_stat senders_opened)
	# 3 sockets per sender; more if one paused past the idle time and came back.
	[ "$opened" -ge 12 ] || fail "$alloc: senders_opened $opened, want at least 12"
	sleep 1
	[ "$(server_stat senders)" = 0 ] || fail "$alloc: $(server_stat senders) senders still open after 1 s idle"
	[ "$(server_stat senders_closed)" = "$opened" ] || fail "$alloc: senders_closed $(server_stat senders_closed) of $opened"
	server_unload
done
