"""The generative panel: a VAE and a GAN trained live on 2-D toy data and 8x8 digits."""
