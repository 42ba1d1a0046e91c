# The two commands of the quick start. Each sets up what it needs first (scripts/setup.sh).
.PHONY: run test setup bench shots

run:
	@scripts/setup.sh
	.venv/bin/playground $(PRESET)

test:
	@scripts/setup.sh --test
	QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest $(ARGS)

bench:
	@scripts/setup.sh
	.venv/bin/python benchmarks/run_all.py

# Pictures of every shipped preset with layout checks (docs/pictures.md); ARGS narrows it, e.g.
# make shots ARGS="--sizes 1280x720 --themes light --languages en"
shots:
	@scripts/setup.sh
	.venv/bin/python -m playground shots --out shots --presentation $(ARGS)
