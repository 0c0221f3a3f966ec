# jiceng — two commands: `make run` and `make test`.
BUILD ?= build
DB ?= sqlite:data/jiceng.db
LISTEN ?= 127.0.0.1:8080
JOBS ?= $(shell nproc)

.PHONY: deps configure build web run test unit bench clean

deps:
	@bash scripts/install-deps.sh

configure: deps
	@test -f $(BUILD)/build.ninja || cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: configure
	@cmake --build $(BUILD) -j $(JOBS) --target jiceng

web: deps
	@test -f web/dist/index.html -a -f web/dist/m/index.html -a web/dist/index.html -nt package-lock.json && [ -z "$$(find web/admin web/h5 web/shared web/vite.config.js -newer web/dist/index.html -print -quit)" ] || npm run build --silent

run: build web
	@mkdir -p data
	@$(BUILD)/jiceng migrate --db $(DB) >/dev/null
	@$(BUILD)/jiceng demo --if-empty --db $(DB)
	@echo "jiceng: http://$(LISTEN)  (admin / jiceng-demo)"
	@exec $(BUILD)/jiceng serve --db $(DB) --listen $(LISTEN) --web web/dist

test: configure web
	@cmake --build $(BUILD) -j $(JOBS)
	@cd $(BUILD) && ctest --output-on-failure --timeout 900

bench: build
	@bash scripts/install-bench-deps.sh
	@cmake --build $(BUILD) -j $(JOBS) --target jiceng-gen
	@bash bench/run.sh
	@bash bench/cogov.sh
	@bash bench/province.sh

clean:
	rm -rf $(BUILD) web/dist
