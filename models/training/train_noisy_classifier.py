"""Train the noisy classifier p(y | x_t, t) for classifier guidance.

    /usr/bin/python3 train_noisy_classifier.py --steps 4000
Inputs are noised at uniformly drawn t with the noise model's schedule. Writes
runs/noisy_classifier.log and runs/noisy_classifier.ckpt, then test accuracy per t bucket.
"""
import argparse
import os

import torch
import torch.nn.functional as F

import common
from nets import NoisyClassifier, parameter_count

BUCKETS = [(0, 100), (100, 250), (250, 500), (500, 750), (750, 1000)]


@torch.no_grad()
def accuracy_by_bucket(model, images, labels, alpha_bar, seed: int = 99):
    gen = torch.Generator().manual_seed(seed)
    result = {}
    for lo, hi in BUCKETS:
        correct = 0
        for start in range(0, images.shape[0], 500):
            x0, y = images[start:start + 500], labels[start:start + 500]
            t = torch.randint(lo, hi, (x0.shape[0],), generator=gen)
            a = alpha_bar[t].view(-1, 1, 1, 1)
            xt = a.sqrt() * x0 + (1 - a).sqrt() * torch.randn(x0.shape, generator=gen)
            correct += (model(xt, t).argmax(1) == y).sum().item()
        result[f"t{lo}-{hi - 1}"] = round(correct / images.shape[0], 4)
    return result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=4000)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--warmup", type=int, default=200)
    ap.add_argument("--base", type=int, default=16)
    ap.add_argument("--seed", type=int, default=4321)
    args = ap.parse_args()

    common.setup(args.seed)
    images, labels = common.load_split("train")
    test_images, test_labels = common.load_split("test")
    alpha_bar = common.linear_alpha_bar()
    model = NoisyClassifier(base=args.base)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-4)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: common.warmup_cosine(s, args.steps, args.warmup))
    log = common.LossLog("noisy_classifier")
    log.write(event="start", params=parameter_count(model), **vars(args))
    running = 0.0
    for step in range(1, args.steps + 1):
        idx = torch.randint(0, images.shape[0], (args.batch,))
        t = torch.randint(0, common.T, (args.batch,))
        xt, _ = common.add_noise(images[idx], t, alpha_bar)
        loss = F.cross_entropy(model(xt, t), labels[idx])
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        sched.step()
        running += loss.item()
        if step % 50 == 0:
            log.write(step=step, loss=round(running / 50, 5), lr=sched.get_last_lr()[0])
            running = 0.0
    model.eval()
    buckets = accuracy_by_bucket(model, test_images, test_labels, alpha_bar)
    log.write(event="done", train_seconds=round(log.elapsed(), 1), test_accuracy_by_t=buckets)
    torch.save({"state": model.state_dict(), "args": vars(args), "step": args.steps,
                "train_seconds": round(log.elapsed(), 1), "test_accuracy_by_t": buckets},
               os.path.join(common.RUN_DIR, "noisy_classifier.ckpt"))


if __name__ == "__main__":
    main()
