#!/bin/sh
# The guest half of `make demo`: what an operator sees with mpool loaded and a consumer
# (mpool_demo, a log server's allocation pattern) running. Its output is the demo's
# output (second serial port).
show() {
	echo "\$ $*"
	"$@" 2>&1
	echo
}
echo "# kernel $(uname -r), $(grep -c ^processor /proc/cpuinfo) CPUs, $(ls -d /sys/devices/system/node/node* | wc -l) NUMA nodes"
# What mpool.ko needs from this kernel first (lz4_compress, a module on Debian's).
for dep in /lib/mpool/deps/*.ko; do
	[ ! -f "$dep" ] || show insmod "$dep"
done
show insmod /lib/mpool/mpool.ko
show insmod /lib/mpool/mpool_demo.ko churn_ms=50
sleep 3
show mempoolctl version
show mempoolctl list
show mempoolctl show demo_conn
show mempoolctl show kbuf
show mempoolctl stats demo_frame --watch 1 --count 2
show mempoolctl warm demo_conn 512 --node 1
show mempoolctl -j show demo_frame
show cat /sys/kernel/debug/mpool/pools
echo '$ dmesg | grep mpool'
dmesg | grep -E 'mpool(_demo)?:'
echo
show rmmod mpool_demo
show rmmod mpool
show mempoolctl version
