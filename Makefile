# mq: build and test. `make test` starts throwaway RabbitMQ 3.10 and 4.0 nodes (scripts/broker) unless
# MQ_TEST_URL already points at a broker.
SWIFT ?= swift
PREFIX ?= /usr/local
DESTDIR ?=
# A binary to install instead of building the release one (the install test uses this).
MQ_BIN ?=
BINDIR = $(DESTDIR)$(PREFIX)/bin
MANDIR = $(DESTDIR)$(PREFIX)/share/man/man1
BASHDIR = $(DESTDIR)$(PREFIX)/share/bash-completion/completions
ZSHDIR = $(DESTDIR)$(PREFIX)/share/zsh/site-functions
FISHDIR = $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d

.PHONY: build release deb deb-test test demo broker broker-stop generated format lint install uninstall

build:
	@scripts/setup build
	$(SWIFT) build

# A release binary with the Swift runtime and libstdc++ linked in: it runs without a Swift
# toolchain and starts faster (no libstdc++ to load and bind, no search of its own folder for
# libraries). The Swift driver asks for -lstdc++ itself, so a folder holding only libstdc++.a
# comes first in the search. libgcc is linked in too, so the binary needs only glibc (libc6: the
# Debian package depends on nothing else). `-z now` binds its ~290 glibc symbols at start-up rather
# than on first call (full RELRO, which lintian's hardening check asks for). lld packs the ~29,000
# relative relocations (DT_RELR, glibc 2.36) and exports no symbols, so the loader has less to do at
# every start; C sources keep DWARF 4, which valgrind reads. Only the mq product is built: the
# TestSupport target imports Testing, which the static Swift runtime does not have. Every module of
# it is compiled without the run-time exclusivity checks (-enforce-exclusivity=unchecked; with them
# mq executes 1.5-1.7 times the instructions per message). The flag is given here rather than in
# Package.swift, where it would be an unsafeFlags setting and the AMQP library could not be a
# versioned dependency of another package. Debug builds, which the tests run, keep the checks.
STATIC_LIBS = $(CURDIR)/.build-static/static-libs
RELEASE = $(SWIFT) build -c release --product mq --static-swift-stdlib --disable-local-rpath --scratch-path .build-static \
  -Xlinker -L$(STATIC_LIBS) -Xswiftc -Xclang-linker -Xswiftc -static-libgcc -Xlinker -z -Xlinker now \
  -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld -Xlinker -z -Xlinker pack-relative-relocs -Xlinker --no-export-dynamic -Xcc -gdwarf-4 \
  -Xswiftc -enforce-exclusivity=unchecked
release:
	@mkdir -p "$(STATIC_LIBS)" && archive="$$($${CXX:-g++} -print-file-name=libstdc++.a)" && \
	  if [ -f "$$archive" ]; then ln -sf "$$archive" "$(STATIC_LIBS)/libstdc++.a"; fi
	$(RELEASE)

install:
	@bin="$(MQ_BIN)"; \
	if [ -z "$$bin" ]; then $(MAKE) release && bin="$$($(RELEASE) --show-bin-path)/mq"; fi; \
	install -d "$(BINDIR)" "$(MANDIR)" "$(BASHDIR)" "$(ZSHDIR)" "$(FISHDIR)" && \
	install -m 755 "$$bin" "$(BINDIR)/mq" && \
	install -m 644 man/mq.1 "$(MANDIR)/mq.1" && \
	install -m 644 completions/mq.bash "$(BASHDIR)/mq" && \
	install -m 644 completions/_mq "$(ZSHDIR)/_mq" && \
	install -m 644 completions/mq.fish "$(FISHDIR)/mq.fish" && \
	echo "installed mq, its man page and completions under $(DESTDIR)$(PREFIX)"

uninstall:
	rm -f "$(BINDIR)/mq" "$(MANDIR)/mq.1" "$(BASHDIR)/mq" "$(ZSHDIR)/_mq" "$(FISHDIR)/mq.fish"

# A Debian package of the release binary, man page and completions (scripts/deb, dpkg-deb only):
# .build-static/mq_VERSION_ARCH.deb. deb-test installs it in a Debian 12 root with no Swift in it
# and tries it there (scripts/deb-test; the root is made once with debootstrap and reused).
deb: release
	@scripts/deb "$$($(RELEASE) --show-bin-path)/mq"
deb-test: release
	@deb="$$(scripts/deb "$$($(RELEASE) --show-bin-path)/mq")" && scripts/deb-test "$$deb"

# The whole suite against RabbitMQ 3.10 and 4.0 in turn (scripts/test): each version's test node,
# and for the fault tests its 3-node cluster and a node they may stop and block. MQ_TEST_BROKERS=4.0
# (or 3.10) runs one of them; MQ_TEST_URL runs once against that broker; MQ_TEST_FAULTS=0 leaves the
# fault tests out.
test:
	@scripts/setup test
	@SWIFT="$(SWIFT)" scripts/test

# The seed scenario against the local test broker.
demo: build broker
	@export MQ_URL="$$(scripts/broker url)" mq="$$($(SWIFT) build --show-bin-path)/mq"; set -x; \
	  "$$mq" declare queue fila_notificacoes && \
	  "$$mq" publish --queue fila_notificacoes 'Hello World!' && \
	  "$$mq" consume fila_notificacoes --count 1

broker:
	scripts/broker start

broker-stop:
	scripts/broker stop

# Regenerate the checked-in completions and man page from the command specs.
# Formats every Swift file with the toolchain's swift format and .swift-format; `make lint` checks.
format:
	@scripts/format
lint:
	@scripts/format lint

generated: build
	@mq="$$($(SWIFT) build --show-bin-path)/mq"; \
	  "$$mq" completions bash > completions/mq.bash && \
	  "$$mq" completions zsh > completions/_mq && \
	  "$$mq" completions fish > completions/mq.fish && \
	  "$$mq" man > man/mq.1
