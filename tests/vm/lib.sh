# Shared definitions for the VM harness; sourced, never run.
# shellcheck shell=bash

MPOOL_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
MPOOL_CACHE=${MPOOL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mpool}
MPOOL_BUILD=${MPOOL_BUILD:-$MPOOL_TOP/build}

die() {
	echo "mpool: $*" >&2
	exit 1
}

# Debian package version of the linux-source-6.12 tarball (e.g. 6.12.117-1~deb12u1).
linux_source_version() {
	dpkg-query -W -f='${Version}' linux-source-6.12 2>/dev/null ||
		die "linux-source-6.12 is not installed: run 'make deps'"
}

# The unpacked source tree for that version, unpacked once into the cache.
linux_source_tree() {
	local ver tree tmp
	ver=$(linux_source_version) || exit 1
	tree=$MPOOL_CACHE/linux-source-$ver
	if [ ! -f "$tree/.mpool-unpacked" ]; then
		mkdir -p "$MPOOL_CACHE"
		tmp=$(mktemp -d "$MPOOL_CACHE/unpack.XXXXXX")
		echo "mpool: unpacking linux-source $ver into $tree" >&2
		tar -C "$tmp" -xf /usr/src/linux-source-6.12.tar.xz ||
			die "cannot unpack /usr/src/linux-source-6.12.tar.xz"
		rm -rf "$tree"
		mv "$tmp/linux-source-6.12" "$tree"
		rmdir "$tmp"
		touch "$tree/.mpool-unpacked"
	fi
	echo "$tree"
}

# Newest installed Debian stock kernel release of a series ("6.12" or "6.1") that has
# both its image and its headers, e.g. 6.12.117+deb12-amd64.
stock_kernel_release() {
	local series=$1 rel best=
	for rel in $(ls /boot 2>/dev/null | sed -n "s/^vmlinuz-\($series[.-].*-amd64\)$/\1/p" |
		     sort -V); do
		[ -f "/usr/src/linux-headers-$rel/Makefile" ] && best=$rel
	done
	[ -n "$best" ] || die "no Debian $series kernel image + headers installed: run 'make deps'"
	echo "$best"
}

# Print every option of FRAGMENT that the final CONFIG does not carry as asked.
config_dropped_options() {
	local fragment=$1 config=$2 line name want have
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

# cached_kernel NAME KEYTAG FRAGMENT ARTIFACT [MAKE ARGS...]
# Build Debian's linux-source-6.12 with `allnoconfig` + FRAGMENT (and MAKE ARGS, e.g.
# ARCH=um) once, into $MPOOL_CACHE/NAME-<hash of KEYTAG, source version and fragment>,
# and print that tree. ARTIFACT (relative to it) must exist afterwards. A fragment
# change or a Debian security update gets a new tree; nothing else ever rebuilds it.
# Fails, listing them, when the merged config dropped options of the fragment.
# KERNEL_TARGET (default all) is what to build, e.g. modules_prepare for a tree that
# only compiles modules; give it its own KEYTAG.
cached_kernel() {
	local name=$1 keytag=$2 fragment=$3 artifact=$4 srcver key out src log dropped
	shift 4
	srcver=$(linux_source_version)
	key=$( { echo "$keytag$srcver"; cat "$fragment"; } | sha256sum | cut -c1-16)
	out=$MPOOL_CACHE/$name-$key
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

	echo "mpool: building the $name kernel $srcver (cache $out); takes minutes once" >&2
	rm -rf "$out"
	mkdir -p "$out"
	log=$out/build.log
	# Fixed build identity keeps ccache hits across rebuilds of the same tree.
	local kmake=(make -C "$src" O="$out" -j"$(nproc)" "$@"
		     CC="ccache gcc" HOSTCC="ccache gcc"
		     KBUILD_BUILD_TIMESTAMP="mpool" KBUILD_BUILD_USER=mpool
		     KBUILD_BUILD_HOST=mpool)
	export CCACHE_DIR=${CCACHE_DIR:-$MPOOL_CACHE/ccache}

	"${kmake[@]}" allnoconfig >"$log" 2>&1 || die "allnoconfig failed, see $log"
	env "$@" "$src/scripts/kconfig/merge_config.sh" -m -O "$out" "$out/.config" \
		"$fragment" >>"$log" 2>&1 || die "merge_config failed, see $log"
	"${kmake[@]}" olddefconfig >>"$log" 2>&1 || die "olddefconfig failed, see $log"

	dropped=$(config_dropped_options "$fragment" "$out/.config")
	if [ -n "$dropped" ]; then
		echo "mpool: the $name kernel config lost options of $fragment:" >&2
		echo "$dropped" | sed 's/^/  /' >&2
		exit 1
	fi

	if ! "${kmake[@]}" "${KERNEL_TARGET:-all}" >>"$log" 2>&1; then
		tail -n 40 "$log" >&2
		die "$name kernel build failed, full log in $log"
	fi
	[ -e "$out/$artifact" ] || die "the $name kernel build produced no $artifact, see $log"
	touch "$out/.mpool-complete"
	echo "$out"
}
