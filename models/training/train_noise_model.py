"""Train the class-conditional noise model (epsilon prediction, CFG label dropout, EMA).

    /usr/bin/python3 train_noise_model.py --steps 8000
Writes runs/noise_model.log (loss per 50 steps) and runs/noise_model.ckpt (EMA weights);
every --export-every steps it also writes the EMA weights as TorchScript to runs/ so that
the Java side can be developed against an interim model.
"""
import argparse
import copy
import os

import torch
import torch.nn.functional as F

import common
from nets import NoiseUNet, parameter_count


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=8000)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--lr", type=float, default=5e-4)
    ap.add_argument("--warmup", type=int, default=200)
    ap.add_argument("--label-dropout", type=float, default=0.15)
    ap.add_argument("--ema", type=float, default=0.999)
    ap.add_argument("--base", type=int, default=16)
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--export-every", type=int, default=2500)
    args = ap.parse_args()

    common.setup(args.seed)
    images, labels = common.load_split("train")
    alpha_bar = common.linear_alpha_bar()
    model = NoiseUNet(base=args.base)
    ema = copy.deepcopy(model).eval()
    for p in ema.parameters():
        p.requires_grad_(False)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.0)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: common.warmup_cosine(s, args.steps, args.warmup))
    log = common.LossLog("noise_model")
    log.write(event="start", params=parameter_count(model), **vars(args))
    running = 0.0
    for step in range(1, args.steps + 1):
        idx = torch.randint(0, images.shape[0], (args.batch,))
        x0, y = images[idx], labels[idx].clone()
        y[torch.rand(args.batch) < args.label_dropout] = common.NULL_LABEL
        t = torch.randint(0, common.T, (args.batch,))
        xt, noise = common.add_noise(x0, t, alpha_bar)
        loss = F.mse_loss(model(xt, t, y), noise)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        with torch.no_grad():
            decay = min(args.ema, (1 + step) / (10 + step))
            for pe, pm in zip(ema.parameters(), model.parameters()):
                pe.mul_(decay).add_(pm, alpha=1 - decay)
        running += loss.item()
        if step % 50 == 0:
            log.write(step=step, loss=round(running / 50, 5), lr=sched.get_last_lr()[0])
            running = 0.0
        if step % args.export_every == 0 or step == args.steps:
            torch.save({"state": ema.state_dict(), "args": vars(args), "step": step,
                        "train_seconds": round(log.elapsed(), 1)},
                       os.path.join(common.RUN_DIR, "noise_model.ckpt"))
            torch.jit.script(ema).save(os.path.join(common.RUN_DIR, "noise_model.pt"))
            log.write(event="checkpoint", step=step)
    log.write(event="done", train_seconds=round(log.elapsed(), 1))


if __name__ == "__main__":
    main()
