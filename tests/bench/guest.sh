#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The guest half of `make bench`, the same in User-Mode Linux and in QEMU: loads mpool.ko
# and mpool_bench.ko, prints the benchmark's results, then measures the cost of mpool's
# statistics by alternating the mpool.ko built with its counters compiled out
# (nostats/mpool.ko) and the ordinary one on the mpool figures of the hot workloads.
# Everything goes to stdout, which the caller sends to the host; tests/bench/report.py
# reads it. Kernel command line: mpool_bench.X=Y become mpool_bench.ko parameters.
M=/lib/mpool
args=$(tr ' ' '\n' </proc/cmdline | sed -n 's/^mpool_bench\.\([^=]*=.*\)/\1/p' | tr '\n' ' ')
rounds=$(tr ' ' '\n' </proc/cmdline | sed -n 's/^mpool_bench_stats_rounds=//p')

# run LABEL MPOOL_KO [PARAM...]: one load of mpool.ko and mpool_bench.ko.
run() {
	label=$1
	ko=$2
	shift 2
	echo "## run $label"
	start=$(cut -d' ' -f1 /proc/uptime)
	if ! insmod "$ko"; then
		echo "E load $label - insmod $ko failed"
		return
	fi
	# shellcheck disable=SC2086 # $args: one word per parameter
	if insmod $M/mpool_bench.ko $args "$@"; then
		cat /sys/kernel/debug/mpool_bench/results
		rmmod mpool_bench || echo "E unload $label - rmmod mpool_bench failed"
	else
		echo "E load $label - insmod mpool_bench.ko failed"
	fi
	rmmod mpool || echo "E unload $label - rmmod mpool failed"
	echo "I load_seconds $(awk -v s="$start" '{ printf "%.1f", $1 - s }' /proc/uptime)"
}

# What mpool.ko needs from this kernel first (lz4_compress, a module on Debian's).
for dep in $M/deps/*.ko; do
	[ ! -f "$dep" ] || insmod "$dep" || echo "E load deps - insmod $dep failed"
done
echo "I guest_kernel $(uname -r)"
echo "I guest_cpus $(grep -c ^processor /proc/cpuinfo)"
run main $M/mpool.ko tag=stats
# Counters off and on, alternated, each load on the mpool figures of the hot workloads.
i=0
while [ "$i" -lt "${rounds:-2}" ]; do
	i=$((i + 1))
	run "nostats$i" $M/nostats/mpool.ko tag=nostats workloads=hot,burst,bulk peers=mpool
	run "stats$i" $M/mpool.ko tag=stats workloads=hot,burst,bulk peers=mpool
done
# A warning or worse during the runs fails the benchmark.
dmesg | grep -E 'WARNING:|BUG:|Oops|Call Trace|kernel BUG|general protection' |
	sed 's/^/E dmesg - - /'
echo "## done"
