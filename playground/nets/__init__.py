"""The Network panel's core: datasets, an MLP nn.Module, its training engine, export and lessons."""
