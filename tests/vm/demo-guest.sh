#!/bin/sh
# The guest half of `make demo` (its output is the demo's output, second serial port):
# the log server mpool_logserver.ko on mpool and on kmalloc, side by side in this boot.
# Each round loads the server with one allocator, has syslog-loadgen send LINES lines
# from SENDERS senders over loopback (one line per datagram, as RFC 5426 sends syslog,
# or 16) and check every line read back, measures memory, and unloads the server; the
# rounds alternate between the allocators, so that a slow stretch of the host lands
# on both. Then one table of medians, and mempoolctl on a loaded server.
#
# Kernel command line: mpool_vm.demo_rounds=N, mpool_vm.demo_lines=N change the run.
ROUNDS=3
LINES=40000
# Sixteen lines per datagram take a quarter of the time per line: more lines, so that
# a round lasts long enough to be measured.
LINES16=80000
SENDERS=4
# Retention below LINES, so that every round also drops its oldest lines.
SERVER="retention=30000 hot_lines=10000"
for arg in $(cat /proc/cmdline); do
	case $arg in
	mpool_vm.demo_rounds=*) ROUNDS=${arg#*=} ;;
	mpool_vm.demo_lines=*) LINES=${arg#*=} ;;
	esac
done
STATS=/sys/kernel/debug/mpool_logserver/stats
W=/tmp/demo
mkdir -p $W

show() {
	echo "\$ $*"
	"$@" 2>&1
	echo
}

stat() {
	awk -v k="$1" '$1 == k { print $2 }' $STATS
}

# Slab, vmalloc and per-CPU memory of the whole kernel, bytes: what kmalloc (and the
# server's ring, and mpool's own bookkeeping: descriptors, magazines, handle tables,
# per-CPU counters) takes. mpool's pages are added from its counters.
kernel_bytes() {
	awk '/^Slab:/ { s = $2 } /^VmallocUsed:/ { v = $2 } /^Percpu:/ { p = $2 }
	     END { print (s + v + p) * 1024 }' /proc/meminfo
}

# Bytes the server holds: the kernel's growth since BASE, plus the pages of its pools.
held_bytes() {
	echo $(( $(kernel_bytes) - $1 + $(stat pool_bytes) + $(stat archive_bytes) ))
}

# What an idle cache holds goes back: kmalloc's empty slabs, mpool's cached objects.
shrink_caches() {
	for f in /sys/kernel/slab/kmalloc-*/shrink; do
		echo 1 >"$f"
	done
	if [ "$1" = mpool ]; then
		for p in logsrv_entry logsrv_sender logsrv_text; do
			mempoolctl shrink $p >/dev/null
		done
	fi
}

# round ALLOCATOR ROUND PER_DATAGRAM: appends a row to $W/rows.
round() {
	shrink_caches kmalloc
	base=$(kernel_bytes)
	insmod /lib/mpool/mpool_logserver.ko allocator=$1 $SERVER || return 1
	lines=$LINES
	[ $3 = 1 ] || lines=$LINES16
	syslog-loadgen --lines $lines --senders $SENDERS --per-datagram $3 >$W/run 2>$W/err
	rc=$?
	echo "round $2, $1, $3 per datagram: $(cat $W/run)"
	[ $rc = 0 ] || { echo "  syslog-loadgen failed:"; sed 's/^/  /' $W/err; }
	# Memory once the archiver has caught up with the run, and a second later: mpool
	# gives back what the run's peak grew its pools by within half a second (idle
	# depot magazines, then free slabs: trimming). Both allocators get the same wait.
	for i in $(seq 100); do
		[ "$(stat hot)" -le 10000 ] && break
		sleep 0.1
	done
	sleep 1
	held=$(held_bytes $base)
	echo "  memory: live $(stat live_bytes), held $held bytes: pools $(stat pool_bytes)," \
	     "archive $(stat archive_bytes), kernel slab+vmalloc+percpu $((held - $(stat pool_bytes) - $(stat archive_bytes)))"
	shrink_caches $1
	shrunk=$(held_bytes $base)
	# The archive's cold tier (mpool only): compress what the run archived, then read
	# its ratio. Measured after the memory figures, which are the uncompressed ones.
	ratio=0
	compressed=0
	if [ "$1" = mpool ]; then
		mempoolctl compress logsrv_archive >/dev/null
		ratio=$(stat archive_ratio_x100)
		compressed=$(held_bytes $base)
	fi
	echo "$1 $2 $3 $(sed -n 's/.*lines_per_s=\([0-9]*\).*/\1/p' $W/run)" \
	     "$(stat ingest_ns) $(stat lines) $held $shrunk $(stat live_bytes)" \
	     "$(stat entry_hit_ppm) $(sed -n 's/.* net_dropped=\([0-9]*\) .* other_dropped=\([0-9]*\) lost=\([-0-9]*\).*/\1 \2 \3/p' $W/run |
				    awk '{ print $1 + $2, $3 }')" \
	     "$(sed -n 's/.* retention_dropped=\([0-9]*\).*/\1/p' $W/run) $rc $ratio $compressed" >>$W/rows
	rmmod mpool_logserver
}

echo "# kernel $(uname -r), $(grep -c ^processor /proc/cpuinfo) CPUs, $(ls -d /sys/devices/system/node/node* | wc -l) NUMA nodes"
ip link set lo up
# What mpool.ko needs from this kernel first (lz4_compress, a module on Debian's).
for dep in /lib/mpool/deps/*.ko; do
	[ ! -f "$dep" ] || insmod "$dep"
done
insmod /lib/mpool/mpool.ko || exit 1
echo "# mpool_logserver $SERVER; per round: $LINES lines (1 per datagram) or $LINES16 (16 per" \
     "datagram) from $SENDERS senders over loopback; (1): rounds of 1 line per datagram"
: >$W/rows
# Each round opens with the other allocator than the last: a host growing busier or
# quieter during the run does not favour one of them.
first=mpool
second=kmalloc
for r in $(seq $ROUNDS); do
	for k in 1 16; do
		round $first $r $k
		round $second $r $k
	done
	t=$first
	first=$second
	second=$t
done
echo

# Columns of rows: allocator round per_datagram lines/s ingest_ns lines held shrunk
# live hit_ppm dropped (other than by retention, by the network too) lost retention_dropped
# status archive_ratio_x100 held_compressed. Values are medians over the rounds; ratios
# (mpool / kmalloc) are medians of each round's ratio, whose two runs ran next to each
# other.
awk '
function median(list,    n, i, j, t, a) {
	n = split(list, a, " ")
	for (i = 1; i <= n; i++)
		for (j = i + 1; j <= n; j++)
			if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
	return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
# row NAME KEY FORMAT: the medians of value KEY for both, and of their ratios.
function row(name, key, fmt,    r, ratios) {
	for (r = 1; r <= rounds; r++)
		if (v[k, r, key] != 0)
			ratios = ratios " " v[m, r, key] / v[k, r, key]
	printf "%-44s " fmt " " fmt "  %9.2f\n", name, median(all[m, key]), median(all[k, key]),
	       median(ratios)
}
function add(a, r, key, value) {
	v[a, r, key] = value
	all[a, key] = all[a, key] " " value
}
{
	a = $1; r = $2; d = $3
	if ($2 > rounds)
		rounds = $2
	add(a, r, "lps" d, $4)
	add(a, r, "ns" d, $6 ? $5 / $6 : 0)
	if (d == 1) {
		add(a, r, "held", $9 ? $7 / $9 : 0)
		add(a, r, "shrunk", $9 ? $8 / $9 : 0)
		add(a, r, "hit", $10 / 10000)
		add(a, r, "ratio", $15 / 100)
		add(a, r, "compressed", $9 ? $16 / $9 : 0)
	}
	lost[a] += $11 + $12
	ret[a] += $13
	bad[a] += $14 != 0
}
END {
	m = "mpool"; k = "kmalloc"
	printf "%-44s %9s %9s  %9s\n", "mpool_logserver, " rounds " rounds (medians)", m, k, "mpool/kmalloc"
	row("lines/s ingested, 1 line per datagram", "lps1", "%9.0f")
	row("lines/s ingested, 16 lines per datagram", "lps16", "%9.0f")
	row("server ns per line, 1 line per datagram", "ns1", "%9.0f")
	row("server ns per line, 16 lines per datagram", "ns16", "%9.0f")
	row("bytes held per live byte, after the run (1)", "held", "%9.2f")
	row("bytes held per live byte, caches shrunk (1)", "shrunk", "%9.2f")
	printf "%-44s %9.2f %9s\n", "... and the archive compressed (1)", median(all[m, "compressed"]), "n/a"
	printf "%-44s %8.1f%% %9s\n", "entry pool magazine hit rate (1)", median(all[m, "hit"]), "n/a"
	printf "%-44s %8.2fx %9s\n", "archive compression ratio, LZ4 (1)", median(all[m, "ratio"]), "n/a"
	printf "%-44s %9d %9d\n", "lines lost outside retention (all rounds)", lost[m], lost[k]
	printf "%-44s %9d %9d\n", "lines dropped by retention (all rounds)", ret[m], ret[k]
	printf "%-44s %9d %9d\n", "rounds whose check failed", bad[m], bad[k]
}' $W/rows
echo

# What an operator sees of a loaded server.
insmod /lib/mpool/mpool_logserver.ko $SERVER
syslog-loadgen --lines 20000 --senders $SENDERS >/dev/null
show mempoolctl list
show mempoolctl show logsrv_entry
show rmmod mpool_logserver
show rmmod mpool
