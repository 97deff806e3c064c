#!/bin/sh
# The kernel's own generic netlink client (tools/net/ynl/cli.py of the same kernel
# source) reads and changes pools with our YNL spec: the spec is the real interface.
set -e
ynl() {
	python3 /ynl/cli.py --spec /ynl/mpool.yaml --no-schema --output-json "$@"
}
ynl --do version-get | tee /tmp/ynl.out
grep -q "\"module\": \"$(cat /sys/module/mpool/version)\"" /tmp/ynl.out

ynl --dump pool-get >/tmp/ynl.out
grep -q '"name": "demo_conn"' /tmp/ynl.out
grep -q '"name": "demo_frame"' /tmp/ynl.out
ynl --do pool-get --json '{"name": "demo_conn"}' >/tmp/ynl.out
grep -q '"live": 32' /tmp/ynl.out
grep -q '"object-size": 256' /tmp/ynl.out

ynl --do pool-set --json '{"name": "demo_frame", "magazine-size": 16}'
ynl --do pool-get --json '{"name": "demo_frame"}' | grep -q '"magazine-size": 16'
ynl --do pool-set --json '{"name": "demo_frame", "magazine-size": 8}'
ynl --do node-stats-get --json '{"name": "demo_conn"}' | grep -q '"cpu-node"'
echo "cli.py: version, dump, get, set and node stats answered"
