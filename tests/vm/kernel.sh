#!/bin/bash
# Build (once) the mpool debug test kernel and print the path of its build tree.
#   tests/vm/kernel.sh                  build if needed, print the tree
#   tests/vm/kernel.sh --dropped CONFIG list fragment options CONFIG does not carry
#
# The kernel is Debian's linux-source-6.12 configured with `allnoconfig` plus
# tests/vm/debug.config. Its build tree (bzImage, Module.symvers, everything an M= build
# needs) lives in the cache, keyed by the source version and the fragment, so a fragment
# change or a Debian security update gets a new kernel and nothing else ever rebuilds it.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

fragment=$MPOOL_TOP/tests/vm/debug.config

# Print every option of the fragment that the final .config does not carry as asked.
dropped_options() {
	local config=$1 line name want have
	while IFS= read -r line; do
		case "$line" in CONFIG_*=*) ;; *) continue ;; esac
		name=${line%%=*}
		want=${line#*=}
		have=$(sed -n "s/^$name=//p" "$config")
		if [ "$want" = n ]; then
			[ -z "$have" ] || echo "$name (want n, have $have)"
		elif [ "$have" != "$want" ]; then
			echo "$name (want $want, have ${have:-unset})"
		fi
	done <"$fragment"
}

main() {
	local srcver key out src log
	srcver=$(linux_source_version)
	key=$( { echo "$srcver"; cat "$fragment"; } | sha256sum | cut -c1-16)
	out=$MPOOL_CACHE/kernel-$key
	if [ -f "$out/.mpool-complete" ]; then
		echo "$out"
		return
	fi

	src=$(linux_source_tree)
	mkdir -p "$MPOOL_CACHE"
	exec 9>"$out.lock"
	flock 9
	if [ -f "$out/.mpool-complete" ]; then
		echo "$out"
		return
	fi

	echo "mpool: building test kernel $srcver (cache $out); takes minutes once" >&2
	rm -rf "$out"
	mkdir -p "$out"
	log=$out/build.log
	# Fixed build identity keeps ccache hits across rebuilds of the same tree.
	local kmake=(make -C "$src" O="$out" ARCH=x86_64 -j"$(nproc)"
		     CC="ccache gcc" HOSTCC="ccache gcc"
		     KBUILD_BUILD_TIMESTAMP="mpool" KBUILD_BUILD_USER=mpool
		     KBUILD_BUILD_HOST=mpool)
	export CCACHE_DIR=${CCACHE_DIR:-$MPOOL_CACHE/ccache}

	"${kmake[@]}" allnoconfig >"$log" 2>&1 || die "allnoconfig failed, see $log"
	"$src/scripts/kconfig/merge_config.sh" -m -O "$out" "$out/.config" "$fragment" \
		>>"$log" 2>&1 || die "merge_config failed, see $log"
	"${kmake[@]}" olddefconfig >>"$log" 2>&1 || die "olddefconfig failed, see $log"

	local dropped
	dropped=$(dropped_options "$out/.config")
	if [ -n "$dropped" ]; then
		echo "mpool: the test kernel config lost options of tests/vm/debug.config:" >&2
		echo "$dropped" | sed 's/^/  /' >&2
		exit 1
	fi

	if ! "${kmake[@]}" all >>"$log" 2>&1; then
		tail -n 40 "$log" >&2
		die "test kernel build failed, full log in $log"
	fi
	touch "$out/.mpool-complete"
	echo "$out"
}

# --dropped CONFIG: only report what CONFIG lacks of the fragment (for tests/host).
if [ "${1:-}" = --dropped ]; then
	dropped=$(dropped_options "$2")
	[ -z "$dropped" ] || { echo "$dropped"; exit 1; }
	exit 0
fi
main "$@"
