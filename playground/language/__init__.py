"""The language panel: a character-level language model, word embeddings, seq2seq with attention and a bidirectional RNN."""
