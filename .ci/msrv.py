#!/usr/bin/env python3
"""Checks that mpl still builds with the Rust it declares (`rust-version` in Cargo.toml),
without another toolchain: every crate in Cargo.lock must declare a rust-version no newer
than ours. (clippy's `incompatible_msrv` lint, on by default, checks the standard library
APIs our own code calls against the same version.)"""

import json
import subprocess
import sys


def version(text):
    parts = [int(p) for p in text.split(".")[:3]]
    return tuple(parts + [0] * (3 - len(parts)))


meta = json.loads(subprocess.run(["cargo", "metadata", "--format-version", "1", "--locked"],
                                 check=True, capture_output=True, text=True).stdout)
ours = {p["name"]: p["rust_version"] for p in meta["packages"] if p["id"] in meta["workspace_members"]}
declared = set(ours.values())
if len(declared) != 1 or None in declared:
    sys.exit(f"every workspace crate declares one rust-version; found {ours}")
msrv = declared.pop()
newer = sorted(f"{p['name']} {p['version']} needs Rust {p['rust_version']}"
               for p in meta["packages"]
               if p.get("rust_version") and version(p["rust_version"]) > version(msrv))
if newer:
    sys.exit(f"these crates need a newer Rust than mpl's rust-version {msrv}:\n  " + "\n  ".join(newer)
             + "\nraise rust-version in Cargo.toml (and the README), or pin an older version of each")
print(f"rust-version {msrv}: all {len(meta['packages'])} crates in Cargo.lock build with it")
