"""Export the trained networks as TorchScript, write parity fixtures and model.json.

    /usr/bin/python3 export.py
Reads runs/*.ckpt, writes ../fashion-mnist/{noise_model,noisy_classifier,eval_classifier}.pt,
../fashion-mnist/parity/*.json (inputs and the outputs computed here, for the Java parity test)
and ../fashion-mnist/model.json (with each file's sha256).
"""
import hashlib
import json
import os

import torch

import common
from nets import EvalClassifier, NoiseUNet, NoisyClassifier, parameter_count
from train_eval_classifier import test_accuracy

FILES = {"noiseModel": "noise_model.pt", "noisyClassifier": "noisy_classifier.pt", "evalClassifier": "eval_classifier.pt"}


def load(name: str, module):
    ckpt = torch.load(os.path.join(common.RUN_DIR, f"{name}.ckpt"))
    module.load_state_dict(ckpt["state"])
    return module.eval(), ckpt


def tensor_json(t: torch.Tensor) -> dict:
    return {"shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", ""),
            "data": [float(v) if t.is_floating_point() else int(v) for v in t.flatten().tolist()]}


def sha256(path: str) -> str:
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def write_parity(out_dir: str) -> None:
    """Inputs from a fixed seed and the outputs of the saved TorchScript files, as loaded back."""
    gen = torch.Generator().manual_seed(7)
    x = torch.randn(3, 1, 28, 28, generator=gen)
    t = torch.tensor([999, 500, 3])
    y = torch.tensor([7, 10, 0])
    os.makedirs(os.path.join(out_dir, "parity"), exist_ok=True)

    noise = torch.jit.load(os.path.join(out_dir, FILES["noiseModel"]))
    with torch.no_grad():
        eps = noise(x, t, y)
    fixture = {"inputs": {"x": tensor_json(x), "t": tensor_json(t), "y": tensor_json(y)}, "outputs": [tensor_json(eps)]}
    json.dump(fixture, open(os.path.join(out_dir, "parity", "noise_model.json"), "w"))

    noisy = torch.jit.load(os.path.join(out_dir, FILES["noisyClassifier"]))
    xg = x.clone().requires_grad_(True)
    logits = noisy(xg, t)
    labels = torch.tensor([7, 9, 0])
    selected = torch.log_softmax(logits, dim=1).gather(1, labels.view(-1, 1)).sum()
    (grad,) = torch.autograd.grad(selected, xg)
    fixture = {"inputs": {"x": tensor_json(x), "t": tensor_json(t), "labels": tensor_json(labels)},
               "outputs": [tensor_json(logits.detach())], "gradLogProb": tensor_json(grad)}
    json.dump(fixture, open(os.path.join(out_dir, "parity", "noisy_classifier.json"), "w"))

    evaluation = torch.jit.load(os.path.join(out_dir, FILES["evalClassifier"]))
    with torch.no_grad():
        logits, features = evaluation(x)
    fixture = {"inputs": {"x": tensor_json(x)}, "outputs": [tensor_json(logits), tensor_json(features)]}
    json.dump(fixture, open(os.path.join(out_dir, "parity", "eval_classifier.json"), "w"))


def main() -> None:
    common.setup(0)
    out_dir = os.path.abspath(common.ARTIFACT_DIR)
    os.makedirs(out_dir, exist_ok=True)
    noise, noise_ckpt = load("noise_model", NoiseUNet(base=16))
    noisy, noisy_ckpt = load("noisy_classifier", NoisyClassifier(base=16))
    evaluation, eval_ckpt = load("eval_classifier", EvalClassifier())
    modules = {"noiseModel": noise, "noisyClassifier": noisy, "evalClassifier": evaluation}
    for key, module in modules.items():
        torch.jit.script(module).save(os.path.join(out_dir, FILES[key]))
    write_parity(out_dir)

    test_images, test_labels = common.load_split("test")
    eval_accuracy = test_accuracy(evaluation, test_images, test_labels)
    manifest = {
        "schemaVersion": 1,
        "name": "fashion-mnist",
        "version": "1.0.0",
        "imageSize": 28,
        "channels": 1,
        "classNames": common.CLASS_NAMES,
        "nullLabel": common.NULL_LABEL,
        "noiseSchedule": {"type": "linear", "timesteps": common.T, "betaStart": common.BETA_START, "betaEnd": common.BETA_END},
        "predictionType": "epsilon",
        "pixelRange": [-1.0, 1.0],
        "files": {key: {"path": FILES[key], "sha256": sha256(os.path.join(out_dir, FILES[key])),
                        "parameters": parameter_count(module)} for key, module in modules.items()},
        "training": {
            "data": "Fashion-MNIST train split (60,000 images), Debian package dataset-fashion-mnist; test split for metrics",
            "framework": f"PyTorch {torch.__version__} (Debian python3-torch), 2 CPU threads",
            "noiseModel": {"recipe": "UNet base 16 (28->14->7, GroupNorm residual blocks, attention at 7x7), epsilon MSE, "
                                     "AdamW, warm-up then cosine LR, grad clip 1, EMA, label dropout to the null label",
                           "args": noise_ckpt["args"], "steps": noise_ckpt["step"], "trainSeconds": noise_ckpt["train_seconds"]},
            "noisyClassifier": {"recipe": "GroupNorm residual encoder with time embedding, no dropout, no batch-norm; "
                                          "cross-entropy on x_t at uniformly drawn t, same schedule",
                                "args": noisy_ckpt["args"], "steps": noisy_ckpt["step"],
                                "trainSeconds": noisy_ckpt["train_seconds"]},
            "evalClassifier": {"recipe": "3 conv blocks with batch-norm, dropout 0.3, 256-d features, OneCycle AdamW, "
                                         "horizontal flips, label smoothing 0.05",
                               "args": eval_ckpt["args"], "epochs": eval_ckpt["epochs"],
                               "trainSeconds": eval_ckpt["train_seconds"]},
        },
        "metrics": {
            "evalClassifierTestAccuracy": round(eval_accuracy, 4),
            "noisyClassifierTestAccuracyByTimestep": noisy_ckpt["test_accuracy_by_t"],
        },
    }
    with open(os.path.join(out_dir, "model.json"), "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    print(json.dumps(manifest["metrics"]))


if __name__ == "__main__":
    main()
