# SPDX-License-Identifier: GPL-2.0
#
# mpool: kernel module (kmod/), control tool (tool/) and their tests.
# `make help` lists the targets.

VERSION := $(shell sed -n 's/^\#define MPOOL_VERSION "\(.*\)"/\1/p' kmod/version.h)
PREFIX ?= /usr/local
DESTDIR ?=

# The kernel to build against: KDIR=... wins; otherwise scripts/kdir.sh picks the running
# kernel's build dir or the newest installed headers. Evaluated once, only when needed.
KDIR ?= $(eval KDIR := $$(shell scripts/kdir.sh))$(KDIR)

# W=1 and -Werror for our own builds (DKMS builds leave both off, see kmod/Kbuild).
KBUILD_ARGS = -C $(KDIR) M=$(CURDIR) W=1 MPOOL_WERROR=y

all: module tool

need-kdir:
	@test -n "$(KDIR)" || exit 1

module: need-kdir
	$(MAKE) $(KBUILD_ARGS) modules

tool:
	$(MAKE) -C tool

deps:
	scripts/deps.sh

# The whole test suite: host tests, the debug-kernel VM, the stock-kernel VMs, DKMS.
check: deps
	tests/check.sh

# Build, boot Debian's stock 6.12 in QEMU, run the log server (tests/logserver) on mpool
# and on kmalloc under the same load, side by side, then show mempoolctl.
demo: deps
	tests/vm/demo.sh

# Benchmarks against kmem_cache, kmalloc, mempool_t and objpool: User-Mode Linux (native
# speed, one CPU) and Debian's stock 6.12 in QEMU (ratios, scaling). Not part of check.
bench: deps
	tests/bench/bench.sh

# The cached debug test kernel (tests/vm/debug.config); check builds it when missing.
kernel: deps
	tests/vm/kernel.sh

install: all
	$(MAKE) $(KBUILD_ARGS) INSTALL_MOD_DIR=updates modules_install
	install -D -m 0755 tool/mempoolctl $(DESTDIR)$(PREFIX)/sbin/mempoolctl
	install -D -m 0644 tool/mempoolctl.8 $(DESTDIR)$(PREFIX)/share/man/man8/mempoolctl.8
	install -D -m 0644 tool/completion/mempoolctl.bash \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/mempoolctl

# The files DKMS builds from (the top Kbuild also builds tests/demo, tests/logserver, and
# tests/kunit on KUnit kernels).
DKMS_SOURCE_TREE ?= $(DESTDIR)/usr/src
DKMS_FILES := Kbuild dkms.conf kmod include tests/kunit tests/demo tests/logserver

dkms-source:
	rm -rf $(DKMS_SOURCE_TREE)/mpool-$(VERSION)
	mkdir -p $(DKMS_SOURCE_TREE)/mpool-$(VERSION)
	tar -c --exclude='*.o' --exclude='*.ko' --exclude='*.cmd' --exclude='*.mod*' \
		--exclude=tests/logserver/loadgen \
		$(DKMS_FILES) | tar -x -C $(DKMS_SOURCE_TREE)/mpool-$(VERSION)

# Register this tree with DKMS so the module follows kernel upgrades.
dkms-install: dkms-source
	dkms add mpool/$(VERSION)
	dkms build mpool/$(VERSION)
	dkms install mpool/$(VERSION)

dkms-remove:
	dkms remove mpool/$(VERSION) --all
	rm -rf $(DKMS_SOURCE_TREE)/mpool-$(VERSION)

clean:
	@if [ -n "$(KDIR)" ]; then $(MAKE) -C $(KDIR) M=$(CURDIR) clean; fi
	$(MAKE) -C tool clean
	$(MAKE) -C tests/logserver/loadgen clean
	rm -rf build

help:
	@echo "mpool $(VERSION) targets:"
	@echo "  all           build mpool.ko (against KDIR) and tool/mempoolctl (default)"
	@echo "  module, tool  build one of them"
	@echo "  deps          install every package the project needs (apt-get, idempotent)"
	@echo "  check         run all tests: host, debug-kernel VM (KUnit), stock 6.12/6.1 VMs, DKMS"
	@echo "  demo          boot Debian's stock 6.12 in QEMU: the log server on mpool vs kmalloc"
	@echo "  kernel        build the cached debug test kernel"
	@echo "  bench         benchmarks vs kmem_cache/kmalloc/mempool/objpool (UML + QEMU), build/bench/"
	@echo "  install       install the module (modules_install, updates/) and mempoolctl"
	@echo "  dkms-install  install the sources under /usr/src and build them with DKMS"
	@echo "  dkms-remove   undo dkms-install"
	@echo "  clean         remove build outputs"
	@echo "Variables: KDIR=<kernel build dir>, PREFIX=$(PREFIX), DESTDIR="

.PHONY: all need-kdir module tool deps check demo bench kernel install dkms-source \
	dkms-install dkms-remove clean help
