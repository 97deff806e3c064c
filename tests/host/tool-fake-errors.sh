#!/bin/bash
# mempoolctl's failures on the fake kernel (tool/tests/nl_fake.c): malformed command
# lines (negative, exponent, junk-suffixed, empty and overflowing numbers, bad pool
# references and keys, resize/rebalance without their required options, equal nodes,
# bad class sizes and adaptive settings) exit 1 without a single request reaching
# the kernel; unknown
# pools exit 2 with the kernel's message; an unprivileged user gets EPERM (exit 2) from
# every changing command and can still read; a missing module is one plain message
# and exit 2 for every command; an inconsistent dump is asked again.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-fake.sh"
# A copy the unprivileged user can run.
m=$TMP/bin/mempoolctl
mkdir -p "$TMP/bin"
cp tool/tests/mempoolctl-fake "$m"
chmod 755 "$TMP" "$TMP/bin"

# ---- usage errors: exit 1, a usage line, nothing sent ----
usage_errors=(
	"warm demo_conn -1" "warm demo_conn 1e99" "warm demo_conn 12QB" "warm demo_conn ''"
	"warm demo_conn 4294967296" "warm demo_conn 4G" "warm demo_conn 0" "warm demo_conn 0x10"
	"warm demo_conn ' 5'" "warm demo_conn 5 --node -1" "warm demo_conn 5 --node 1e99"
	"warm demo_conn 5 --node ''" "warm demo_conn" "warm demo_conn 5 6" "warm demo_conn 5 --node"
	"set demo_conn min-objects=-1" "set demo_conn min-objects=1e99" "set demo_conn max-objects=12QB"
	"set demo_conn min-objects=" "set demo_conn max-objects=4294967296"
	"set demo_conn magazine-size=0" "set demo_conn magazine-size=1025" "set demo_conn magazine-size=1K"
	"set demo_conn poison=maybe" "set demo_conn colour=red" "set demo_conn min-objects"
	"set demo_conn min-objects=1 min-objects=2" "set demo_conn" "set demo_conn min-objects=9 max-objects=8"
	"show" "show demo_conn demo_frame" "show 'bad name'" "show id:0" "show id:-1" "show id:"
	"show id:4294967296" "show 01234567890123456789012345678901" "show ''" "shrink" "reset"
	"stats demo_conn --watch 0" "stats demo_conn --watch -1" "stats demo_conn --watch 1e99"
	"stats demo_conn --watch ''" "stats demo_conn --count 2" "stats demo_conn --watch 1 --count 0"
	"top --delay 12QB" "top -n 0" "top --iterations -1" "top --sort bogus" "top extra"
	"monitor --count -1" "monitor --count ''" "monitor --timeout 1e99" "monitor a b"
	"list extra" "list --sort" "--color=blue list" "list --color=" "frobnicate" "" "--bogus list"
	"version extra" "-j version extra"
	# resize, rebalance, warm --class and set's adaptive keys
	"resize kbuf --class 512" "resize kbuf --min 8" "resize kbuf --class 0 --min 8"
	"resize kbuf --class -512 --min 8" "resize kbuf --class 1e3 --min 8" "resize kbuf --class 12QB --min 8"
	"resize kbuf --class '' --min 8" "resize kbuf --class 4G --min 8" "resize kbuf --class 512 --min -1"
	"resize kbuf --class 512 --min none" "resize kbuf --class 512 --max 1e99" "resize kbuf --class 512 --max ''"
	"resize kbuf --class 512 --max 4294967296" "resize kbuf --class 512 --min 9 --max 8"
	"resize --class 512 --min 8" "resize kbuf kbuf --class 512 --min 8" "resize 'bad name' --class 512 --min 8"
	"resize kbuf --class" "resize kbuf --class 512 --min 8 --frob"
	"rebalance demo_conn" "rebalance demo_conn --from 0" "rebalance demo_conn --to 1"
	"rebalance demo_conn --from 0 --to 0" "rebalance demo_conn --from -1 --to 1" "rebalance demo_conn --from 0 --to 1e99"
	"rebalance demo_conn --from 0 --to ''" "rebalance demo_conn --from 0 --to 1K" "rebalance demo_conn --from 0 --to 2147483648"
	"rebalance demo_conn --from 0 --to 1 --count 0" "rebalance demo_conn --from 0 --to 1 --count -5"
	"rebalance demo_conn --from 0 --to 1 --count 12QB" "rebalance demo_conn --from 0 --to 1 --count 4294967296"
	"rebalance kbuf --from 0 --to 1 --class 0" "rebalance --from 0 --to 1" "rebalance a b --from 0 --to 1"
	"warm kbuf 64 --class 0" "warm kbuf 64 --class -4096" "warm kbuf 64 --class 4QB" "warm kbuf 64 --class ''"
	"warm kbuf 64 --class" "set kbuf adaptive=maybe" "set kbuf adaptive=" "set kbuf adapt-interval=59"
	"set kbuf adapt-interval=86401" "set kbuf adapt-interval=5m" "set kbuf adapt-interval=1K"
	"set kbuf adapt-interval=-60" "set kbuf adapt-rebalance=2" "set kbuf adaptive=on adaptive=off"
	"set kbuf adapt=on"
)
for args in "${usage_errors[@]}"; do
	usage_error '' "$args"
done
# The messages say what was wrong.
for pair in "warm demo_conn -1|'-1': numbers cannot be negative" \
	"warm demo_conn 1e99|invalid count '1e99': not a non-negative decimal number" \
	"warm demo_conn 12QB|invalid count '12QB': not a non-negative decimal number" \
	"warm demo_conn ''|invalid count '': empty" \
	"warm demo_conn 4294967296|invalid count '4294967296': out of range (1 to 4294967295)" \
	"set demo_conn magazine-size=1025|invalid magazine-size '1025': 1 to 1024" \
	"show 'bad name'|invalid pool name 'bad name'" "frobnicate|unknown command 'frobnicate'" \
	"resize kbuf --class 512|resize needs --min, --max or both" \
	"resize kbuf --min 8|resize needs --class SIZE" \
	"resize kbuf --class 0 --min 8|invalid --class '0': out of range (1 to 4294967295 bytes)" \
	"resize kbuf --class 512 --min 9 --max 8|--min 9 above --max 8" \
	"resize kbuf --class 512 --max 1e99|invalid --max '1e99': not a non-negative decimal number" \
	"rebalance demo_conn --from 0|rebalance needs --from and --to" \
	"rebalance demo_conn --from 1 --to 1|--from and --to are the same node (1)" \
	"rebalance demo_conn --from 0 --to 1K|invalid --to '1K': no K/M/G suffix allowed here" \
	"rebalance demo_conn --from 0 --to 1 --count 0|invalid --count '0': out of range (1 to 4294967295)" \
	"warm kbuf 64 --class 4QB|invalid --class '4QB': not a non-negative decimal number" \
	"set kbuf adapt-interval=59|invalid adapt-interval '59': 60 to 86400 seconds" \
	"set kbuf adaptive=maybe|invalid adaptive 'maybe': on or off"; do
	set +e
	eval "\"\$m\" ${pair%%|*}" >/dev/null 2>"$TMP/err"
	rc=$?
	set -e
	[ "$rc" = 1 ] || fail "'${pair%%|*}' exited $rc, want 1 (usage)"
	grep -qF "mempoolctl: ${pair#*|}" "$TMP/err" || fail "'${pair%%|*}': want '${pair#*|}', got: $(cat "$TMP/err")"
done
echo "${#usage_errors[@]} usage errors exit 1 without a request"

# ---- unknown pools: exit 2, the kernel's message ----
for args in "show no_such_pool" "stats no_such_pool" "warm no_such_pool 1" "shrink no_such_pool" \
	"set no_such_pool min-objects=1" "set no_such_pool poison=on" "reset no_such_pool" \
	"-j show no_such_pool" "stats no_such_pool --watch 1" "resize no_such_pool --class 512 --min 1" \
	"rebalance no_such_pool --from 0 --to 1" "warm no_such_pool 1 --class 512" \
	"set no_such_pool adaptive=off"; do
	set +e
	$m $args >"$TMP/out" 2>"$TMP/err"
	rc=$?
	set -e
	expect_eq "status of $args" "$rc" 2
	expect_eq "message of $args" "$(head -n1 "$TMP/err")" "mempoolctl: kernel: name: no pool with this name"
	grep -qE '^mempoolctl: (pool|class)-[a-z-]+: No such file or directory$' "$TMP/err" || fail "$args: $(cat "$TMP/err")"
	[ ! -s "$TMP/out" ] || fail "$args printed on stdout"
done
set +e
$m show id:99 2>"$TMP/err"
expect_eq "unknown id" "$?:$(head -n1 "$TMP/err")" "2:mempoolctl: kernel: id: no pool with this id"
set -e

# ---- an unprivileged user: EPERM from every change, reads fine ----
nobody() {
	setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all --bounding-set=-all "$@"
}
for args in "warm demo_conn 1" "shrink demo_conn" "set demo_conn min-objects=20" \
	"set demo_frame poison=off" "reset demo_conn" "-j shrink demo_conn" \
	"resize kbuf --class 512 --min 8" "rebalance demo_conn --from 0 --to 1" \
	"warm kbuf 64 --class 4096" "set kbuf adaptive=off" "-j rebalance kbuf --from 0 --to 1 --class 512"; do
	set +e
	nobody "$m" $args >"$TMP/out" 2>"$TMP/err"
	rc=$?
	set -e
	expect_eq "unprivileged $args" "$rc" 2
	grep -qE '^mempoolctl: (pool|class)-[a-z-]+: Operation not permitted \(needs CAP_NET_ADMIN\)$' "$TMP/err" ||
		fail "unprivileged $args: $(cat "$TMP/err")"
	[ ! -s "$TMP/out" ] || fail "unprivileged $args printed on stdout"
done
for args in "list" "show demo_conn" "stats demo_conn" "top --once" "version" "-j list" "monitor --count 1" \
	"show kbuf" "-j show fake_wide"; do
	nobody "$m" $args >/dev/null 2>"$TMP/err" || fail "unprivileged $args failed: $(cat "$TMP/err")"
done
expect_eq "nothing changed" "$($m -j show demo_conn | tool/tests/jsoncheck info.min_objects)" 16
expect_eq "nothing changed in kbuf" "$($m -j show kbuf | tool/tests/jsoncheck info.adaptive classes.3.info.min_objects)" "true
0"
echo "unprivileged: changes refused, reads work"

# ---- module not loaded ----
for args in "list" "show demo_conn" "stats demo_conn" "top --once" "warm demo_conn 1" \
	"shrink demo_conn" "set demo_conn min-objects=1" "reset demo_conn" "monitor --count 1" \
	"-j list" "-j show demo_conn" "-j version" "show kbuf" "resize kbuf --class 512 --min 8" \
	"rebalance demo_conn --from 0 --to 1" "warm kbuf 1 --class 64" "set kbuf adaptive=on"; do
	set +e
	MEMPOOLCTL_FAKE_NOMODULE=1 $m $args >"$TMP/out" 2>"$TMP/err"
	rc=$?
	set -e
	expect_eq "no module: $args" "$rc" 2
	expect_eq "no module message: $args" "$(cat "$TMP/err")" \
		"mempoolctl: the mpool module is not loaded (no generic netlink family \"mpool\"); load it with 'modprobe mpool'"
	[ ! -s "$TMP/out" ] || fail "no module: $args printed on stdout"
done
set +e
MEMPOOLCTL_FAKE_NOGROUP=1 $m monitor --count 1 2>"$TMP/err"
expect_eq "no monitor group" "$?:$(cat "$TMP/err")" "2:mempoolctl: monitor: the mpool module has no \"monitor\" multicast group"
set -e

# ---- interrupted dumps are asked again ----
: >"$TMP/requests"
MEMPOOLCTL_FAKE_DUMP_INTR=2 $m list --names >"$TMP/out"
expect_eq "list after two interrupted dumps" "$(tr '\n' ' ' <"$TMP/out")" "demo_conn demo_frame fake_busy kbuf fake_wide demo_archive fake_archive "
expect_eq "dumps sent" "$(grep -c '^dump 2$' "$TMP/requests")" 3
set +e
MEMPOOLCTL_FAKE_DUMP_INTR=1000 $m -j list >"$TMP/out" 2>"$TMP/err"
expect_eq "always interrupted" "$?" 2
set -e
expect_eq "always interrupted message" "$(cat "$TMP/err")" "mempoolctl: pool-get dump: pools kept changing during 10 attempts"
[ ! -s "$TMP/out" ] || fail "partial JSON printed"
echo "failures handled"
