"""MDPs and reinforcement learning: tabular dynamic programming, gridworld TD learners, DQN on CartPole.

Modules: ``config`` (pydantic, no torch), ``checks`` (validation of matrices, pure Python),
``model`` (a finite MDP as outcome tables), ``dp`` (Bellman solves and sweeps), ``grid``
(gridworlds, gymnasium's toy-text envs), ``td`` (Q-learning, SARSA, Expected SARSA),
``dqn`` (torch), ``engine`` (``make_engine``), ``lessons`` (the shipped presets).
"""
