#!/usr/bin/env bash
# Runs once when the dev container is created (devcontainer.json's postCreateCommand), after the install that
# updateContentCommand ran (and a Codespaces prebuild captured). It is also the README's quick start, so it
# works the same outside a container: `make install` bootstraps a pinned uv into .tools/ and syncs .venv/
# from uv.lock, and does nothing when both are current.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

echo "post-create: git trusts this folder (its owner may differ from yours in a container)"
git config --global --get-all safe.directory | grep -qxF "$PWD" || git config --global --add safe.directory "$PWD"

echo "post-create: installing the kata tool and the locked dependencies (make install)"
make install

echo "post-create: the katas"
.venv/bin/kata list

echo "post-create: done. Next: run 'kata watch' (or Terminal > Run Task > Kata: watch) and start the first kata."
