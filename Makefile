# Customer Club for Odoo: the two commands a newcomer needs are `make demo`
# and `make test`; see README.rst.
.PHONY: help demo demo-reset stop test retest lint pot psql bench sms-gateway

help:
	@echo "make demo        serve a demo database at http://localhost:8069 (admin/admin)"
	@echo "make demo-reset  rebuild the demo database from scratch, then serve it"
	@echo "make stop        stop the demo Odoo and the private PostgreSQL cluster"
	@echo "make test        lint, install the addons in a new database, run every test"
	@echo "make retest TESTS=path::Class::test   update the addons in the test database,"
	@echo "                 then run only these tests (fast, no lint)"
	@echo "make lint        ruff, pylint-odoo, OCA checks, fa.po completeness"
	@echo "make pot         regenerate every addon's i18n/<addon>.pot"
	@echo "make psql        a psql shell on the private cluster"
	@echo "make bench       the ledger and Point of Sale benchmarks at 100,000 members"
	@echo "make sms-gateway a local fake Kavenegar / SMS.ir server on port 8071, to try"
	@echo "                 SMS without a gateway account (SMS_PORT=... to change)"

demo:
	@tools/demo.sh start

demo-reset:
	@tools/demo.sh reset

stop:
	@tools/demo.sh stop

test:
	@tools/test.sh $(TESTS)

retest:
	@REUSE_DB=1 tools/test.sh $(TESTS)

lint:
	@tools/lint.sh

pot:
	@tools/pot.sh

psql:
	@tools/cluster.sh start && tools/cluster.sh psql

bench:
	@tools/bench.sh

SMS_PORT ?= 8071
sms-gateway:
	@python3 tools/sms_gateway.py --port $(SMS_PORT)
