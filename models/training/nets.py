"""The three reference networks, written to compile with torch.jit.script.

Contract (../../shared GUIDANCE.md, "Reference model contract"):
  noise model       forward(x[B,1,28,28], t long[B], y long[B]) -> eps[B,1,28,28]; y = 10 is the null label
  noisy classifier  forward(x[B,1,28,28], t long[B]) -> logits[B,10]
  eval classifier   forward(x[B,1,28,28]) -> (logits[B,10], features[B,256])
"""
import math

import torch
import torch.nn.functional as F
from torch import nn


def timestep_embedding(t: torch.Tensor, dim: int) -> torch.Tensor:
    """Sinusoidal embedding of integer timesteps (Vaswani et al. 2017, as in DDPM)."""
    half = dim // 2
    freqs = torch.exp(-math.log(10000.0) * torch.arange(half, dtype=torch.float32, device=t.device) / half)
    args = t.float().unsqueeze(1) * freqs.unsqueeze(0)
    return torch.cat([torch.cos(args), torch.sin(args)], dim=1)


class ResBlock(nn.Module):
    def __init__(self, cin: int, cout: int, emb_dim: int):
        super().__init__()
        self.norm1 = nn.GroupNorm(8, cin)
        self.conv1 = nn.Conv2d(cin, cout, 3, padding=1)
        self.emb = nn.Linear(emb_dim, cout)
        self.norm2 = nn.GroupNorm(8, cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, padding=1)
        self.skip = nn.Conv2d(cin, cout, 1) if cin != cout else nn.Identity()

    def forward(self, x: torch.Tensor, emb: torch.Tensor) -> torch.Tensor:
        h = self.conv1(F.silu(self.norm1(x)))
        h = h + self.emb(emb).unsqueeze(-1).unsqueeze(-1)
        h = self.conv2(F.silu(self.norm2(h)))
        return h + self.skip(x)


class Attention(nn.Module):
    """Single-head self-attention over spatial positions (used at 7x7)."""

    def __init__(self, channels: int):
        super().__init__()
        self.norm = nn.GroupNorm(8, channels)
        self.qkv = nn.Conv2d(channels, 3 * channels, 1)
        self.out = nn.Conv2d(channels, channels, 1)
        self.scale = channels ** -0.5

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        b, c, h, w = x.shape
        q, k, v = self.qkv(self.norm(x)).reshape(b, 3, c, h * w).unbind(1)
        weights = torch.softmax(torch.bmm(q.transpose(1, 2), k) * self.scale, dim=-1)
        out = torch.bmm(v, weights.transpose(1, 2)).reshape(b, c, h, w)
        return x + self.out(out)


class NoiseUNet(nn.Module):
    """Class-conditional epsilon-prediction UNet: 28 -> 14 -> 7, attention at 7x7."""

    def __init__(self, base: int = 16, num_classes: int = 10):
        super().__init__()
        c1, c2, c3 = base, 2 * base, 4 * base
        emb = 4 * base
        self.base = base
        self.time_mlp = nn.Sequential(nn.Linear(base, emb), nn.SiLU(), nn.Linear(emb, emb))
        self.label_emb = nn.Embedding(num_classes + 1, emb)
        self.conv_in = nn.Conv2d(1, c1, 3, padding=1)
        self.down1 = ResBlock(c1, c1, emb)
        self.pool1 = nn.Conv2d(c1, c1, 3, stride=2, padding=1)
        self.down2 = ResBlock(c1, c2, emb)
        self.pool2 = nn.Conv2d(c2, c2, 3, stride=2, padding=1)
        self.down3 = ResBlock(c2, c3, emb)
        self.down3_attn = Attention(c3)
        self.mid1 = ResBlock(c3, c3, emb)
        self.mid_attn = Attention(c3)
        self.mid2 = ResBlock(c3, c3, emb)
        self.up3 = ResBlock(c3 + c3, c3, emb)
        self.up3_attn = Attention(c3)
        self.unpool2 = nn.Conv2d(c3, c2, 3, padding=1)
        self.up2 = ResBlock(c2 + c2, c2, emb)
        self.unpool1 = nn.Conv2d(c2, c1, 3, padding=1)
        self.up1 = ResBlock(c1 + c1, c1, emb)
        self.norm_out = nn.GroupNorm(8, c1)
        self.conv_out = nn.Conv2d(c1, 1, 3, padding=1)

    def forward(self, x: torch.Tensor, t: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        emb = self.time_mlp(timestep_embedding(t, self.base)) + self.label_emb(y)
        h1 = self.down1(self.conv_in(x), emb)
        h2 = self.down2(self.pool1(h1), emb)
        h3 = self.down3_attn(self.down3(self.pool2(h2), emb))
        h = self.mid2(self.mid_attn(self.mid1(h3, emb)), emb)
        h = self.up3_attn(self.up3(torch.cat([h, h3], 1), emb))
        h = self.unpool2(F.interpolate(h, scale_factor=2.0, mode="nearest"))
        h = self.up2(torch.cat([h, h2], 1), emb)
        h = self.unpool1(F.interpolate(h, scale_factor=2.0, mode="nearest"))
        h = self.up1(torch.cat([h, h1], 1), emb)
        return self.conv_out(F.silu(self.norm_out(h)))


class NoisyClassifier(nn.Module):
    """p(y | x_t, t): GroupNorm residual encoder with time embedding; no dropout, no batch-norm,
    so that gradients taken in train mode equal those of inference mode."""

    def __init__(self, base: int = 16, num_classes: int = 10):
        super().__init__()
        emb = 4 * base
        self.base = base
        self.time_mlp = nn.Sequential(nn.Linear(base, emb), nn.SiLU(), nn.Linear(emb, emb))
        self.conv_in = nn.Conv2d(1, base, 3, padding=1)
        self.block1 = ResBlock(base, base, emb)
        self.pool1 = nn.Conv2d(base, base, 3, stride=2, padding=1)
        self.block2 = ResBlock(base, 2 * base, emb)
        self.pool2 = nn.Conv2d(2 * base, 2 * base, 3, stride=2, padding=1)
        self.block3 = ResBlock(2 * base, 4 * base, emb)
        self.norm_out = nn.GroupNorm(8, 4 * base)
        self.head = nn.Linear(4 * base, num_classes)

    def forward(self, x: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
        emb = self.time_mlp(timestep_embedding(t, self.base))
        h = self.block1(self.conv_in(x), emb)
        h = self.block2(self.pool1(h), emb)
        h = self.block3(self.pool2(h), emb)
        return self.head(F.silu(self.norm_out(h)).mean(dim=(2, 3)))


class EvalClassifier(nn.Module):
    """Clean-image classifier for metrics; returns logits and a 256-d feature vector."""

    def __init__(self, num_classes: int = 10, feature_dim: int = 256):
        super().__init__()

        def block(cin: int, cout: int) -> nn.Sequential:
            return nn.Sequential(
                nn.Conv2d(cin, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU(),
                nn.Conv2d(cout, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU(),
                nn.MaxPool2d(2))

        self.features = nn.Sequential(block(1, 32), block(32, 64), block(64, 128))
        self.embed = nn.Sequential(nn.Flatten(), nn.Dropout(0.3), nn.Linear(128 * 3 * 3, feature_dim), nn.ReLU())
        self.head = nn.Sequential(nn.Dropout(0.3), nn.Linear(feature_dim, num_classes))

    def forward(self, x: torch.Tensor):
        f = self.embed(self.features(x))
        return self.head(f), f


def parameter_count(module: nn.Module) -> int:
    return sum(p.numel() for p in module.parameters())
