# learnweek: `make run` sets up and serves the demo; `make test` runs every test.
CC      ?= cc
PKGS    := libmicrohttpd sqlite3 libpq libsodium jansson libzip libqrencode cairo pangocairo xlsxwriter libxml-2.0 libpng libjpeg zlib
CSTD    := -std=c17 -D_GNU_SOURCE
WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wformat=2 -Wno-format-nonliteral
INC     := -Isrc -Ibuild/gen
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lpthread -lm
SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

SRC     := $(shell find src -name '*.c' | sort)
LIBSRC  := $(filter-out src/main.c,$(SRC))
HDR     := $(shell find src -name "*.h" -o -name "*.routes")
EMBED   := $(sort $(wildcard static/*)) $(sort $(wildcard src/db/migrations/*.sql)) $(sort $(wildcard src/db/migrations-pg/*.sql)) $(sort $(wildcard src/domain/*.txt))

REL_OBJ := $(patsubst %.c,build/rel/%.o,$(SRC)) build/rel/gen/embedded.o
TST_OBJ := $(patsubst %.c,build/san/%.o,$(SRC)) build/san/gen/embedded.o
TST_LIB := $(filter-out build/san/src/main.o,$(TST_OBJ))

UNIT_TESTS := $(patsubst tests/unit/%.c,build/tests/unit/%,$(wildcard tests/unit/test_*.c))
HTTP_TESTS := $(patsubst tests/http/%.c,build/tests/http/%,$(wildcard tests/http/test_*.c))

DATA    ?= data
LISTEN  ?= 127.0.0.1:8080
# the address residents use (QR codes, feeds, the forms' origin check): make run PUBLIC_URL=https://...
PUBLIC_URL ?= http://$(LISTEN)

.SECONDARY:
.PHONY: all run test deps deps-test fresh-check unit http unit-pg http-pg engines pg-ops http-valgrind cli e2e screenshots bench load fuzz fuzz-smoke clean lint crash rush faults backup-load
all: learnweek

deps:
	@sh scripts/install-deps.sh
deps-test:
	@sh scripts/install-deps.sh --test
# every command the tests and scripts call comes from a package deps-test installs
fresh-check:
	@sh scripts/fresh-check.sh

build/tools/embed: tools/embed.c
	@mkdir -p $(@D)
	$(CC) -O2 -o $@ $<

build/gen/embedded.c: build/tools/embed $(EMBED)
	@mkdir -p $(@D)
	build/tools/embed $@ $(EMBED)

build/rel/%.o: %.c $(HDR)
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(CSTD) $(WARN) -O2 -g $(INC) $(PKG_CFLAGS) -c -o $@ $<
build/rel/gen/embedded.o: build/gen/embedded.c
	@mkdir -p $(@D)
	$(CC) $(CSTD) -O1 $(INC) -c -o $@ $<

build/san/%.o: %.c $(HDR)
	@mkdir -p $(@D)
	@echo "  CC san  $<"
	@$(CC) $(CSTD) $(WARN) -O1 -g $(SAN) $(INC) $(PKG_CFLAGS) -c -o $@ $<
build/san/gen/embedded.o: build/gen/embedded.c
	@mkdir -p $(@D)
	$(CC) $(CSTD) -O1 $(INC) -c -o $@ $<

learnweek: $(REL_OBJ)
	$(CC) -o $@ $(REL_OBJ) $(PKG_LIBS)

# the binary the tests drive: AddressSanitizer and UBSan on
build/san/learnweek: $(TST_OBJ)
	$(CC) $(SAN) -o $@ $(TST_OBJ) $(PKG_LIBS)

build/tests/unit/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(TST_LIB)
	@mkdir -p $(@D)
	@echo "  TEST    $@"
	@$(CC) $(CSTD) $(WARN) -O1 -g $(SAN) $(INC) $(PKG_CFLAGS) -o $@ $< $(TST_LIB) $(PKG_LIBS) -lcriterion

build/tests/http/%: tests/http/%.c tests/http/harness.c $(wildcard tests/http/*.h)
	@mkdir -p $(@D)
	@echo "  TEST    $@"
	@$(CC) $(CSTD) $(WARN) -O1 -g $(SAN) -Itests/http -o $@ $< tests/http/harness.c -lcriterion -lcurl -lzip -ljansson -lpng -ljpeg

# fuzzing (clang + libFuzzer): make fuzz [FUZZ_SECONDS=60]
FUZZ_SECONDS ?= 60
FUZZ_CC  := clang
FUZZ_OBJ := $(patsubst %.c,build/fuzz/%.o,$(LIBSRC)) build/fuzz/gen/embedded.o
FUZZ_TARGETS := $(patsubst tests/fuzz/%.c,build/fuzz/bin/%,$(wildcard tests/fuzz/fuzz_*.c))
build/fuzz/%.o: %.c $(HDR)
	@mkdir -p $(@D)
	@echo "  CC fuzz $<"
	@$(FUZZ_CC) $(CSTD) -Wall -Wextra -Werror -Wno-unused-command-line-argument -O1 -g -fsanitize=fuzzer-no-link,address,undefined $(INC) $(PKG_CFLAGS) -c -o $@ $<
build/fuzz/gen/embedded.o: build/gen/embedded.c
	@mkdir -p $(@D)
	@$(FUZZ_CC) $(CSTD) -O1 $(INC) -c -o $@ $<
build/fuzz/bin/%: tests/fuzz/%.c $(wildcard tests/fuzz/*.h) $(FUZZ_OBJ)
	@mkdir -p $(@D)
	@echo "  FUZZ    $@"
	@$(FUZZ_CC) $(CSTD) -Wall -Wextra -Werror -O1 -g -fsanitize=fuzzer,address,undefined $(INC) $(PKG_CFLAGS) -o $@ $< $(FUZZ_OBJ) $(PKG_LIBS)

# Each target runs for FUZZ_SECONDS on its seeds (tests/fuzz/corpus/NAME) and
# what earlier runs found (build/fuzz/corpus/NAME); the demo folders the
# targets make go to a private temp folder (on /dev/shm when there is one),
# removed afterwards. A crash leaves build/fuzz/crash-* and fails the run.
FUZZ_TMP_BASE := $(shell [ -d /dev/shm ] && [ -w /dev/shm ] && echo /dev/shm || echo $${TMPDIR:-/tmp})
fuzz: $(FUZZ_TARGETS)
	@tmp=$$(mktemp -d "$(FUZZ_TMP_BASE)/lw-fuzz.XXXXXX") || exit 1; trap 'rm -rf "$$tmp"' EXIT; \
	for t in $(FUZZ_TARGETS); do n=$$(basename $$t); mkdir -p build/fuzz/corpus/$$n; \
	  echo "== $$n for $(FUZZ_SECONDS) s"; \
	  TMPDIR=$$tmp $$t -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
	    -artifact_prefix=build/fuzz/ build/fuzz/corpus/$$n tests/fuzz/corpus/$$n >$$tmp/log 2>&1; rc=$$?; \
	  grep -E '^(Done|stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb))' $$tmp/log; \
	  if [ $$rc -ne 0 ]; then tail -60 $$tmp/log; echo "fuzz: $$n failed (exit $$rc)"; exit 1; fi; \
	done

# a few seconds per target, for make test: the seeds and what earlier runs found still pass
fuzz-smoke:
	@$(MAKE) -s fuzz FUZZ_SECONDS=$(or $(FUZZ_SMOKE_SECONDS),5)

$(DATA):
	./learnweek demo --data $(DATA)

run: deps learnweek
	@if [ ! -d $(DATA) ]; then ./learnweek demo --data $(DATA) --public-url $(PUBLIC_URL); else echo "数据目录 $(DATA) 已存在；演示账号见 $(DATA)/demo-accounts.txt:"; cat $(DATA)/demo-accounts.txt 2>/dev/null || true; fi
	./learnweek serve --data $(DATA) --listen $(LISTEN) --public-url $(PUBLIC_URL)

# Criterion reports a test as passed before LeakSanitizer speaks at its exit,
# so a sanitizer report in the output fails the run too. Every binary runs;
# the failed ones are named at the end.
unit: $(UNIT_TESTS)
	@failed=""; for t in $(UNIT_TESTS); do echo "== $$t"; \
	  out=$$($$t --jobs 2 2>&1); rc=$$?; printf '%s\n' "$$out"; \
	  if [ $$rc -ne 0 ]; then failed="$$failed $$t (exit $$rc)"; \
	  elif printf '%s\n' "$$out" | grep -q 'Sanitizer'; then failed="$$failed $$t (sanitizer report)"; fi; \
	done; \
	if [ -n "$$failed" ]; then echo "unit tests: FAILED:$$failed"; exit 1; fi

http: build/san/learnweek $(HTTP_TESTS)
	@LEARNWEEK_BIN=build/san/learnweek sh tests/http/run.sh $(HTTP_TESTS)

# The unit and HTTP suites on PostgreSQL: a private server started by
# scripts/pg-test-cluster.sh (Debian's postgresql), a new database per test
# (unit) or per test program (HTTP), the server stopped and removed after.
# engines (tests/cli/engines.sh, in make test) compares every page of one demo
# served from each engine. http-pg is in make test (issue 18: the counters
# PostgreSQL's triggers keep are written once per statement, migrations-pg
# 260-263, and an import writes its rows in batches), and so is unit-pg
# (test_calendar's text search over 30,000 activities passes since the text
# index is fed in batches and a statement run again is prepared; the whole
# suite about 6 minutes).
unit-pg: $(UNIT_TESTS)
	@sh scripts/pg-test-cluster.sh run $(MAKE) -s unit
http-pg: build/san/learnweek $(HTTP_TESTS)
	@sh scripts/pg-test-cluster.sh run $(MAKE) -s http
# twice: a demo made on each engine, then the SQLite folder moved to
# PostgreSQL by migrate-to-postgres (ENGINES_PG=migrate)
engines: learnweek
	@sh scripts/pg-test-cluster.sh run sh -c 'sh tests/cli/engines.sh && ENGINES_PG=migrate sh tests/cli/engines.sh'

# many servers on one PostgreSQL, and check, backup, restore and
# migrate-to-postgres there (issue 18): shell tests on a private server
pg-ops: learnweek
	@sh scripts/pg-test-cluster.sh run sh -c 'rc=0; for t in cluster pg-backup pg-migrate; do echo "== $$t"; \
	  sh tests/reliability/$$t.sh ./learnweek || rc=1; done; exit $$rc'

# the same HTTP tests with the server under valgrind memcheck (release build;
# a definite leak or a memory error fails the binary): slow (about 30 minutes),
# not in make test. Two tests are timed for a real server and are left out:
# a 10,000-row import (over the harness's 60 s per request under memcheck) and
# a cut upload's temp file gone within 3 s.
VALGRIND_SKIP := !(import/ten_thousand_rows|upload/connection_cut_half_way_leaves_nothing)
http-valgrind: learnweek $(HTTP_TESTS)
	@CRITERION_TEST_PATTERN='$(VALGRIND_SKIP)' LEARNWEEK_BIN=tests/http/valgrind.sh sh tests/http/run.sh $(HTTP_TESTS)

cli: build/san/learnweek
	@LEARNWEEK_BIN=build/san/learnweek sh tests/cli/run.sh

e2e: learnweek
	@sh tests/e2e/run.sh

# the README's tour pictures, taken by the browser test of the live demo week
# (tests/e2e/live.test.mjs): phone shots 375 px wide (one image pixel per CSS
# pixel) and the centre's board, each reduced to a palette by pngquant
SHOTS := tour-resident-calendar tour-resident-checkin tour-centre-board
screenshots: learnweek
	@command -v pngquant >/dev/null 2>&1 || { echo "screenshots: pngquant is missing (Debian package pngquant; make deps-test)"; exit 1; }
	@rm -rf build/screenshots && LEARNWEEK_E2E_OUT=$(CURDIR)/build/screenshots sh tests/e2e/run.sh live.test.mjs
	@mkdir -p docs/img && for s in $(SHOTS); do \
	  pngquant --force --strip --quality 50-80 --speed 1 --output docs/img/$$s.png build/screenshots/$$s.png || exit 1; \
	done; ls -l $(patsubst %,docs/img/%.png,$(SHOTS))

# real PNGs of random pixels for the shell tests that upload photos
build/tests/photo: tests/tools/photo.c
	@mkdir -p $(@D)
	$(CC) $(CSTD) $(WARN) -O1 -o $@ $< $(shell pkg-config --cflags --libs libpng)

# SIGKILL at random moments under a stream of writes (tests/reliability/crash.sh)
CRASH_ROUNDS ?= 50
crash: learnweek build/tests/photo
	@sh tests/reliability/crash.sh $(CRASH_ROUNDS)

# disk full and read-only data folder (tmpfs mounts: needs root, or sudo without a password)
faults: learnweek build/tests/photo
	@sh tests/reliability/faults.sh

# learnweek backup under load, each copy restored and checked --deep
BACKUPS ?= 2
backup-load: learnweek build/tests/photo
	@sh tests/reliability/backup.sh $(BACKUPS)

# the deadline rush: 13 units submit at once (two clicks each), ROUNDS times
RUSH_ROUNDS ?= 20
rush: learnweek
	@sh tests/reliability/rush.sh $(RUSH_ROUNDS)

# lint.sh: the project's rules (with htmlcheck.sh: every H() call's format and
# argument types, raw writes into HTML); tests/lint: the checker fails on
# planted bad calls, and the layer check (scripts/layers.sh) on planted includes
lint:
	@CC="$(CC)" sh scripts/lint.sh
	@mkdir -p build && CC="$(CC)" sh tests/lint/htmlcheck.sh >build/lint-htmlcheck.log 2>&1 || { cat build/lint-htmlcheck.log; exit 1; }
	@sh tests/lint/layers.sh >build/lint-layers.log 2>&1 || { cat build/lint-layers.log; exit 1; }

# installs what the tests need and checks it (fresh-check), then runs every
# suite even when one fails, printing each one's wall time and a table at the end
SUITES := lint unit http http-pg engines cli crash rush faults backup-load fuzz-smoke e2e

# the nginx site of docs/deploy.md loaded whole, over HTTPS with a self-signed
# certificate, in front of a demo week: redirect, caching, no-store (about 15 s)
.PHONY: deploy
SUITES += deploy
deploy: build/san/learnweek
	@LEARNWEEK_BIN=build/san/learnweek sh tests/deploy/nginx.sh

# the unit suite on PostgreSQL too (issue 18): every unit test on both engines
SUITES += unit-pg

test:
	+@MAKE="$(MAKE)" sh scripts/suites.sh deps-test fresh-check -- $(SUITES)

bench: learnweek
	@sh bench/run.sh

# residents, 13 units and the centre at once on 100,000 activities (bench/load.sh)
LOAD_SECONDS ?= 300
load: learnweek
	@sh bench/load.sh -d $(LOAD_SECONDS)

clean:
	rm -rf build learnweek
