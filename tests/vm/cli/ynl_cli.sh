#!/bin/sh
# The kernel's own generic netlink client (tools/net/ynl of the same kernel source)
# reads and changes pools with our YNL spec: the spec is the real interface. cli.py
# itself answers version-get; the other requests go through its library (YnlFamily,
# what cli.py runs) in one Python process, because each Python start parses the spec
# anew and costs over ten seconds in the debug guest.
. /tests/lib.sh
python3 /ynl/cli.py --spec /ynl/mpool.yaml --no-schema --output-json --do version-get \
	>/tmp/ynl.out || fail "cli.py version-get exited $?"
cat /tmp/ynl.out
grep -q "\"module\": \"$(cat /sys/module/mpool/version)\"" /tmp/ynl.out ||
	fail "cli.py: module version is not $(cat /sys/module/mpool/version)"

python3 - <<'EOF' || fail "YnlFamily requests, see above"
import sys
sys.path.insert(0, '/ynl')
from lib import YnlFamily

ynl = YnlFamily('/ynl/mpool.yaml', '')


def expect(what, got, want):
    if got != want:
        sys.exit(f'FAIL: {what}: got {got!r}, want {want!r}')


names = {p['name'] for p in ynl.dump('pool-get', {})}
for name in ('demo_conn', 'demo_frame', 'kbuf'):
    expect(f'{name} in the pool dump', name in names, True)

conn = ynl.do('pool-get', {'name': 'demo_conn'}, None)
expect('demo_conn live', conn['stats']['live'], 32)
expect('demo_conn object-size', conn['info']['object-size'], 256)

for size in (16, 8):
    ynl.do('pool-set', {'name': 'demo_frame', 'magazine-size': size}, None)
    frame = ynl.do('pool-get', {'name': 'demo_frame'}, None)
    expect('demo_frame magazine-size after pool-set', frame['info']['magazine-size'], size)

pairs = ynl.do('node-stats-get', {'name': 'demo_conn'}, None).get('node-pair', [])
expect('node-stats-get answers node pairs', len(pairs) > 0, True)
for pair in pairs:
    expect('node pair has both nodes', 'cpu-node' in pair and 'object-node' in pair, True)

# A managed pool: its generations nest, pool-collect and its policy through pool-set.
archive = ynl.do('pool-get', {'name': 'demo_archive'}, None)
expect('demo_archive kind', archive['kind'], 'managed')
gens = {g['generation']: g for g in archive['managed']['generation']}
expect('demo_archive generations', sorted(gens), ['old', 'permanent', 'young'])
live = sum(g['live-objects'] for g in gens.values())
expect('demo_archive live objects', live, 48)
expect('demo_archive permanent objects', gens['permanent']['live-objects'], 6)
done = ynl.do('pool-collect', {'name': 'demo_archive', 'generation': 'young'}, None)
expect('pool-collect counts its collection', done['collected']['collections'], 1)
expect('pool-collect names the generation', done['collected']['generation'], 'young')
ynl.do('pool-set', {'name': 'demo_archive', 'promote-after': 7}, None)
archive = ynl.do('pool-get', {'name': 'demo_archive'}, None)
expect('demo_archive promote-after after pool-set', archive['managed']['promote-after'], 7)
print('YnlFamily: dump, get, set, node stats and a managed pool answered')
EOF
echo "cli.py: version; YnlFamily: dump, get, set, node stats and a managed pool answered"
