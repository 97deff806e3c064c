#!/bin/sh
# The kernel's own generic netlink client (tools/net/ynl of the same kernel source)
# reads and changes pools with our YNL spec: the spec is the real interface. Requests
# of a managed pool's attributes the tool never sends (out of range, missing, for the
# wrong kind of pool) are refused with the right error and message. cli.py
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
import errno
import sys
sys.path.insert(0, '/ynl')
from lib import NlError, YnlFamily

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

# The managed pool: its nest and generations, and requests of its attributes the
# kernel must refuse (out of the policy's range, missing, or for the wrong pool).
arch = ynl.do('pool-get', {'name': 'demo_archive'}, None)
expect('demo_archive max-size', arch['managed']['max-size'], 1024)
expect('demo_archive generations', len(arch['managed']['generation']), 3)
no_slabs = 'mpool: a managed pool has no slabs or magazines: see pool-collect'
for op, attrs, err, msg in (
        ('pool-set', {'name': 'demo_archive', 'promote-after': 0}, errno.ERANGE, None),
        ('pool-set', {'name': 'demo_archive', 'promote-after': 256}, errno.ERANGE, None),
        ('pool-set', {'name': 'demo_archive', 'young-interval': 0}, errno.ERANGE, None),
        ('pool-set', {'name': 'demo_archive', 'old-interval': 3600001}, errno.ERANGE, None),
        ('pool-set', {'name': 'demo_archive', 'old-sparse-pct': 101}, errno.ERANGE, None),
        ('pool-set', {'name': 'demo_archive', 'magazine-size': 8}, errno.EOPNOTSUPP,
         'a managed pool has no slabs or magazines: only its generation and cold-tier policy can be set'),
        ('pool-set', {'name': 'demo_conn', 'promote-after': 2}, errno.EINVAL,
         'only a managed pool has a generation or cold-tier policy'),
        ('pool-set', {'name': 'demo_archive', 'cold-high-pct': 101}, errno.ERANGE, None),
        ('pool-set', {'name': 'demo_archive', 'cold-permanent': 2}, errno.ERANGE, None),
        ('pool-set', {'name': 'demo_archive', 'cold-low-pct': 95}, errno.EINVAL,
         'cold low watermark not below the high one'),
        ('pool-set', {'name': 'demo_conn', 'cold-age': 500}, errno.EINVAL,
         'only a managed pool has a generation or cold-tier policy'),
        ('pool-collect', {'name': 'demo_archive'}, errno.EINVAL, None),
        ('pool-collect', {'name': 'demo_archive', 'generation': 3}, errno.ERANGE, None),
        ('pool-collect', {'name': 'demo_archive', 'generation': 'permanent'}, errno.EINVAL,
         'generation: permanent objects are never collected'),
        ('pool-collect', {'name': 'demo_conn', 'generation': 'young'}, errno.EOPNOTSUPP,
         'mpool: only a managed pool is collected: see pool-shrink'),
        ('pool-warm', {'name': 'demo_archive', 'count': 1}, errno.EINVAL,
         'a managed pool is warmed in bytes, on the nodes it allocates from'),
        ('pool-warm', {'name': 'demo_archive', 'bytes': 5 << 20}, errno.EINVAL,
         "bytes: above the pool's budget or the machine's memory"),
        ('pool-warm', {'name': 'demo_conn', 'bytes': 4096}, errno.EINVAL,
         'bytes: only a managed pool is warmed in bytes; give count'),
        ('node-stats-get', {'name': 'demo_archive'}, errno.EOPNOTSUPP, no_slabs)):
    try:
        ynl.do(op, attrs, None)
    except NlError as e:
        expect(f'{op} {attrs}: error', e.error, err)
        if msg:
            expect(f'{op} {attrs}: message', e.nl_msg.extack.get('msg'), msg)
        continue
    sys.exit(f'FAIL: {op} {attrs} was not refused')
arch = ynl.do('pool-get', {'name': 'demo_archive'}, None)['managed']
expect('refused requests changed nothing',
       (arch['promote-after'], arch['young-interval'], arch['old-interval'], arch['old-sparse-pct']),
       (2, 100, 1000, 50))
cold = arch['cold']
expect('refused cold requests changed nothing', (cold['high-pct'], cold['low-pct'], cold['permanent']),
       (80, 60, 0))

# pool-warm of a managed pool: bytes, its warm level in pool-get; 0 gives it up.
ynl.do('pool-warm', {'name': 'demo_archive', 'bytes': 65536}, None)
arch = ynl.do('pool-get', {'name': 'demo_archive'}, None)['managed']
expect('warm-bytes after pool-warm', arch['warm-bytes'], 65536)
expect('held after pool-warm', arch['held-bytes'] >= 65536, True)
ynl.do('pool-warm', {'name': 'demo_archive', 'bytes': 0}, None)
expect('warm-bytes after pool-warm of 0',
       ynl.do('pool-get', {'name': 'demo_archive'}, None)['managed']['warm-bytes'], 0)

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
age = archive['managed']['cold']['cold-age']
ynl.do('pool-set', {'name': 'demo_archive', 'cold-age': age * 2, 'cold-permanent': 1}, None)
cold = ynl.do('pool-get', {'name': 'demo_archive'}, None)['managed']['cold']
expect('demo_archive cold tier after pool-set', (cold['cold-age'], cold['permanent']), (age * 2, 1))
ynl.do('pool-set', {'name': 'demo_archive', 'cold-age': age, 'cold-permanent': 0}, None)
print('YnlFamily: dump, get, set, node stats and a managed pool answered')
EOF
echo "cli.py: version; YnlFamily: dump, get, set, node stats and a managed pool answered"
