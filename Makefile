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

SOURCES := $(shell find cmd graph loader queries server data -name '*.go' -o -name '*.yaml' -o -name '*.txt' -o -name '*.html' -o -name '*.js' -o -name '*.css' 2>/dev/null | grep -v '^data/corpus/')
CORPUS  := $(wildcard data/corpus/*)

.PHONY: all build run test eval bench vet fmt clean

all: build

build: $(BIN)

$(BIN): $(SOURCES) go.mod go.sum
	$(GO) build -o $(BIN) ./cmd/accord

# The store is reloaded when the binary, the vocabulary or the corpus changed:
# documents are keyed by content and extractor, so only what changed is redone.
accord.db/.loaded: $(BIN) $(CORPUS)
	$(BIN) load -q --store $(STORE) data/corpus
	@touch $@

run: accord.db/.loaded
	@echo "Accord: http://$(ADDR)/"
	$(BIN) serve --store $(STORE) --addr $(ADDR)

test: vet
	$(GO) test -count=1 ./...
	$(MAKE) --no-print-directory eval

vet:
	@test -z "$$(gofmt -l cmd graph loader queries server data)" || { echo "gofmt needed:"; gofmt -l cmd graph loader queries server data; exit 1; }
	$(GO) vet ./...

# Extraction quality on the seed corpus and the development gold, from a clone.
eval: $(BIN)
	@rm -rf .cache/eval && mkdir -p .cache/eval
	@$(BIN) load -q --store bolt:.cache/eval/seed data/corpus
	@echo "== seed corpus (data/corpus) against loader/testdata/gold/seed.json"
	@$(BIN) eval --store bolt:.cache/eval/seed --gold loader/testdata/gold/seed.json --sample 0 | tail -3
	@$(BIN) load -q --store bolt:.cache/eval/dev loader/testdata/corpus-dev
	@echo "== development documents (loader/testdata/corpus-dev) against loader/testdata/gold/dev.json"
	@$(BIN) eval --store bolt:.cache/eval/dev --gold loader/testdata/gold/dev.json --sample 0 | tail -3
	@if command -v python3 >/dev/null && [ -f $(SHARED)/eval/kgeval.py ]; then \
		$(BIN) export --store bolt:.cache/eval/seed -o .cache/eval/seed.nq; \
		echo "== cross-check with $(SHARED)/eval/kgeval.py"; \
		python3 $(SHARED)/eval/kgeval.py loader/testdata/gold/seed.json .cache/eval/seed.nq | tail -2; \
	fi

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

fmt:
	gofmt -w cmd graph loader queries server data

clean:
	rm -rf bin accord.db .cache test-artifacts
