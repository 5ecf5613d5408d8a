# The two commands the README opens with: `make demo` and `make test`.
.PHONY: demo test install lint bench api-schema mutation

demo: ## set up and serve Desist with a demo caseload on SQLite at http://127.0.0.1:8000
	scripts/install.sh
	.venv/bin/desist demo

test: ## install the test tools and run the whole suite on SQLite and PostgreSQL
	scripts/test.sh

install:
	scripts/install.sh --test

api-schema: ## regenerate the published OpenAPI document (docs/api/openapi.yaml; a test checks it is current)
	# PostgreSQL's integer ranges, as in production (no connection is made).
	DATABASE_URL=postgresql://desist@db.invalid:5432/desist DJANGO_SETTINGS_MODULE=desist.config.settings.test \
	  .venv/bin/desist spectacular --file docs/api/openapi.yaml --validate --fail-on-warn

mutation: ## mutation testing of the rules core (MODULES="rar offer" for some); prints the score table
	.venv/bin/pip install -q -c requirements.lock -e ".[mutation]"
	.venv/bin/python scripts/mutation.py $(MODULES)

lint:
	.venv/bin/ruff check src tests bench
	.venv/bin/mypy
	.venv/bin/lint-imports --no-cache

bench: ## the benchmarks (see bench/README.md); they print figures, they do not pass or fail
	.venv/bin/python bench/rules_batch.py
