#!/bin/sh
# Malformed input (empty datagrams and lines, a 64 KiB datagram, binary bytes, lines
# without framing or with a broken header) is counted, stored where it is a line at
# all, read back escaped and never corrupts the log: syslog-loadgen malformed checks
# each counter and each line read back; a normal run afterwards checks the rest.
. /tests/lib.sh
. /tests/logserver-lib.sh
server_load
syslog-loadgen malformed || fail "malformed input not handled as expected"
syslog-loadgen --lines 2000 --senders 2 || fail "the log after malformed input"
server_unload
