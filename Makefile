# The two commands of the quick start. Each sets up what it needs first (scripts/setup.sh).
.PHONY: run test setup bench

run:
	@scripts/setup.sh
	.venv/bin/playground $(PRESET)

test:
	@scripts/setup.sh --test
	QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest $(ARGS)

bench:
	@scripts/setup.sh
	.venv/bin/python benchmarks/run_all.py
