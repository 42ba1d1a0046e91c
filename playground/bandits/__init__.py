"""Multi-armed bandits: explore vs exploit, many runs advanced together as numpy arrays.

Modules: ``config`` (pydantic, no numpy-heavy imports), ``algorithms`` (vectorised agents),
``env`` (the arms: testbed, typed, random, drifting), ``theory`` (ETC's best m and the regret
bounds), ``sim`` (runs x arms simulation with averaged curves), ``manual`` (you vs the algorithm),
``engine`` (``make_engine``).
"""
