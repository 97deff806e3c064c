#!/bin/sh
# -j on every read command prints valid JSON (checked by jsoncheck, a strict parser
# that also refuses raw escape characters, so no colour either) with the documented
# field names and the demo pools' real values.
. /tests/lib.sh
command -v jsoncheck >/dev/null ||
	fail "jsoncheck is not in the guest (build tool/tests/jsoncheck, ship it in the initramfs)"
# j ARGS... -- PATHS...: mempoolctl -j --color=always ARGS, validated, PATHS picked
# into /tmp/vals.
j() {
	args=
	while [ "$1" != -- ]; do args="$args $1"; shift; done
	shift
	mempoolctl -j --color=always $args >/tmp/j.json || fail "mempoolctl -j$args exited $?"
	jsoncheck -l "$@" </tmp/j.json >/tmp/vals || { cat /tmp/j.json; fail "mempoolctl -j$args: invalid JSON or missing field"; }
}
# vals WANT...: /tmp/vals, line by line; '#' is any unsigned number, '-#' any integer.
vals() {
	i=0
	while IFS= read -r v; do
		i=$((i + 1))
		eval "w=\${$i}"	# the i-th argument
		# shellcheck disable=SC2154
		case $w in
		'#') case $v in '' | *[!0-9]*) fail "value $i: '$v' is not a number" ;; esac ;;
		'-#') case ${v#-} in '' | *[!0-9]*) fail "value $i: '$v' is not an integer" ;; esac ;;
		*) [ "$v" = "$w" ] || fail "value $i: got '$v', want '$w'" ;;
		esac
	done </tmp/vals
	[ $i = $# ] || fail "got $i values, want $#"
}

j list -- 'pools#'
n=$(cat /tmp/vals)
paths=
i=0
while [ $i -lt "$n" ]; do paths="$paths pools.$i.name"; i=$((i + 1)); done
jsoncheck $paths </tmp/j.json >/tmp/vals
conn='' frame=''
i=0
while IFS= read -r name; do
	[ "$name" = demo_conn ] && conn=$i
	[ "$name" = demo_frame ] && frame=$i
	i=$((i + 1))
done </tmp/vals
[ -n "$conn" ] || fail "demo_conn missing from list"
[ -n "$frame" ] || fail "demo_frame missing from list"
c=pools.$conn
j list -- $c.kind $c.info.object_size $c.info.min_objects $c.info.max_objects $c.info.flags \
	$c.stats.live "$c.lifetime_hist#" pools.$frame.info.object_size pools.$frame.info.max_objects \
	pools.$frame.info.flags pools.$frame.stats.live pools.$frame.id
vals object 256 16 4096 '[]' 32 32 1500 1024 '["poison","track"]' 8 '#'
id=$(tail -n 1 /tmp/vals)
paths=
for f in alloc_magazine alloc_depot alloc_slab alloc_page alloc_reserve alloc_remote alloc_fail \
	alloc_capped free_magazine free_depot free_slab free_reserve free_remote slabs_grown \
	slabs_released shrinker_scans shrinker_freed poison_errors double_frees invalid_frees live \
	cached objects reserve slabs pages peak_live peak_live_time hit_rate efficiency; do
	paths="$paths $c.stats.$f"
done
for f in object_stride magazine_size slab_order objects_per_slab; do
	paths="$paths $c.info.$f"
done
jsoncheck $paths </tmp/j.json >/tmp/vals || fail "stats/info fields"
vals '#' '#' '#' '#' '#' '#' '#' '#' '#' '#' '#' '#' '#' '#' '#' '#' '#' '#' '#' '#' '#' '#' \
	'#' '#' '#' '#' '#' '#' '#' '#' '#' '#' '#' '#'
jsoncheck $c.info.node </tmp/j.json >/tmp/vals
vals '-#'

j show demo_frame -- name id 'lifetime_hist#' 'nodes#' nodes.3.cpu_node nodes.3.object_node \
	nodes.3.allocs nodes.3.frees 'suggestions#'
vals demo_frame "$id" 32 4 1 1 '#' '#' '#'
j show "id:$id" -- name
vals demo_frame
j stats demo_conn -- name stats.live stats.hit_rate
vals demo_conn 32 '#'
j stats demo_conn --watch 0.5 --count 2 -- rates.allocs rates.alloc_magazine gauges.live
[ "$(grep -c . /tmp/j.json)" = 2 ] || fail "--watch --count 2: $(cat /tmp/j.json)"
j top --iterations 2 --delay 0.5 -- interval
[ "$(head -n 1 /tmp/vals)" = null ] || fail "first top frame's interval"
[ "$(grep -c . /tmp/vals)" = 2 ] || fail "top frames"
j version -- module
vals "$(cat /sys/module/mpool/version)"
j shrink demo_frame -- pool released
vals demo_frame '#'
echo "JSON valid everywhere"
