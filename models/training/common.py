"""Shared pieces of the reference-model training: data, noise schedule, seeds, logging.

Offline tooling only (Debian python3-torch); the runtime system is Java.
"""
import gzip
import json
import math
import os
import random
import struct
import time

import numpy as np
import torch

DATA_DIR = "/usr/share/datasets/fashion-mnist"
CLASS_NAMES = ["t-shirt", "trouser", "pullover", "dress", "coat",
               "sandal", "shirt", "sneaker", "bag", "ankle-boot"]
NUM_CLASSES = len(CLASS_NAMES)
NULL_LABEL = NUM_CLASSES
T = 1000
BETA_START, BETA_END = 1e-4, 0.02
ARTIFACT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fashion-mnist")
RUN_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "runs")


def setup(seed: int) -> None:
    """Two threads (Debian's torch defaults to one) and every seed fixed."""
    torch.set_num_threads(2)
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def _read_idx(name: str) -> np.ndarray:
    with gzip.open(os.path.join(DATA_DIR, name), "rb") as f:
        magic = struct.unpack(">I", f.read(4))[0]
        dims = [struct.unpack(">I", f.read(4))[0] for _ in range(magic & 0xFF)]
        return np.frombuffer(f.read(), dtype=np.uint8).reshape(dims)


def load_split(split: str):
    """Images scaled to [-1, 1] as float32 [N, 1, 28, 28] and labels as int64 [N]."""
    prefix = "train" if split == "train" else "t10k"
    images = _read_idx(f"{prefix}-images-idx3-ubyte.gz").astype(np.float32) / 127.5 - 1.0
    labels = _read_idx(f"{prefix}-labels-idx1-ubyte.gz").astype(np.int64)
    return torch.from_numpy(images).unsqueeze(1), torch.from_numpy(labels)


def linear_alpha_bar() -> torch.Tensor:
    """abar_t for t = 0..T-1 with linear betas (DDPM, Ho et al. 2020)."""
    betas = torch.linspace(BETA_START, BETA_END, T, dtype=torch.float64)
    return torch.cumprod(1.0 - betas, dim=0).float()


def add_noise(x0: torch.Tensor, t: torch.Tensor, alpha_bar: torch.Tensor):
    """q(x_t | x_0): x_t = sqrt(abar_t) x0 + sqrt(1 - abar_t) eps (DDPM eq. 4)."""
    noise = torch.randn_like(x0)
    a = alpha_bar[t].view(-1, 1, 1, 1)
    return a.sqrt() * x0 + (1 - a).sqrt() * noise, noise


def warmup_cosine(step: int, total: int, warmup: int) -> float:
    if step < warmup:
        return (step + 1) / warmup
    progress = (step - warmup) / max(1, total - warmup)
    return 0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * progress))


class LossLog:
    """Appends one JSON line per logged step to runs/<name>.log."""

    def __init__(self, name: str):
        os.makedirs(RUN_DIR, exist_ok=True)
        self.path = os.path.join(RUN_DIR, f"{name}.log")
        self.file = open(self.path, "w")
        self.start = time.time()

    def write(self, **fields) -> None:
        fields["elapsed_s"] = round(time.time() - self.start, 1)
        self.file.write(json.dumps(fields) + "\n")
        self.file.flush()

    def elapsed(self) -> float:
        return time.time() - self.start
