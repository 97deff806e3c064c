#!/bin/bash
# The benchmark cannot rot unnoticed (`make bench` itself is not part of `make check`):
# mpool.ko built with its counters compiled out (-DMPOOL_BENCH_NO_STATS, the bench-only
# switch of kmod/pool.h) and mpool_bench.ko build clean (W=1, -Werror) against Debian's
# stock 6.12 headers; every timed loop still calls its allocator and its free (the
# compiler optimised nothing away); checkpatch is clean; report.py turns a sample of
# results into tables and fails on an error line.
. "$(dirname "$0")/lib.sh"
. tests/vm/lib.sh
kdir=/usr/src/linux-headers-$(stock_kernel_release 6.12)

mkdir -p "$TMP/tree/tests"
cp -r kmod include "$TMP/tree/"
cp -r tests/bench "$TMP/tree/tests/"
make -C "$kdir" M="$TMP/tree/kmod" W=1 MPOOL_WERROR=y KCFLAGS=-DMPOOL_BENCH_NO_STATS \
	-j"$(nproc)" modules >"$TMP/log" 2>&1 || { cat "$TMP/log"; fail "mpool.ko without statistics"; }
grep -q -- -DMPOOL_BENCH_NO_STATS "$TMP/tree/kmod/.magazine.o.cmd" ||
	fail "the switch did not reach the compiler"
make -C "$kdir" M="$TMP/tree/tests/bench" W=1 MPOOL_WERROR=y \
	KBUILD_EXTRA_SYMBOLS="$TMP/tree/kmod/Module.symvers" modules >"$TMP/log" 2>&1 ||
	{ cat "$TMP/log"; fail "mpool_bench.ko"; }
grep -E '(warning|error):' "$TMP/log" && fail "compiler findings above"
echo "built $(modinfo -F vermagic "$TMP/tree/tests/bench/mpool_bench.ko" | cut -d' ' -f1)"

# Each loop FUNCTION must still call ALLOC and FREE (relocations in its disassembly).
objdump -dr "$TMP/tree/tests/bench/mpool_bench.o" >"$TMP/dis"
calls() {
	local fn=$1 sym
	shift
	sed -n "/<$fn>:\$/,/^\$/p" "$TMP/dis" >"$TMP/fn"
	[ -s "$TMP/fn" ] || fail "no function $fn in mpool_bench.o"
	for sym in "$@"; do
		grep -Eq "R_X86_64_PLT32[[:space:]]+$sym-0x4" "$TMP/fn" ||
			fail "$fn does not call $sym: optimised away?"
	done
}
calls hot_mpool mpool_alloc mpool_free
calls hot_kmem_cache kmem_cache_alloc_noprof kmem_cache_free
calls hot_kmalloc64 __kmalloc_cache_noprof kfree
calls hot_mempool mempool_alloc_noprof mempool_free
calls burst_loop_mpool mpool_alloc mpool_free
calls burst_loop_kmem_cache kmem_cache_alloc_noprof kmem_cache_free
calls bulk_mpool mpool_alloc_bulk mpool_free_bulk
calls bulk_kmem_cache kmem_cache_alloc_bulk_noprof kmem_cache_free_bulk
calls ctor_mpool mpool_alloc mpool_free
calls ctor_kmalloc __kmalloc_cache_noprof kfree
calls map_unmap mpool_h_map mpool_h_unmap
echo "timed loops call their allocators"

# The loops are generated per peer by macros on purpose (a direct call per operation):
# their arguments are code, used more than once or not at all.
src=$(linux_source_tree)
"$src/scripts/checkpatch.pl" --no-tree --strict --terse --show-types \
	--ignore FILE_PATH_CHANGES,SPDX_LICENSE_TAG,MACRO_ARG_UNUSED,MACRO_ARG_REUSE \
	-f tests/bench/mpool_bench.c >"$TMP/cp" 2>&1 || { cat "$TMP/cp"; fail "checkpatch findings above"; }

# report.py: a sample run becomes tables and JSON; an error line fails it.
cat >"$TMP/sample.txt" <<'R'
## run main
I kernel 6.12.0
I cpus 1
R hot 64B mpool ps_op 5000 5100 4900 5000 5200
R hot 64B kmem_cache ps_op 12000 12100 11900 12000 12500
S hot 64B objpool not exported
I mpool_paths hot 64B magazine=1 depot=0
R cold archive managed_cold ratio_x100 420 421 419 420 422
R cold cold_map managed_cold p99_ns 9000 9100 8900 9000 9200
R cold hot_map_unmap managed ps_op 5000 5000 5000 5000 5000
R cold hot_map_unmap managed_cold ps_op 5100 5100 5100 5100 5100
## run stats1
R hot 64B mpool ps_op 5000 5000 5000 5000 5000
## run nostats1
R hot 64B mpool ps_op 4900 4900 4900 4900 4900
## done
R
python3 tests/bench/report.py --out "$TMP/rep" uml="$TMP/sample.txt" >"$TMP/rep.txt" ||
	{ cat "$TMP/rep.txt"; fail "report.py on a good sample"; }
grep -Eq '^hot +64B +kmem_cache +12.0 .* 2.40x' "$TMP/rep.txt" ||
	{ cat "$TMP/rep.txt"; fail "report.py: ratio of the sample"; }
# The cold tier's rows and targets: 4.2x against 3x, 9 us against 20, 5.1 ns against 10.
grep -Eq '^archive +managed_cold +x smaller +4.20 ' "$TMP/rep.txt" ||
	{ cat "$TMP/rep.txt"; fail "report.py: the cold tier's ratio"; }
for t in 'stored smaller by +uml +4.20' 'cold entry, p99, us +uml +9.00' \
	 'hot object, ns +uml +5.10'; do
	grep -Eq "$t .* met\$" "$TMP/rep.txt" || { cat "$TMP/rep.txt"; fail "report.py: target $t"; }
done
python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); assert d["platforms"]["uml"]["figures"]' \
	"$TMP/rep/results.json" || fail "report.py: JSON"
echo "E hot 64B mpool allocation failed (-12)" >>"$TMP/sample.txt"
if python3 tests/bench/report.py --out "$TMP/rep" uml="$TMP/sample.txt" >"$TMP/rep.txt" 2>&1; then
	fail "report.py passed a run with an error line"
fi
echo "report.py: tables, JSON, failure on error lines"
