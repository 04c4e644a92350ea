#!/usr/bin/env bash
# Runs once when the dev container is created (devcontainer.json's postCreateCommand),
# and works the same outside a container: it is the README's quick start.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! command -v uv >/dev/null 2>&1; then
    echo "post-create: uv is not installed; the dev container's Dockerfile installs it." >&2
    echo "post-create: outside the container, install it first: python3 -m pip install --user uv" >&2
    exit 1
fi

echo "post-create: installing the kata tool and the locked dependencies (make install)"
make install

echo "post-create: checking the kata tool"
.venv/bin/kata list

echo "post-create: done. Next: run 'kata watch' and open the first kata."
