#!/bin/sh
# Loading mpool creates its debugfs directory.
test -d /sys/kernel/debug/mpool
