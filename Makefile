# sendhealth - build, test and install. `make` builds ./sendhealth; `make test` runs every
# test, then again under ASan+UBSan, the CLI tests under valgrind, and each fuzz target
# for a short while (`make test-fast`: the first pass only); `make fuzz` fuzzes for longer;
# `make bench` benchmarks. `make` never installs anything: `make deps` installs the
# build packages (scripts/install-deps holds the one package list); the test, fuzz, valgrind
# and bench targets install what they need themselves (as root).

CC ?= cc
PREFIX ?= /usr/local
VERSION := 0.1.0
BUILD ?= build
# Tests multiply their time limits by this (the sanitizer pass sets 2, valgrind 4).
TEST_TIME_FACTOR ?= 1
PKGS := jansson libcurl xlsxwriter yajl zlib gmime-3.0

WARN := -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wvla -Wformat=2
OPT ?= -O2 -g
# Expanded when a recipe runs (after libs-present has checked that pkg-config finds them).
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS = $(shell pkg-config --libs $(PKGS))
CPPFLAGS += -I. -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -DSENDHEALTH_VERSION='"$(VERSION)"'
CFLAGS_ALL = $(WARN) $(OPT) $(SANFLAGS) -pthread $(PKG_CFLAGS) $(CFLAGS)
LIBS_ALL = $(PKG_LIBS) -lcsv -lcunit -lm -pthread

ifeq ($(SAN),1)
BUILD := build-san
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
OPT := -O1 -g
endif
# The library built for libFuzzer: clang instruments it for coverage, ASan and UBSan; only
# the fuzz targets link the fuzzer's main.
ifeq ($(FUZZ),1)
BUILD := build-fuzz
CC := clang
SANFLAGS := -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=undefined
OPT := -O1 -g
endif
# The fuzz targets' JSON allocator: its comparisons (sizes, tags) tell the fuzzer nothing
# about an input but were ~1.5 % of fuzz_pipeline's time; edges and ASan stay.
build-fuzz/obj/util/json_arena.o: SANFLAGS += -fno-sanitize-coverage=trace-cmp

# The library built for `make fuzz-cov`: clang's source-based coverage, no sanitizers.
ifeq ($(COV),1)
BUILD := build-cov
CC := clang
SANFLAGS := -fprofile-instr-generate -fcoverage-mapping
OPT := -O0 -g
endif

# Every .c below the library's rooms is built: a new file needs no line here.
LIB_ROOMS := util model net catalogue import report
LIB_SRC := $(sort $(shell find $(LIB_ROOMS) -name '*.c'))
CMD_SRC := $(sort $(wildcard cmd/*.c))
TEST_SRC := $(sort $(shell find tests -name 'test_*.c'))
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
CATALOGUE_CSV ?= data/catalogue.csv
CATEGORIES_CSV ?= data/categories.csv
DATA := $(CATALOGUE_CSV) $(CATEGORIES_CSV)

LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/embedded_data.o
CMD_OBJ := $(CMD_SRC:%.c=$(BUILD)/obj/%.o)
TEST_BIN := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
TESTLIB_OBJ := $(BUILD)/obj/tests/testlib.o
BIN := $(if $(filter 1,$(SAN)),$(BUILD)/sendhealth,sendhealth)

.PHONY: all deps test-deps libs-present test test-fast check check-sanitize check-valgrind \
	unit-tests install clean bench fuzz fuzz-ci fuzz-bins eval eval-mail
.DEFAULT_GOAL := all

all: $(BIN)

# Installs the build packages when missing (as root); the README's first command runs it.
deps:
	@scripts/install-deps build

# What the whole test suite starts or reads with (make test runs it first).
test-deps:
	@scripts/install-deps build test fuzz valgrind

# A check, not an install: names the way out when a library is missing.
libs-present:
	@pkg-config --exists $(PKGS) && [ -e /usr/include/csv.h ] && [ -e /usr/include/CUnit/CUnit.h ] || \
		{ echo "sendhealth: missing libraries; run 'make deps' as root, or install:" \
		"$$(scripts/install-deps --list build)" >&2; exit 1; }

$(BIN): $(CMD_OBJ) $(LIB_OBJ) | libs-present
	@echo "  LINK    $@"
	@$(CC) $(CFLAGS_ALL) -o $@ $^ $(LIBS_ALL)

$(BUILD)/obj/%.o: %.c | libs-present
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(CPPFLAGS) $(CFLAGS_ALL) -MMD -MP -c -o $@ $<

$(BUILD)/embed: scripts/embed.c
	@mkdir -p $(dir $@)
	$(CC) $(WARN) -O1 -o $@ $<

$(BUILD)/gen/embedded_data.c: $(DATA) $(BUILD)/embed
	@mkdir -p $(dir $@)
	$(BUILD)/embed $@ sh_embedded_catalogue_csv=$(CATALOGUE_CSV) \
		sh_embedded_categories_csv=$(CATEGORIES_CSV)

$(BUILD)/obj/embedded_data.o: $(BUILD)/gen/embedded_data.c
	@mkdir -p $(dir $@)
	@$(CC) $(CFLAGS_ALL) -c -o $@ $<

$(BUILD)/tests/%: tests/%.c $(LIB_OBJ) $(TESTLIB_OBJ) | libs-present
	@mkdir -p $(dir $@)
	@echo "  TEST    $@"
	@$(CC) $(CPPFLAGS) $(CFLAGS_ALL) -MMD -MP -MF $@.d -o $@ $< $(LIB_OBJ) $(TESTLIB_OBJ) $(LIBS_ALL)

# Test helpers: built by the rule above, but not named test_* so run-all does not run
# them; script tests call them (tests/report/render/render_report renders a report fixture;
# tests/fuzz/test_regress.sh replays fuzz inputs through replay_fuzz_*).
TEST_HELPERS := $(BUILD)/tests/report/render/render_report \
	$(BUILD)/tests/report/match/eval_classifier \
	$(BUILD)/tests/net/imap_fetch \
	$(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/tests/fuzz/replay_%)

# A fuzz target without libFuzzer: its LLVMFuzzerTestOneInput over files (replay_main.c).
$(BUILD)/tests/fuzz/replay_%: tests/fuzz/%.c tests/fuzz/replay_main.c $(LIB_OBJ) | libs-present
	@mkdir -p $(dir $@)
	@echo "  REPLAY  $@"
	@$(CC) $(CPPFLAGS) $(CFLAGS_ALL) -o $@ $< tests/fuzz/replay_main.c $(LIB_OBJ) $(LIBS_ALL)

unit-tests: $(TEST_BIN) $(TEST_HELPERS)

BENCH_BIN := $(patsubst bench/%.c,$(BUILD)/bench/%,$(wildcard bench/*.c))

$(BUILD)/bench/%: bench/%.c $(LIB_OBJ) | libs-present
	@mkdir -p $(dir $@)
	@echo "  BENCH   $@"
	@$(CC) $(CPPFLAGS) $(CFLAGS_ALL) -o $@ $< $(LIB_OBJ) $(LIBS_ALL)

bench: all $(BENCH_BIN) $(TEST_HELPERS)
	@scripts/install-deps bench
	@BENCH_BIN_DIR=$(BUILD)/bench SENDHEALTH=./$(BIN) bench/run

# The one test command (README, CI): the fast suite (unit tests, CLI tests, data checks),
# the classifier's and the bounce reader's evaluations (printed, never gating), then the
# suite under ASan+UBSan, the CLI tests under valgrind, and a short fuzz run; one after the
# other (timing tests need the CPU), stopping at the first pass that fails.
test: test-deps
	@$(MAKE) --no-print-directory test-fast
	@$(MAKE) --no-print-directory eval
	@$(MAKE) --no-print-directory eval-mail
	@$(MAKE) --no-print-directory check-sanitize
	@$(MAKE) --no-print-directory check-valgrind
	@$(MAKE) --no-print-directory fuzz-ci

test-fast: all unit-tests
	@SENDHEALTH=./$(BIN) TEST_BIN_DIR=$(BUILD)/tests TEST_TIME_FACTOR=$(TEST_TIME_FACTOR) tests/run-all

check: test

# The classifier against Sisimai's labels on real replies (../shared/corpus): agreement and
# unknown rate, whole corpus and held-back part, confusion table, worst misses. It prints;
# it never fails the build on a number (tests/report/match/eval_classifier.c).
eval: $(BUILD)/tests/report/match/eval_classifier
	@echo "== classifier evaluation"
	@$(BUILD)/tests/report/match/eval_classifier || true

# The bounce-mail reader on ../shared/corpus/bounces (tests/import/mail/eval_mail.c):
# recipients (against Sisimai's reading when libsisimai-perl is installed, else by shape),
# categories, complaints, auto-replies; held-back servers and all. Prints; never gates.
MAIL_CORPUS ?= ../shared/corpus/bounces
eval-mail: $(BUILD)/tests/import/mail/eval_mail
	@echo "== bounce-mail reader evaluation"
	@if [ ! -d $(MAIL_CORPUS)/eml ]; then echo "skip: $(MAIL_CORPUS) is absent"; exit 0; fi; \
	truth=; if perl -MSisimai -e1 2>/dev/null; then \
		scripts/sisimai-recipients $(MAIL_CORPUS)/eml >$(BUILD)/mail-recipients.tsv && \
		truth=$(BUILD)/mail-recipients.tsv; fi; \
	$(BUILD)/tests/import/mail/eval_mail $(MAIL_CORPUS) $$truth || true

check-sanitize:
	@echo "== the test suite under AddressSanitizer and UndefinedBehaviorSanitizer"
	@$(MAKE) --no-print-directory SAN=1 TEST_TIME_FACTOR=2 test-fast

# The CLI tests with every sendhealth run under valgrind's memcheck (leaks included), two
# scripts at a time (memcheck runs one thread on one core).
check-valgrind: all unit-tests
	@scripts/install-deps valgrind
	@echo "== the CLI and IMAP tests under valgrind"
	@rm -rf $(BUILD)/valgrind && mkdir -p $(BUILD)/valgrind
	@SENDHEALTH=tests/valgrind/sendhealth SENDHEALTH_REAL=$(CURDIR)/$(BIN) TEST_BIN_DIR=$(BUILD)/tests \
		VALGRIND_LOG_DIR=$(CURDIR)/$(BUILD)/valgrind TEST_TIME_FACTOR=4 RUN_ONLY=cli \
		TEST_JOBS=2 tests/run-all
	@n=$$(find $(BUILD)/valgrind -name 'vg.*.log' | wc -l); \
	bad=$$(find $(BUILD)/valgrind -name 'vg.*.log' -size +0); \
	if [ -n "$$bad" ]; then echo "valgrind found problems:"; cat $$bad; exit 1; fi; \
	echo "valgrind: $$n runs of sendhealth, no memory errors, no leaks"

# libFuzzer targets (tests/fuzz/fuzz_*.c) in build-fuzz/; `make fuzz FUZZ_TIME=600` runs
# each for FUZZ_TIME seconds (default 300) from random seeds, `make fuzz-ci` for 30 with a
# fixed seed and a fresh corpus (so a local run replays what CI ran). A crash fails the run
# and is left in build-fuzz/crashes/<target>/; copy it to tests/fixtures/regress/<target>/
# so that every test pass replays it.
FUZZ_TIME ?= 300
FUZZ_BIN := $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/fuzz/%)

fuzz-bins: $(FUZZ_BIN)

$(BUILD)/fuzz/%: tests/fuzz/%.c $(LIB_OBJ) | libs-present
	@mkdir -p $(dir $@)
	@echo "  FUZZ    $@"
	@$(CC) $(CPPFLAGS) $(CFLAGS_ALL) -fsanitize=fuzzer -o $@ $< $(LIB_OBJ) $(LIBS_ALL)

fuzz:
	@scripts/install-deps fuzz
	@$(MAKE) --no-print-directory FUZZ=1 fuzz-bins
	@tests/fuzz/run build-fuzz $(FUZZ_TIME)

fuzz-ci:
	@echo "== each fuzz target for 30 s"
	@scripts/install-deps fuzz
	@$(MAKE) --no-print-directory FUZZ=1 fuzz-bins
	@FUZZ_SEED=1 tests/fuzz/run build-fuzz 30

# Line coverage of the code each fuzz target is about, reached by its seeds, committed
# corpus and regression inputs (replayed without libFuzzer), per file (tests/fuzz/cov).
fuzz-cov:
	@scripts/install-deps fuzz
	@$(MAKE) --no-print-directory COV=1 \
		$(FUZZ_SRC:tests/fuzz/%.c=build-cov/tests/fuzz/replay_%)
	@tests/fuzz/cov build-cov

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/sendhealth
	install -m 755 sendhealth $(DESTDIR)$(PREFIX)/bin/sendhealth
	install -m 644 $(DATA) $(DESTDIR)$(PREFIX)/share/sendhealth/

clean:
	rm -rf build build-san build-fuzz build-cov sendhealth

-include $(LIB_OBJ:.o=.d) $(CMD_OBJ:.o=.d) $(TESTLIB_OBJ:.o=.d) $(TEST_BIN:=.d) $(TEST_HELPERS:=.d)
