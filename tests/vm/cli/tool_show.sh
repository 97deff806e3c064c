#!/bin/sh
# `mempoolctl show POOL` reports configuration, the adaptive controller and its last
# adaptation, gauges, counters, the node matrix of the 2-node guest, the lifetime
# histogram (track pools only) and suggestions, by name and by id:N.
# (tests/vm/cli/tool_kbuf.sh shows the buffer pool kbuf.)
. /tests/lib.sh
# expect FILE: every line of stdin is a line of FILE (exact), or a glob when it starts
# with '~'.
expect() {
	# shellcheck disable=SC2254 # ${want#~} is a glob
	while IFS= read -r want; do
		found=0
		while IFS= read -r l; do
			case $want in
			'~'*) case $l in ${want#\~}) found=1; break ;; esac ;;
			*) [ "$l" = "$want" ] && { found=1; break; } ;;
			esac
		done <"$1"
		[ $found = 1 ] || { cat "$1"; fail "no line '$want'"; }
	done
}
mempoolctl show demo_conn >/tmp/show || fail "show exited $?"
expect /tmp/show <<'LINES'
~pool demo_conn (id [0-9]*, object pool)
  object size      256 (stride 256)
  flags            none
  min-objects      16
  max-objects      4096
  node             every node
  live             32
~  magazine-size    [1-9]*
~  hit rate         [0-9]*.[0-9]%
~  adaptive         o*
~  last adaptation: * (*)
~allocations ([0-9]*)
adaptive controller
~  adapt-expansions [0-9]*
~  alloc-magazine   [0-9]* (*)
~nodes *
~  node 1 *
lifetime (not tracked: the pool lacks the track flag)
suggestions
LINES
mempoolctl show demo_frame >/tmp/show || fail "show demo_frame exited $?"
cat /tmp/show
expect /tmp/show <<'LINES'
  flags            poison,track
  object size      1.5K (stride 1.5K)
  max-objects      1024
  min-objects      0
  live             8
~lifetime ([0-9]* objects freed)
LINES
read -r title </tmp/show
id=${title#*(id }
id=${id%%,*}
mempoolctl show "id:$id" >/tmp/show || fail "show id:$id exited $?"
read -r title2 </tmp/show
[ "$title2" = "$title" ] || fail "show id:$id: $title2"
mempoolctl --bytes show demo_frame >/tmp/show
expect /tmp/show <<'LINES'
~  object size      1500 (stride [0-9]*)
LINES
