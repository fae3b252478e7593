#!/usr/bin/env python3
"""Training steps per second of the MLP denoiser in PyTorch, the counterpart of
edm.train.bench.TrainStepBench: 2D input, positional embedding of c_noise (32 features,
max_positions 10000), 4 hidden layers of width 256 with SiLU, batch 4096, EDM preconditioning and
loss in F-space (lambda c_out^2 ||F - target||^2 with per-sample sigma, ln sigma ~ N(-1.2, 1.2^2)),
Adam (0.9, 0.999, 1e-8), lr 1e-3, EMA of the weights, no clipping.

Usage: python3 bench/torch_train_step.py [timed steps (50)] [warm-up steps (5)]
"""
import math
import sys
import time

import torch

torch.set_num_threads(2)
torch.manual_seed(0)

STEPS = int(sys.argv[1]) if len(sys.argv) > 1 else 50
WARM = int(sys.argv[2]) if len(sys.argv) > 2 else 5
B, DIM, WIDTH, DEPTH, EMB = 4096, 2, 256, 4, 32
SIGMA_DATA, P_MEAN, P_STD = 0.5, -1.2, 1.2


class Mlp(torch.nn.Module):
    def __init__(self):
        super().__init__()
        layers, n_in = [], DIM + EMB
        for _ in range(DEPTH):
            layers += [torch.nn.Linear(n_in, WIDTH), torch.nn.SiLU()]
            n_in = WIDTH
        layers.append(torch.nn.Linear(n_in, DIM))
        self.net = torch.nn.Sequential(*layers)
        half = EMB // 2
        self.register_buffer("freqs", (1e-4) ** (torch.arange(half, dtype=torch.float32) / half))

    def forward(self, x, c_noise):
        arg = c_noise[:, None] * self.freqs[None, :]
        return self.net(torch.cat([x, arg.cos(), arg.sin()], dim=1))


def main():
    data = 0.5 * torch.randn(65536, DIM)
    net = Mlp()
    ema = [p.detach().clone() for p in net.parameters()]
    opt = torch.optim.Adam(net.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-8)
    beta = 0.5 ** (B / 1e4)

    def step(k):
        idx = torch.randint(0, data.shape[0], (B,))
        y = data[idx]
        sigma = (torch.randn(B) * P_STD + P_MEAN).exp()
        n = torch.randn_like(y) * sigma[:, None]
        s2 = sigma ** 2 + SIGMA_DATA ** 2
        c_skip = SIGMA_DATA ** 2 / s2
        c_out = sigma * SIGMA_DATA / s2.sqrt()
        c_in = 1 / s2.sqrt()
        c_noise = sigma.log() / 4
        weight = s2 / (sigma * SIGMA_DATA) ** 2 * c_out ** 2
        x = y + n
        target = (y - c_skip[:, None] * x) / c_out[:, None]
        f = net(c_in[:, None] * x, c_noise)
        per_sample = ((f - target) ** 2).mean(dim=1) * weight
        loss = per_sample.mean()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        with torch.no_grad():
            for pe, p in zip(ema, net.parameters()):
                pe.lerp_(p, 1 - beta)
        value = loss.item()
        if not math.isfinite(value):
            raise RuntimeError(f"training diverged at step {k}")
        return value

    for k in range(WARM):
        step(k)
    t0 = time.perf_counter()
    for k in range(STEPS):
        last = step(WARM + k)
    sec = time.perf_counter() - t0
    print(f"torch {torch.__version__}: {STEPS} steps of batch {B} in {sec:.3f} s = {STEPS / sec:.2f} steps/s "
          f"(last loss {last:.4f}, threads {torch.get_num_threads()})")


if __name__ == "__main__":
    main()
