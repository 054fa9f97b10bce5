# The two commands of the README's Quick start, plus bench, asan and fuzz.
# Every target installs missing Debian packages first (scripts/deps.sh).
PRESET ?= dev
FUZZ_SECONDS ?= 60
WERROR := $(if $(CI),-DGB_WERROR=ON,)

.PHONY: deps build demo test bench asan fuzz package clean

deps:
	@./scripts/deps.sh

build: deps
	@cmake --preset $(PRESET) $(WERROR) -DGB_BUILD_TESTS=ON --log-level=WARNING
	@cmake --build --preset $(PRESET)

# Only what the demo runs: its packages (no browser, X server or fuzzing
# tools) and its three programs, not the tests (make test builds those).
DEMO_PROGRAMS := groupbuy-provision groupbuy-kiosk groupbuy-store
demo:
	@./scripts/deps.sh demo
	@cmake --preset $(PRESET) $(WERROR) -DGB_BUILD_TESTS=OFF --log-level=WARNING
	@cmake --build --preset $(PRESET) --target $(DEMO_PROGRAMS)
	@./scripts/demo.sh build/$(PRESET)

test: build
	@ctest --preset $(PRESET)

bench:
	@./scripts/deps.sh bench
	@cmake --preset release -DGB_BUILD_TESTS=ON --log-level=WARNING
	@cmake --build --preset release --target benches
	@./scripts/bench.sh build/release

asan: deps
	@cmake --preset asan -DGB_BUILD_TESTS=ON --log-level=WARNING
	@cmake --build --preset asan
	@ctest --preset asan

# Every libFuzzer target (tests/fuzz) for FUZZ_SECONDS each: executions,
# coverage and crashes per target (docs/operations.md, "Fuzzing").
fuzz: deps
	@cmake --preset $(PRESET) $(WERROR) --log-level=WARNING
	@cmake --build --preset $(PRESET) --target fuzzers
	@./scripts/fuzz.sh build/$(PRESET) $(FUZZ_SECONDS)

# Debian packages of the three programs (release build, no tests), in
# build/release/packages: groupbuy-store, groupbuy-kiosk, groupbuy-provision.
package:
	@./scripts/deps.sh demo
	@cmake --preset release $(WERROR) -DGB_BUILD_TESTS=OFF --log-level=WARNING
	@cmake --build --preset release --target $(DEMO_PROGRAMS)
	@cd build/release && cpack -G DEB -B packages
	@ls -1 build/release/packages/*.deb

clean:
	rm -rf build
