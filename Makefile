# Loop - one hand-written Makefile.
#   make            release build into bin/
#   make run/stop   the local stack (scripts/stack.sh)
#   make test       deps, lint, unit (ASan+UBSan), fuzz, integration, browser
#   make bench      benchmarks (bench/run.sh)

CC	 = gcc
CXX	 = g++
PKGS	 = fcgi libpq json-c libcurl libsodium libmagic libctemplate libcrypto \
	   libzip expat freexl
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -lstdc++
WARN	 = -Wall -Wextra -Werror
CFLAGS	 = -std=c17 $(WARN) -D_DEFAULT_SOURCE -D_GNU_SOURCE -g -O2 -Isrc $(PKG_CFLAGS)
CXXFLAGS = -std=c++17 $(WARN) -g -O2 -Isrc $(PKG_CFLAGS)
SAN	 = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

SRC_C	 = $(wildcard src/*.c)
SRC_CC	 = $(wildcard src/*.cc)
CRM_C	 = $(wildcard cgi-bin/crm/*.c)
PUB_C	 = $(wildcard cgi-bin/public/*.c)
HOOKS_C	 = $(wildcard cgi-bin/hooks/*.c)
CTL_C	 = $(wildcard tools/loopctl*.c)
CRON_C	 = $(wildcard tools/loop-cron*.c)
UNIT_C	 = $(wildcard tests/unit/test_*.c)
DBTEST_C = $(wildcard tests/dbtest/test_*.c)	# need a database: run by t_16_db
FUZZ_C	 = $(wildcard tests/fuzz/fuzz_*.c)
HDRS	 = $(wildcard src/*.h cgi-bin/*/*.h tools/*.h)
PROGS	 = loop-crm loop-public loop-hooks loopctl loop-cron

# $(1): build dir, $(2): extra flags
define variant
$(1)/src/%.o: src/%.c $(HDRS)
	@mkdir -p $$(dir $$@)
	@echo "CC $$@"; $$(CC) $$(CFLAGS) $(2) -c -o $$@ $$<
$(1)/src/%.o: src/%.cc $(HDRS)
	@mkdir -p $$(dir $$@)
	@echo "CXX $$@"; $$(CXX) $$(CXXFLAGS) $(2) -c -o $$@ $$<
$(1)/%.o: %.c $(HDRS)
	@mkdir -p $$(dir $$@)
	@echo "CC $$@"; $$(CC) $$(CFLAGS) $(2) -c -o $$@ $$<
$(1)/libloop.a: $(patsubst %.c,$(1)/%.o,$(SRC_C)) $(patsubst %.cc,$(1)/%.o,$(SRC_CC))
	@rm -f $$@
	@ar rcs $$@ $$^
$(1)/bin/loop-crm: $(patsubst %.c,$(1)/%.o,$(CRM_C)) $(1)/libloop.a
	@mkdir -p $$(dir $$@)
	@echo "LD $$@"; $$(CXX) $(2) -o $$@ $$^ $$(PKG_LIBS)
$(1)/bin/loop-public: $(patsubst %.c,$(1)/%.o,$(PUB_C)) $(1)/libloop.a
	@mkdir -p $$(dir $$@)
	@echo "LD $$@"; $$(CXX) $(2) -o $$@ $$^ $$(PKG_LIBS)
$(1)/bin/loop-hooks: $(patsubst %.c,$(1)/%.o,$(HOOKS_C)) $(1)/libloop.a
	@mkdir -p $$(dir $$@)
	@echo "LD $$@"; $$(CXX) $(2) -o $$@ $$^ $$(PKG_LIBS)
$(1)/bin/loopctl: $(patsubst %.c,$(1)/%.o,$(CTL_C)) $(1)/libloop.a
	@mkdir -p $$(dir $$@)
	@echo "LD $$@"; $$(CXX) $(2) -o $$@ $$^ $$(PKG_LIBS)
$(1)/bin/loop-cron: $(patsubst %.c,$(1)/%.o,$(CRON_C)) $(1)/libloop.a
	@mkdir -p $$(dir $$@)
	@echo "LD $$@"; $$(CXX) $(2) -o $$@ $$^ $$(PKG_LIBS)
$(1)/unit/%: $(1)/tests/unit/%.o $(1)/libloop.a
	@mkdir -p $$(dir $$@)
	@echo "LD $$@"; $$(CXX) $(2) -o $$@ $$^ $$(PKG_LIBS) -lcmocka
$(1)/dbtest/%: $(1)/tests/dbtest/%.o $(1)/libloop.a
	@mkdir -p $$(dir $$@)
	@echo "LD $$@"; $$(CXX) $(2) -o $$@ $$^ $$(PKG_LIBS) -lcmocka
endef

$(eval $(call variant,build/rel,))
$(eval $(call variant,build/asan,$(SAN)))

UNITS_ASAN = $(patsubst tests/unit/%.c,build/asan/unit/%,$(UNIT_C))

all: $(addprefix bin/,$(PROGS))

bin/%: build/rel/bin/%
	@mkdir -p bin
	install -m 755 $< $@

asan: $(addprefix build/asan/bin/,$(PROGS)) $(UNITS_ASAN) \
	$(patsubst tests/dbtest/%.c,build/asan/dbtest/%,$(DBTEST_C))

deps:
	@scripts/deps.sh

run: deps all
	@scripts/stack.sh start

stop:
	@scripts/stack.sh stop

lint:
	@scripts/lint.sh

test-unit: $(UNITS_ASAN)
	@scripts/run-unit.sh $(UNITS_ASAN)

# libFuzzer targets: clang, each a short bounded run over the parsers.
FUZZ_SRC = src/http.c src/multipart.c src/buf.c src/val.c src/jsonx.c src/keywords.c \
	   src/people_query.c
build/fuzz/%: tests/fuzz/%.c $(FUZZ_SRC) $(HDRS)
	@mkdir -p $(dir $@)
	clang -std=c17 -g -O1 -D_DEFAULT_SOURCE -D_GNU_SOURCE -Isrc $(PKG_CFLAGS) \
	    -fsanitize=fuzzer,address,undefined -o $@ $< $(wildcard $(FUZZ_SRC)) $(PKG_LIBS)

test-fuzz: $(patsubst tests/fuzz/%.c,build/fuzz/%,$(FUZZ_C))
	@scripts/run-fuzz.sh $^

test-integration: asan all
	@tests/integration/run.sh

test-browser: asan all
	@tests/browser/run.sh

# Every suite runs even when an earlier one fails; the exit status says
# whether all passed.
test: deps
	@$(MAKE) --no-print-directory lint
	@$(MAKE) --no-print-directory all asan
	@fail=0; for t in test-unit test-fuzz test-integration test-browser; do \
		$(MAKE) --no-print-directory $$t || { echo "$$t FAILED"; fail=1; }; \
	done; exit $$fail

# Foundation, Greenhouse ingest, People search: each prints its table and
# rewrites its own section of bench/README.md.
bench: deps all
	@bench/run.sh
	@bench/gh_ingest.sh
	@bench/people.sh

clean:
	rm -rf build bin

.PHONY: all asan deps run stop lint test test-unit test-fuzz test-integration \
	test-browser bench clean
.SECONDARY:
