#!/bin/bash
# The libFuzzer harness of mempoolctl's argument parser (tool/tests/fuzz_parse.c)
# builds with clang -fsanitize=fuzzer,address,undefined and survives a fixed number of
# runs from a seed corpus of the inputs the issues name (numbers, set's keys with the
# adaptive ones, --class sizes, nodes, limits, pool-get and class-get replies); and a
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
	'adapt-interval=86401' 'adapt-rebalance=on' '2M' '512' 'none' '2147483648' '0'; do
	printf '\0%s' "$args" >"$corpus/seed$i"
	i=$((i + 1))
done
printf '\001\010\000\001\000\003\000\000\000' >"$corpus/attr0"
# A class-get reply: id 4, name "k", one class nest holding its size (512).
printf '\001\010\000\001\000\004\000\000\000\006\000\002\000k\000\000\000\014\000\030\200\010\000\001\000\000\002\000\000' >"$corpus/attr1"
tool/tests/fuzz_parse -artifact_prefix="$TMP/" -runs=20000 -seed=1 "$corpus" >"$TMP/out" 2>&1 ||
	{ tail -n 40 "$TMP/out"; fail "fuzzer found a problem"; }
grep -q 'Done 20000 runs' "$TMP/out" || { tail -n 20 "$TMP/out"; fail "fuzzer did not complete its runs"; }
tail -n 1 "$TMP/out"

printf '\0selftest' >"$TMP/planted"
if FUZZ_PARSE_SELFTEST=1 tool/tests/fuzz_parse -artifact_prefix="$TMP/" "$TMP/planted" >"$TMP/planted.out" 2>&1; then
	fail "a planted finding did not fail the fuzzer"
fi
grep -q 'self-test finding' "$TMP/planted.out" || fail "planted finding not reported"
