#!/bin/sh
# A flood from one sender: every line stored and counted for that sender, its RFC 5424
# sequence complete (a line the network reordered counts as a gap and a reorder, so
# the two match); a bad parameter is refused with a message.
. /tests/lib.sh
. /tests/logserver-lib.sh
server_load
out=$(syslog-loadgen --lines 2000 --senders 1 --per-datagram 4) || fail "$out"
echo "$out"
[ "$(wc -l <$LOGSRV_DIR/senders)" = 1 ] || fail "want one sender: $(cat $LOGSRV_DIR/senders)"
read -r addr lines bytes malformed last gaps reorders idle <$LOGSRV_DIR/senders
echo "sender $addr: $lines lines, $bytes bytes, last sequence $last, gaps $gaps, reorders $reorders, idle $idle ms"
[ "$lines" = 2000 ] && [ "$malformed" = 0 ] && [ "$gaps" = "$reorders" ] ||
	fail "sender state: $(cat $LOGSRV_DIR/senders)"
# 7 in 8 lines carry an RFC 5424 sequenceId: the highest is 2000 - 2000 / 8.
[ "$last" = 1750 ] || fail "last sequence $last, want 1750"
server_unload
! insmod /lib/mpool/mpool_logserver.ko allocator=slab 2>/dev/null || fail "allocator=slab accepted"
dmesg | tail -n 5 | grep -q 'allocator=slab: want mpool or kmalloc' || fail "no message for allocator=slab"
