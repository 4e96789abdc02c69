# sendhealth - build, test and install. `make` builds ./sendhealth; `make test` runs every
# test; `make check-sanitize` runs them again under ASan+UBSan; `make bench` benchmarks.
# The Debian packages are installed by scripts/install-deps when missing (as root).

CC ?= cc
PREFIX ?= /usr/local
VERSION := 0.1.0
BUILD ?= build
PKGS := jansson libcurl xlsxwriter yajl zlib

WARN := -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wvla -Wformat=2
OPT ?= -O2 -g
# Expanded when a recipe runs, i.e. after `deps` has installed the packages.
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

LIB_SRC := $(sort $(wildcard util/*.c import/*.c report/*.c))
CMD_SRC := $(sort $(wildcard cmd/*.c))
TEST_SRC := $(sort $(wildcard tests/*/test_*.c))
CATALOGUE_CSV ?= data/catalogue.csv
CATEGORIES_CSV ?= data/categories.csv
DATA := $(CATALOGUE_CSV) $(CATEGORIES_CSV)

LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/embedded_data.o
CMD_OBJ := $(CMD_SRC:%.c=$(BUILD)/obj/%.o)
TEST_BIN := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
TESTLIB_OBJ := $(BUILD)/obj/tests/testlib.o
BIN := $(if $(filter 1,$(SAN)),$(BUILD)/sendhealth,sendhealth)

.PHONY: all deps test check check-sanitize unit-tests install clean bench fuzz
.DEFAULT_GOAL := all

all: deps $(BIN)

deps:
	@scripts/install-deps

$(BIN): $(CMD_OBJ) $(LIB_OBJ) | deps
	@echo "  LINK    $@"
	@$(CC) $(CFLAGS_ALL) -o $@ $^ $(LIBS_ALL)

$(BUILD)/obj/%.o: %.c | deps
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

$(BUILD)/tests/%: tests/%.c $(LIB_OBJ) $(TESTLIB_OBJ) | deps
	@mkdir -p $(dir $@)
	@echo "  TEST    $@"
	@$(CC) $(CPPFLAGS) $(CFLAGS_ALL) -o $@ $< $(LIB_OBJ) $(TESTLIB_OBJ) $(LIBS_ALL)

# Test helpers: built by the rule above, but not named test_* so run-all does not run
# them; script tests call them (tests/report/render_report renders a report fixture).
TEST_HELPERS := $(BUILD)/tests/report/render_report

unit-tests: $(TEST_BIN) $(TEST_HELPERS)

BENCH_BIN := $(patsubst bench/%.c,$(BUILD)/bench/%,$(wildcard bench/*.c))

$(BUILD)/bench/%: bench/%.c $(LIB_OBJ) | deps
	@mkdir -p $(dir $@)
	@echo "  BENCH   $@"
	@$(CC) $(CPPFLAGS) $(CFLAGS_ALL) -o $@ $< $(LIB_OBJ) $(LIBS_ALL)

bench: all $(BENCH_BIN) $(TEST_HELPERS)
	@BENCH_BIN_DIR=$(BUILD)/bench SENDHEALTH=./$(BIN) bench/run

# The one test command (README, CI): unit tests, CLI tests, data checks.
test: all unit-tests
	@SENDHEALTH=./$(BIN) TEST_BIN_DIR=$(BUILD)/tests tests/run-all

check: test

check-sanitize:
	$(MAKE) SAN=1 test

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/sendhealth
	install -m 755 sendhealth $(DESTDIR)$(PREFIX)/bin/sendhealth
	install -m 644 $(DATA) $(DESTDIR)$(PREFIX)/share/sendhealth/

clean:
	rm -rf build build-san sendhealth

-include $(LIB_OBJ:.o=.d) $(CMD_OBJ:.o=.d) $(TESTLIB_OBJ:.o=.d)
