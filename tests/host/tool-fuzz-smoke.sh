#!/bin/bash
# The libFuzzer harness of mempoolctl's argument parser (tool/tests/fuzz_parse.c)
# builds with clang -fsanitize=fuzzer,address,undefined and survives a fixed number of
# runs from a seed corpus of the inputs the issues name (numbers, set's keys with the
# adaptive and managed ones, --class sizes, nodes, limits, collect's --gen, pool-get
# replies of object and managed pools with and without a cold tier, class-get,
# pool-collect and pool-compress replies); and a
# planted finding does fail a run (so a crash would be noticed).
. "$(dirname "$0")/lib.sh"
command -v "${CLANG:-clang}" >/dev/null || fail "clang not installed"
make -s -C tool fuzz >"$TMP/build" 2>&1 || { cat "$TMP/build"; fail "fuzzer build"; }
corpus=$TMP/corpus
mkdir -p "$corpus"
i=0
# Even first byte: NUL-separated arguments. Odd: an attribute stream.
for args in '-1' '1e99' '12QB' '' '4K' '4294967296' '18446744073709551616' 'id:3' \
	'id:0' 'demo_conn' 'min-objects=16' 'max-objects=none' 'magazine-size=1K' \
	'poison=on' '0.5' 'pages' 'bad name' 'adaptive=off' 'adapt-interval=60' \
	'adapt-interval=86401' 'adapt-rebalance=on' '2M' '512' 'none' '2147483648' '0' \
	'promote-after=2' 'promote-after=256' 'young-interval=100' 'old-interval=3600001' \
	'old-sparse-pct=50' 'young' 'old' 'permanent' 'cold-age=250' 'cold-age=86400001' \
	'cold-high-pct=90' 'cold-low-pct=100' 'cold-min-saving-pct=91' 'cold-interval=50' \
	'cold-cpu-pct=20' 'cold-permanent=on'; do
	printf '\0%s' "$args" >"$corpus/seed$i"
	i=$((i + 1))
done
printf '\001\010\000\001\000\003\000\000\000' >"$corpus/attr0"
# A class-get reply: id 4, name "k", one class nest holding its size (512).
printf '\001\010\000\001\000\004\000\000\000\006\000\002\000k\000\000\000\014\000\030\200\010\000\001\000\000\002\000\000' >"$corpus/attr1"
# A managed pool-get reply (id 6, name "m", kind managed, a managed nest holding
# promote-after 2 and the old generation with 5 live objects) and a pool-collect reply
# (the young generation, 3 live objects).
python3 - "$corpus" <<'PY'
import struct, sys
def attr(t, data):
    a = struct.pack('<HH', 4 + len(data), t) + data
    return a + b'\0' * (-len(a) % 4)
u32 = lambda t, v: attr(t, struct.pack('<I', v))
u64 = lambda t, v: attr(t, struct.pack('<Q', v))
nest = lambda t, *a: attr(t | 0x8000, b''.join(a))
ref = u32(1, 6) + attr(2, b'm\0')
gen = lambda g, live: u32(1, g) + u64(2, live)
open(sys.argv[1] + '/attr2', 'wb').write(b'\1' + ref + u32(3, 2) +
    nest(25, u32(1, 2), nest(15, gen(1, 5))))
open(sys.argv[1] + '/attr3', 'wb').write(b'\1' + ref + nest(31, gen(0, 3)))
# A managed pool with a cold tier (enabled, 4096 stored bytes, one map-latency bucket,
# ratio 350) and a pool-compress reply (4096 bytes compressed).
bucket = nest(1, u64(1, 1024) + u64(2, 7))
cold = nest(17, u64(1, 1) + u64(4, 4096) + nest(27, bucket) + u32(28, 350))
open(sys.argv[1] + '/attr4', 'wb').write(b'\1' + ref + u32(3, 2) + nest(25, u32(1, 2), cold))
open(sys.argv[1] + '/attr5', 'wb').write(b'\1' + ref + u64(33, 4096))
PY
tool/tests/fuzz_parse -artifact_prefix="$TMP/" -runs=20000 -seed=1 "$corpus" >"$TMP/out" 2>&1 ||
	{ tail -n 40 "$TMP/out"; fail "fuzzer found a problem"; }
grep -q 'Done 20000 runs' "$TMP/out" || { tail -n 20 "$TMP/out"; fail "fuzzer did not complete its runs"; }
tail -n 1 "$TMP/out"

printf '\0selftest' >"$TMP/planted"
if FUZZ_PARSE_SELFTEST=1 tool/tests/fuzz_parse -artifact_prefix="$TMP/" "$TMP/planted" >"$TMP/planted.out" 2>&1; then
	fail "a planted finding did not fail the fuzzer"
fi
grep -q 'self-test finding' "$TMP/planted.out" || fail "planted finding not reported"
