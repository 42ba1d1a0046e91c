"""Convolution: the arithmetic of one kernel, classic kernels on images, the gradient of a
convolution, and a LeNet-style CNN trained on sklearn's 8x8 digits."""
