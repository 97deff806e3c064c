#!/bin/sh
# The guest half of `make demo`: what an operator sees after loading mpool. Its output
# is the demo's output (second serial port).
show() {
	echo "\$ $*"
	"$@" 2>&1
	echo
}
echo "# kernel $(uname -r), $(grep -c ^processor /proc/cpuinfo) CPUs, $(ls -d /sys/devices/system/node/node* | wc -l) NUMA nodes"
show insmod /lib/mpool/mpool.ko
show insmod /lib/mpool/mpool_demo.ko churn_ms=100
sleep 2
show mempoolctl version
show mempoolctl -j version
show ls /sys/kernel/debug/mpool
show cat /sys/kernel/debug/mpool/pools
show cat /sys/kernel/debug/mpool/demo_conn/stats
echo '$ dmesg | grep mpool:'
dmesg | grep 'mpool:'
echo
show rmmod mpool_demo
show rmmod mpool
show mempoolctl version
