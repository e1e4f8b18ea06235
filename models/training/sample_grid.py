"""Sample the reference grid: 10 classes x 8, DDIM 50 steps (eta 0, leading spacing), CFG s = 3.

    /usr/bin/python3 sample_grid.py [--scale 3] [--steps 50] [--seed 0]
An independent Python sampler over the exported TorchScript files; writes
docs/images/reference-samples.png and prints the evaluation classifier's accuracy on the samples.
"""
import argparse
import os

import numpy as np
import torch
from PIL import Image, ImageDraw

import common

REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))


@torch.no_grad()
def ddim_cfg(noise_model, labels: torch.Tensor, scale: float, steps: int, seed: int) -> torch.Tensor:
    """DDIM (Song et al. 2021, eq. 12 with eta = 0) with classifier-free guidance in diffusers' convention."""
    alpha_bar = common.linear_alpha_bar().double()
    ratio = common.T // steps
    timesteps = (np.arange(steps) * ratio)[::-1]
    x = torch.randn(labels.shape[0], 1, 28, 28, generator=torch.Generator().manual_seed(seed))
    null = torch.full_like(labels, common.NULL_LABEL)
    for t in timesteps:
        tt = torch.full_like(labels, int(t))
        eps_c, eps_u = noise_model(torch.cat([x, x]), torch.cat([tt, tt]), torch.cat([labels, null])).chunk(2)
        eps = eps_u + scale * (eps_c - eps_u)
        a = alpha_bar[t].item()
        a_prev = alpha_bar[t - ratio].item() if t - ratio >= 0 else 1.0
        x0 = (x - (1 - a) ** 0.5 * eps) / a ** 0.5
        x = a_prev ** 0.5 * x0 + (1 - a_prev) ** 0.5 * eps
    return x.clamp(-1, 1)


def contact_sheet(images: torch.Tensor, rows: int, cols: int, row_labels, zoom: int = 3) -> Image.Image:
    cell, label_w = 28 * zoom, 90
    sheet = Image.new("L", (label_w + cols * (cell + 2), rows * (cell + 2)), 255)
    draw = ImageDraw.Draw(sheet)
    pixels = ((images.squeeze(1) + 1) * 127.5).round().byte().numpy()
    for r in range(rows):
        draw.text((4, r * (cell + 2) + cell // 2 - 6), row_labels[r], fill=0)
        for c in range(cols):
            tile = Image.fromarray(pixels[r * cols + c]).resize((cell, cell), Image.NEAREST)
            sheet.paste(tile, (label_w + c * (cell + 2), r * (cell + 2)))
    return sheet


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=float, default=3.0)
    ap.add_argument("--steps", type=int, default=50)
    ap.add_argument("--per-class", type=int, default=8)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", default=os.path.join(REPO, "docs", "images", "reference-samples.png"))
    ap.add_argument("--model-dir", default=common.ARTIFACT_DIR)
    args = ap.parse_args()
    common.setup(args.seed)
    noise_model = torch.jit.load(os.path.join(args.model_dir, "noise_model.pt"))
    evaluation = torch.jit.load(os.path.join(args.model_dir, "eval_classifier.pt"))
    labels = torch.arange(common.NUM_CLASSES).repeat_interleave(args.per_class)
    samples = ddim_cfg(noise_model, labels, args.scale, args.steps, args.seed)
    with torch.no_grad():
        predicted = evaluation(samples)[0].argmax(1)
    per_class = (predicted == labels).view(common.NUM_CLASSES, args.per_class).float().mean(1)
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    contact_sheet(samples, common.NUM_CLASSES, args.per_class, common.CLASS_NAMES).save(args.out)
    print(f"wrote {args.out}; eval-classifier accuracy {(predicted == labels).float().mean():.3f}")
    for name, acc in zip(common.CLASS_NAMES, per_class.tolist()):
        print(f"  {name:12s} {acc:.2f}")


if __name__ == "__main__":
    main()
