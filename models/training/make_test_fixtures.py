"""Tiny TorchScript modules that break the model contract, for the worker's model-loading tests.

    /usr/bin/python3 make_test_fixtures.py
Writes ../../worker/src/test/resources/broken-models/wrong-shape/noise_model.pt: a module with the noise
model's signature that returns logits-shaped output [B, 10] instead of eps [B, 1, 28, 28].
"""
import os

import torch
from torch import nn


class WrongShape(nn.Module):
    def __init__(self):
        super().__init__()
        self.head = nn.Linear(28 * 28, 10)

    def forward(self, x: torch.Tensor, t: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        return self.head(x.flatten(1))


def main() -> None:
    torch.manual_seed(0)
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "worker", "src", "test", "resources",
                       "broken-models", "wrong-shape")
    os.makedirs(out, exist_ok=True)
    torch.jit.script(WrongShape()).save(os.path.join(out, "noise_model.pt"))


if __name__ == "__main__":
    main()
