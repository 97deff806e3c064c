#!/bin/bash
# The real mempoolctl (nl.c on libnl-genl-3) over netlink sockets answered by the host
# tests' fake kernel (tool/tests/nl_preload.c, LD_PRELOAD): the transport the fake
# binary replaces works end to end.
#  - libnl resolves the family and the "monitor" group; version, list, show, stats,
#    monitor print exactly what mempoolctl-fake prints for the same pools;
#  - a class-get reply of 24 classes (fake_wide: ~44 KB in one message) and the ack
#    behind it are read whole, in text and JSON; with the receive buffer libnl leaves
#    by default (32 KB, doubled by the kernel) the ack is dropped and the command
#    fails (ENOBUFS), which shows the check means something;
#  - kernel refusals come back through extended acks ("mempoolctl: kernel: ..."),
#    changes are made (a managed pool collected and its policy set), interrupted dumps are asked again, a missing family or group
#    is reported plainly.
. "$(dirname "$0")/lib.sh"
make -s -C tool mempoolctl tests/nl_preload.so tests/mempoolctl-fake tests/jsoncheck >/dev/null
export MEMPOOLCTL_FAKE_STATE=$TMP/state TZ=UTC
unset NO_COLOR
real() {
	LD_PRELOAD=$TOP/tool/tests/nl_preload.so tool/mempoolctl "$@"
}
fake=tool/tests/mempoolctl-fake
jc=tool/tests/jsoncheck

# same CMD...: the real transport and the fake print the same, and succeed.
same() {
	real "$@" >"$TMP/real" 2>&1 || { cat "$TMP/real"; fail "real mempoolctl $* failed"; }
	"$fake" "$@" >"$TMP/fake" 2>&1 || { cat "$TMP/fake"; fail "mempoolctl-fake $* failed"; }
	diff -u "$TMP/fake" "$TMP/real" || fail "mempoolctl $*: the real transport differs"
}

# ---- reads, through the real transport ----
expect_eq "version" "$(real version | tr '\n' ' ')" "mempoolctl $(sed -n 's/^#define MPOOL_VERSION "\(.*\)"/\1/p' kmod/version.h) mpool.ko fake "
same list --names
same list --sort name
same -j list
same show fake_wide
same -j show fake_wide
same show kbuf
same --bytes show kbuf
same -j show kbuf
same show demo_frame
same show fake_archive
same -j show demo_archive
same stats demo_archive
same stats kbuf
same -j stats fake_wide
real -j show fake_wide >"$TMP/j"
expect_eq "24 classes read whole" "$($jc 'classes#' classes.23.size classes.23.info.object_size 'classes.23.size_hist#' 'nodes#' <"$TMP/j" | tr '\n' ' ')" \
	"24 262144 262144 32 4 "

# The receive buffer libnl gives by default is too small for that reply's ack.
set +e
NL_PRELOAD_RMEM_MAX=32768 real show fake_wide >"$TMP/out" 2>"$TMP/err"
rc=$?
set -e
expect_eq "small receive buffer: status" "$rc" 2
expect_eq "small receive buffer: message" "$(cat "$TMP/err")" "mempoolctl: class-get: Cannot allocate memory"
# kbuf's 16 classes (~29 KB) still fit there; fake_wide's do with rmem_max at 212992.
NL_PRELOAD_RMEM_MAX=32768 real show kbuf >/dev/null || fail "16 classes with a small buffer"
NL_PRELOAD_RMEM_MAX=212992 real show fake_wide >/dev/null || fail "24 classes with the default rmem_max"

# ---- notifications ----
real monitor --count 4 >"$TMP/real"
"$fake" monitor --count 4 >"$TMP/fake"
# The time of arrival differs; the rest not.
expect_eq "monitor" "$(cut -d' ' -f3- "$TMP/real")" "$(cut -d' ' -f3- "$TMP/fake")"
expect_eq "monitor events" "$(awk '{ printf "%s %s ", $3, $4 }' "$TMP/real")" \
	"add fake_tmp change demo_conn limit demo_frame del fake_tmp "

# ---- changes and refusals ----
expect_eq "resize" "$(real resize kbuf --class 512 --min 8)" "kbuf class 512: min-objects=8"
expect_eq "seen by the fake" "$("$fake" -j show kbuf | $jc classes.3.info.min_objects)" 8
real resize kbuf --class 512 --min 0 >/dev/null
expect_eq "rebalance" "$(real -j rebalance kbuf --from 0 --to 1 --class 64K)" \
	'{"pool":"kbuf","class_size":65536,"from_node":0,"to_node":1,"moved":0}'
real set kbuf adaptive=off adapt-interval=600 >/dev/null
expect_eq "set adaptive" "$("$fake" -j show kbuf | $jc info.adaptive info.adapt_interval | tr '\n' ' ')" "false 600 "
real set kbuf adaptive=on adapt-interval=300 >/dev/null
# A managed pool's collection (its reply, a generation-stats nest) and policy.
expect_eq "collect" "$(real -j collect demo_archive --gen young | $jc name generation collected.promoted_out | tr '\n' ' ')" \
	"demo_archive young 3 "
real set demo_archive promote-after=7 >/dev/null
expect_eq "set managed policy" "$("$fake" -j show demo_archive | $jc managed.promote_after managed.generations.young.collections | tr '\n' ' ')" "7 121 "
expect_eq "warm --class, shrink" "$(real warm kbuf 8 --class 4K && real --bytes shrink kbuf)" \
	"kbuf class 4096: 8 objects ready
kbuf: released 131072"
for c in "resize kbuf --class 512 --max 4" "resize kbuf --class 8M --min 1" "set kbuf min-objects=1" \
	"warm kbuf 1" "rebalance demo_conn --from 0 --to 5" "show no_such_pool" "show id:77" \
	"collect demo_conn" "warm demo_archive 1" "set demo_archive magazine-size=8"; do
	set +e
	real $c >"$TMP/out" 2>"$TMP/err"
	rc=$?
	"$fake" $c >/dev/null 2>"$TMP/ferr"
	set -e
	expect_eq "status of $c" "$rc" 2
	[ ! -s "$TMP/out" ] || fail "$c printed on stdout"
	grep -q '^mempoolctl: kernel: ' "$TMP/err" || fail "$c: no kernel message: $(cat "$TMP/err")"
	expect_eq "stderr of $c" "$(cat "$TMP/err")" "$(cat "$TMP/ferr")"
done
expect_eq "EBUSY" "$(real resize kbuf --class 512 --max 4 2>&1)" \
	"mempoolctl: kernel: max-objects: below the objects in use
mempoolctl: class-set: Device or resource busy"

# ---- dumps asked again, no family, no group ----
expect_eq "interrupted dumps" "$(MEMPOOLCTL_FAKE_DUMP_INTR=2 real list --names | tr '\n' ' ')" \
	"demo_conn demo_frame fake_busy kbuf fake_wide demo_archive fake_archive "
set +e
MEMPOOLCTL_FAKE_DUMP_INTR=100 real list >/dev/null 2>"$TMP/err"
rc=$?
set -e
expect_eq "always interrupted" "$rc:$(cat "$TMP/err")" "2:mempoolctl: pool-get dump: pools kept changing during 10 attempts"
set +e
MEMPOOLCTL_FAKE_NOMODULE=1 real show kbuf >/dev/null 2>"$TMP/err"
rc=$?
set -e
expect_eq "no family" "$rc:$(cat "$TMP/err")" \
	"2:mempoolctl: the mpool module is not loaded (no generic netlink family \"mpool\"); load it with 'modprobe mpool'"
set +e
MEMPOOLCTL_FAKE_NOGROUP=1 real monitor --count 1 >/dev/null 2>"$TMP/err"
rc=$?
set -e
expect_eq "no group" "$rc:$(cat "$TMP/err")" "2:mempoolctl: monitor: the mpool module has no \"monitor\" multicast group"
echo "the real transport reads everything whole"
