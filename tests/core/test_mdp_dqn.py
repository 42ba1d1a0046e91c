"""DQN, kept tiny: a few hundred CartPole steps check the machinery, not the learning."""

import json

import numpy as np
import pytest
import torch

from playground.engine import RunContext
from playground.mdp.config import DQNConfig, MDPConfig
from playground.mdp.dqn import DQNAgent, ReplayBuffer
from playground.mdp.engine import cartpole_geometry, make_engine

torch.set_num_threads(1)
TINY = DQNConfig(hidden=16, layers=1, buffer_size=200, batch_size=8, learning_starts=50, target_update=25,
                 eps_decay_steps=200, max_episodes=1000)


def same_weights(a, b):
    return all(torch.equal(x, y) for x, y in zip(a.state_dict().values(), b.state_dict().values()))


def test_buffer_fills_loss_is_finite_and_target_syncs_on_period():
    agent = DQNAgent(TINY, seed=0)
    assert same_weights(agent.q, agent.target)
    for step in range(1, 301):
        agent.step()
        if step == 49:
            assert agent.updates == 0  # random play until learning_starts
        if step % 25 == 0:
            assert same_weights(agent.q, agent.target), step  # just synced
        elif step > 50:
            assert not same_weights(agent.q, agent.target), step  # online net moved on
    assert agent.buffer.size == 200 and agent.buffer.pos == 100  # full, wrapped around
    assert agent.updates == 251 and agent.target_syncs == 12
    agent.read_scalars()
    assert np.isfinite(agent.last_loss) and agent.last_loss > 0
    assert agent.epsilon == pytest.approx(TINY.eps_end)
    assert agent.episode >= 5 and len(agent.ep_loss) == agent.episode
    assert np.isfinite(agent.ep_loss[-1]) and np.isfinite(agent.ep_q[-1])  # episodes with updates
    assert np.isnan(agent.ep_loss[0])  # the first episode ended before learning_starts
    agent.close()


def test_target_is_reward_plus_discounted_max_and_done_cuts_it():
    cfg = TINY.model_copy(update={"gamma": 0.5, "lr": 1e-9})
    agent = DQNAgent(cfg, seed=1)
    obs = np.ones(4, np.float32)
    for _ in range(cfg.batch_size):
        agent.buffer.add(obs, 0, 1.0, obs, True)  # terminal: y = r = 1
    q_before = agent.q_values(obs)[0]
    agent.update()
    expected = torch.nn.functional.smooth_l1_loss(torch.tensor([q_before]), torch.tensor([1.0]))
    assert float(agent._loss_t) == pytest.approx(float(expected), rel=1e-4)
    agent.close()


def test_replay_buffer_ring():
    buf = ReplayBuffer(3, 2)
    for i in range(5):
        buf.add(np.full(2, i), i % 2, float(i), np.full(2, i + 1), i == 4)
    assert buf.size == 3 and sorted(buf.rewards.tolist()) == [2.0, 3.0, 4.0]
    obs, actions, rewards, nxt, dones = buf.sample(np.random.default_rng(0), 16, "cpu")
    assert obs.shape == (16, 2) and set(rewards.tolist()) <= {2.0, 3.0, 4.0}
    assert torch.all(nxt[:, 0] == obs[:, 0] + 1)


def test_dqn_engine_is_chunk_invariant():
    cfg = MDPConfig(mode="dqn", dqn=TINY)
    a, b = make_engine(cfg, RunContext(seed=3)), make_engine(cfg, RunContext(seed=3))
    a.advance(70)
    a.snapshot()  # snapshots read values but must not change the run
    a.advance(130)
    b.advance(200)
    assert same_weights(a.agent.q, b.agent.q) and same_weights(a.agent.target, b.agent.target)
    sa, sb = a.snapshot(), b.snapshot()
    assert sa.metrics == sb.metrics
    assert np.array_equal(sa.arrays["returns"], sb.arrays["returns"])
    assert sa.metrics["buffer"] == 200 and sa.metrics["target_syncs"] == 8
    json.dumps(a.result())


def test_cartpole_geometry():
    cart, pole = cartpole_geometry(np.array([0.5, 0.0, 0.0, 0.0]))
    assert pole[0] == pytest.approx([0.5, 0.3]) and pole[1] == pytest.approx([0.5, 1.3])
    _, pole = cartpole_geometry(np.array([0.0, 0.0, np.pi / 2, 0.0]))
    assert pole[1] == pytest.approx([1.0, 0.3])  # positive theta leans right
    assert cart[:, 0].min() == pytest.approx(0.25) and cart[0].tolist() == cart[-1].tolist()
