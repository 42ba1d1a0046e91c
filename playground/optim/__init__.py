"""Optimizers racing across 2-D loss surfaces (the optimizer panel's core).

config.py      the pydantic config (no torch)
formula.py     the restricted parser for f(x, y) typed by a person (no torch)
surfaces.py    the catalogue of built-in surfaces, written once for numpy and torch (no torch)
landscape.py   a 2-D slice of a small MLP's loss along filter-normalised directions (torch)
schedules.py   learning-rate schedules in closed form (no torch)
reference.py   the seed notes' update rules in numpy, the yardstick torch.optim is tested against
optimizers.py  torch.optim optimizers built from a config entry, and their internal state
engine.py      the race: every optimizer steps in lockstep; trajectories and state are recorded
display.py     arrow geometry and small lookups the panel draws with (numpy)
lessons.py     the lesson presets, written from Python: python -m playground.optim.lessons
"""
