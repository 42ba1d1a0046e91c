"""The attention panel: kernel regression, attention scoring, a tiny transformer, positional encoding, beam search."""
