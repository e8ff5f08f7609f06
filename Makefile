# polyalign — build, test, evaluate, benchmark, demo.
#
#   make          build ./polyalign
#   make check    install missing packages, build with ASan+UBSan, run all tests
#   make demo     install missing packages, build, run the Wuzhen sample
#   make eval     accuracy against ../shared/eval (skipped when absent), and partial
#                 transcripts of a recording (scripts/eval_partial.sh, own voices always)
#   make fuzz     libFuzzer targets of fuzz/, FUZZ_SECONDS (default 10) each
#   make bench    speed against baselines timed in the same run
#   make train    relearn src/segment/boundary_model.txt from ../shared/eval/segment and
#                 src/align/confidence_model.txt from ../shared/eval/align (make train-confidence)
#   make install  PREFIX=/usr/local

VERSION   := 0.1.0
PREFIX    ?= /usr/local
LOCALEDIR := $(PREFIX)/share/locale
SHARED    ?= ../shared

PKGS      := icu-uc icu-i18n libxml-2.0 jansson libzip
# the forced aligner is a module loaded on demand (src/audio/backend.h): only it links these
AUDIO_PKGS := libavformat libavcodec libswresample libavutil espeak-ng fftw3f
AUDIO_LIBS := $(shell pkg-config --libs $(AUDIO_PKGS) 2>/dev/null)
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) $(AUDIO_PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lgettextpo -lm -lpthread  # libgettextpo ships no .pc on Debian

CC        ?= cc
CFLAGS    ?= -O2 -g
# rows of tables may leave their last fields to zero (the option tables, src/cli/cli.h)
WARN      := -Wall -Wextra -Wshadow -Wno-unused-parameter -Wno-missing-field-initializers
LIBDIR    := $(PREFIX)/lib/polyalign
CPPFLAGS  += -D_GNU_SOURCE -DPOLYALIGN_VERSION='"$(VERSION)"' -DLOCALEDIR='"$(LOCALEDIR)"' -DAUDIO_MODULE_DIR='"$(LIBDIR)"'
ALL_CFLAGS = -std=c11 $(WARN) $(CFLAGS) $(PKG_CFLAGS)
SAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined -DPOLYALIGN_ALLOC_FAILURES
# the sanitizer build's allocations can be made to fail (src/util/alloc_fail.c)
SAN_WRAP  := -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup,--wrap=strndup,--wrap=mmap

AUDIO_SRC := $(filter-out src/audio/voices.c src/audio/sync_map.c src/audio/backend.c,$(wildcard src/audio/*.c))
LIB_SRC   := $(filter-out src/cli/main.c $(AUDIO_SRC),$(wildcard src/*.c src/*/*.c src/*/*/*.c))
CLI_SRC   := src/cli/main.c
GEN_SRC   := build/gen/rules_srx.c build/gen/boundary_model.c build/gen/confidence_model.c build/gen/review_css.c build/gen/review_js.c
UNIT_SRC  := $(wildcard tests/unit/test_*.c)

REL_OBJ   := $(patsubst %.c,build/rel/%.o,$(LIB_SRC) $(GEN_SRC))
SAN_OBJ   := $(patsubst %.c,build/san/%.o,$(LIB_SRC) $(GEN_SRC))
UNIT_BIN  := $(patsubst tests/unit/%.c,build/san/tests/%,$(UNIT_SRC))
AUDIO_REL := $(patsubst %.c,build/rel/pic/%.o,$(AUDIO_SRC))
AUDIO_SAN := $(patsubst %.c,build/san/pic/%.o,$(AUDIO_SRC))
AUDIO_MOD := polyalign-audio.so

PO_LANGS  := zh_CN ru
MO_FILES  := $(foreach l,$(PO_LANGS),locale/$(l)/LC_MESSAGES/polyalign.mo)

.PHONY: all setup check demo eval bench install clean pot preview train
all: polyalign $(MO_FILES) man/polyalign.1

# man pages, written by the binary from the same option tables as --help (src/cli/man.c)
MANDIR := $(PREFIX)/share/man/man1
man/polyalign.1: polyalign scripts/make_man.sh
	bash scripts/make_man.sh ./polyalign man

setup:
	@bash scripts/setup.sh
	@bash scripts/fetch_lexicons.sh

# -rdynamic: the audio module uses the program's error and array helpers
polyalign: $(REL_OBJ) build/rel/$(CLI_SRC:.c=.o) | build/rel/lib/$(AUDIO_MOD)
	$(CC) $(ALL_CFLAGS) -rdynamic -o $@ $^ $(PKG_LIBS)

build/san/polyalign: $(SAN_OBJ) build/san/$(CLI_SRC:.c=.o) | build/san/lib/$(AUDIO_MOD)
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) $(SAN_WRAP) -rdynamic -o $@ $^ $(PKG_LIBS)

build/rel/lib/$(AUDIO_MOD): $(AUDIO_REL)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -shared -o $@ $^ $(AUDIO_LIBS)

build/san/lib/$(AUDIO_MOD): $(AUDIO_SAN)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -shared -o $@ $^ $(AUDIO_LIBS)

build/rel/pic/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -fPIC -MMD -MP -c -o $@ $<

build/san/pic/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(SAN_FLAGS) -fPIC -MMD -MP -c -o $@ $<

build/rel/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

build/san/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(SAN_FLAGS) -MMD -MP -c -o $@ $<

build/rel/build/gen/%.o build/san/build/gen/%.o: build/gen/%.c

build/gen/rules_srx.c: src/segment/rules.srx scripts/embed.sh
	@mkdir -p $(@D)
	sh scripts/embed.sh $< builtin_rules_srx > $@.tmp && mv $@.tmp $@

# the review page's style and script (src/export/review.c), inline in every page
.SECONDARY: $(GEN_SRC)
build/gen/review_%.c: src/export/review.% scripts/embed.sh
	@mkdir -p $(@D)
	sh scripts/embed.sh $< review_$* > $@.tmp && mv $@.tmp $@

build/gen/boundary_model.c: src/segment/boundary_model.txt scripts/embed.sh
	@mkdir -p $(@D)
	sh scripts/embed.sh $< builtin_boundary_model > $@.tmp && mv $@.tmp $@

build/gen/confidence_model.c: src/align/confidence_model.txt scripts/embed.sh
	@mkdir -p $(@D)
	sh scripts/embed.sh $< builtin_confidence_model > $@.tmp && mv $@.tmp $@

# --- the sentence-boundary model (issue 15): learned from ../shared/eval/segment ---
build/tools/segment_train: tools/segment_train.c $(REL_OBJ)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -Isrc -o $@ $^ $(PKG_LIBS)

train: build/tools/segment_train
	@if [ -d $(SHARED)/eval/segment ]; then \
	  build/tools/segment_train $(SHARED)/eval/segment src/segment/boundary_model.txt tools/segment_train_extra.jsonl; \
	else echo "train: $(SHARED)/eval/segment not found; skipping (the training data lives beside the checkout)"; fi

# --- the bead-confidence model (issue 14): learned from ../shared/eval/align ---
build/tools/confidence_train: tools/confidence_train.c $(REL_OBJ)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -Isrc -o $@ $^ $(PKG_LIBS)

.PHONY: train-confidence
train: train-confidence
train-confidence: build/tools/confidence_train lexicons
	@if [ -d $(SHARED)/eval/align ]; then \
	  build/tools/confidence_train $(SHARED)/eval/align src/align/confidence_model.txt; \
	else echo "train: $(SHARED)/eval/align not found; skipping (the training data lives beside the checkout)"; fi

build/san/tests/%: tests/unit/%.c $(SAN_OBJ) $(AUDIO_SAN) | build/san/lib/$(AUDIO_MOD)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(SAN_FLAGS) $(SAN_WRAP) -rdynamic -Isrc -o $@ $^ $(PKG_LIBS) $(AUDIO_LIBS) -lcmocka

# the bare ICU loop: the bench's baseline, and the "plain ICU" row of the segmentation eval
build/bench/icu_sentence_loop: bench/icu_sentence_loop.c
	@mkdir -p $(@D)
	$(CC) -O2 -o $@ $< $(shell pkg-config --cflags --libs icu-uc icu-i18n)

build/bench/tm_lookup_bench: bench/tm_lookup_bench.c $(REL_OBJ)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -Isrc -o $@ $^ $(PKG_LIBS)

# --- lexicons (issue 7): fetched by scripts/fetch_lexicons.sh, compiled here, mapped at run time ---
PKG_LIBS  += -lstemmer  # Snowball stemmers; libstemmer ships no .pc on Debian
LEXICONDIR := $(PREFIX)/share/polyalign/lexicons
CPPFLAGS  += -DLEXICONDIR='"$(LEXICONDIR)"'
LEXDIR    := build/lexicons
CEDICT    := $(LEXDIR)/src/cedict_ts.u8
FREEDICT  := /usr/share/dictd/freedict-eng-rus
MUELLER   := /usr/share/dictd/mueller7
WORDNET   := /usr/share/wordnet
# English words no dictionary translates borrow their first WordNet sense's translations
# (src/align/lexsynonyms.h), when Debian's wordnet-base is installed (setup installs it)
SYNONYMS  := $(if $(wildcard $(WORDNET)/index.noun),--synonyms $(WORDNET))
LEXICONS  := $(if $(wildcard $(CEDICT)),$(LEXDIR)/en-zh.lex) \
             $(if $(wildcard $(FREEDICT).index $(MUELLER).index),$(LEXDIR)/en-ru.lex)
all: $(LEXICONS)
.PHONY: lexicons
lexicons: $(LEXICONS)

# the dictionary compiler and the load-time benchmark: programs on the library
build/tools/lexicon_build build/bench/lexicon_load_bench: build/%: %.c $(REL_OBJ)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -Isrc -o $@ $^ $(PKG_LIBS)

# a compiled lexicon depends on the dictionary and on the code that defines its format,
# reads the dictionaries and makes the keys (lexicon, lexsource, lexwords, and lang.c's
# list of languages written without spaces), not on every object of the library the
# compiler links, nor on lexset, lexlearn or lexuser, which only use it (an edit elsewhere
# must not recompile 10 MB of dictionaries)
LEX_FORMAT := $(wildcard src/align/lexicon.[ch] src/align/lexsource.[ch] src/align/lexwords.[ch] src/align/lexsynonyms.[ch] \
                         src/text/lang.[ch]) tools/lexicon_build.c
SYNONYM_DATA := $(if $(SYNONYMS),$(WORDNET)/index.noun $(WORDNET)/data.noun)
$(LEXDIR)/en-zh.lex: $(CEDICT) $(LEX_FORMAT) $(SYNONYM_DATA) | build/tools/lexicon_build
	build/tools/lexicon_build $(SYNONYMS) $@ en zh cedict $(CEDICT)

# en-ru: FreeDict and Mueller's dictionary together, each when installed (setup installs both)
EN_RU_DICTS := $(if $(wildcard $(FREEDICT).index),freedict) $(if $(wildcard $(MUELLER).index),mueller7)
$(LEXDIR)/en-ru.lex: $(wildcard $(FREEDICT).index $(FREEDICT).dict.dz $(MUELLER).index $(MUELLER).dict.dz) $(LEX_FORMAT) \
                     $(SYNONYM_DATA) | build/tools/lexicon_build
	@mkdir -p $(LEXDIR)/src
	$(if $(filter freedict,$(EN_RU_DICTS)),gzip -dc $(FREEDICT).dict.dz >$(LEXDIR)/src/freedict-eng-rus.dict)
	$(if $(filter mueller7,$(EN_RU_DICTS)),gzip -dc $(MUELLER).dict.dz >$(LEXDIR)/src/mueller7.dict)
	build/tools/lexicon_build $(SYNONYMS) $@ en ru \
	  $(if $(filter freedict,$(EN_RU_DICTS)),freedict $(LEXDIR)/src/freedict-eng-rus.dict $(FREEDICT).index) \
	  $(if $(filter mueller7,$(EN_RU_DICTS)),mueller $(LEXDIR)/src/mueller7.dict $(MUELLER).index)

# --- messages ---
po/polyalign.pot: $(LIB_SRC) $(AUDIO_SRC) $(CLI_SRC) $(wildcard src/cli/*.h)
	xgettext --from-code=UTF-8 -k_ -kN_ -kP_:1,2 -c/ --package-name=polyalign --package-version=$(VERSION) \
	  --msgid-bugs-address=polyalign@users.noreply -o $@.tmp $(sort $^) && mv $@.tmp $@
pot: po/polyalign.pot
	for l in $(PO_LANGS); do msgmerge -q -U --backup=none po/$$l.po po/polyalign.pot; done

locale/%/LC_MESSAGES/polyalign.mo: po/%.po
	@mkdir -p $(@D)
	msgfmt --check -o $@ $<

# --- fuzzing (issue 17): the libFuzzer targets of fuzz/, built with Debian's clang ---
# The library (and the audio decoder, linked in directly) is compiled once more with
# coverage for libFuzzer and ASan+UBSan; the seed corpora are made from the inputs of the
# tests and the sample files (fuzz/seed_corpus.py); fuzz/run.sh runs every target for
# FUZZ_SECONDS and fails on a crash, keeping what it learnt in build/fuzz/corpus.
FUZZ_CC      := clang
FUZZ_SECONDS ?= 10
FUZZ_FLAGS   := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_SRC     := $(wildcard fuzz/fuzz_*.c)
FUZZ_BIN     := $(patsubst fuzz/%.c,build/fuzz/bin/%,$(FUZZ_SRC))
FUZZ_OBJ     := $(patsubst %.c,build/fuzz/%.o,$(LIB_SRC) $(GEN_SRC) $(AUDIO_SRC))
FUZZ_SEEDS_FROM := $(wildcard tests/e2e/*.sh tests/cases/*.txt tests/audio/*.txt corpus/wuzhen/*.txt tmx/*.tmx subtitles/*.srt \
                     subtitles/*.vtt po/*.po) src/segment/rules.srx

.PHONY: fuzz fuzzers
.SECONDARY: $(FUZZ_OBJ)
fuzzers: $(FUZZ_BIN) build/fuzz/seeds/.made

fuzz: fuzzers
	FUZZ_SECONDS=$(FUZZ_SECONDS) bash fuzz/run.sh

build/fuzz/%.o: %.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CPPFLAGS) $(ALL_CFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

build/fuzz/bin/%: fuzz/%.c fuzz/input_file.h $(FUZZ_OBJ)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CPPFLAGS) $(ALL_CFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer -Isrc -o $@ $< $(FUZZ_OBJ) $(PKG_LIBS) $(AUDIO_LIBS)

build/fuzz/seeds/.made: fuzz/seed_corpus.py tests/e2e/make_docs.py $(FUZZ_SEEDS_FROM) build/tools/lexicon_build
	rm -rf build/fuzz/seeds
	python3 fuzz/seed_corpus.py build/fuzz/seeds build/tools/lexicon_build
	touch $@

# --- the two commands of the README ---
check: setup
	$(MAKE) build/san/polyalign $(UNIT_BIN) $(MO_FILES) polyalign lexicons man/polyalign.1 fuzzers build/tools/confidence_train
	POLYALIGN=build/san/polyalign SHARED=$(SHARED) bash tests/run.sh $(UNIT_BIN)

demo: setup
	$(MAKE) all
	bash scripts/demo.sh

preview: setup
	$(MAKE) all
	bash scripts/preview.sh

eval: all build/tools/segment_train build/tools/confidence_train build/bench/icu_sentence_loop sentencex
	SHARED=$(SHARED) bash scripts/eval.sh
	@echo
	@echo '== Transcripts covering only parts of the recording (issue 20): tests/audio/make_partial.py'
	SHARED=$(SHARED) bash scripts/eval_partial.sh
	@echo
	@echo '== Cue starts inside sentences, apart from sentence starts (issue 20): scripts/eval_cues.sh'
	bash scripts/eval_cues.sh

# the sentencex row of the segmentation table: Wikimedia's segmenter from the npm registry,
# installed beside the build; without npm or the registry the row is skipped, said so
.PHONY: sentencex
sentencex:
	@if [ -d build/npm/node_modules/sentencex ]; then :; \
	elif command -v npm >/dev/null 2>&1; then \
	  mkdir -p build/npm && npm install --silent --no-audit --no-fund --prefix build/npm sentencex >/dev/null 2>&1 || \
	    echo "eval: npm could not install sentencex; its row of the segmentation table is skipped"; \
	else echo "eval: npm is not installed; the sentencex row of the segmentation table is skipped"; fi

bench: all build/bench/tm_lookup_bench build/bench/lexicon_load_bench build/bench/icu_sentence_loop
	SHARED=$(SHARED) bash bench/run.sh

install: all
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 polyalign $(DESTDIR)$(PREFIX)/bin/polyalign
	install -d $(DESTDIR)$(LIBDIR)
	install -m 644 build/rel/lib/$(AUDIO_MOD) $(DESTDIR)$(LIBDIR)/$(AUDIO_MOD)
	for l in $(PO_LANGS); do install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES; \
	  install -m 644 locale/$$l/LC_MESSAGES/polyalign.mo $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/; done
	$(if $(LEXICONS),install -d $(DESTDIR)$(LEXICONDIR) && install -m 644 $(LEXICONS) $(DESTDIR)$(LEXICONDIR)/)
	install -d $(DESTDIR)$(MANDIR)
	install -m 644 man/*.1 $(DESTDIR)$(MANDIR)/

clean:
	rm -rf build polyalign locale man

-include $(shell find build -name '*.d' 2>/dev/null)
