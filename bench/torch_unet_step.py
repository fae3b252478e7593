#!/usr/bin/env python3
"""Training steps per second of the small U-Net denoiser in PyTorch, the counterpart of
edm.train.bench.UNetTrainBench (the architecture of edm.nn.UNet, channels 32,64,64, attention at the
lowest resolution, GroupNorm with 8 groups, positional embedding of c_noise with 32 features), on
28x28 single-channel images, batch 64, EDM preconditioning and loss in F-space with
ln sigma ~ N(-1.2, 1.2^2), Adam (0.9, 0.999, 1e-8), lr 1e-3, gradient-norm clipping at 10, EMA of the
weights. Random images stand in for MNIST: the cost does not depend on the pixel values.

Usage: python3 bench/torch_unet_step.py [timed steps (20)] [warm-up steps (3)] [channels (32,64,64)]
"""
import math
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(2)
torch.manual_seed(0)

STEPS = int(sys.argv[1]) if len(sys.argv) > 1 else 20
WARM = int(sys.argv[2]) if len(sys.argv) > 2 else 3
CH = [int(c) for c in (sys.argv[3] if len(sys.argv) > 3 else "32,64,64").split(",")]
B, C, H, EMB, G = 64, 1, 28, 32, 8
SIGMA_DATA, P_MEAN, P_STD = 0.5, -1.2, 1.2


def conv(cin, cout, k=3, stride=1):
    return nn.Conv2d(cin, cout, k, stride=stride, padding=k // 2)


class Res(nn.Module):
    def __init__(self, cin, cout, emb):
        super().__init__()
        self.norm1, self.conv1 = nn.GroupNorm(G, cin, eps=1e-5), conv(cin, cout)
        self.emb = nn.Linear(emb, cout)
        self.norm2, self.conv2 = nn.GroupNorm(G, cout, eps=1e-5), conv(cout, cout)
        self.skip = None if cin == cout else conv(cin, cout, 1)

    def forward(self, x, e):
        h = self.conv1(F.silu(self.norm1(x)))
        h = h + self.emb(F.silu(e))[:, :, None, None]
        h = self.conv2(F.silu(self.norm2(h)))
        return (x if self.skip is None else self.skip(x)) + h


class Attention(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.c, self.norm, self.qkv, self.proj = c, nn.GroupNorm(G, c, eps=1e-5), conv(c, 3 * c, 1), conv(c, c, 1)

    def forward(self, x):
        b, c, h, w = x.shape
        t = self.qkv(self.norm(x)).reshape(b, 3, c, h * w)
        q, k, v = t[:, 0], t[:, 1], t[:, 2]
        a = (q.transpose(1, 2) @ k / math.sqrt(c)).softmax(2)
        return x + self.proj((v @ a.transpose(1, 2)).reshape(b, c, h, w))


class UNet(nn.Module):
    def __init__(self):
        super().__init__()
        e = 4 * CH[0]
        half = EMB // 2
        self.register_buffer("freqs", (1e-4) ** (torch.arange(half, dtype=torch.float32) / half))
        self.map0, self.map1 = nn.Linear(EMB, e), nn.Linear(e, e)
        self.stem = conv(C, CH[0])
        self.down = nn.ModuleList(Res(CH[0] if l == 0 else CH[l - 1], CH[l], e) for l in range(len(CH)))
        self.downsample = nn.ModuleList(conv(CH[l], CH[l], 3, 2) for l in range(len(CH) - 1))
        low = CH[-1]
        self.mid1, self.attn, self.mid2 = Res(low, low, e), Attention(low), Res(low, low, e)
        self.up = nn.ModuleList(Res(2 * CH[l], CH[l], e) for l in reversed(range(len(CH))))
        self.upsample = nn.ModuleList(conv(CH[l], CH[l - 1]) for l in reversed(range(1, len(CH))))
        self.out_norm, self.out_conv = nn.GroupNorm(G, CH[0], eps=1e-5), conv(CH[0], C)

    def forward(self, x, c_noise):
        arg = c_noise[:, None] * self.freqs[None, :]
        e = self.map1(F.silu(self.map0(torch.cat([arg.cos(), arg.sin()], dim=1))))
        h, skips = self.stem(x), []
        for l, block in enumerate(self.down):
            h = block(h, e)
            skips.append(h)
            if l < len(self.downsample):
                h = self.downsample[l](h)
        h = self.mid2(self.attn(self.mid1(h, e)), e)
        for i, block in enumerate(self.up):
            l = len(self.up) - 1 - i
            h = block(torch.cat([h, skips[l]], dim=1), e)
            if l > 0:
                h = self.upsample[i](F.interpolate(h, scale_factor=2, mode="nearest"))
        return self.out_conv(F.silu(self.out_norm(h)))


def main():
    data = torch.rand(2000, C, H, H) * 2 - 1
    net = UNet()
    ema = [p.detach().clone() for p in net.parameters()]
    opt = torch.optim.Adam(net.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-8)
    beta = 0.5 ** (B / 1e4)

    def step(k):
        y = data[torch.randint(0, data.shape[0], (B,))]
        sigma = (torch.randn(B) * P_STD + P_MEAN).exp()
        s2 = sigma ** 2 + SIGMA_DATA ** 2
        c_skip, c_out, c_in = SIGMA_DATA ** 2 / s2, sigma * SIGMA_DATA / s2.sqrt(), 1 / s2.sqrt()
        x = y + torch.randn_like(y) * sigma[:, None, None, None]
        target = (y - c_skip[:, None, None, None] * x) / c_out[:, None, None, None]
        f = net(c_in[:, None, None, None] * x, sigma.log() / 4)
        loss = ((f - target) ** 2).mean(dim=(1, 2, 3)).mean()  # EDM: lambda c_out^2 = 1
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(net.parameters(), 10.0)
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
    n_params = sum(p.numel() for p in net.parameters())
    print(f"torch {torch.__version__}, threads {torch.get_num_threads()}, U-Net {CH}, {n_params:,} parameters, "
          f"batch {B}: {STEPS} steps in {sec:.1f} s = {STEPS / sec:.3f} steps/s (last loss {last:.3f})")


if __name__ == "__main__":
    main()
