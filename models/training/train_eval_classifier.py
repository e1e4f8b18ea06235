"""Train the evaluation classifier on clean images (metrics only, never used for guidance).

    /usr/bin/python3 train_eval_classifier.py --epochs 8
Writes runs/eval_classifier.log and runs/eval_classifier.ckpt with the test accuracy.
"""
import argparse
import os

import torch
import torch.nn.functional as F

import common
from nets import EvalClassifier, parameter_count


@torch.no_grad()
def test_accuracy(model, images, labels) -> float:
    model.eval()
    correct = sum((model(images[s:s + 1000])[0].argmax(1) == labels[s:s + 1000]).sum().item()
                  for s in range(0, images.shape[0], 1000))
    return correct / images.shape[0]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--seed", type=int, default=2024)
    args = ap.parse_args()

    common.setup(args.seed)
    images, labels = common.load_split("train")
    test_images, test_labels = common.load_split("test")
    model = EvalClassifier()
    steps_per_epoch = images.shape[0] // args.batch
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=5e-4)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=args.lr, total_steps=args.epochs * steps_per_epoch)
    log = common.LossLog("eval_classifier")
    log.write(event="start", params=parameter_count(model), **vars(args))
    step = 0
    for epoch in range(1, args.epochs + 1):
        model.train()
        order = torch.randperm(images.shape[0])
        running = 0.0
        for b in range(steps_per_epoch):
            idx = order[b * args.batch:(b + 1) * args.batch]
            x = images[idx]
            flip = torch.rand(x.shape[0]) < 0.5
            x[flip] = x[flip].flip(-1)
            loss = F.cross_entropy(model(x)[0], labels[idx], label_smoothing=0.05)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
            step += 1
            running += loss.item()
            if step % 50 == 0:
                log.write(step=step, epoch=epoch, loss=round(running / 50, 5))
                running = 0.0
        log.write(event="epoch", epoch=epoch, test_accuracy=test_accuracy(model, test_images, test_labels))
    accuracy = test_accuracy(model, test_images, test_labels)
    log.write(event="done", train_seconds=round(log.elapsed(), 1), test_accuracy=accuracy)
    torch.save({"state": model.state_dict(), "args": vars(args), "epochs": args.epochs,
                "train_seconds": round(log.elapsed(), 1), "test_accuracy": accuracy},
               os.path.join(common.RUN_DIR, "eval_classifier.ckpt"))


if __name__ == "__main__":
    main()
