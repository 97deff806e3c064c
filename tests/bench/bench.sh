#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make bench`: mpool against kmem_cache, kmalloc, mempool_t and objpool.
#
#   tests/bench/bench.sh            both platforms
#   tests/bench/bench.sh uml|qemu   one of them
#
# uml:  User-Mode Linux built from Debian's linux-source-6.12 (tests/bench/uml-kernel.sh,
#       cached): kernel code at native speed on one CPU. The nanosecond figures.
# qemu: Debian's stock 6.12 kernel under QEMU TCG, 4 vCPUs in 2 sockets / 2 NUMA nodes:
#       emulated, so only ratios and scaling shapes are reported from it.
#
# Each platform gets mpool.ko, the same built with -DMPOOL_BENCH_NO_STATS (counters
# compiled out, for the statistics overhead) and mpool_bench.ko; the guest runs
# tests/bench/guest.sh. tests/bench/report.py turns the results into tables and JSON:
# build/bench/results.{txt,json,md}. Ends non-zero when a build, a guest or a
# benchmark run fails; a missed speed target is reported, not a failure.
#
# Environment:
#   MPOOL_BENCH_ARGS   extra mpool_bench.ko parameters for both, e.g. "runs=9 run_ms=10"
#   MPOOL_BENCH_STATS_ROUNDS  alternations of the statistics comparison (default 5)
#   MPOOL_VM_TIMEOUT, MPOOL_VM_ACCEL   see tests/vm/vm.sh
set -euo pipefail
. "$(dirname "$0")/../vm/vm.sh"

out=$MPOOL_BUILD/bench
platforms=("$@")
[ ${#platforms[@]} -gt 0 ] || platforms=(uml qemu)
rounds=${MPOOL_BENCH_STATS_ROUNDS:-5}
# Runs of 10 ms natively; under TCG a host time slice is a large part of 10 ms, so
# longer runs there.
uml_args="run_ms=10"
qemu_args="run_ms=20"
mkdir -p "$out"

stamp() {
	date +%s
}

# build_modules KDIR DIR [MAKE ARGS...]: DIR/stats/{kmod/mpool.ko,tests/bench/mpool_bench.ko}
# and DIR/nostats/kmod/mpool.ko, rebuilt only when a source or the kernel changed.
build_modules() {
	local kdir=$1 dir=$2 key flavour
	shift 2
	key=$( { echo "$kdir $*"; cat "$kdir/Module.symvers" 2>/dev/null | md5sum;
		 cd "$MPOOL_TOP" && find kmod include tests/bench -type f \
			\( -name '*.[ch]' -o -name Kbuild -o -name '*.yaml' -o -name '*.log' \) -print0 |
			sort -z | xargs -0 sha256sum; } | sha256sum | cut -c1-16)
	if [ -f "$dir/.key" ] && [ "$(cat "$dir/.key")" = "$key" ]; then
		echo "bench: modules for $(basename "$dir") up to date" >&2
		return 0
	fi
	rm -rf "$dir"
	for flavour in stats nostats; do
		mkdir -p "$dir/$flavour/tests"
		(cd "$MPOOL_TOP" && cp -r kmod include "$dir/$flavour/" &&
			cp -r tests/bench "$dir/$flavour/tests/")
		find "$dir/$flavour" -name '*.o' -o -name '*.ko' -o -name '*.cmd' | xargs rm -f
	done
	local kmake=(make -C "$kdir" W=1 MPOOL_WERROR=y -j"$(nproc)" "$@")
	"${kmake[@]}" M="$dir/stats/kmod" modules >"$dir/build.log" 2>&1 &&
	"${kmake[@]}" M="$dir/nostats/kmod" KCFLAGS=-DMPOOL_BENCH_NO_STATS modules \
		>>"$dir/build.log" 2>&1 &&
	"${kmake[@]}" M="$dir/stats/tests/bench" \
		KBUILD_EXTRA_SYMBOLS="$dir/stats/kmod/Module.symvers" modules \
		>>"$dir/build.log" 2>&1 || {
		tail -n 30 "$dir/build.log" >&2
		echo "bench: module build against $kdir failed, log: $dir/build.log" >&2
		return 1
	}
	echo "$key" >"$dir/.key"
}

# Kernel command line parameters for the guest script: PLATFORM_ARGS, then
# MPOOL_BENCH_ARGS (a parameter given twice: the last one counts).
guest_args() {
	local a
	echo "mpool_bench_stats_rounds=$rounds"
	for a in $1 ${MPOOL_BENCH_ARGS:-}; do
		echo "mpool_bench.$a"
	done
}

run_uml() {
	local dir=$out/uml kdir root t0 rc
	t0=$(stamp)
	kdir=$("$MPOOL_TOP/tests/bench/uml-kernel.sh") || return 1
	echo "bench: UML kernel ready ($(( $(stamp) - t0 )) s): $kdir"
	t0=$(stamp)
	build_modules "$kdir" "$dir/modules" ARCH=um SUBARCH=x86_64 || return 1
	echo "bench: UML modules ready ($(( $(stamp) - t0 )) s)"

	# The guest's root: a host directory (hostfs); /init writes /results.txt there.
	root=$dir/root
	rm -rf "$root"
	mkdir -p "$root"/{bin,dev,proc,sys,tmp,lib/mpool/nostats}
	cp /bin/busybox "$root/bin/busybox"
	cp "$MPOOL_TOP/tests/bench/uml-init.sh" "$root/init"
	cp "$MPOOL_TOP/tests/bench/guest.sh" "$root/bench"
	cp "$dir/modules/stats/kmod/mpool.ko" "$dir/modules/stats/tests/bench/mpool_bench.ko" \
		"$root/lib/mpool/"
	cp "$dir/modules/nostats/kmod/mpool.ko" "$root/lib/mpool/nostats/"

	t0=$(stamp)
	echo "bench: booting UML (1 CPU)"
	set +e
	# The UML kernel's memory is a file in TMPDIR; the console is our stdout.
	TMPDIR=$dir timeout --foreground "${MPOOL_VM_TIMEOUT:-900}" "$kdir/linux" \
		mem=768M hostfs="$root" rootfstype=hostfs root=/dev/root rw init=/init \
		con0=null,fd:1 con=null $(guest_args "$uml_args") </dev/null >"$dir/console.txt" 2>&1
	rc=$?
	set -e
	echo "bench: UML ran $(( $(stamp) - t0 )) s"
	if [ ! -f "$root/results.txt" ]; then
		tail -n 30 "$dir/console.txt" >&2
		echo "bench: UML wrote no results (status $rc), console: $dir/console.txt" >&2
		return 1
	fi
	cp "$root/results.txt" "$dir/results.txt"
}

bench_initramfs_list() {
	local o=$1 d
	for d in /dev /proc /sys /tmp; do
		echo "dir $d 0755 0 0"
	done
	echo "nod /dev/console 0600 0 0 c 5 1"
	cpio_file /init "$MPOOL_TOP/tests/vm/init.sh" 0755
	cpio_file /bench "$MPOOL_TOP/tests/bench/guest.sh" 0755
	cpio_file /bin/busybox /bin/busybox 0755
	cpio_file /lib/mpool/mpool.ko "$o/modules/stats/kmod/mpool.ko" 0644
	cpio_file /lib/mpool/mpool_bench.ko "$o/modules/stats/tests/bench/mpool_bench.ko" 0644
	cpio_file /lib/mpool/nostats/mpool.ko "$o/modules/nostats/kmod/mpool.ko" 0644
	deps_entries "$o"
}

run_qemu() {
	local dir=$out/qemu rel t0 rc
	rel=$(stock_kernel_release 6.12) || return 1
	VM_KDIR=/usr/src/linux-headers-$rel
	VM_IMAGE=/boot/vmlinuz-$rel
	t0=$(stamp)
	build_modules "$VM_KDIR" "$dir/modules" || return 1
	echo "bench: QEMU modules for $rel ready ($(( $(stamp) - t0 )) s)"
	vm_module_deps "$dir/modules/stats/kmod/mpool.ko" "/lib/modules/$rel" "$dir" || return 1
	vm_initramfs "$dir" bench_initramfs_list || return 1
	set +e
	vm_boot "$dir" mpool_vm.mode=bench $(guest_args "$qemu_args")
	rc=$?
	set -e
	if [ $rc != 0 ] || ! grep -qx 'MPOOL-VM: bench done' "$dir/results.txt"; then
		tail -n 30 "$dir/console.txt" >&2
		echo "bench: the QEMU guest did not finish (status $rc), console: $dir/console.txt" >&2
		return 1
	fi
}

failed=0
results=()
for p in "${platforms[@]}"; do
	case $p in
	uml | qemu) ;;
	*) die "unknown platform '$p' (uml, qemu)" ;;
	esac
	rm -f "$out/$p/results.txt"
	mkdir -p "$out/$p"
	# Other work on the host shows in every figure: the report prints the load.
	echo "$(cut -d' ' -f1 /proc/loadavg)" >"$out/$p/host-load"
	t0=$(stamp)
	if "run_$p"; then
		echo "$(cut -d' ' -f1 /proc/loadavg)" >>"$out/$p/host-load"
		echo "bench: $p done in $(( $(stamp) - t0 )) s"
		results+=("$p=$out/$p/results.txt")
	else
		echo "bench: $p FAILED after $(( $(stamp) - t0 )) s" >&2
		failed=1
	fi
done
[ ${#results[@]} = 0 ] || python3 "$MPOOL_TOP/tests/bench/report.py" --out "$out" \
	"${results[@]}" || failed=1
exit $failed
