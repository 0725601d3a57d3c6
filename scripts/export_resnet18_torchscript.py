#!/usr/bin/env python3
"""Export TorchScript feature extractors for ResNetLearner's --pretrained option.

The learner expects a TorchScript module mapping float images (N, 3, H, W) to features (N, F) or
(N, F, 1, 1); it appends an n-class linear head and fine-tunes the whole network.

  # ImageNet-pretrained torchvision ResNet-18 without its fc layer (needs torchvision and, once,
  # network access for the weights):
  python3 scripts/export_resnet18_torchscript.py resnet18_embedding.pt

  # The small, randomly initialized test fixture committed under
  # active-learning-djl/src/test/resources/ (a few KB; same interface, 16 features):
  python3 scripts/export_resnet18_torchscript.py --fixture \
      active-learning-djl/src/test/resources/torchscript/tiny_embedding.pt

On Debian: apt-get install python3-torch python3-torchvision, then run with /usr/bin/python3.
"""
import argparse

import torch
from torch import nn


class TinyEmbedding(nn.Module):
    """Conv-BN-ReLU twice, global average pooling: (N, 3, H, W) -> (N, 16)."""

    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(3, 8, 3, padding=1, bias=False), nn.BatchNorm2d(8), nn.ReLU(),
            nn.Conv2d(8, 16, 3, stride=2, padding=1, bias=False), nn.BatchNorm2d(16), nn.ReLU(),
            nn.AdaptiveAvgPool2d(1), nn.Flatten())

    def forward(self, x):
        return self.body(x)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("output", help="where to write the TorchScript .pt file")
    parser.add_argument("--fixture", action="store_true", help="export the tiny test fixture instead of ResNet-18")
    args = parser.parse_args()
    torch.manual_seed(0)
    if args.fixture:
        model = TinyEmbedding()
    else:
        import torchvision
        model = torchvision.models.resnet18(weights=torchvision.models.ResNet18_Weights.IMAGENET1K_V1)
        model.fc = nn.Identity()
    model.eval()
    scripted = torch.jit.trace(model, torch.zeros(1, 3, 32, 32))
    scripted.save(args.output)
    with torch.no_grad():
        out = scripted(torch.zeros(2, 3, 32, 32))
    print(f"wrote {args.output}: (2, 3, 32, 32) -> {tuple(out.shape)}")


if __name__ == "__main__":
    main()
