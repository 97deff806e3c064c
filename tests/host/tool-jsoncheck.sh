#!/bin/bash
# tool/tests/jsoncheck, the JSON checker the CLI tests use (in the busybox guest too),
# accepts exactly what a strict parser (Python's json, duplicates and NaN refused)
# accepts, on a corpus of valid and broken documents, and picks values by path.
. "$(dirname "$0")/lib.sh"
make -s -C tool PKG_CONFIG=false tests/jsoncheck >/dev/null
jc=tool/tests/jsoncheck

valid=(
	'{}' '[]' '0' '-0' '1.5e-3' '"x"' 'true' 'null' ' {"a" : [1, 2, {"b": null}] } '
	'{"s":"\u00e9\ud83d\ude00\n\"\\\/"}' '"é"' '[[[[[[[[]]]]]]]]' '{"a":{"a":1}}'
	'18446744073709551615' '{"pools":[{"id":1,"name":"demo_conn"}]}'
)
invalid=(
	'' '{' '[1,]' '{"a":1,}' '{"a" 1}' '{a:1}' "{'a':1}" '01' '1.' '.5' '+1' '1e' '-'
	'NaN' 'Infinity' 'tru' 'nul' '"\x"' '"\u12"' '"a' '{"a":1}{}' '[1] x' '{"a":1,"a":2}'
	'"\ud800"' '"\udc00"' $'"\x01"' $'"\xff"' $'"\xc0\xaf"' $'"\xed\xa0\x80"' '[1 2]'
)
python_ok() {
	python3 -c '
import json, sys
def pairs(p):
    keys = [k for k, _ in p]
    if len(keys) != len(set(keys)):
        raise ValueError("duplicate key")
    return dict(p)
def const(c):
    raise ValueError(c)
data = sys.stdin.buffer.read()
try:
    json.loads(data.decode("utf-8", errors="strict"), object_pairs_hook=pairs, parse_constant=const)
except Exception:
    sys.exit(1)
'
}

n=0
for doc in "${valid[@]}"; do
	printf '%s' "$doc" | $jc >/dev/null 2>&1 || fail "jsoncheck rejects valid: $doc"
	printf '%s' "$doc" | python_ok || fail "python rejects (test corpus wrong): $doc"
	n=$((n + 1))
done
for doc in "${invalid[@]}"; do
	if printf '%s' "$doc" | $jc >/dev/null 2>&1; then
		fail "jsoncheck accepts invalid: $doc"
	fi
	if printf '%s' "$doc" | python_ok; then
		# Python takes lone surrogates; jsoncheck is stricter on purpose.
		case $doc in '"\ud800"' | '"\udc00"') ;; *) fail "python accepts (test corpus wrong): $doc" ;; esac
	fi
	n=$((n + 1))
done

# Picking values.
doc='{"pools":[{"id":1,"name":"demo_conn","info":{"flags":["poison","track"]}},{"id":2,"name":"x\"y"}],"n":null}'
expect_eq "pools#" "$(echo "$doc" | $jc 'pools#')" 2
expect_eq "pools.0.name" "$(echo "$doc" | $jc pools.0.name)" demo_conn
expect_eq "pools.1.name" "$(echo "$doc" | $jc pools.1.name)" 'x"y'
expect_eq "pools.0.info.flags" "$(echo "$doc" | $jc pools.0.info.flags)" '["poison","track"]'
expect_eq "flags#" "$(echo "$doc" | $jc 'pools.0.info.flags#')" 2
expect_eq "n" "$(echo "$doc" | $jc n)" null
expect_eq "two paths" "$(echo "$doc" | $jc pools.0.id pools.1.id | tr '\n' ' ')" "1 2 "
set +e
echo "$doc" | $jc pools.2.name >/dev/null 2>&1
expect_eq "missing path status" "$?" 2
echo '{"a":1' | $jc >/dev/null 2>&1
expect_eq "invalid status" "$?" 1
# -l: one document per line; one bad line fails the lot.
printf '{"a":1}\n\n{"a":2}\n' | $jc -l a >"$TMP/l" 2>&1
expect_eq "-l status" "$?" 0
expect_eq "-l values" "$(tr '\n' ' ' <"$TMP/l")" "1 2 "
printf '{"a":1}\n{"a":\n' | $jc -l >/dev/null 2>&1
expect_eq "-l bad line status" "$?" 1
printf '' | $jc -l >/dev/null 2>&1
expect_eq "-l no documents status" "$?" 1
set -e
echo "$n documents judged like a strict parser"
