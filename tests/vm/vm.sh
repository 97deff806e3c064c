# SPDX-License-Identifier: GPL-2.0
# Build a guest for one kernel tier and boot it; sourced by run.sh (tests) and demo.sh.
# shellcheck shell=bash
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# vm_prepare TIER OUT: build mpool (and its KUnit module where the kernel has KUnit)
# against TIER's kernel, the tool, and OUT/initramfs.cpio. Sets VM_IMAGE and VM_KDIR.
# Returns non-zero with a message on stderr.
vm_prepare() {
	local tier=$1 out=$2 rel moddir=
	case "$tier" in
	debug)
		VM_KDIR=$("$MPOOL_TOP/tests/vm/kernel.sh") || { echo "test kernel build failed" >&2; return 1; }
		VM_IMAGE=$VM_KDIR/arch/x86/boot/bzImage
		;;
	stock-6.12 | stock-6.1)
		rel=$(stock_kernel_release "${tier#stock-}") || return 1
		VM_KDIR=/usr/src/linux-headers-$rel
		VM_IMAGE=/boot/vmlinuz-$rel
		moddir=/lib/modules/$rel
		;;
	*)
		echo "unknown tier '$tier' (debug, stock-6.12, stock-6.1)" >&2
		return 1
		;;
	esac

	rm -rf "$out"
	mkdir -p "$out/src"
	# A copy per kernel, so several kernels can be built side by side; without the
	# outputs of builds in the tree (a debug-kernel mpool_kunit.ko left there would be
	# packed into a stock kernel's guest, where nothing rebuilds it).
	(cd "$MPOOL_TOP" && tar -c --exclude='*.o' --exclude='*.ko' --exclude='*.cmd' \
		--exclude='*.mod*' --exclude='*.a' --exclude=modules.order \
		--exclude=Module.symvers Kbuild kmod include tests) | tar -x -C "$out/src"
	if ! make -C "$VM_KDIR" M="$out/src" W=1 MPOOL_WERROR=y -j"$(nproc)" modules \
		>"$out/module-build.log" 2>&1; then
		tail -n 30 "$out/module-build.log" >&2
		echo "module build against $VM_KDIR failed" >&2
		return 1
	fi
	vm_module_deps "$out/src/kmod/mpool.ko" "$moddir" "$out" || return 1
	make -s -C "$MPOOL_TOP/tool" guest >"$out/tool-build.log" 2>&1 ||
		{ cat "$out/tool-build.log" >&2; echo "mempoolctl build failed" >&2; return 1; }
	make -s -C "$MPOOL_TOP/tests/logserver/loadgen" guest >"$out/loadgen-build.log" 2>&1 ||
		{ cat "$out/loadgen-build.log" >&2; echo "syslog-loadgen build failed" >&2; return 1; }
	vm_initramfs "$out"
}

# vm_module_deps KO MODDIR OUT: the modules KO depends on (modinfo) in the guest
# kernel's module tree MODDIR, as OUT/deps/N-NAME.ko in load order, decompressed (busybox
# insmod reads plain ELF). mpool.ko needs lz4_compress where LZ4 is a module (Debian's
# kernels); ours have it built in. A dependency that has dependencies of its own is
# refused rather than loaded half.
vm_module_deps() {
	local ko=$1 moddir=$2 out=$3 dep f n=0
	rm -rf "$out/deps"
	mkdir -p "$out/deps"
	for dep in $(modinfo -F depends "$ko" | tr ',' ' '); do
		[ -n "$moddir" ] || { echo "$ko needs $dep, and this kernel has no module tree" >&2; return 1; }
		f=$(find "$moddir/kernel" \( -name "$dep.ko" -o -name "$dep.ko.xz" \) | head -n 1)
		[ -n "$f" ] || { echo "$ko needs $dep: not found under $moddir" >&2; return 1; }
		if grep -q "^${f#"$moddir/"}: ." "$moddir/modules.dep"; then
			echo "$dep has dependencies of its own: not supported" >&2
			return 1
		fi
		n=$((n + 1))
		case $f in
		*.xz) xz -dc "$f" >"$out/deps/$n-$dep.ko" ;;
		*) cp "$f" "$out/deps/$n-$dep.ko" ;;
		esac || return 1
	done
}

# cpio entries of the modules vm_module_deps put in OUT/deps.
deps_entries() {
	local f
	for f in "$1"/deps/*.ko; do
		[ ! -f "$f" ] || cpio_file "/lib/mpool/deps/$(basename "$f")" "$f" 0644
	done
}

# "file" line for DEST, preceded by "dir" lines for all its parents.
cpio_file() {
	local dest=$1 from=$2 mode=$3 d=${1%/*}
	while [ -n "$d" ]; do
		echo "dir $d 0755 0 0"
		d=${d%/*}
	done
	echo "file $dest $from $mode 0 0"
}

# A binary plus the shared libraries it needs, at the same paths as on the host.
cpio_binary() {
	local bin=$1 dest=$2 lib
	cpio_file "$dest" "$bin" 0755
	for lib in $(ldd "$bin" | grep -o '/[^ ]*'); do
		cpio_file "$lib" "$(readlink -f "$lib")" 0755
	done
}

# The Python files a host run of the kernel's YNL client imports: the guest needs
# exactly those (sources beside their bytecode) to run it.
python_imports() {
	local src=$1 f
	/usr/bin/python3 -v "$src/tools/net/ynl/cli.py" --spec "$MPOOL_TOP/include/uapi/mpool.yaml" \
		--no-schema --dump pool-get 2>&1 >/dev/null |
		grep -oE "(from|code object from) '?/[^' ]+" |
		sed -E "s/^(from|code object from) '?//" | grep -v /tools/net/ynl/ |
		while read -r f; do
			echo "$f"
			case $f in */__pycache__/*.pyc)
				f=${f%/__pycache__/*}/$(basename "$f" | sed 's/\.cpython-[0-9]*\.pyc$/.py/')
				[ ! -f "$f" ] || echo "$f" ;;
			esac
		done | sort -u
}

# tools/net/ynl/cli.py of the kernel source, our spec, and a Python to run them.
ynl_entries() {
	local src=$1 f
	cpio_file /ynl/cli.py "$src/tools/net/ynl/cli.py" 0755
	for f in "$src"/tools/net/ynl/lib/*.py; do
		cpio_file "/ynl/lib/$(basename "$f")" "$f" 0644
	done
	cpio_file /ynl/mpool.yaml "$MPOOL_TOP/include/uapi/mpool.yaml" 0644
	cpio_binary "$(readlink -f /usr/bin/python3)" /usr/bin/python3
	for f in $(python_imports "$src"); do
		case $f in
		*.so) cpio_binary "$f" "$f" ;;
		*) cpio_file "$f" "$f" 0644 ;;
		esac
	done
}

initramfs_list() {
	local out=$1 src=$2 d f
	for d in /dev /proc /sys /tmp; do
		echo "dir $d 0755 0 0"
	done
	echo "nod /dev/console 0600 0 0 c 5 1"
	cpio_file /init "$MPOOL_TOP/tests/vm/init.sh" 0755
	cpio_file /demo "$MPOOL_TOP/tests/vm/demo-guest.sh" 0755
	cpio_file /bin/busybox /bin/busybox 0755
	cpio_file /usr/sbin/mempoolctl "$MPOOL_TOP/tool/mempoolctl.static" 0755
	cpio_file /usr/bin/jsoncheck "$MPOOL_TOP/tool/tests/jsoncheck.static" 0755
	cpio_file /usr/bin/syslog-loadgen "$MPOOL_TOP/tests/logserver/loadgen/syslog-loadgen.static" 0755
	for f in "$out"/src/kmod/mpool.ko "$out"/src/tests/kunit/mpool_kunit.ko \
		 "$out"/src/tests/demo/mpool_demo.ko "$out"/src/tests/logserver/mpool_logserver.ko; do
		[ ! -f "$f" ] || cpio_file "/lib/mpool/$(basename "$f")" "$f" 0644
	done
	deps_entries "$out"
	cpio_file /tests/lib.sh "$MPOOL_TOP/tests/vm/cli-lib.sh" 0644
	for f in "$MPOOL_TOP"/tests/vm/cli/*.sh; do
		cpio_file "/tests/cli/$(basename "$f")" "$f" 0755
	done
	cpio_file /tests/logserver-lib.sh "$MPOOL_TOP/tests/vm/logserver-lib.sh" 0644
	for f in "$MPOOL_TOP"/tests/vm/logserver/*.sh; do
		cpio_file "/tests/logserver/$(basename "$f")" "$f" 0755
	done
	ynl_entries "$src"
}

# The initramfs is built without root: gen_init_cpio (from the kernel source) takes a
# list of entries, device node included. vm_initramfs OUT [LIST]: LIST is the function
# that prints the entries (default initramfs_list; `make bench` has its own).
vm_initramfs() {
	local out=$1 list=${2:-initramfs_list} src gen
	src=$(linux_source_tree) || return 1
	gen=$MPOOL_BUILD/gen_init_cpio
	if [ ! -x "$gen" ] || [ "$gen" -ot "$src/usr/gen_init_cpio.c" ]; then
		mkdir -p "$MPOOL_BUILD"
		# Built aside and renamed: VM tiers that run side by side may both get here.
		gcc -O2 -o "$gen.$$" "$src/usr/gen_init_cpio.c" && mv "$gen.$$" "$gen" || return 1
	fi
	# Directories first, parents before children; every entry once.
	"$list" "$out" "$src" | awk '!seen[$1 " " $2]++' >"$out/initramfs.entries"
	{
		grep '^dir ' "$out/initramfs.entries" | sort -k2,2
		grep -v '^dir ' "$out/initramfs.entries"
	} >"$out/initramfs.list"
	"$gen" "$out/initramfs.list" >"$out/initramfs.cpio" 2>"$out/initramfs.log" ||
		{ cat "$out/initramfs.log" >&2; return 1; }
}

# vm_boot_once OUT [KERNEL ARGS...]: one boot of VM_IMAGE with OUT/initramfs.cpio on
# 4 vCPUs in 2 sockets / 2 NUMA nodes. The console goes to OUT/console.txt, the guest's
# second serial port to OUT/results.txt. Returns QEMU's status (124: host timeout).
vm_boot_once() {
	local out=$1 accel=${MPOOL_VM_ACCEL:-tcg} rc start
	shift
	[ "$accel" != tcg ] || accel=tcg,thread=multi
	start=$(date +%s)
	echo "vm: booting $(basename "$VM_IMAGE") (${accel%%,*}, 4 CPUs, 2 nodes)" >&2
	rm -f "$out/console.log" "$out/results.log"
	# One socket per node: with one socket the guest warns in topology_sane, and
	# panic_on_warn turns that into a failed boot.
	# Without ACPI PCI hotplug the DSDT is small: the debug kernel's ACPI interpreter
	# (KASAN, lockdep) then boots in about 30 s instead of 45 under TCG.
	timeout --foreground "${MPOOL_VM_TIMEOUT:-1800}" qemu-system-x86_64 \
		-accel "$accel" -cpu max -m 1G \
		-global PIIX4_PM.acpi-pci-hotplug-with-bridge-support=off \
		-global PIIX4_PM.acpi-root-pci-hotplug=off \
		-smp 4,sockets=2,cores=2,threads=1 \
		-object memory-backend-ram,id=mem0,size=512M \
		-object memory-backend-ram,id=mem1,size=512M \
		-numa node,nodeid=0,cpus=0-1,memdev=mem0 \
		-numa node,nodeid=1,cpus=2-3,memdev=mem1 \
		-nodefaults -display none -no-reboot \
		-serial file:"$out/console.log" -serial file:"$out/results.log" \
		-kernel "$VM_IMAGE" -initrd "$out/initramfs.cpio" \
		-append "console=ttyS0 panic_on_warn=1 panic=-1 oops=panic $*" \
		</dev/null >"$out/qemu.log" 2>&1
	rc=$?
	echo "vm: guest ran $(($(date +%s) - start)) s" >&2
	tr -d '\r' <"$out/results.log" >"$out/results.txt"
	tr -d '\r' <"$out/console.log" >"$out/console.txt"
	return $rc
}

# vm_boot OUT [KERNEL ARGS...]: vm_boot_once, booted once more (twice at most) when the
# guest kernel died before it started /init. Under multi-threaded TCG, Debian's stock
# 6.12 now and then takes an int3 Oops in early boot while another vCPU patches kernel
# text (seen once so far, in make demo); nothing of ours has run by then, and the whole
# test would otherwise be lost to the emulator. Each lost boot's console is kept as
# OUT/console.lost-N.txt and named on stderr; a crash after /init is never retried.
#   MPOOL_VM_TIMEOUT   host-side limit in seconds (default 1800: beside the other tests of
#                      make check the debug tier takes about 12 minutes on 2 cores)
#   MPOOL_VM_ACCEL     QEMU accelerator (default tcg; KVM hangs guests on our machines)
vm_boot() {
	local out=$1 rc lost=0
	while :; do
		vm_boot_once "$@"
		rc=$?
		[ $rc != 124 ] && [ $lost -lt 2 ] || return $rc
		grep -q 'Run /init as init process' "$out/console.txt" && return $rc
		lost=$((lost + 1))
		cp "$out/console.txt" "$out/console.lost-$lost.txt"
		echo "vm: the guest kernel died before /init, booting again;" \
			"its console: $out/console.lost-$lost.txt" >&2
		grep -m 3 -E 'Oops|BUG:|Kernel panic' "$out/console.txt" | sed 's/^/vm:   /' >&2
	done
}
