"""Recurrent nets and their gradients through time (BPTT): vanilla RNN, LSTM, GRU.

``config.py`` is the panel's settings (no torch), ``tasks.py`` makes batches of memory tasks,
``cells.py`` is the unrolled nets, ``theory.py`` the predicted gradient slope and spectra,
``engine.py`` trains and records ||dL/dh_t|| for every step t.
"""
