#!/bin/sh
# kbuf, the default buffer pool, as mempoolctl sees it right after load: one line of
# kind "buffer" in `list` (not one per class), and `show kbuf` with its 16 classes
# (64 B to 2 MiB; the 512 class holding mpool_demo.ko's 16 log lines of 300 bytes),
# the histogram of the sizes asked, oversize and fragmentation, the adaptive line and
# the last adaptation; the class-get reply (16 classes, ~30 KB) read whole, in text
# and in JSON (checked by jsoncheck).
. /tests/lib.sh
command -v jsoncheck >/dev/null ||
	fail "jsoncheck is not in the guest (build tool/tests/jsoncheck, ship it in the initramfs)"

# ---- list ----
mempoolctl list >/tmp/list || fail "list exited $?"
cat /tmp/list
[ "$(awk '$2 == "kbuf" { print $3, $NF }' /tmp/list)" = "<=2.0M buffer" ] ||
	fail "kbuf's OBJSIZE and KIND: $(awk '$2 == "kbuf"' /tmp/list)"
[ "$(awk '$2 ~ /^kbuf/' /tmp/list | grep -c .)" = 1 ] || fail "kbuf listed more than once (per class?)"
[ "$(awk '$2 == "demo_conn" { print $NF }' /tmp/list)" = object ] || fail "demo_conn KIND"
mempoolctl list --names | grep -qx kbuf || fail "--names lacks kbuf"

# ---- show kbuf ----
mempoolctl show kbuf >/tmp/show || fail "show kbuf exited $?"
cat /tmp/show
# has GLOB: a line of /tmp/show matches
has() {
	while IFS= read -r l; do
		# shellcheck disable=SC2254 # $1 is a glob
		case $l in $1) return 0 ;; esac
	done </tmp/show
	fail "show kbuf: no line '$1'"
}
has "pool kbuf (id [0-9]*, buffer pool)"
has "  classes          16 (64 to 2.0M)"
has "  adaptive         on, every [0-9]* s, rebalancing o*"
has "  last adaptation: * (*)"
has "  fragmentation    *% of the granted bytes unused (internal)"
has "  oversize         [0-9]* allocs, [0-9]* frees, [0-9]* live (above the largest class: kvmalloc)"
has "sizes asked ([0-9]* allocations)"
has "classes (16)"
has "  SIZE  MIN   MAX  LIVE  CACHED  OBJECTS  PAGES  PEAK  ALLOCS  FRAG%"
# The 512 class: the demo's 16 lines in use; a bar in the 256-512 bucket.
# shellcheck disable=SC2046 # the row's fields
set -- $(awk '$1 == "512" && NF == 10' /tmp/show)
[ "$4" = 16 ] || fail "512 class: LIVE '$4', want 16 (row: $*)"
[ "$(sed -n '/^classes (16)/,/^nodes/p' /tmp/show | awk 'NF == 10 && $1 ~ /^[0-9.]+[KM]?$/' | grep -c .)" = 16 ] ||
	fail "want 16 class rows"
bucket=$(awk '$1 == "256" && $2 == "-" && $3 == "512" { print $4 }' /tmp/show)
[ -n "$bucket" ] && [ "$bucket" -ge 16 ] || fail "size histogram: 256 - 512 bucket '$bucket'"

# ---- JSON ----
mempoolctl -j --color=always show kbuf >/tmp/j.json || fail "show -j exited $?"
jsoncheck kind info.classes 'classes#' classes.0.size classes.3.size classes.3.stats.live \
	classes.15.size 'size_hist#' info.adaptive info.adapt_interval 'classes.3.size_hist#' \
	</tmp/j.json >/tmp/vals || { cat /tmp/j.json; fail "show -j: invalid JSON or a field missing"; }
[ "$(tr '\n' ' ' </tmp/vals)" = "buffer 16 16 64 512 16 2097152 32 true 300 32 " ] ||
	fail "show -j: $(tr '\n' ' ' </tmp/vals)"
jsoncheck info.last_adaptation info.last_adaptation_time stats.fragmentation stats.requested_bytes \
	stats.granted_bytes stats.oversize_allocs stats.oversize_live classes.3.stats.fragmentation \
	classes.3.info.max_objects 'nodes#' 'suggestions#' </tmp/j.json >/tmp/vals || fail "buffer fields"
mempoolctl -j list >/tmp/j.json || fail "list -j"
n=$(jsoncheck 'pools#' </tmp/j.json)
i=0
while [ $i -lt "$n" ]; do
	[ "$(jsoncheck pools.$i.name </tmp/j.json)" = kbuf ] && break
	i=$((i + 1))
done
[ $i -lt "$n" ] || fail "kbuf missing from list -j"
[ "$(jsoncheck pools.$i.kind pools.$i.info.classes </tmp/j.json | tr '\n' ' ')" = "buffer 16 " ] ||
	fail "list -j: kbuf's kind and classes"
