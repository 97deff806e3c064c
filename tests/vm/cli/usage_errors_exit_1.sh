#!/bin/sh
# Usage errors exit 1 with a message, and never reach the kernel.
expect_usage() {
	"$@" >/tmp/usage.out 2>&1
	rc=$?
	cat /tmp/usage.out
	[ $rc = 1 ] && grep -q usage /tmp/usage.out || { echo "'$*' exited $rc"; exit 1; }
}
expect_usage mempoolctl
expect_usage mempoolctl no-such-command
expect_usage mempoolctl version extra-argument
expect_usage mempoolctl --no-such-option version
