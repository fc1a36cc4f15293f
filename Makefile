# Accord: make run serves the seed corpus, make test runs everything CI runs.
# Only Go, git and make are needed; anything else is installed by the targets
# that need it.

GO      ?= go
BIN     := bin/accord
STORE   ?= bolt:accord.db
ADDR    ?= 127.0.0.1:8080
SHARED  ?= ../shared
GOFLAGS := -buildvcs=false
export GOFLAGS

SOURCES := $(shell find cmd graph loader queries server data -path server/ui/node_modules -prune -o -path server/ui/src -prune -o \( -name '*.go' -o -name '*.yaml' -o -name '*.txt' -o -name '*.html' -o -name '*.js' -o -name '*.css' \) -print 2>/dev/null | grep -v '^data/corpus/')
CORPUS  := $(wildcard data/corpus/*)

.PHONY: all build run test eval bench vet fmt clean scaleout-demo fuzz ui ui-check deps-browser screenshots model

# WITH_POSTGRES prefixes a command with a throwaway PostgreSQL on loopback
# (scripts/postgres.sh, installing Debian's postgresql when missing), its URL
# in ACCORD_TEST_POSTGRES, stopped afterwards whatever the command's outcome.
# An ACCORD_TEST_POSTGRES already set is used as it is. Without a server the
# PostgreSQL store tests skip, and fail under CI=true.
WITH_POSTGRES = if [ -z "$$ACCORD_TEST_POSTGRES" ]; then \
		pg=$$(mktemp -d /tmp/accord-pg.XXXXXX); trap 'scripts/postgres.sh stop '"$$pg" EXIT; \
		if url=$$(scripts/postgres.sh start "$$pg"); then export ACCORD_TEST_POSTGRES="$$url"; \
		else echo "WARNING: PostgreSQL did not start: the PostgreSQL store tests are SKIPPED (a failure under CI=true)" >&2; fi; \
	fi;

all: build

# The explorer's bundle: server/ui/src bundled by esbuild (server/ui/package.json
# pins it, Cytoscape.js and fCoSE; package-lock.json pins every byte) into
# server/ui/dist, which is committed and embedded in the binary, so that a
# plain `go build` or `go install` needs no Node.js. `make ui` rebuilds it
# after a change to server/ui/src; `make ui-check` (part of `make test`)
# fails when the committed bundle is not what `make ui` builds.
UI_DIR    := server/ui
UI_DEPS   := $(UI_DIR)/node_modules/.package-lock.json
UI_BUILD   = cd $(UI_DIR) && node_modules/.bin/esbuild src/app.js src/style.css --bundle --minify --format=esm --target=es2022 --log-level=warning

$(UI_DEPS): $(UI_DIR)/package.json $(UI_DIR)/package-lock.json
	@command -v npm >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y nodejs npm; } || { echo "make ui needs Node.js and npm" >&2; exit 1; }
	cd $(UI_DIR) && npm ci --no-audit --no-fund --ignore-scripts
	@touch $@

ui: $(UI_DEPS)
	$(UI_BUILD) --outdir=dist

ui-check: $(UI_DEPS)
	@out=$$(mktemp -d /tmp/accord-ui.XXXXXX); trap 'rm -rf '"$$out" EXIT; \
	$(UI_BUILD) --outdir="$$out" && \
	if diff -r -q "$$out" $(CURDIR)/$(UI_DIR)/dist >/dev/null; then echo "ui-check: server/ui/dist is what make ui builds"; \
	else diff -r -q "$$out" $(CURDIR)/$(UI_DIR)/dist; echo "ui-check: server/ui/dist differs from what make ui builds from server/ui/src: run make ui and commit server/ui/dist" >&2; exit 1; fi

# Debian's Chromium for the browser tests (server/browser_test.go): installed
# when missing if we are root; otherwise those tests skip (and fail under CI=true).
deps-browser:
	@if command -v chromium >/dev/null || [ -x "$${CHROMIUM:-/usr/bin/chromium}" ]; then :; \
	elif [ "$$(id -u)" = 0 ]; then apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; \
	else echo "deps-browser: chromium is missing and we are not root: the browser tests will SKIP (sudo apt-get install chromium)"; fi

build: $(BIN)

$(BIN): $(SOURCES) go.mod go.sum $(wildcard $(UI_DIR)/dist/*)
	$(GO) build -o $(BIN) ./cmd/accord

# The store is reloaded when the binary, the vocabulary or the corpus changed:
# documents are keyed by content and extractor, so only what changed is redone.
accord.db/.loaded: $(BIN) $(CORPUS)
	$(BIN) load -q --store $(STORE) data/corpus
	@touch $@

run: accord.db/.loaded
	@echo "Accord: http://$(ADDR)/"
	$(BIN) serve --store $(STORE) --addr $(ADDR)

# Tests run under the race detector (bolt's unsafe pointer tricks need
# checkptr off), then every fuzzer briefly, then the extraction scores.
RACE := -race -gcflags=all=-d=checkptr=0

# The big-graph browser test (server/biggraph_test.go) times the page, so it
# runs without the race detector, in its own step, against a generated store
# whose busiest entity has the degree of the bench store's busiest.
test: vet ui-check deps-browser
	@$(WITH_POSTGRES) $(GO) test $(RACE) -count=1 -timeout 20m ./...
	$(GO) test -count=1 -run '^TestBrowserBigGraph$$' -timeout 10m ./server
	$(MAKE) --no-print-directory fuzz
	$(MAKE) --no-print-directory eval

# Each fuzzer for FUZZTIME (10s in make test; run them for 10m before a
# release: make fuzz FUZZTIME=10m).
FUZZTIME ?= 10s
fuzz:
	$(GO) test ./loader -run '^$$' -fuzz '^FuzzExtract$$' -fuzztime $(FUZZTIME)
	$(GO) test ./loader -run '^$$' -fuzz '^FuzzSentences$$' -fuzztime $(FUZZTIME)
	$(GO) test ./graph -run '^$$' -fuzz '^FuzzImport$$' -fuzztime $(FUZZTIME)
	$(GO) test ./server -run '^$$' -fuzz '^FuzzQueryParams$$' -fuzztime $(FUZZTIME)

vet:
	@test -z "$$(gofmt -l cmd graph loader queries server data)" || { echo "gofmt needed:"; gofmt -l cmd graph loader queries server data; exit 1; }
	$(GO) vet ./...

# Extraction quality: each gold set's documents are loaded into a fresh
# store and all sets are scored into one table (accord eval --set), then each
# store's export is scored again by the project's scorer, shared/eval/kgeval.py,
# as a cross-check. A set is NAME:DOCUMENTS:GOLD; the held-out and written
# folders hold a README, so only their .txt files are documents. A load or
# export error, or a gold document missing from its store, fails the target;
# low recall does not.
EVAL_SETS := seed:data/corpus:loader/testdata/gold/seed.json \
	dev:loader/testdata/corpus-dev:loader/testdata/gold/dev.json \
	held-out:loader/testdata/corpus-heldout/*.txt:loader/testdata/gold/heldout.json \
	written:loader/testdata/corpus-written/*.txt:loader/testdata/gold/written.json

eval: $(BIN)
	@rm -rf .cache/eval && mkdir -p .cache/eval
	@set -e; sets=; for s in $(EVAL_SETS); do \
		name=$${s%%:*}; rest=$${s#*:}; docs=$${rest%%:*}; gold=$${rest#*:}; \
		$(BIN) load -q --store bolt:.cache/eval/$$name $$docs > .cache/eval/$$name.load 2>&1 || \
			{ echo "make eval: loading $$docs failed:" >&2; cat .cache/eval/$$name.load >&2; exit 1; }; \
		sets="$$sets --set $$name,$$gold,bolt:.cache/eval/$$name"; \
	done; \
	echo "== extraction quality (sets: $(foreach s,$(EVAL_SETS),$(firstword $(subst :, ,$(s)))))"; \
	$(BIN) eval $$sets
	@if command -v python3 >/dev/null && [ -f $(SHARED)/eval/kgeval.py ]; then \
		echo "== cross-check with $(SHARED)/eval/kgeval.py"; \
		for s in $(EVAL_SETS); do \
			name=$${s%%:*}; gold=$${s##*:}; \
			$(BIN) export --store bolt:.cache/eval/$$name -o .cache/eval/$$name.nq 2> .cache/eval/$$name.export || \
				{ cat .cache/eval/$$name.export >&2; exit 1; }; \
			printf '%-9s ' "$$name:"; python3 $(SHARED)/eval/kgeval.py $$gold .cache/eval/$$name.nq | tail -1; \
		done; \
	else echo "make eval: python3 or $(SHARED)/eval/kgeval.py missing: no cross-check"; fi

# Benchmarks read a synthetic graph of a million facts (100k entities,
# skewed degrees, evidence included) in a bolt store under .cache/bench,
# built on first use (10 to 30 minutes on two cores) and kept. Cayley's own
# server, for comparison, is built outside the repository into $(CAYLEY).
CAYLEY      ?= /tmp/cayleybin/cayley
BENCH_STORE := .cache/bench/synth-1000000

bench:
	@test -x $(CAYLEY) || { mkdir -p /tmp/cayleybuild && cd /tmp/cayleybuild && \
		printf 'module cayleybuild\n\ngo 1.26\n\nrequire (\n\tgithub.com/cayleygraph/cayley v0.7.7\n\tgithub.com/cayleygraph/quad v1.2.5\n)\n' > go.mod && \
		printf '//go:build tools\n\npackage cayleybuild\n\nimport _ "github.com/cayleygraph/cayley/cmd/cayley"\n' > tools.go && \
		GOFLAGS=-mod=mod $(GO) mod tidy && GOFLAGS=-mod=mod $(GO) build -o $(CAYLEY) github.com/cayleygraph/cayley/cmd/cayley; }
	$(GO) test -run '^$$' -bench OpenSynthetic -benchtime 1x -timeout 3h ./graph/
	@cat $(BENCH_STORE)/indexes.bolt > /dev/null # into the page cache, as a warm server has it
	$(GO) test -run '^$$' -bench 'EntityLookup|Neighbors1Hop|Search|Path' -benchtime 2000x -timeout 1h ./graph/
	$(GO) test -run '^$$' -bench 'AsOf' -benchtime 1000x -timeout 1h ./graph/
	@cat $(BENCH_STORE)/indexes.bolt > /dev/null
	$(GO) test -run '^$$' -bench 'Export' -benchtime 1x -timeout 1h ./graph/
	ACCORD_BENCH_QUADS=1000000 CAYLEY_BIN=$(CAYLEY) $(GO) test -run '^$$' -bench '^BenchmarkImport$$' -benchtime 1x -benchmem -timeout 1h ./graph/
	ACCORD_BENCH_QUADS=1000000 $(GO) test -run '^$$' -bench 'ImportedNeighbors' -benchtime 2000x -timeout 1h ./graph/
	@cat $(BENCH_STORE)/indexes.bolt > /dev/null
	CAYLEY_BIN=$(CAYLEY) $(GO) test -run '^$$' -bench HTTPNeighbors -benchtime 5000x -timeout 1h ./server/
	ACCORD_BENCH_DISTINCT=1000 CAYLEY_BIN=$(CAYLEY) $(GO) test -run '^$$' -bench HTTPNeighbors -benchtime 20000x -timeout 1h ./server/
	@$(WITH_POSTGRES) $(GO) test -run '^$$' -bench . -benchmem $$($(GO) list ./... | grep -v -e '/graph$$' -e '/server$$')
	@cat $(BENCH_STORE)/indexes.bolt > /dev/null
	ACCORD_BIG_STORE=$(CURDIR)/$(BENCH_STORE) $(GO) test -count=1 -v -run '^TestBrowserBigGraph$$' -timeout 20m ./server

# The README's pictures, taken by the browser test itself on the seed
# corpus: a neighbourhood with its evidence panel, a path with its hops.
SHOTS := docs/screenshots
screenshots: deps-browser
	ACCORD_SCREENSHOTS=$(CURDIR)/$(SHOTS) $(GO) test -count=1 -run '^TestBrowser$$' ./server
	@ls -l $(SHOTS)/*.png

# The tagger and parser models (loader/parse/model), retrained from UD
# English EWT: the same treebank gives the same files, byte for byte.
model:
	$(GO) run ./cmd/accord parse --train $(SHARED)/ud-english-ewt -o loader/parse/model --workers 2

fmt:
	gofmt -w cmd graph loader queries server data

clean:
	rm -rf bin accord.db .cache test-artifacts

# A PostgreSQL primary and streaming replica on loopback, two loaders writing
# to the primary at once and two servers reading the replica (README: Scaling out).
scaleout-demo: $(BIN)
	scripts/scaleout-demo.sh
