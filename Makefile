# jiceng — two commands: `make run` and `make test` (and `make unit`, `make test-fast` for the inner loop).
BUILD ?= build
DB ?= sqlite:data/jiceng.db
LISTEN ?= 127.0.0.1:8080
JOBS ?= $(shell nproc)

FUZZ_SECONDS ?= 60

.PHONY: deps configure build web run test unit test-fast bench fuzz clean

deps:
	@bash scripts/install-deps.sh

configure: deps
	@test -f $(BUILD)/build.ninja || cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: configure
	@cmake --build $(BUILD) -j $(JOBS) --target jiceng

web: deps
	@test -f web/dist/index.html -a -f web/dist/m/index.html -a web/dist/index.html -nt package-lock.json && [ -z "$$(find web/admin web/h5 web/shared web/vite.config.js web/precompress.mjs -newer web/dist/index.html -print -quit)" ] || npm run build --silent

run: build web
	@mkdir -p data
	@$(BUILD)/jiceng migrate --db $(DB) >/dev/null
	@$(BUILD)/jiceng demo --if-empty --db $(DB)
	@echo "jiceng: http://$(LISTEN)  (admin / jiceng-demo)"
	@exec $(BUILD)/jiceng serve --db $(DB) --listen $(LISTEN) --web web/dist

test: configure web
	@cmake --build $(BUILD) -j $(JOBS)
	@test -f build-asan/build.ninja || cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DJICENG_SANITIZE=ON >/dev/null
	@cmake --build build-asan -j $(JOBS) --target jiceng jiceng_unit fuzz_http_request fuzz_routes fuzz_table fuzz_open311_form fuzz_geojson fuzz_image
	@cd $(BUILD) && ctest --output-on-failure --timeout 1200

# The inner loop: the unit tests alone, or with the API suite on SQLite (a minute or two, where
# `make test` takes twenty).
unit: configure
	@cmake --build $(BUILD) -j $(JOBS) --target jiceng_unit
	@$(BUILD)/jiceng_unit --gtest_brief=1

test-fast: unit build web
	@bash tests/run_api.sh sqlite $(BUILD)/jiceng

bench: build
	@bash scripts/install-bench-deps.sh
	@cmake --build $(BUILD) -j $(JOBS) --target jiceng-gen
	@# Every script runs even after one printed an INVALID line; then the target fails, naming them.
	@failed=""; for s in run cogov overload province org_life dues member_checks; do bash bench/$$s.sh || failed="$$failed bench/$$s.sh"; done; \
	  if [ -n "$$failed" ]; then echo "make bench: lines that gave no figure in$$failed (INVALID above)"; exit 1; fi

# libFuzzer with ASan and UBSan (clang): every target for FUZZ_SECONDS, then a table of
# executions and crashes. `make test` replays the saved corpus (fuzz/corpus) without clang.
fuzz: deps
	@bash scripts/install-fuzz-deps.sh
	@test -f build-fuzz/build.ninja || CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DJICENG_FUZZ=ON
	@cmake --build build-fuzz -j $(JOBS) --target fuzz_http_request fuzz_routes fuzz_table fuzz_open311_form fuzz_geojson fuzz_image
	@bash fuzz/run.sh build-fuzz $(FUZZ_SECONDS)

clean:
	rm -rf $(BUILD) build-fuzz build-asan web/dist
