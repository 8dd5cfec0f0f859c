# One entry point for every job. `make` installs and generates; `make test` installs and tests.
SPEC ?= spec/openapi.yaml
OUT ?= generated
NPM_INSTALL = npm ci --no-audit --no-fund --loglevel=error
TSX = node_modules/.bin/tsx

# The generator's command line (scripts/cli.ts: generate, watch, diff, compile, site, serve),
# bundled for plain node (tsx would add ~0.3 s to every run) and rebuilt whenever a script changes.
# It sits one folder below the repository, like scripts/, so that its paths (templates, spec,
# cache) resolve the same way.
CLI = .build/cli.mjs
CLI_SOURCES := $(shell find scripts -name '*.ts' -not -path 'scripts/bench/*')

.PHONY: all install generate check lint fmt test typecheck browser golden build pack site serve clean

all: install generate

node_modules/.package-lock.json: package-lock.json package.json
	$(NPM_INSTALL)
	@touch $@

install: node_modules/.package-lock.json

$(CLI): $(CLI_SOURCES) node_modules/.package-lock.json
	@rm -rf .build
	@node_modules/.bin/esbuild scripts/cli.ts --bundle --platform=node --format=esm --target=node20 \
	  --packages=external --splitting --outdir=.build --entry-names=[name] --out-extension:.js=.mjs --log-level=warning

generate: install $(CLI)
	node $(CLI) --spec $(SPEC) --out $(OUT)

# The hand-written source prettier keeps in one style (.prettierrc.json); generated/ and the golden
# files have their own canonical layout and are not in it.
FORMATTED = scripts test templates/runtime vitest.config.ts tsconfig.json .prettierrc.json

## Rewrite the source in the house style (prettier); `make check` fails on unformatted source.
fmt: install
	node_modules/.bin/prettier --write --log-level warn $(FORMATTED)

## Lint the spec with Redocly (recommended + spec/redocly.yaml): zero errors, zero warnings; then
## the generator's own checks, strict: nothing left for it to decide on the spec's behalf.
lint: install $(CLI)
	node_modules/.bin/redocly lint $(SPEC) --config spec/redocly.yaml --max-problems 1000
	node $(CLI) lint --spec $(SPEC) --strict

## Regenerate in memory and fail on any difference from $(OUT) or from a fixture's golden files;
## fail if the spec does not lint.
check: lint $(CLI)
	node_modules/.bin/prettier --check --log-level warn $(FORMATTED)
	node $(CLI) --spec $(SPEC) --out $(OUT) --check --strict
	$(TSX) test/support/golden.ts --check

## Rewrite the golden files after a reviewed change of templates or fixtures.
golden: install
	$(TSX) test/support/golden.ts --write

typecheck: install
	node_modules/.bin/tsc -p tsconfig.json

## Type-check, then every test (Prism, tsc, Redocly and a headless Chromium are started by the
## tests), then one summary line that counts every failure. TESTS=<files or patterns> runs a subset;
## CHROMIUM=<path> picks the browser.
test: install browser
	node test/support/run-tests.mjs --typecheck tsconfig.json $(TESTS)

## The browser tests' Chromium: found on PATH (or CHROMIUM=<path>), else Debian's `chromium` is
## installed (apt-get, as root), else the command to run is printed (test/support/browser.ts).
browser: install
	@$(TSX) test/support/browser.ts --install

## Compile generated/client into dist/ (ESM + CJS, .d.ts, source maps) and copy the docs in.
build: generate
	node $(CLI) compile --out $(OUT)

## The npm tarball of the client, in $(OUT)/ (what `npm publish` would upload).
pack: build
	cd $(OUT)/client && npm pack --pack-destination .. --loglevel=error

## The docs site of $(SPEC) in site/ (ignored by git): the markdown docs as a VitePress site (search,
## dark mode, phone layout), the API reference with a try-it console (Scalar), llms.txt. Built from
## the spec itself (generated/ is not touched); SITE_BASE=/<repo>/ when served under a path.
SITE_BASE ?= /
site: install $(CLI)
	node $(CLI) site --spec $(SPEC) --out site --base $(SITE_BASE)

## Preview the site on http://127.0.0.1:8080/ (PORT=... to change).
serve: site
	node $(CLI) serve --dir site --port $(or $(PORT),8080) --base $(SITE_BASE)

clean:
	rm -rf node_modules site test-artifacts .build

.PHONY: watch diff

## Regenerate $(OUT) whenever spec/ or templates/ changes; a bad spec shows its problems and
## keeps the last good output. Ctrl-C to stop.
watch: install $(CLI)
	node $(CLI) watch --spec $(SPEC) --out $(OUT)

## What the working spec changes in the client's API since BASE (a git ref, default HEAD):
## each change breaking or not, and the semver bump. DIFF_FLAGS=--fail-on-breaking (or --json).
BASE ?= HEAD
diff: install $(CLI)
	node $(CLI) diff --base $(BASE) --spec $(SPEC) $(DIFF_FLAGS)

.PHONY: verify

## Contract-test the spec's generated client: every operation called through it against Prism's
## mock of the spec; SERVER=<url>: against a running server, through Prism's validating proxy
## (credentials from VERIFY_* variables, see `cli.ts verify --help`). VERIFY_FLAGS: e.g. --unsafe,
## --json, --problems.
verify: install $(CLI)
	node $(CLI) verify --spec $(SPEC) $(if $(SERVER),--server $(SERVER)) $(VERIFY_FLAGS)

.PHONY: verify-corpus

## `verify` on every spec of the real-world corpus (test/corpus/manifest.json, fetched into
## .tmp/spec-cache/ on first use), one after the other: a line per spec, the total, and the skip
## reasons; exits 1 when a spec does not exit 0. Long (GitHub's spec alone takes minutes).
## VERIFY_CORPUS_FLAGS: e.g. --only github,stripe, --skip github, --concurrency 4, --json <file>.
verify-corpus: install $(CLI)
	$(TSX) scripts/bench/verify-corpus.ts $(VERIFY_CORPUS_FLAGS)
.PHONY: runtimes

## The runtimes the client's tests run it on besides this Node.js: Node 22 and 24, Bun, Deno, from
## pinned npm packages (sha512-checked) into .tmp/runtimes/ (~200 MB download once; the runtime
## tests fetch what is missing themselves).
runtimes: install
	$(TSX) test/support/runtimes.ts --install

.PHONY: bench

## Benchmarks, not tests (they assert nothing): generation at scale against openapi-typescript,
## per-request overhead against openapi-fetch and fetch, bundle size. Prints the tables, writes
## bench/results.json. Fetches GitHub's spec on first use into .tmp/bench-cache/ (~30 MB).
## BENCH_FLAGS: e.g. --only size,requests (parts: generation, requests, size, verify), --sizes 10,100, --no-github, --runs 5.
bench: install
	$(TSX) scripts/bench/run.ts $(BENCH_FLAGS)
