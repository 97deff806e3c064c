#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0
#
# PID 1 of the mpool test VM. Loads the modules, runs the KUnit suites (when the kernel
# has KUnit) and the CLI tests, unloads everything, then checks kmemleak, lockdep and
# the taint flags. The results go to the second serial port (/dev/ttyS1), which nothing
# else writes, as one KTAP document followed by a trailer and a final marker line; the
# host decides from that, so kernel noise on the console cannot fake a pass.
#
# Kernel command line: mpool.X=Y and mpool_kunit.X=Y become module parameters, as
# modprobe would pass them.

/bin/busybox --install -s /bin
export PATH=/bin:/usr/sbin:/usr/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t debugfs debugfs /sys/kernel/debug
mount -t tmpfs tmpfs /tmp

W=/tmp/results
mkdir -p $W
suites=0
: >$W/body

log() {
	echo "[$(cut -d" " -f1 /proc/uptime)] mpool-vm: $*" >/dev/console
}

# ---- KTAP assembly ----------------------------------------------------------------
# Cases of a suite accumulate in $W/suite.NAME; suite_end NAME appends the finished
# subtest to the body. Suites are numbered in the order they end.

# record SUITE STATUS CASE [DIAG_FILE]: STATUS 0 = ok, 77 = skip, other = not ok.
record() {
	eval "n=\$((\${cases_$1:-0} + 1)); cases_$1=\$n"
	if [ -n "$4" ] && [ -s "$4" ]; then
		sed 's/^/    # /' "$4" >>"$W/suite.$1"
	fi
	case $2 in
	0) echo "    ok $n $3" >>"$W/suite.$1"; log "$3: ok" ;;
	77) echo "    ok $n $3 # SKIP $(tail -n 1 "$4")" >>"$W/suite.$1"; log "$3: skipped" ;;
	*) echo "    not ok $n $3" >>"$W/suite.$1"; eval "failed_$1=1"; log "$3: FAILED" ;;
	esac
}

suite_end() {
	suites=$((suites + 1))
	eval "n=\${cases_$1:-0}; failed=\${failed_$1:-0}"
	{
		echo "    KTAP version 1"
		echo "    # Subtest: $1"
		echo "    1..$n"
		cat "$W/suite.$1"
		if [ "$failed" = 0 ]; then echo "ok $suites $1"; else echo "not ok $suites $1"; fi
	} >>$W/body
}

# check SUITE CASE COMMAND...: run a command as one test case.
check() {
	suite=$1
	name=$2
	shift 2
	"$@" >$W/case.log 2>&1
	record "$suite" $? "$name" $W/case.log
}

# ---- steps ------------------------------------------------------------------------
module_args() {
	tr ' ' '\n' </proc/cmdline | sed -n "s/^$1\.\([^=]*=.*\)/\1/p" | tr '\n' ' '
}

load() {
	# What mpool.ko needs from this kernel first (lz4_compress on Debian's kernels).
	if [ "$1" = mpool ]; then
		for dep in /lib/mpool/deps/*.ko; do
			[ ! -f "$dep" ] || insmod "$dep" || return 1
		done
	fi
	insmod "/lib/mpool/$1.ko" $(module_args "$1")
}

unload() {
	rmmod "$1"
}

# KUnit results of every suite that ran, renumbered into our top-level plan.
collect_kunit() {
	for results in /sys/kernel/debug/kunit/*/results; do
		[ -f "$results" ] || continue
		suites=$((suites + 1))
		awk -v n=$suites 'NR > 2 {
			if ($0 ~ /^(ok|not ok) 1 /) sub(/ 1 /, " " n " ")
			print
		}' "$results" >>$W/body
	done
}

# run_guest_tests SUITE DIR: each DIR/*.sh as a case of SUITE.
run_guest_tests() {
	# tests/vm/run.sh with MPOOL_VM_ONLY_KUNIT: KUnit suites only.
	grep -q 'mpool_vm.cli=0' /proc/cmdline && return 0
	only=$(tr ' ' '\n' </proc/cmdline | sed -n 's/^mpool_vm\.only=//p')
	ran=0
	for t in "$2"/*.sh; do
		name=$(basename "$t" .sh)
		# shellcheck disable=SC2254 # a glob from tests/vm/run.sh MPOOL_VM_ONLY_GUEST
		case $name in ${only:-*}) ;; *) continue ;; esac
		# The slowest took 60 s in the debug guest beside the rest of make check.
		timeout 300 sh "$t" >$W/case.log 2>&1
		record "$1" $? "$name" $W/case.log
		ran=1
	done
	[ $ran = 0 ] || suite_end "$1"
}

kmemleak_clean() {
	[ -f /sys/kernel/debug/kmemleak ] || { echo "kernel without kmemleak"; return 77; }
	# tests/vm/run.sh with MPOOL_VM_ONLY_KUNIT: the scan is the full run's business.
	grep -q 'mpool_vm.kmemleak=0' /proc/cmdline && { echo "scan left to the full run"; return 77; }
	# kmemleak ignores objects younger than 5 s. One scan is enough to find every
	# unreferenced object; a second would only cost half a minute under TCG.
	sleep 6
	echo scan >/sys/kernel/debug/kmemleak
	cat /sys/kernel/debug/kmemleak >$W/kmemleak
	cat $W/kmemleak
	[ ! -s $W/kmemleak ]
}

lockdep_clean() {
	[ -f /proc/lockdep_stats ] || { echo "kernel without lockdep"; return 77; }
	# lockdep turns itself off (debug_locks: 0) after its first report.
	grep -q 'debug_locks: *1$' /proc/lockdep_stats || {
		grep debug_locks /proc/lockdep_stats
		return 1
	}
}

# After unload the tool must say plainly that the module is gone, and fail.
tool_reports_unloaded() {
	out=$(mempoolctl version 2>&1)
	rc=$?
	echo "$out"
	[ $rc = 2 ] && echo "$out" | grep -q "module is not loaded"
}

# The debug kernel must really carry the checkers the tests rely on.
debug_features_active() {
	[ -f /proc/config.gz ] || { echo "stock kernel: no /proc/config.gz"; return 77; }
	zcat /proc/config.gz >$W/config
	for opt in KASAN PROVE_LOCKING DEBUG_ATOMIC_SLEEP DEBUG_KMEMLEAK DEBUG_LIST KUNIT; do
		grep -qx "CONFIG_$opt=y" $W/config || { echo "CONFIG_$opt missing"; return 1; }
	done
	dmesg | grep -q 'KernelAddressSanitizer initialized' || { echo "KASAN not initialised"; return 1; }
	[ -f /sys/kernel/debug/kmemleak ] || { echo "kmemleak not running"; return 1; }
	grep -q 'debug_locks: *1$' /proc/lockdep_stats || { echo "lockdep not running"; return 1; }
	echo "KASAN, lockdep, kmemleak active"
}

# Only O (out-of-tree), E (unsigned) and N (test module) may be set.
taint_allowed() {
	t=$(cat /proc/sys/kernel/tainted)
	echo "tainted=$t"
	[ $((t & ~(4096 | 8192 | 262144))) = 0 ]
}

# ---- main -------------------------------------------------------------------------
if grep -q 'mpool_vm.mode=demo' /proc/cmdline; then
	sh /demo >/dev/ttyS1 2>&1
	echo "MPOOL-VM: demo done" >/dev/ttyS1
	reboot -f
fi
# `make bench` (tests/bench/bench.sh): the benchmark instead of the tests.
if grep -q 'mpool_vm.mode=bench' /proc/cmdline; then
	sh /bench >/dev/ttyS1 2>&1
	echo "MPOOL-VM: bench done" >/dev/ttyS1
	reboot -f
fi

log "starting on $(uname -r), $(grep -c ^processor /proc/cpuinfo) CPUs, nodes: $(ls -d /sys/devices/system/node/node* | tr '\n' ' ')"
# Start leak accounting from here: boot-time objects are not ours to judge.
[ -f /sys/kernel/debug/kmemleak ] && echo clear >/sys/kernel/debug/kmemleak

L=mpool_lifecycle
check $L debug_features_active debug_features_active
check $L load_mpool load mpool
have_kunit=0
if [ -f /lib/mpool/mpool_kunit.ko ]; then
	have_kunit=1
	check $L load_mpool_kunit load mpool_kunit
	collect_kunit
fi
# The CLI tests work on the pools of the demo consumer.
check $L load_mpool_demo load mpool_demo
run_guest_tests mpool_cli /tests/cli
check $L unload_mpool_demo unload mpool_demo
# The log server's tests load and unload it themselves; it receives over loopback.
check $L loopback_up ip link set lo up
run_guest_tests mpool_logserver /tests/logserver
[ $have_kunit = 1 ] && check $L unload_mpool_kunit unload mpool_kunit
# A consumer unloaded without destroying its managed pool (with a cold tier, whose
# blocks live in the shared mpool_cold pool): mpool's exit frees it, names it, and
# kmemleak below finds nothing.
check $L forget_managed_pool sh -c 'insmod /lib/mpool/mpool_demo.ko forget_archive=1 &&
	rmmod mpool_demo'
check $L unload_mpool unload mpool
check $L forgotten_pool_named sh -c 'dmesg | grep -q "pool demo_archive was never destroyed"'
check $L debugfs_gone_after_unload sh -c '! test -e /sys/kernel/debug/mpool'
check $L tool_reports_unloaded tool_reports_unloaded
check $L kmemleak_clean kmemleak_clean
check $L lockdep_clean lockdep_clean
check $L taint_allowed taint_allowed
suite_end $L

{
	echo "KTAP version 1"
	echo "1..$suites"
	cat $W/body
} >$W/ktap

verdict=success
grep -q '^not ok' $W/ktap && verdict=failure
{
	cat $W/ktap
	echo "# mpool-vm-trailer"
	echo "# taint: $(cat /proc/sys/kernel/tainted)"
	echo "# kmemleak-begin"
	[ -f $W/kmemleak ] && sed 's/^/# /' $W/kmemleak
	echo "# kmemleak-end"
	echo "MPOOL-VM: $verdict"
} >/dev/ttyS1

log "done: $verdict"
reboot -f
