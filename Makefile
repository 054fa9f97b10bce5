# The two commands of the README's Quick start, plus bench and asan.
# Every target installs missing Debian packages first (scripts/deps.sh).
PRESET ?= dev
WERROR := $(if $(CI),-DGB_WERROR=ON,)

.PHONY: deps build demo test bench asan clean

deps:
	@./scripts/deps.sh

build: deps
	@cmake --preset $(PRESET) $(WERROR) --log-level=WARNING
	@cmake --build --preset $(PRESET)

demo: build
	@./scripts/demo.sh build/$(PRESET)

test: build
	@ctest --preset $(PRESET)

bench:
	@./scripts/deps.sh bench
	@cmake --preset release --log-level=WARNING
	@cmake --build --preset release --target benches
	@./scripts/bench.sh build/release

asan: deps
	@cmake --preset asan --log-level=WARNING
	@cmake --build --preset asan
	@ctest --preset asan

clean:
	rm -rf build
