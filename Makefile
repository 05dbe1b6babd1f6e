# SPDX-License-Identifier: GPL-2.0
#
#   make            build kmod/vrrp.ko and tool/vrrpadm
#   make demo       a live two-router demo inside a qemu VM
#   make check      every test: unit, tool, kernel build checks, DKMS, VM
#                   scenarios on the stock, debug and rt kernels (what CI runs)
#   make check-stock   the same, the scenarios on the stock kernel only
#   make check-matrix  the same, every scenario on all three kernels at
#                   full scale (CI runs each once, on the kernel in
#                   tests/run-all's lists, rounds scaled down)
#   make install    the module under /lib/modules/$(KVER)/extra, vrrpadm
#                   under $(PREFIX)/sbin
#   make lint       W=1 and sparse warnings, checkpatch
#   make fuzz       libFuzzer on the protocol core, FUZZ_SECONDS (300) per
#                   harness; crashes are kept in tests/fuzz/regressions/
#   make bench      benchmarks against keepalived in the VM, BENCH_SECS (60)
#                   per run, BENCH_KERNEL (stock or rt); figures and plots
#                   go to bench/results/ (bench/run)
#
# `demo` and `check` install the Debian packages they need first
# (scripts/install-deps, a no-op when everything is there).

KVER ?= $(shell scripts/kernel-release)
KDIR ?= /lib/modules/$(KVER)/build
PREFIX ?= /usr/local
DEPMOD ?= depmod
FUZZ_SECONDS ?= 300
BENCH_SECS ?= 60
BENCH_KERNEL ?= stock

all: module tool

module:
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

tool:
	$(MAKE) -C tool

deps:
	scripts/install-deps

demo: deps
	$(MAKE) all
	tests/vm/run tests/demo.sh

check: deps
	tests/run-all

check-stock: deps
	VRRP_CHECK_KERNELS=stock tests/run-all

check-matrix: deps
	VRRP_CHECK_ALL=1 tests/run-all

lint: deps
	tests/lint

fuzz: deps
	tests/fuzz/run $(FUZZ_SECONDS)

bench: deps
	bench/run --kernel $(BENCH_KERNEL) --secs $(BENCH_SECS)

install: all
	install -D -m 0644 kmod/vrrp.ko $(DESTDIR)/lib/modules/$(KVER)/extra/vrrp.ko
	$(if $(DESTDIR),,$(DEPMOD) -a $(KVER))
	$(MAKE) -C tool install PREFIX=$(PREFIX)

uninstall:
	rm -f $(DESTDIR)/lib/modules/$(KVER)/extra/vrrp.ko
	$(if $(DESTDIR),,$(DEPMOD) -a $(KVER))
	rm -f $(DESTDIR)$(PREFIX)/sbin/vrrpadm $(DESTDIR)$(PREFIX)/share/man/man8/vrrpadm.8 \
		$(DESTDIR)$(PREFIX)/share/man/man5/vrrp.conf.5 \
		$(DESTDIR)$(PREFIX)/lib/systemd/system/vrrp.service \
		$(DESTDIR)$(PREFIX)/lib/systemd/system/vrrp-check@.service \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/vrrpadm \
		$(DESTDIR)/etc/vrrp/vrrp.conf.example

clean:
	$(MAKE) -C $(KDIR) M=$(CURDIR) clean
	$(MAKE) -C tool clean
	$(MAKE) -C tests/unit clean

.PHONY: all module tool deps demo check check-stock check-matrix lint fuzz bench install uninstall clean
