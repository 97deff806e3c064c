#!/bin/bash
# mempoolctl.8 renders without groff warnings and documents every command, every JSON
# field the tool prints (collected from real output on the fake kernel, buffer pools,
# managed pools, rebalance and collect included), every suggestion id, sort key and
# set key, and the exit codes; the bash completion completes the commands (resize,
# rebalance, collect and compress too), their options, set's keys and values, collect's
# generations, class sizes and the live pool names (from `mempoolctl list --names`).
. "$(dirname "$0")/lib.sh"
make -s -C tool PKG_CONFIG=false tests/mempoolctl-fake >/dev/null
export MEMPOOLCTL_FAKE_STATE=$TMP/state
man8=tool/mempoolctl.8
m=tool/tests/mempoolctl-fake

groff -ww -man -Tutf8 -z "$man8" 2>"$TMP/groff" || fail "groff failed"
[ ! -s "$TMP/groff" ] || { cat "$TMP/groff"; fail "groff warnings"; }
# Plain text of the page, hyphens and quotes as typed.
groff -man -rHY=0 -rLL=300n -Tascii -P-cbou "$man8" 2>/dev/null | sed 's/\xe2\x80\x90/-/g' >"$TMP/man.txt"
documented() { # WORD: appears as a word in the page
	grep -qE "(^|[^A-Za-z0-9_-])$1([^A-Za-z0-9_-]|$)" "$TMP/man.txt"
}

# Commands: the table in main.c, each with its own subsection.
commands=$(sed -n 's/^\t{ "\([a-z]*\)", ".*/\1/p' tool/main.c)
[ "$(echo "$commands" | wc -w)" -ge 10 ] || fail "could not read the command table: $commands"
for c in $commands; do
	grep -q "^\.SS $c\b" "$man8" || fail "no section for command $c"
done

# JSON fields: every key of every document the tool prints.
{
	"$m" -j list
	"$m" -j show demo_frame
	"$m" -j show fake_busy
	"$m" -j show kbuf
	"$m" -j show fake_wide
	"$m" -j stats kbuf --watch 0.1 --count 1
	"$m" -j rebalance kbuf --from 0 --to 1 --class 512
	"$m" -j stats demo_conn
	"$m" -j stats demo_conn --watch 0.1 --count 1
	"$m" -j top -n 2 -d 0.1
	"$m" -j monitor --count 4
	"$m" -j shrink demo_conn
	"$m" -j show demo_archive
	"$m" -j show fake_archive
	"$m" -j stats demo_archive
	"$m" -j stats demo_archive --watch 0.1 --count 1
	"$m" -j collect demo_archive --gen old
	"$m" -j compress demo_archive 4K
	"$m" -j version
} >"$TMP/all.json"
keys=$(python3 -c '
import json, sys
keys = set()
def walk(v):
    if isinstance(v, dict):
        for k, x in v.items():
            keys.add(k)
            walk(x)
    elif isinstance(v, list):
        for x in v:
            walk(x)
for line in open(sys.argv[1]):
    walk(json.loads(line))
print("\n".join(sorted(keys)))
' "$TMP/all.json")
[ "$(echo "$keys" | wc -l)" -ge 115 ] || fail "too few JSON keys collected: $keys"
for k in $keys; do
	documented "$k" || fail "JSON field '$k' is not in mempoolctl.8"
done
# Values that are names too.
for v in add del change limit object buffer managed young old permanent zero-on-free irqsafe \
	poison track; do
	documented "$v" || fail "'$v' is not in mempoolctl.8"
done

ids=$(sed -n 's/.*add(&\{0,1\}o, "\([a-z-]*\)".*/\1/p' tool/suggest.c | sort -u)
[ "$(echo "$ids" | wc -w)" -ge 16 ] || fail "could not read the suggestion ids: $ids"
for id in $ids; do
	documented "$id" || fail "suggestion '$id' is not in mempoolctl.8"
done
sort_keys=$(sed -n 's/^\t\[SORT_[A-Z]*\] = "\([a-z]*\)",$/\1/p' tool/parse.c)
[ "$(echo "$sort_keys" | wc -w)" -ge 10 ] || fail "could not read the sort keys: $sort_keys"
for k in $sort_keys; do
	documented "$k" || fail "sort key '$k' is not in mempoolctl.8"
done
for k in min-objects max-objects magazine-size poison adaptive adapt-interval adapt-rebalance \
	promote-after young-interval old-interval old-sparse-pct cold-age cold-high-pct cold-low-pct \
	cold-min-saving-pct cold-interval cold-cpu-pct cold-permanent; do
	grep -qE "^[[:space:]]+$k=" "$TMP/man.txt" || fail "set key $k has no entry in mempoolctl.8"
done
sed -n '/^\.SH EXIT STATUS/,/^\.SH/p' "$man8" >"$TMP/exit"
for code in 0 1 2 3; do
	grep -qx "\.B $code" "$TMP/exit" || fail "exit status $code not documented"
done
grep -q 'mempoolctl: kernel:' "$TMP/exit" || fail "kernel message format not documented"
echo "man page: $(echo "$commands" | wc -w) commands, $(echo "$keys" | wc -l) JSON fields documented"

# ---- bash completion, with the fake as mempoolctl ----
mkdir -p "$TMP/bin"
ln -s "$TOP/$m" "$TMP/bin/mempoolctl"
complete_line() {
	PATH=$TMP/bin:$PATH bash -c '
		. tool/completion/mempoolctl.bash
		COMP_LINE=$1; COMP_POINT=${#1}
		_mempoolctl
		[ ${#COMPREPLY[@]} = 0 ] || printf "%s\n" "${COMPREPLY[@]}"' _ "$1" | tr '\n' ' '
}
expect_eq "commands" "$(complete_line 'mempoolctl ')" "$(echo $commands) "
expect_eq "commands after -j" "$(complete_line 'mempoolctl -j s')" "show stats shrink set "
expect_eq "commands re" "$(complete_line 'mempoolctl re')" "resize rebalance reset "
expect_eq "commands c" "$(complete_line 'mempoolctl c')" "collect compress "
expect_eq "compress pools" "$(complete_line 'mempoolctl compress demo_a')" "demo_archive "
expect_eq "compress: no pool after the pool" "$(complete_line 'mempoolctl compress demo_archive ')" ""
expect_eq "compress options" "$(complete_line 'mempoolctl compress demo_archive --')" "--json --bytes --color= --help "
expect_eq "pool names" "$(complete_line 'mempoolctl show ')" "demo_conn demo_frame fake_busy kbuf fake_wide demo_archive fake_archive "
expect_eq "pool name prefix" "$(complete_line 'mempoolctl --bytes stats demo_f')" "demo_frame "
expect_eq "warm: no pool after the pool" "$(complete_line 'mempoolctl warm demo_conn ')" ""
expect_eq "set keys" "$(complete_line 'mempoolctl set demo_conn min-objects=3 ')" \
	"min-objects= max-objects= magazine-size= poison= adaptive= adapt-interval= adapt-rebalance= promote-after= young-interval= old-interval= old-sparse-pct= cold-age= cold-high-pct= cold-low-pct= cold-min-saving-pct= cold-interval= cold-cpu-pct= cold-permanent= "
expect_eq "managed set keys" "$(complete_line 'mempoolctl set demo_archive o')" "old-interval= old-sparse-pct= "
expect_eq "cold set keys" "$(complete_line 'mempoolctl set demo_archive cold-')" \
	"cold-age= cold-high-pct= cold-low-pct= cold-min-saving-pct= cold-interval= cold-cpu-pct= cold-permanent= "
expect_eq "cold-permanent values" "$(complete_line 'mempoolctl set demo_archive cold-permanent=o')" "on off "
expect_eq "collect pools" "$(complete_line 'mempoolctl collect demo_a')" "demo_archive "
expect_eq "collect options" "$(complete_line 'mempoolctl collect demo_archive --')" "--json --bytes --color= --help --gen "
expect_eq "collect generations" "$(complete_line 'mempoolctl collect demo_archive --gen ')" "young old "
expect_eq "collect: no pool after the pool" "$(complete_line 'mempoolctl collect demo_archive --gen old ')" ""
expect_eq "collect: the pool after --gen" "$(complete_line 'mempoolctl collect --gen old fake_a')" "fake_archive "
expect_eq "set adapt keys" "$(complete_line 'mempoolctl set kbuf adapt')" "adaptive= adapt-interval= adapt-rebalance= "
expect_eq "adaptive values" "$(complete_line 'mempoolctl set kbuf adaptive=o')" "on off "
expect_eq "adapt-rebalance values" "$(complete_line 'mempoolctl set kbuf adapt-rebalance=')" "on off "
expect_eq "resize pools" "$(complete_line 'mempoolctl resize k')" "kbuf "
expect_eq "resize options" "$(complete_line 'mempoolctl resize kbuf --')" "--json --bytes --color= --help --class --min --max "
expect_eq "class sizes" "$(complete_line 'mempoolctl resize kbuf --class 5')" "512 512K "
expect_eq "--max none" "$(complete_line 'mempoolctl resize kbuf --class 512 --max n')" "none "
expect_eq "--min: a number" "$(complete_line 'mempoolctl resize kbuf --min ')" ""
expect_eq "resize: no pool after the pool" "$(complete_line 'mempoolctl resize kbuf --class 512 ')" ""
expect_eq "rebalance options" "$(complete_line 'mempoolctl rebalance demo_conn --')" "--json --bytes --color= --help --from --to --count --class "
expect_eq "rebalance: no pool after a node" "$(complete_line 'mempoolctl rebalance --from 0 ')" "demo_conn demo_frame fake_busy kbuf fake_wide demo_archive fake_archive "
expect_eq "warm --class" "$(complete_line 'mempoolctl warm kbuf 64 --c')" "--color= --class "
expect_eq "poison values" "$(complete_line 'mempoolctl set demo_conn poison=')" "on off "
expect_eq "sort keys" "$(complete_line 'mempoolctl top --sort e')" "efficiency "
expect_eq "top options" "$(complete_line 'mempoolctl top --i')" "--iterations "
expect_eq "colour" "$(complete_line 'mempoolctl --color=n')" "never "
# No pools to offer when the tool fails (module not loaded): no noise either.
expect_eq "no module" "$(MEMPOOLCTL_FAKE_NOMODULE=1 complete_line 'mempoolctl show ' 2>&1)" ""
echo "completion fine"
