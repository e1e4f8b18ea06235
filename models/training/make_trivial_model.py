"""Write models/trivial: a tiny TorchScript noise model with the reference model's interface.

    /usr/bin/python3 make_trivial_model.py

It predicts eps = a * x + b[y] (a 1x1 convolution and a per-label bias): no quality, next to no compute. It
exists so that benchmarks and fault runs can measure the system around the model (Kafka, PNG, S3, events) with
one sampling step. Weights come from a fixed seed, so the file is reproducible.
"""
import hashlib
import json
import os

import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "trivial")
CLASSES = ["t-shirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "ankle-boot"]


class TrivialNoiseModel(torch.nn.Module):
    def __init__(self, labels: int):
        super().__init__()
        self.scale = torch.nn.Conv2d(1, 1, kernel_size=1)
        self.bias = torch.nn.Embedding(labels, 1)

    def forward(self, x: torch.Tensor, t: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        return self.scale(x) + self.bias(y).view(-1, 1, 1, 1)


def main() -> None:
    torch.manual_seed(0)
    model = TrivialNoiseModel(len(CLASSES) + 1).eval()
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, "noise_model.pt")
    torch.jit.script(model).save(path)
    with open(path, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    manifest = {
        "schemaVersion": 1, "name": "trivial", "version": "1.0.0", "imageSize": 28, "channels": 1,
        "classNames": CLASSES, "nullLabel": len(CLASSES),
        "noiseSchedule": {"type": "linear", "timesteps": 1000, "betaStart": 0.0001, "betaEnd": 0.02},
        "predictionType": "epsilon", "pixelRange": [-1.0, 1.0],
        "files": {"noiseModel": {"path": "noise_model.pt", "sha256": digest,
                                 "parameters": sum(p.numel() for p in model.parameters())}},
        "training": {"data": "none: fixed random weights (seed 0) for system benchmarks and fault runs"},
    }
    with open(os.path.join(OUT, "model.json"), "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
