#!/bin/sh
# A user without CAP_NET_ADMIN (nobody, through busybox su) gets EPERM, exit 2, from
# every command that changes a pool (resize, rebalance, collect, compress and a managed
# pool's set, its cold-tier keys too), changes nothing, and can still read everything
# (show kbuf and the managed pool demo_archive too).
. /tests/lib.sh
# busybox su needs the account; the initramfs has no /etc of its own.
mkdir -p /etc
grep -q '^root:' /etc/passwd 2>/dev/null || echo 'root:x:0:0:root:/:/bin/sh' >>/etc/passwd
grep -q '^nobody:' /etc/passwd || echo 'nobody:x:65534:65534:nobody:/:/bin/sh' >>/etc/passwd
grep -q '^nogroup:' /etc/group 2>/dev/null || echo 'nogroup:x:65534:' >>/etc/group
mkdir -p /tmp/unpriv
chmod 777 /tmp/unpriv
forced=$(sed -n 's/^cold-forced-runs //p' /sys/kernel/debug/mpool/demo_archive/stats)
[ -n "$forced" ] || fail "demo_archive has no cold tier in debugfs"

# One shell as nobody runs every command; "rc CMD" lines record the outcomes.
cat >/tmp/unpriv/run.sh <<'SCRIPT'
cd /tmp/unpriv
id -u >uid
n=0
while IFS= read -r cmd; do
	n=$((n + 1))
	eval "mempoolctl $cmd" </dev/null >out.$n 2>err.$n
	echo "$? $cmd"
done
SCRIPT
su -s /bin/sh nobody -c 'sh /tmp/unpriv/run.sh' >/tmp/unpriv/results <<'CMDS'
warm demo_conn 1
warm demo_frame 1 --node 0
shrink demo_conn
-j shrink demo_frame
set demo_conn min-objects=20
set demo_frame poison=off
reset demo_conn
resize kbuf --class 512 --min 8
rebalance demo_conn --from 0 --to 1
set kbuf adaptive=off
collect demo_archive
set demo_archive promote-after=3
compress demo_archive
set demo_archive cold-age=4321 cold-permanent=on
version
list --names
-j show demo_frame
stats demo_conn
top --once
monitor --timeout 0.5
show kbuf
show demo_archive
-j stats demo_archive
CMDS
[ "$(cat /tmp/unpriv/uid)" = 65534 ] || fail "did not run as nobody"
n=0
while read -r rc cmd; do
	n=$((n + 1))
	if [ $n -le 14 ]; then
		[ "$rc" = 2 ] || fail "unprivileged '$cmd' exited $rc, want 2"
		[ ! -s /tmp/unpriv/out.$n ] || fail "unprivileged '$cmd' printed on stdout"
		read -r err </tmp/unpriv/err.$n
		case $err in
		"mempoolctl: pool-"*": Operation not permitted (needs CAP_NET_ADMIN)" | \
			"mempoolctl: class-set: Operation not permitted (needs CAP_NET_ADMIN)") echo "$cmd: $err" ;;
		*) fail "unprivileged '$cmd': $err" ;;
		esac
	else
		[ "$rc" = 0 ] || { cat /tmp/unpriv/err.$n; fail "unprivileged '$cmd' exited $rc"; }
	fi
done </tmp/unpriv/results
[ $n = 23 ] || fail "ran $n commands, want 23"
grep -qx demo_conn /tmp/unpriv/out.16 || fail "unprivileged list --names"
grep -qx demo_archive /tmp/unpriv/out.16 || fail "unprivileged list --names: no demo_archive"
grep -q '^pool kbuf (id [0-9]*, buffer pool)$' /tmp/unpriv/out.21 || fail "unprivileged show kbuf"
grep -q '^pool demo_archive (id [0-9]*, managed pool)$' /tmp/unpriv/out.22 ||
	fail "unprivileged show demo_archive"
grep -qx 'cold tier' /tmp/unpriv/out.22 ||
	fail "unprivileged show demo_archive: no cold tier section"
grep -q '"generations":{"young":' /tmp/unpriv/out.23 || fail "unprivileged stats -j demo_archive"
[ "$(sed -n 's/^cold-forced-runs //p' /sys/kernel/debug/mpool/demo_archive/stats)" = "$forced" ] ||
	fail "an unprivileged compress ran"
grep -qx 'promote-after 2' /sys/kernel/debug/mpool/demo_archive/config ||
	fail "an unprivileged set changed demo_archive's policy"
! grep -qx 'cold-age-ms 4321' /sys/kernel/debug/mpool/demo_archive/config ||
	fail "an unprivileged set changed demo_archive's cold age"
grep -qx 'cold-permanent no' /sys/kernel/debug/mpool/demo_archive/config ||
	fail "an unprivileged set changed demo_archive's cold-permanent"
mempoolctl show kbuf | grep -q '^  adaptive         on' || fail "an unprivileged set changed kbuf's controller"
mempoolctl show kbuf >/tmp/show || fail "show kbuf exited $?"
awk '$1 == "512" && NF == 10 { seen = 1; if ($2 != 0) bad = 1 } END { exit bad || !seen }' /tmp/show ||
	fail "an unprivileged resize changed kbuf (or no 512 row)"
mempoolctl show demo_conn >/tmp/show
awk '$0 == "  min-objects      16" { a = 1 } END { exit !a }' /tmp/show || fail "an unprivileged set changed min-objects"
mempoolctl show demo_frame >/tmp/show
awk '$0 == "  flags            poison,track" { a = 1 } END { exit !a }' /tmp/show || fail "an unprivileged set changed flags"
