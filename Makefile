# Stepwise: `make run` opens the desktop app on an example, `make test` runs every check.
# Both install what is missing first (Debian 12; root or sudo), are non-interactive and
# idempotent.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

# cargo install puts tauri-driver here; rustup puts cargo here.
export PATH := $(HOME)/.cargo/bin:$(PATH)
export CARGO_TERM_COLOR ?= never
export NPM_CONFIG_UPDATE_NOTIFIER := false

APP      := target/debug/stepwise-app
BUNDLE   := target/release/bundle
FILE     ?= examples/order-processing.asl.json
SUDO     := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
NODE_MIN := 20.19.0

# From PLATFORM.md: WebKitGTK and friends to build Tauri, Xvfb + WebKitWebDriver for the
# headless window and end-to-end tests, ImageMagick/xdotool for screenshots; Inter, the
# diagram font, for PNG export; xclip to read the clipboard in the Copy as image test; Python
# and its venv module for the client suites (tests/clients).
APT_PACKAGES := libwebkit2gtk-4.1-dev build-essential pkg-config curl wget file libxdo-dev \
  libssl-dev libayatana-appindicator3-dev librsvg2-dev xvfb xauth imagemagick xdotool \
  webkit2gtk-driver fonts-inter xclip python3 python3-venv

section = @printf '\n\033[1m==> %s\033[0m\n' "$(1)"

.PHONY: help run test test-clients build package deps deps-system deps-tools deps-test ui-dist fuzz fuzz-build fuzz-corpus

help:
	@echo "make run    build the app and open $(FILE) (FILE=... to pick another)"
	@echo "make test   fmt, clippy, cargo test, tsc, vitest, end-to-end (installs what is missing)"
	@echo "make package  a .deb and an .rpm to install, in $(BUNDLE)/ (release build; README: Installing)"
	@echo "make test-clients  boto3, the AWS CLI and the JS SDK against stepwise serve (part of test)"
	@echo "make fuzz   AFL++ on each fuzz target for FUZZ_SECONDS (default 900) each; not part of test"

# ---- Installing what is missing -----------------------------------------------------------

deps-system:
	@missing=""; \
	for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' "$$p" 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -q; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing; \
	fi

deps-tools:
	@command -v cargo >/dev/null || { echo "cargo is missing: install Rust (rustup) first" >&2; exit 1; }
	@command -v node >/dev/null && command -v npm >/dev/null || { echo "node and npm are missing: install Node.js >= $(NODE_MIN)" >&2; exit 1; }
	@node -e 'const [a,b,c]=process.versions.node.split(".").map(Number),[x,y,z]="$(NODE_MIN)".split(".").map(Number); process.exit(a>x||(a===x&&(b>y||(b===y&&c>=z)))?0:1)' \
	  || { echo "Node.js $$(node --version) is too old: Vite 8 needs >= $(NODE_MIN)" >&2; exit 1; }
	@cargo fmt --version >/dev/null 2>&1 || rustup component add rustfmt
	@cargo clippy --version >/dev/null 2>&1 || rustup component add clippy

# npm ci when node_modules is missing or older than the lock file.
node_modules/.package-lock.json: package-lock.json package.json
	$(call section,npm ci)
	npm ci --no-audit --no-fund
	@touch $@

deps: deps-system deps-tools node_modules/.package-lock.json

# The Python clients of tests/clients (boto3, awscli, pytest, and moto's server as the SQS, SNS
# and DynamoDB endpoints; from PyPI) in a venv of their own; remade when the requirements change.
CLIENTS_VENV := target/venv-clients

$(CLIENTS_VENV)/.installed: tests/clients/requirements.txt
	$(call section,venv for the client suites ($(CLIENTS_VENV)))
	python3 -m venv $(CLIENTS_VENV)
	$(CLIENTS_VENV)/bin/pip install --quiet --disable-pip-version-check -r tests/clients/requirements.txt
	@touch $@

deps-test: deps
	@command -v tauri-driver >/dev/null || { echo "Installing tauri-driver"; cargo install tauri-driver --locked; }

# ---- Building ---------------------------------------------------------------------------

# The Rust build embeds dist/ (generate_context!), so the checks need it too.
ui-dist: deps
	$(call section,vite build (dist/ for the Rust build))
	npx vite build --logLevel warn

# Debug build with the page embedded (not the dev server): what `run` and e2e use.
build: deps
	$(call section,tauri build --debug --no-bundle)
	CI=true npx tauri build --debug --no-bundle

# What a user installs: an optimised build (not the debug one `run` and e2e use), bundled as a
# .deb and an .rpm. Tauri's bundler writes both itself (no rpmbuild, no download: unlike the
# AppImage it fetches no tools); the MIME XML and file associations come from tauri.conf.json.
package: deps
	$(call section,tauri build --bundles deb rpm (release))
	rm -f $(BUNDLE)/deb/*.deb $(BUNDLE)/rpm/*.rpm
	CI=true npx tauri build --bundles deb,rpm
	@ls -l $(BUNDLE)/deb/*.deb $(BUNDLE)/rpm/*.rpm

# ---- The two commands -------------------------------------------------------------------

run: build
	@if [ -n "$${DISPLAY:-}$${WAYLAND_DISPLAY:-}" ]; then \
	  ./$(APP) "$(FILE)"; \
	else \
	  echo "No DISPLAY: running the window under xvfb-run (virtual screen, nothing to see; Ctrl+C to stop)"; \
	  xvfb-run -a -s "-screen 0 1280x800x24" ./$(APP) "$(FILE)"; \
	fi

test: deps-test ui-dist
	$(call section,cargo fmt --all -- --check)
	cargo fmt --all -- --check
	$(call section,cargo clippy --workspace --all-targets -- -D warnings)
	cargo clippy --workspace --all-targets -- -D warnings
	$(call section,cargo test --workspace)
	cargo test --workspace
	$(call section,stepwise test examples (JUnit in target/test-reports/))
	cargo run --quiet -p stepwise-cli -- test examples --junit target/test-reports/examples.xml --coverage target/test-reports/examples-coverage.json --min-coverage 100
	@$(MAKE) test-clients
	$(call section,tsc --noEmit)
	npx tsc --noEmit
	$(call section,vitest run)
	npx vitest run
	@$(MAKE) build
	$(call section,end-to-end (node --test e2e/))
	node --test e2e/

# Real AWS clients against `stepwise serve` on a free loopback port, in virtual time: boto3 and
# the AWS CLI (pytest), the AWS SDK for JavaScript v3 (node --test). Each suite starts the
# server itself and waits for its ready line (test_services.py starts moto's server too).
test-clients: deps $(CLIENTS_VENV)/.installed
	$(call section,client suites: boto3 + AWS CLI (pytest) and @aws-sdk/client-sfn (node --test))
	cargo build --quiet -p stepwise-cli
	cd tests/clients && WAIT_TIME_SCALE=0 ../../$(CLIENTS_VENV)/bin/python -m pytest -q
	WAIT_TIME_SCALE=0 node --test tests/clients/

# ---- Fuzzing (not part of `test`; see fuzz/README.md) --------------------------------------

FUZZ_SECONDS ?= 900

# cargo-afl from crates.io; it builds AFL++ from the source it ships, once per rustc version.
fuzz-build:
	@command -v cargo-afl >/dev/null || { echo "Installing cargo-afl"; cargo install cargo-afl --locked; }
	@{ cargo afl fuzz -h 2>&1 || true; } | grep -q 'Required parameters' || cargo afl config --build
	$(call section,cargo afl build --release (fuzz/))
	cd fuzz && nice -n 10 cargo afl build --release

fuzz: fuzz-build
	$(call section,fuzz: every target for $(FUZZ_SECONDS)s)
	FUZZ_SECONDS=$(FUZZ_SECONDS) fuzz/run.sh

# Rebuilds the committed, minimised corpus from the examples and /work/shared's cases.
fuzz-corpus: fuzz-build
	fuzz/corpus.sh
