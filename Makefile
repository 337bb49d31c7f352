# `make run` and `make test` bootstrap everything they need on a fresh Debian
# machine that only has python3: system libraries (apt-get when root), .venv, the project.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench lint sysdeps clean demo

$(STAMP): pyproject.toml scripts/bootstrap.sh
	sh scripts/bootstrap.sh "$(PY)" "$(VENV)"
	touch $(STAMP)

sysdeps:
	sh scripts/sysdeps.sh

run: $(STAMP)
	sh scripts/run.sh "$(BIN)"

test: $(STAMP)
	sh scripts/test.sh "$(BIN)"

bench: $(STAMP)
	sh scripts/bench.sh "$(BIN)"

lint: $(STAMP)
	$(BIN)/ruff check tension_desktop tests benchmarks

clean:
	rm -rf $(VENV) build *.egg-info
