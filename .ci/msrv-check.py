#!/usr/bin/env python3
"""Fails when a locked dependency needs a newer Rust than the crate that uses it declares.

For every workspace member, walks what the lock file resolves for it (its normal, build and dev
dependencies, then their normal and build dependencies, every feature and platform) and compares
each package's `rust-version` with the member's. Offline: it reads `cargo metadata`, which reads
Cargo.lock. Together with clippy's `incompatible_msrv` lint (on under `-D warnings`, for the
standard library items a crate calls) it keeps `rust-version` true without an old toolchain.
"""
import json
import subprocess
import sys


def version(text):
    """`1.89` or `1.89.0` as a comparable tuple; None when the package declares none."""
    if not text:
        return None
    parts = [int(part) for part in text.split(".")]
    return tuple(parts + [0] * (3 - len(parts)))


def main():
    metadata = json.loads(
        subprocess.run(
            ["cargo", "metadata", "--format-version", "1", "--offline", "--all-features"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    packages = {package["id"]: package for package in metadata["packages"]}
    nodes = {node["id"]: node for node in metadata["resolve"]["nodes"]}
    problems = []
    for member in metadata["workspace_members"]:
        crate = packages[member]
        declared = version(crate.get("rust_version"))
        if declared is None:
            problems.append(f"{crate['name']}: no `rust-version` in its manifest")
            continue
        seen = set()
        # Only the member's own dev-dependencies count: a dependency's are not built.
        pending = [(member, True)]
        while pending:
            package_id, is_member = pending.pop()
            for dependency in nodes[package_id]["deps"]:
                kinds = {kind["kind"] for kind in dependency["dep_kinds"]}
                if not is_member and kinds <= {"dev"}:
                    continue
                if dependency["pkg"] not in seen:
                    seen.add(dependency["pkg"])
                    pending.append((dependency["pkg"], False))
        for package_id in sorted(seen):
            package = packages[package_id]
            needed = version(package.get("rust_version"))
            if needed is not None and needed > declared:
                problems.append(
                    f"{crate['name']} declares rust-version {crate['rust_version']}, but its "
                    f"locked dependency {package['name']} {package['version']} needs "
                    f"{package['rust_version']}"
                )
        print(f"{crate['name']}: rust-version {crate['rust_version']}, "
              f"{len(seen)} locked dependencies checked")
    if problems:
        print("\n".join(["error: rust-version is not true:"] + problems), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
