# `make run` and `make test` bootstrap everything they need on a fresh Debian
# machine that only has python3: system libraries (apt-get when root), .venv, the project.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PKG_STAMP := $(VENV)/.packaging

.PHONY: run test bench lint sysdeps clean demo package package-smoke

$(STAMP): pyproject.toml scripts/bootstrap.sh
	sh scripts/bootstrap.sh "$(PY)" "$(VENV)"
	touch $(STAMP)

# PyInstaller (the [packaging] extra) on top of the test environment
$(PKG_STAMP): $(STAMP)
	$(BIN)/python -m pip install -q -e ".[packaging]"
	touch $(PKG_STAMP)

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

# The app for coaches: dist/tension-desktop/ (one folder), a .tar.gz and a .deb
package: $(PKG_STAMP)
	sh packaging/build.sh "$(BIN)/python"
	sh packaging/linux.sh

# Builds the package, then checks the frozen app: CLI, PDFs, self-check, its window under Xvfb
package-smoke: package
	TENSION_PACKAGE=dist/tension-desktop $(BIN)/python -m pytest -q -p no:randomly tests/package

clean:
	rm -rf $(VENV) build dist *.egg-info
