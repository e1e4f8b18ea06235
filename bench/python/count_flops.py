"""FLOPs of one forward row of a TorchScript noise model, from the profiler's per-operator FLOP counts.

    /usr/bin/python3 bench/python/count_flops.py models/fashion-mnist/noise_model.pt 28 1

Runs one forward pass of a batch of 1 (x of shape 1 x C x S x S, t, class label) under torch.profiler with
with_flops=True and prints the FLOPs per operator type and in total. Matrix products are the profiler's counts,
convolutions are counted here from their recorded shapes (2 FLOPs per multiply-add); element-wise work (normalisation, activations, additions) is not counted, so
the total is a lower bound, close to the real figure for convolution-dominated UNets.
"""
import sys
from collections import defaultdict

import torch


def conv_strides(model):
    """Strides of the scripted model's Conv2d modules by weight shape, in registration order (the profiler does not
    record strides). Modules of one weight shape run in the order they were registered in this UNet (down path
    before up path), so the events of that shape take these strides in turn."""
    strides = defaultdict(list)
    for _, module in model.named_modules():
        if getattr(module, "original_name", "") == "Conv2d":
            strides[tuple(module.weight.shape)].append(tuple(module.stride))
    return strides


def conv2d_flops(shapes, strides):
    """2 x multiply-adds of a 'same'-padded convolution: Cout x Cin/groups x kh x kw per output pixel."""
    (_, _, height, width), weight = shapes[0], tuple(shapes[1])
    out_channels, in_per_group, kh, kw = weight
    sh, sw = strides[weight].pop(0)
    return 2 * out_channels * in_per_group * kh * kw * (height // sh) * (width // sw)


def main():
    path, size, channels = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    torch.set_num_threads(1)
    model = torch.jit.load(path).eval()
    x = torch.randn(1, channels, size, size)
    t = torch.tensor([500])
    y = torch.tensor([3])
    # the first forward: later ones run a graph the profiling executor rewrote (1x1 skip convolutions fused with
    # their additions), whose recorded shapes no longer read as (input, weight)
    with torch.inference_mode():
        with torch.profiler.profile(activities=[torch.profiler.ProfilerActivity.CPU], with_flops=True,
                                    record_shapes=True) as prof:
            model(x, t, y)
    strides = conv_strides(model)
    per_op = defaultdict(int)
    for event in prof.events():
        if event.name == "aten::conv2d":
            per_op[event.name] += conv2d_flops(event.input_shapes, strides)
        elif event.flops:
            per_op[event.name] += event.flops
    total = sum(per_op.values())
    for name, flops in sorted(per_op.items(), key=lambda kv: -kv[1]):
        print(f"{name}: {flops / 1e6:.2f} MFLOP")
    print(f"total: {total / 1e6:.2f} MFLOP per row ({total:d} FLOPs)")


if __name__ == "__main__":
    main()
