#!/usr/bin/env python3
"""PyTorch reference for the 'benchmark' command's throughput section.

Trains and scores the same ResNet-18 (torchvision's, with the CIFAR stem swapped in where asked)
with the same recipe as ResNetLearner: uint8 images converted and normalized to [-1, 1] per batch,
random crop with 4-pixel padding and horizontal flip, cross-entropy, SGD with momentum 0.9 and
weight decay 5e-4; scoring is an eval-mode forward pass plus softmax copied out to host memory.
It prints one JSON line per measurement ("train" or "score", with "batch" and "images_per_s", as
the Java benchmark's own lines).

The Java benchmark runs it with --pytorch-reference=PYTHON in the same invocation so that both
sides see the same machine state; it can also run alone:

  python3 pytorch_reference_benchmark.py --stem cifar --train-batches 32,64 --score-batches 64,256

On Debian: apt-get install python3-torch python3-torchvision, then run with /usr/bin/python3.
"""
import argparse
import json
import time

import torch
import torchvision
from torch import nn


def network(stem, classes):
    model = torchvision.models.resnet18(num_classes=classes)
    if stem == "cifar":
        model.conv1 = nn.Conv2d(3, 64, kernel_size=3, stride=1, padding=1, bias=False)
        model.maxpool = nn.Identity()
    return model


def to_input(images, augment, generator):
    x = images
    if augment:
        n = x.shape[0]
        padded = nn.functional.pad(x, (4, 4, 4, 4))
        dx = torch.randint(0, 9, (n,), generator=generator).tolist()
        dy = torch.randint(0, 9, (n,), generator=generator).tolist()
        flip = torch.rand(n, generator=generator).tolist()
        crops = []
        for i in range(n):
            c = padded[i, :, dy[i]:dy[i] + 32, dx[i]:dx[i] + 32]
            crops.append(c.flip(2) if flip[i] < 0.5 else c)
        x = torch.stack(crops)
    return x.float().div_(127.5).sub_(1.0)


def train(stem, batch, images, labels):
    """Images/s of one training round as ResNetLearner.fit runs it: fresh weights, then one epoch.

    Building and initializing the network is timed because the learner does it every round.
    """
    generator = torch.Generator().manual_seed(1)
    loss_fn = nn.CrossEntropyLoss()

    def fit(count):
        torch.manual_seed(0)
        model = network(stem, 10)
        optimizer = torch.optim.SGD(model.parameters(), lr=0.02, momentum=0.9, weight_decay=5e-4)
        model.train()
        order = torch.randperm(count, generator=generator)
        for start in range(0, count, batch):
            idx = order[start:start + batch]
            x = to_input(images[idx], True, generator)
            optimizer.zero_grad(set_to_none=True)
            loss = loss_fn(model(x), labels[idx])
            loss.backward()
            optimizer.step()

    fit(min(len(images), 2 * batch))  # warm-up, as the Java side
    t0 = time.perf_counter()
    fit(len(images))
    return len(images) / (time.perf_counter() - t0)


def score(stem, batch, images):
    torch.manual_seed(0)
    model = network(stem, 10)
    model.eval()
    out = []
    with torch.no_grad():
        model(to_input(images[:batch], False, None))  # warm-up
        t0 = time.perf_counter()
        for start in range(0, len(images), batch):
            x = to_input(images[start:start + batch], False, None)
            out.append(torch.softmax(model(x), dim=1).numpy().copy())
        return len(images) / (time.perf_counter() - t0)


def emit(fields):
    print(json.dumps(fields, separators=(",", ":")), flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stem", choices=["cifar", "imagenet"], required=True)
    parser.add_argument("--train-batches", default="32,64")
    parser.add_argument("--score-batches", default="64,256")
    parser.add_argument("--train-images", type=int, default=640)
    parser.add_argument("--score-images", type=int, default=1024)
    parser.add_argument("--threads", type=int, default=0, help="intra-op threads; 0 keeps PyTorch's default")
    args = parser.parse_args()
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    generator = torch.Generator().manual_seed(99)
    count = max(args.train_images, args.score_images)
    images = torch.randint(0, 256, (count, 3, 32, 32), dtype=torch.uint8, generator=generator)
    labels = torch.randint(0, 10, (count,), generator=generator)
    common = {"framework": "pytorch", "torch": torch.__version__, "threads": torch.get_num_threads(),
              "stem": args.stem}
    for batch in [int(b) for b in args.train_batches.split(",")]:
        ips = train(args.stem, batch, images[:args.train_images], labels[:args.train_images])
        emit({"bench": "train", **common, "batch": batch, "images_per_s": round(ips, 3)})
    for batch in [int(b) for b in args.score_batches.split(",")]:
        ips = score(args.stem, batch, images[:args.score_images])
        emit({"bench": "score", **common, "batch": batch, "images_per_s": round(ips, 3)})

if __name__ == "__main__":
    main()
