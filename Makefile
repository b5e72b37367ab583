# Omnichannel stock suite for Odoo 18.0: see README.md.
PYTHON ?= python3
ODOO_RC ?= $(CURDIR)/.odoo.conf
DB ?= omni_demo
TEST_DB ?= omni_test
BENCH_DB ?= omni_bench
HTTP_PORT ?= 8069
# every addon of addons/: one database install for all tests
TEST_MODULES ?= $(shell ls -d addons/*/__manifest__.py | cut -d/ -f2 | paste -sd, -)
CHANNEL ?=
PYTEST_ARGS ?=
BENCH_ARGS ?=

ODOO = $(PYTHON) -m odoo -c $(ODOO_RC)
DBCTL = $(PYTHON) tests/dbctl.py -c $(ODOO_RC)

.PHONY: help check-odoo check-tools setup run demo-db test test-db bench lint wheels api-key concurrency replica screenshots

help:
	@echo "make setup   install the suite's Python requirements, write .odoo.conf, check wkhtmltopdf and Chromium"
	@echo "make run     create (if missing) the demo retailer database $(DB) and serve it on http://127.0.0.1:$(HTTP_PORT)"
	@echo "make test    install the suite in a fresh $(TEST_DB) database and run every test"
	@echo "make bench   build (once) the $(BENCH_DB) scale database and print benchmark figures"
	@echo "make api-key CHANNEL=<code>  print a fresh API key for that channel's integration user in $(DB)"
	@echo "make concurrency  bursts of 60 and 200 hold requests against real servers"
	@echo "make replica  two Odoo servers, a PostgreSQL streaming replica, a hold race (root)"
	@echo "make lint    ruff and pylint-odoo over addons/ and tests/"
	@echo "make screenshots  each role's main screen on the demo retailer, into docs/screenshots/"
	@echo "make wheels  build a wheel per addon into dist/"

check-odoo:
	@$(PYTHON) -c 'import odoo.release as r, sys; sys.exit(r.version_info[0] != 18)' 2>/dev/null || { \
	  echo "ERROR: '$(PYTHON)' cannot import Odoo 18.0." >&2; \
	  echo "  Install Odoo 18.0 community into that interpreter (see README: Prerequisites)," >&2; \
	  echo "  or point the suite at one that has it: make <target> PYTHON=/path/to/python" >&2; \
	  exit 1; }

# the suite's requirements first: OCA's addon wheels add their folder to odoo.addons
$(CURDIR)/.odoo.conf: odoo.conf.example | check-odoo
	$(PYTHON) -m pip install --quiet -r requirements.txt
	@addons=$$($(PYTHON) -c 'import os, odoo.addons as a; print(os.pathsep.join(a.__path__))' | tr ':' ','); \
	  sed -e "s#@ADDONS@#$$addons,$(CURDIR)/addons#" -e "s#^http_port = .*#http_port = $(HTTP_PORT)#" \
	    odoo.conf.example > $@
	@echo "wrote $@"

# programs Odoo runs besides Python (README: Prerequisites); never installed from here
CHROMIUM_NAMES = chromium chromium-browser google-chrome google-chrome-stable
check-tools:
	@command -v wkhtmltopdf >/dev/null 2>&1 || { \
	  echo "WARNING: wkhtmltopdf is missing: Odoo cannot make PDFs (the order attached to" >&2; \
	  echo "  its confirmation e-mail, printed reports). Install it, e.g. on Debian/Ubuntu:" >&2; \
	  echo "    sudo apt-get install wkhtmltopdf" >&2; }
	@for name in $(CHROMIUM_NAMES); do command -v $$name >/dev/null 2>&1 && exit 0; done; { \
	  echo "WARNING: Chromium is missing: the browser tests (tours) of make test are skipped." >&2; \
	  echo "  Install it, e.g. on Debian: sudo apt-get install chromium" >&2; }

setup: check-odoo check-tools $(ODOO_RC)
	$(PYTHON) -m pip install --quiet -r requirements.txt

demo-db: setup
	@$(DBCTL) exists $(DB) && echo "reusing database $(DB)" >&2 || \
	  $(ODOO) -d $(DB) -i omni_stock_demo --stop-after-init --without-demo=all

# ODOO_MAX_HTTP_THREADS: Odoo's own bound on a threaded server's request threads ("auto":
# half its connection pool), so a burst of API requests waits for a thread instead of
# exhausting the database connections
ODOO_MAX_HTTP_THREADS ?= auto

run: demo-db
	ODOO_MAX_HTTP_THREADS=$(ODOO_MAX_HTTP_THREADS) \
	  $(ODOO) -d $(DB) --db-filter='^$(DB)$$' --http-port=$(HTTP_PORT)

test-db: setup
	$(DBCTL) drop $(TEST_DB)
	$(ODOO) -d $(TEST_DB) -i $(TEST_MODULES) --stop-after-init --without-demo=all --log-level=warn

# --odoo-http: pytest-odoo skips HttpCase tests (the API) without it
test: test-db
	$(PYTHON) -m pytest --odoo-http --odoo-config=$(ODOO_RC) --odoo-database=$(TEST_DB) $(PYTEST_ARGS) addons tests

api-key: demo-db
	@test -n "$(CHANNEL)" || { echo "usage: make api-key CHANNEL=<channel code>" >&2; exit 1; }
	@$(PYTHON) tests/api_key.py -c $(ODOO_RC) -d $(DB) --channel $(CHANNEL)

# also part of `make test`
concurrency: test-db
	$(PYTHON) -m pytest --odoo-config=$(ODOO_RC) --odoo-database=$(TEST_DB) tests/test_concurrency_holds.py

# the README's pictures of each role's main screen, from the demo retailer (Chromium)
screenshots: demo-db
	$(PYTHON) tests/screenshots.py -c $(ODOO_RC) -d $(DB)

# a second PostgreSQL cluster as a streaming replica, two Odoo servers (not in CI: see README)
replica: demo-db
	$(PYTHON) tests/replica/run_replica.py -c $(ODOO_RC) -d $(DB)

bench: setup
	$(PYTHON) tests/bench/bench.py -c $(ODOO_RC) -d $(BENCH_DB) $(BENCH_ARGS)

# pylint-odoo: OCA's checks; not an OCA repository, so no OCA author, and README.rst is
# generated from readme/ fragments by OCA tooling rather than committed
PYLINT_ODOO = --load-plugins=pylint_odoo --disable=all --enable=odoolint \
	--disable=manifest-required-author,missing-readme --valid-odoo-versions=18.0 \
	--score=n

lint:
	$(PYTHON) -m ruff check addons tests
	$(PYTHON) -m pylint $(PYLINT_ODOO) addons/*/

wheels: check-odoo
	$(PYTHON) -m pip wheel --no-deps --quiet -w dist setup/*/
