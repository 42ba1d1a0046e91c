"""DQN on CartPole-v1: a Q-network, an experience replay buffer and a target network.

    y = r + gamma (1 - done) max_a' Q(s', a'; w_target)      (Double DQN: Q_target(s', argmax_a' Q(s', a'; w)))
    L(w) = mean over a batch of 1/2 (Q(s, a; w) - y)^2        (or the Huber loss)
    w_target <- w every ``target_update`` environment steps

A time-limit cut (500 steps) is not a terminal state: its target still bootstraps.
"""

from __future__ import annotations

import numpy as np
import torch
from torch import nn

SOLVED_RETURN = 195.0


def make_q_net(obs_dim: int, n_actions: int, hidden: int, layers: int) -> nn.Sequential:
    modules: list[nn.Module] = []
    width = obs_dim
    for _ in range(layers):
        modules += [nn.Linear(width, hidden), nn.ReLU()]
        width = hidden
    modules.append(nn.Linear(width, n_actions))
    return nn.Sequential(*modules)


class ReplayBuffer:
    """A ring buffer of transitions on the host; batches are copied to the device."""

    def __init__(self, capacity: int, obs_dim: int) -> None:
        self.capacity = capacity
        self.obs = np.zeros((capacity, obs_dim), np.float32)
        self.next_obs = np.zeros((capacity, obs_dim), np.float32)
        self.actions = np.zeros(capacity, np.int64)
        self.rewards = np.zeros(capacity, np.float32)
        self.dones = np.zeros(capacity, np.float32)
        self.size = 0
        self.pos = 0

    def add(self, obs, action: int, reward: float, next_obs, done: bool) -> None:
        i = self.pos
        self.obs[i], self.actions[i], self.rewards[i], self.next_obs[i], self.dones[i] = (
            obs, action, reward, next_obs, float(done))
        self.pos = (i + 1) % self.capacity
        self.size = min(self.size + 1, self.capacity)

    def sample(self, rng: np.random.Generator, batch: int, device: str):
        idx = rng.integers(0, self.size, size=batch)
        to = lambda a: torch.from_numpy(a[idx]).to(device)  # noqa: E731
        return to(self.obs), to(self.actions), to(self.rewards), to(self.next_obs), to(self.dones)


class DQNAgent:
    """Plays CartPole-v1 one environment step per ``step()``, learning as it goes."""

    def __init__(self, cfg, seed: int, device: str = "cpu") -> None:
        import gymnasium as gym

        self.cfg, self.device = cfg, device
        self.env = gym.make("CartPole-v1", disable_env_checker=True)
        obs_dim = self.env.observation_space.shape[0]
        self.n_actions = int(self.env.action_space.n)
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(seed)
            self.q = make_q_net(obs_dim, self.n_actions, cfg.hidden, cfg.layers)
        self.q.to(device)
        self.target = make_q_net(obs_dim, self.n_actions, cfg.hidden, cfg.layers).to(device)
        self.target.load_state_dict(self.q.state_dict())
        self.target.requires_grad_(False)
        self.opt = torch.optim.Adam(self.q.parameters(), lr=cfg.lr)
        self.buffer = ReplayBuffer(cfg.buffer_size, obs_dim)
        self.rng = np.random.default_rng(seed)
        self.obs, _ = self.env.reset(seed=seed)
        self.env.action_space.seed(seed)
        self.steps = 0
        self.updates = 0
        self.target_syncs = 0
        self.episode = 0
        self.ep_return = 0.0
        self.ep_len = 0
        # Per-episode curves (so they do not depend on when snapshots are taken).
        self.returns: list[float] = []
        self.ep_loss: list[float] = []  # mean TD loss of the episode's updates
        self.ep_q: list[float] = []  # mean Q(s, a) of the episode's batches
        self.ep_eps: list[float] = []  # epsilon at the episode's end
        self._loss_sum = torch.zeros((), device=device)
        self._q_sum = torch.zeros((), device=device)
        self._ep_updates = 0
        self.last_loss = 0.0
        self.last_q = 0.0  # mean max_a Q(s, a) over the last batch
        self.q_obs = np.zeros(self.n_actions, np.float32)  # Q(s, .) at the current state
        self.solved_at = 0  # the episode whose trailing average first reached solve_return

    @property
    def epsilon(self) -> float:
        c = self.cfg
        frac = min(1.0, self.steps / c.eps_decay_steps)
        return c.eps_start + frac * (c.eps_end - c.eps_start)

    def q_values(self, obs: np.ndarray) -> np.ndarray:
        with torch.no_grad():
            x = torch.as_tensor(obs, dtype=torch.float32, device=self.device).unsqueeze(0)
            return self.q(x)[0].cpu().numpy()

    def act(self) -> int:
        if self.rng.random() < self.epsilon:
            return int(self.rng.integers(self.n_actions))
        self.q_obs = self.q_values(self.obs)
        return int(self.q_obs.argmax())

    def step(self) -> bool:
        """One environment step (and a gradient step when due); True when an episode ended."""
        c = self.cfg
        action = self.act()
        next_obs, reward, terminated, truncated, _ = self.env.step(action)
        self.buffer.add(self.obs, action, reward, next_obs, terminated)
        self.steps += 1
        self.ep_return += reward
        self.ep_len += 1
        if self.steps >= max(c.learning_starts, c.batch_size) and self.steps % c.train_every == 0:
            self.update()
        if self.steps % c.target_update == 0:
            self.target.load_state_dict(self.q.state_dict())
            self.target_syncs += 1
        if terminated or truncated:
            self.returns.append(self.ep_return)
            n = max(1, self._ep_updates)
            self.ep_loss.append(float(self._loss_sum.item()) / n if self._ep_updates else float("nan"))
            self.ep_q.append(float(self._q_sum.item()) / n if self._ep_updates else float("nan"))
            self.ep_eps.append(self.epsilon)
            self._loss_sum.zero_()
            self._q_sum.zero_()
            self._ep_updates = 0
            self.episode += 1
            window = self.returns[-c.solve_window:]
            if not self.solved_at and len(window) >= c.solve_window and np.mean(window) >= c.solve_return:
                self.solved_at = self.episode
            self.ep_return, self.ep_len = 0.0, 0
            self.obs, _ = self.env.reset()
            return True
        self.obs = next_obs
        return False

    def update(self) -> None:
        c = self.cfg
        obs, actions, rewards, next_obs, dones = self.buffer.sample(self.rng, c.batch_size, self.device)
        q_sa = self.q(obs).gather(1, actions[:, None])[:, 0]
        with torch.no_grad():
            q_next_all = self.target(next_obs)
            if c.double:
                best = self.q(next_obs).argmax(dim=1, keepdim=True)
                q_next = q_next_all.gather(1, best)[:, 0]
            else:
                q_next = q_next_all.max(dim=1).values
            y = rewards + c.gamma * (1.0 - dones) * q_next
        if c.loss == "huber":
            loss = nn.functional.smooth_l1_loss(q_sa, y)
        else:
            loss = 0.5 * nn.functional.mse_loss(q_sa, y)
        self.opt.zero_grad(set_to_none=True)
        loss.backward()
        self.opt.step()
        self.updates += 1
        self._ep_updates += 1
        # Kept as tensors: .item() here would sync a GPU every step; read once per episode / snapshot.
        self._loss_t = loss.detach()
        self._q_t = q_sa.detach().mean()
        self._loss_sum += self._loss_t
        self._q_sum += self._q_t

    def read_scalars(self) -> None:
        """Copy the last loss and Q estimate to the host (at snapshot time)."""
        if self.updates:
            self.last_loss = float(self._loss_t.item())
            self.last_q = float(self._q_t.item())
        self.q_obs = self.q_values(self.obs)

    def close(self) -> None:
        self.env.close()
