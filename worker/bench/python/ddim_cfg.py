"""The Python side of the Java/Python comparison: DDIM (eta 0) with constant classifier-free guidance on the
same TorchScript file, with Debian's torch on 2 threads.

    /usr/bin/python3 worker/bench/python/ddim_cfg.py --images 80 --batch 80 --steps 50 --scale 3 --runs 2

One forward pass of 2B rows per step (conditional rows, then unconditional ones), then
    eps    = eps_u + s (eps_c - eps_u)                  Ho & Salimans 2022, eq. 6 (diffusers' s)
    x0     = (x - sqrt(1 - abar_t) eps) / sqrt(abar_t)   Song et al. 2021, eq. 12, "predicted x_0"
    x_prev = sqrt(abar_prev) x0 + sqrt(1 - abar_prev) eps    eq. 12 with eta = 0
with linear betas (manifest), diffusers' "leading" timestep spacing and abar_prev = 1 after the last step, as the
scheduler module plans it. Prints one RESULT line per timed run (after warm-up), which bench/python-vs-java.sh
collects. With --check DIR it instead starts from the Java harness's initial noise (DdimCfgTimer dump=DIR) and
prints the largest difference to the Java images.
"""
import argparse
import json
import math
import os
import time

import numpy as np
import torch


def plan(manifest: dict, steps: int):
    """(timestep, abar_t, abar_prev) per step, noisiest first."""
    schedule = manifest["noiseSchedule"]
    total = schedule["timesteps"]
    betas = np.linspace(schedule["betaStart"], schedule["betaEnd"], total, dtype=np.float64)
    abar = np.cumprod(1.0 - betas)
    ratio = total // steps
    timesteps = [(steps - 1 - i) * ratio for i in range(steps)]
    return [(t, float(abar[t]), float(abar[timesteps[i + 1]]) if i + 1 < steps else 1.0)
            for i, t in enumerate(timesteps)]


def sample(model, steps_plan, x: torch.Tensor, classes: torch.Tensor, null_label: int, scale: float) -> torch.Tensor:
    batch = x.shape[0]
    y = torch.cat([classes, torch.full((batch,), null_label, dtype=torch.long)])
    for t, abar, abar_prev in steps_plan:
        out = model(torch.cat([x, x]), torch.full((2 * batch,), t, dtype=torch.long), y)
        eps_c, eps_u = out[:batch], out[batch:]
        eps = eps_u + scale * (eps_c - eps_u)
        x0 = (x - math.sqrt(1.0 - abar) * eps) / math.sqrt(abar)
        x = math.sqrt(abar_prev) * x0 + math.sqrt(1.0 - abar_prev) * eps
    return x.clamp(-1.0, 1.0)


def main() -> None:
    root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=os.path.join(root, "models", "fashion-mnist"))
    parser.add_argument("--images", type=int, default=80)
    parser.add_argument("--batch", type=int, default=80)
    parser.add_argument("--steps", type=int, default=50)
    parser.add_argument("--scale", type=float, default=3.0)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--check", default="", help="folder written by DdimCfgTimer dump=...")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    manifest = json.load(open(os.path.join(args.model, "model.json")))
    model = torch.jit.load(os.path.join(args.model, manifest["files"]["noiseModel"]["path"])).eval()
    null_label = manifest["nullLabel"]
    shape = (manifest["channels"], manifest["imageSize"], manifest["imageSize"])
    steps_plan = plan(manifest, args.steps)

    with torch.inference_mode():
        if args.check:
            classes = torch.from_numpy(np.fromfile(os.path.join(args.check, "classes.i64"), dtype="<i8"))
            noise = torch.from_numpy(np.fromfile(os.path.join(args.check, "init_noise.f32"), dtype="<f4"))
            java = torch.from_numpy(np.fromfile(os.path.join(args.check, "java_images.f32"), dtype="<f4"))
            x = sample(model, steps_plan, noise.reshape(len(classes), *shape), classes, null_label, args.scale)
            diff = (x.flatten() - java).abs()
            print(f"CHECK images={len(classes)} max_abs_diff={diff.max().item():.3e} "
                  f"mean_abs_diff={diff.mean().item():.3e}")
            return

        generator = torch.Generator().manual_seed(7)
        batches = []
        for start in range(0, args.images, args.batch):
            size = min(args.batch, args.images - start)
            classes = torch.tensor([(start + i) % 10 for i in range(size)], dtype=torch.long)
            batches.append((torch.randn(size, *shape, generator=generator), classes))

        def run():
            for noise, classes in batches:
                sample(model, steps_plan, noise, classes, null_label, args.scale)

        for _ in range(args.warmup):
            run()
        for r in range(args.runs):
            start = time.perf_counter()
            run()
            seconds = time.perf_counter() - start
            print(f"RESULT python run={r + 1} images={args.images} batch={args.batch} steps={args.steps} "
                  f"seconds={seconds:.4f} images_per_s={args.images / seconds:.2f}", flush=True)


if __name__ == "__main__":
    main()
