# Helpers for the guest tests of the log server (tests/vm/logserver/*.sh, busybox sh);
# packed as /tests/logserver-lib.sh, sourced after /tests/lib.sh.
# shellcheck shell=sh

LOGSRV_DIR=/sys/kernel/debug/mpool_logserver

# server_load [PARAM=VALUE...]: load mpool_logserver.ko with small pools (the debug
# kernel warms slowly) unless the test says otherwise. A test that fails with the
# server loaded unloads it on its way out, so that the next test starts clean.
server_load() {
	insmod /lib/mpool/mpool_logserver.ko entries_warm=500 conns_warm=16 "$@" ||
		fail "insmod mpool_logserver $*"
	trap 'rmmod mpool_logserver 2>/dev/null' EXIT
}

# A reader of the server's debugfs files (syslog-loadgen polls stats) holds the module
# for a moment: rmmod then says EAGAIN, as it should. Try again for up to 5 s.
server_unload() {
	for i in $(seq 50); do
		rmmod mpool_logserver 2>/tmp/rmmod.err && break
		grep -q 'temporarily unavailable' /tmp/rmmod.err || break
		sleep 0.1
	done
	[ ! -d /sys/module/mpool_logserver ] || fail "rmmod mpool_logserver: $(cat /tmp/rmmod.err)"
	trap - EXIT
	[ ! -e $LOGSRV_DIR ] || fail "$LOGSRV_DIR still there after unload"
}

# server_stat NAME: one value of the stats file.
server_stat() {
	awk -v k="$1" '$1 == k { print $2 }' $LOGSRV_DIR/stats
}
