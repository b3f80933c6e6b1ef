# clip-synergy: set-up, tests, notebooks and figures.
# `make help` lists the targets. Every target that starts a JVM with DJL keeps it
# offline and untracked (OPT_OUT_TRACKING=true, -Dai.djl.offline=true).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

ROOT := $(CURDIR)
VENV := $(ROOT)/.venv
PYTHON := $(VENV)/bin/python
NODE_DIR := environment/node
PLOTLY_JS := $(NODE_DIR)/node_modules/plotly.js-dist-min/plotly.min.js
KERNEL_JSON := $(VENV)/share/jupyter/kernels/java/kernel.json
LIB_STAMP := lib/target/.setup-built
VENV_STAMP := $(VENV)/.setup-installed
LIB_SOURCES := lib/pom.xml $(shell find lib/src/main -type f 2>/dev/null)
CLI := bin/clip-synergy
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]-*.ipynb))
TEST_NOTEBOOK_OUT := build/notebooks
FIGURE_NOTEBOOK_OUT := figures/notebooks
# `make figures` extracts the clean features the notebooks share before running them two at a
# time (their defaults: every backbone, these datasets, the whole test split and the first
# 10,000 training images), so no two notebooks extract the same cache entry at once.
FIGURE_DATASETS := mnist,fashion-mnist
FIGURE_TRAIN_LIMIT := 10000
FIGURE_JOBS ?= 2
# A notebook runs again only when one of these (or the library's jar) changed since it last ran into figures/notebooks
# (or one of the figures it wrote is missing); `make figures FORCE=1` runs every one.
FIGURE_INPUTS := lib/target/dependency datasets.yaml backbones data
FORCE ?=
# Longest first, so the two lanes finish together.
FIGURE_ORDER := $(filter %04-robustness.ipynb,$(NOTEBOOKS)) $(filter %05-adaptive-ensembles.ipynb,$(NOTEBOOKS)) \
    $(filter-out %04-robustness.ipynb %05-adaptive-ensembles.ipynb,$(NOTEBOOKS))
# `make test` runs the notebooks on the smoke-size zoo (trained in about a minute) with its own
# feature cache, so it neither needs the full zoo nor touches cache/.
SMOKE_ZOO := $(ROOT)/build/smoke-zoo
SMOKE_ZOO_STAMP := $(SMOKE_ZOO)/.built
SMOKE_CACHE := $(ROOT)/build/smoke-cache

export OPT_OUT_TRACKING := true
DJL_OFFLINE := -Dai.djl.offline=true
MVN := mvn -B -Dstyle.color=never $(DJL_OFFLINE)
# `make setup GPU=1`: build without the CPU native library (Maven profile gpu), so DJL fetches
# the CUDA build of libtorch once; that first run needs CLIP_SYNERGY_DJL_OFFLINE=false.
GPU ?=
MVN_PROFILE := $(if $(GPU),-Dgpu,)
# Python with torch and open_clip, used only by `make backbones`.
EXPORT_VENV := $(ROOT)/.venv-export
EXPORT_PYTHON ?= $(EXPORT_VENV)/bin/python
# Extra arguments for environment/export_backbones.py, e.g. BACKBONE_ARGS="--models ViT-B-32".
BACKBONE_ARGS ?=
# Extra arguments for `clip-synergy train-zoo`, e.g. ZOO_ARGS=--smoke for a quick, tiny zoo.
ZOO_ARGS ?=
# Benchmark main class for `make bench BENCH=...` (under lib/src/test/java/org/clipsynergy/bench).
BENCH ?=

.PHONY: help setup tools browser test unit-test notebook-test lab figures data backbones \
        zoo bench clean distclean

help: ## List the targets.
	@echo "clip-synergy make targets:"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## (.*)/  \1\t\2/' | expand -t 18

setup: tools $(VENV_STAMP) $(LIB_STAMP) $(KERNEL_JSON) $(PLOTLY_JS) browser data ## Prepare this machine (idempotent): tools check, .venv + Java kernel, library, plotly, data.
	@echo "setup: done. 'make test' runs the tests, 'make lab' opens JupyterLab, 'make figures' writes figures/."

tools:
	@bash environment/check_tools.sh

$(VENV_STAMP): environment/requirements.txt
	@echo "setup: creating $(VENV) with the pinned Jupyter packages and the JJava kernel (environment/requirements.txt)"
	@if [ ! -x $(PYTHON) ]; then \
	    if ! /usr/bin/python3 -m venv $(VENV) 2>/dev/null; then \
	        rm -rf $(VENV); \
	        echo "setup: Python's venv module is missing; installing python3-venv with apt-get"; \
	        if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	            apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null; \
	        else \
	            echo "setup: run 'sudo apt-get install python3-venv' (or your system's equivalent) and retry" >&2; exit 1; \
	        fi; \
	        /usr/bin/python3 -m venv $(VENV); \
	    fi; \
	fi
	@$(PYTHON) -m pip install --disable-pip-version-check -q -r environment/requirements.txt
	@touch $@

$(LIB_STAMP): $(LIB_SOURCES)
	@echo "setup: building lib (mvn install, tests skipped) and copying its runtime dependencies to lib/target/dependency"
	@cd lib && $(MVN) -q $(MVN_PROFILE) -Dmaven.test.skip=true -Dspotless.check.skip=true install
	@rm -rf lib/target/dependency
	@cd lib && $(MVN) -q $(MVN_PROFILE) dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=target/dependency
	@touch $@

$(KERNEL_JSON): $(VENV_STAMP) $(LIB_STAMP) environment/install_kernel.py environment/kernel/startup.jshell
	@echo "setup: registering the Java kernel 'java' in $(VENV) with the library on its classpath"
	@$(PYTHON) environment/install_kernel.py $(ROOT)
	@touch $@

$(PLOTLY_JS): $(NODE_DIR)/package.json $(NODE_DIR)/package-lock.json
	@echo "setup: fetching the pinned plotly.js for offline charts into $(NODE_DIR)/node_modules"
	@npm ci --prefix $(NODE_DIR) --no-audit --no-fund --silent
	@touch $@

browser: ## Install headless Chromium (used for PNG copies of charts) when missing and possible.
	@if command -v chromium >/dev/null || command -v chromium-browser >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "setup: installing Debian's chromium (headless screenshots give the PNG copy of each chart)"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	        chromium fonts-dejavu-core >/dev/null) \
	      || echo "setup: WARNING: could not install chromium; charts get HTML only, no PNG copy"; \
	else \
	    echo "setup: WARNING: no chromium found; install it (e.g. 'apt-get install chromium') for PNG copies of charts"; \
	fi

data: ## Fetch the embedded default datasets (MNIST, Fashion-MNIST) into data/, checksums checked.
	@bash environment/fetch_data.sh

test: setup ## Run the library's tests (mvn verify, formatter check) and every notebook headless.
	@$(MAKE) --no-print-directory unit-test notebook-test

unit-test: ## Only the library's tests and formatter check (mvn verify in lib).
	cd lib && $(MVN) verify

notebook-test: $(KERNEL_JSON) $(SMOKE_ZOO_STAMP) ## Only run every notebook headless with the small parameters in notebooks/test-params/ (smoke zoo).
	@rm -rf $(TEST_NOTEBOOK_OUT)
	$(PYTHON) -m unittest discover -s environment -p 'test_*.py'
	@if [ -z "$(NOTEBOOKS)" ]; then echo "notebook-test: no notebooks in notebooks/ yet"; else \
	    $(PYTHON) environment/check_notebooks.py $(NOTEBOOKS) && \
	    CLIP_SYNERGY_BACKBONES=$(SMOKE_ZOO) CLIP_SYNERGY_CACHE=$(SMOKE_CACHE) \
	    $(PYTHON) environment/run_notebooks.py --out $(TEST_NOTEBOOK_OUT) --params notebooks/test-params \
	        --timeout 900 $(NOTEBOOKS) \
	    && echo "notebooks: $(words $(NOTEBOOKS)) passed, 0 failed"; fi

lab: setup ## Open JupyterLab on notebooks/ with the Java kernel.
	cd notebooks && $(VENV)/bin/jupyter lab --ip=127.0.0.1 $$( [ "$$(id -u)" = 0 ] && echo --allow-root )

figures: setup ## Reproduce every table and chart into figures/ (embedded default: mini zoo, MNIST, Fashion-MNIST); FORCE=1 reruns unchanged notebooks.
	@if $(CLI) --help | grep -qw train-zoo; then $(MAKE) --no-print-directory zoo ZOO_ARGS="--no-eval $(ZOO_ARGS)"; \
	else echo "figures: this build's command line has no train-zoo yet; notebooks run without a mini zoo"; fi
	@mkdir -p $(FIGURE_NOTEBOOK_OUT)
	$(CLI) extract --datasets $(FIGURE_DATASETS) --split test
	$(CLI) extract --datasets $(FIGURE_DATASETS) --split train --limit $(FIGURE_TRAIN_LIMIT)
	$(PYTHON) environment/run_notebooks.py --out $(FIGURE_NOTEBOOK_OUT) --timeout 3600 \
	    --jobs $(FIGURE_JOBS) $(foreach input,$(FIGURE_INPUTS),--inputs $(input)) --outputs figures \
	    $$(for jar in lib/target/clip-synergy-*.jar; do echo "--inputs $$jar"; done) \
	    $(if $(FORCE),--force,) $(FIGURE_ORDER)
	$(CLI) report
	@echo "figures: executed notebooks are in $(FIGURE_NOTEBOOK_OUT); open figures/index.html"

$(SMOKE_ZOO_STAMP): $(LIB_STAMP)
	@echo "notebook-test: training the smoke-size zoo into $(SMOKE_ZOO) (a sliver of the data)"
	@CLIP_SYNERGY_BACKBONES=$(SMOKE_ZOO) $(CLI) train-zoo --smoke --no-eval --no-progress
	@touch $@

zoo: $(LIB_STAMP) ## Train (or reuse) the mini zoo of CLIP-style backbones on the embedded default data.
	$(CLI) train-zoo $(ZOO_ARGS)

backbones: $(LIB_STAMP) ## Export the nine OpenAI CLIP backbones with open_clip (needs the network).
	@if [ ! -f environment/export_backbones.py ]; then \
	    echo "backbones: environment/export_backbones.py is not in this tree" >&2; exit 1; fi
	@if [ ! -x "$(EXPORT_PYTHON)" ]; then \
	    echo "backbones: creating $(EXPORT_VENV) with torch and open_clip (environment/requirements-reference.txt)"; \
	    /usr/bin/python3 -m venv $(EXPORT_VENV); \
	    if ! $(EXPORT_VENV)/bin/pip install --disable-pip-version-check -q -r environment/requirements-reference.txt; then \
	        rm -rf $(EXPORT_VENV); \
	        echo "backbones: OFFLINE? could not install torch and open_clip from PyPI; 'make backbones' needs the network" >&2; \
	        exit 1; \
	    fi; \
	fi
	@$(EXPORT_PYTHON) environment/export_backbones.py --out backbones $(BACKBONE_ARGS) || { rc=$$?; \
	    if [ $$rc = 3 ]; then echo "backbones: OFFLINE: the weights cannot be downloaded on this machine;" \
	        "run 'make backbones' where the network is reachable and copy backbones/ here" >&2; fi; \
	    exit $$rc; }

bench: $(LIB_STAMP) ## Run a benchmark main: make bench BENCH=org.clipsynergy.bench.SomeBench (no BENCH: list them).
ifeq ($(BENCH),)
	@echo "benchmarks (make bench BENCH=<class>):"
	@grep -rl --include='*Bench*.java' 'static void main' lib/src/test/java | sort \
	    | sed -E 's|lib/src/test/java/||; s|\.java$$||; s|/|.|g; s|^|  |'
else
	@f=lib/src/test/java/$$(echo '$(BENCH)' | tr . /).java; \
	if ! grep -qs 'static void main' "$$f"; then \
	    echo "make bench: no benchmark main $(BENCH) (expected $$f); these exist:" >&2; \
	    grep -rl --include='*Bench*.java' 'static void main' lib/src/test/java | sort \
	        | sed -E 's|lib/src/test/java/||; s|\.java$$||; s|/|.|g; s|^|  |' >&2; \
	    exit 2; \
	fi
	cd lib && $(MVN) -q test-compile dependency:build-classpath -Dmdep.includeScope=test \
	    -Dmdep.outputFile=target/test-classpath.txt
	cd lib && java -Xmx8g $(DJL_OFFLINE) -Dai.djl.pytorch.num_threads=$${CLIP_SYNERGY_THREADS:-1} \
	    -Dclipsynergy.root=$(ROOT) -cp target/test-classes:target/classes:$$(cat target/test-classpath.txt) $(BENCH)
endif

clean: ## Remove build output and generated figures (keeps .venv, data/, cache/, backbones/).
	rm -rf lib/target build
	find figures -mindepth 1 -not -name README.md -delete 2>/dev/null || true

distclean: clean ## Also remove .venv, .venv-export and node_modules (data/, cache/, backbones/ stay).
	rm -rf $(VENV) $(EXPORT_VENV) $(NODE_DIR)/node_modules
