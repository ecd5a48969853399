# sitrep - build, test, fuzz, lint, bench.
#   make            build build/rel/{sitrep,libsitrep.a,libsitrep.so}
#   make demo       = scripts/demo: install deps, build, code examples/ into sitrep.db
#   make test       unit + CLI + pathological tests under ASan+UBSan
#   make test-valgrind   the same tests (unsanitized build) under valgrind
#   make eval       evaluations against ../shared (thresholds enforced)
#   make bench      speed/memory benchmarks -> bench/results.md
#   make fuzz       libFuzzer harnesses (clang)     make lint   clang-tidy + cppcheck

SHELL := /bin/bash
.DEFAULT_GOAL := all
PREFIX ?= /usr/local
CC ?= cc
PKGS := libutf8proc jansson expat sqlite3 zlib libzstd
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
SHARED ?= ../shared

WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wno-unused-parameter
BASE_CFLAGS := -std=c17 -D_GNU_SOURCE -Iinclude -Isrc -Ibuild/gen $(WARN) $(PKG_CFLAGS) -pthread
REL_CFLAGS := $(BASE_CFLAGS) -Itests -O2 -g -fPIC
ASAN_CFLAGS := $(BASE_CFLAGS) -Itests -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
LDLIBS := $(PKG_LIBS) -lm -pthread

# One folder per pipeline stage; the library is every .c in them.
STAGES := util text parse dict actors coder enrich link store io
LIB_SRC := $(sort $(foreach d,$(STAGES),$(wildcard src/$(d)/*.c)))
CLI_SRC := $(sort $(wildcard src/cli/*.c))
TEST_SRC := $(sort $(wildcard tests/unit/*.c)) tests/harness.c
# Generated C tables (ontology etc.) are listed here by the stages that make them.
GEN_SRC :=
GEN_HDR :=

# --- generated sources (add rules below this line) ---------------------
# CAMEO ontology table (src/enrich/ontology.c): data/ontology/cameo.tsv -> C.
GEN_SRC += build/gen/cameo_table.c
build/gen/cameo_table.c: data/ontology/cameo.tsv scripts/gen-cameo-table.sh
	@mkdir -p $(dir $@)
	scripts/gen-cameo-table.sh $< $@
# --- end generated sources ---------------------------------------------

REL_OBJ := $(patsubst %.c,build/rel/%.o,$(LIB_SRC) $(GEN_SRC))
ASAN_OBJ := $(patsubst %.c,build/asan/%.o,$(LIB_SRC) $(GEN_SRC))

.PHONY: install all demo test test-unit test-valgrind eval eval-text bench fuzz lint clean deps
all: build/rel/sitrep build/rel/libsitrep.a build/rel/libsitrep.so

deps:
	@scripts/install-deps

build/rel/%.o: %.c $(GEN_HDR)
	@mkdir -p $(dir $@)
	$(CC) $(REL_CFLAGS) -MMD -MP -c $< -o $@
build/asan/%.o: %.c $(GEN_HDR)
	@mkdir -p $(dir $@)
	$(CC) $(ASAN_CFLAGS) -MMD -MP -c $< -o $@

build/rel/libsitrep.a: $(REL_OBJ)
	@rm -f $@; ar rcs $@ $^
build/rel/libsitrep.so: $(REL_OBJ)
	$(CC) -shared -o $@ $^ $(LDLIBS)
build/rel/sitrep: $(patsubst %.c,build/rel/%.o,$(CLI_SRC)) build/rel/libsitrep.a
	$(CC) -o $@ $^ $(LDLIBS)
build/asan/libsitrep.a: $(ASAN_OBJ)
	@rm -f $@; ar rcs $@ $^
build/asan/sitrep: $(patsubst %.c,build/asan/%.o,$(CLI_SRC)) build/asan/libsitrep.a
	$(CC) $(ASAN_CFLAGS) -o $@ $^ $(LDLIBS)
build/asan/unit-tests: $(patsubst %.c,build/asan/%.o,$(TEST_SRC)) build/asan/libsitrep.a
	$(CC) $(ASAN_CFLAGS) -o $@ $^ $(LDLIBS)
build/rel/unit-tests: $(patsubst %.c,build/rel/%.o,$(TEST_SRC)) build/rel/libsitrep.a
	$(CC) -o $@ $^ $(LDLIBS)

# The README's first command is scripts/demo itself (a fresh machine has no
# make yet); this target is the same for those who have make.
demo:
	@scripts/demo

# The README's second command. Needs nothing from ../shared.
test: deps build/asan/unit-tests build/asan/sitrep
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
	  tests/run-tests build/asan

test-valgrind: build/rel/unit-tests build/rel/sitrep
	@VALGRIND=1 tests/run-tests build/rel

# Evaluations on ../shared with thresholds; CI runs these after `make test`.
eval: all
	@scripts/eval $(SHARED)
eval-text: all
	@build/rel/sitrep eval text $(SHARED)/ud/en_ewt-ud-test.conllu

bench: all
	@bench/run $(SHARED)

FUZZ_CFLAGS := $(BASE_CFLAGS) -O1 -g -fsanitize=fuzzer,address,undefined
FUZZ_SRC := $(wildcard fuzz/fuzz_*.c)
fuzz: $(patsubst fuzz/%.c,build/fuzz/%,$(FUZZ_SRC))
build/fuzz/%: fuzz/%.c $(LIB_SRC) $(GEN_SRC) $(GEN_HDR)
	@mkdir -p $(dir $@)
	clang $(FUZZ_CFLAGS) -o $@ $< $(LIB_SRC) $(GEN_SRC) $(LDLIBS)

lint:
	clang-tidy --quiet $(LIB_SRC) $(CLI_SRC) -- $(BASE_CFLAGS)
	cppcheck --quiet --error-exitcode=1 --enable=warning,performance,portability \
	  --inline-suppr --suppress=missingIncludeSystem -Iinclude -Isrc $(LIB_SRC) $(CLI_SRC)

# Installs the binary, library, header, man page, dictionaries and models.
# sitrep finds its dictionaries, ontology and models in $(PREFIX)/share/sitrep
# ({dict,ontology,models}), next to $(PREFIX)/bin/sitrep.
install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include \
	  $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/sitrep
	install -m 755 build/rel/sitrep $(DESTDIR)$(PREFIX)/bin/
	install -m 644 build/rel/libsitrep.a build/rel/libsitrep.so $(DESTDIR)$(PREFIX)/lib/
	install -m 644 include/sitrep.h $(DESTDIR)$(PREFIX)/include/
	install -m 644 man/sitrep.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	cp -r data/. $(DESTDIR)$(PREFIX)/share/sitrep/
	cp -r models $(DESTDIR)$(PREFIX)/share/sitrep/

clean:
	rm -rf build

-include $(shell find build -name '*.d' 2>/dev/null)
