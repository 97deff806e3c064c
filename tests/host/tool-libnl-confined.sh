#!/bin/bash
# nl.c is mempoolctl's only libnl user: no other tool source includes a libnl header,
# and every object but nl.o compiles with no libnl include path at all.
. "$(dirname "$0")/lib.sh"
users=$(grep -l -E '#include[[:space:]]*<netlink/' tool/*.c tool/*.h tool/tests/*.c || true)
expect_eq "files including libnl headers" "$users" "tool/nl.c"
cp -r tool include kmod "$TMP/"
make -s -C "$TMP/tool" clean
# With no pkg-config, only nl.o could notice; build everything else.
make -s -C "$TMP/tool" PKG_CONFIG=false attr.o parse.o format.o output.o pool.o suggest.o \
	main.o client.o cmd_version.o cmd_list.o cmd_show.o cmd_stats.o cmd_top.o cmd_ctl.o \
	cmd_monitor.o tests/mempoolctl-fake >"$TMP/log" 2>&1 || { cat "$TMP/log"; fail "build without libnl"; }
# And the real binary does link libnl (so the check above means something).
make -s -C tool mempoolctl >/dev/null
ldd tool/mempoolctl >"$TMP/ldd"
grep -q 'libnl-genl-3' "$TMP/ldd" || fail "mempoolctl does not link libnl-genl-3"
echo "libnl confined to tool/nl.c"
