"""Vendored JavaScript: fetch the pinned npm packages of graph/views/vendor/vendor.json and check their sha256.

The views inline these files (nothing is fetched when a page opens). `vendor.json` pins each package's version, its
tarball's integrity (as npm records it) and the sha256 of every file taken from it:

    python tools/vendor.py            # fetch with `npm pack`, verify, and write the files into graph/views/vendor/
    python tools/vendor.py --check    # fetch and verify, and check that the files in the checkout are those bytes
    python tools/vendor.py --offline  # only check the files in the checkout against vendor.json
"""
from __future__ import annotations

import argparse
import base64
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

VENDOR = Path(__file__).resolve().parent.parent / "graph" / "views" / "vendor"
MANIFEST = VENDOR / "vendor.json"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def npm_pack(spec: str, dest: Path) -> Path:
    """The tarball of `spec` (name@version), downloaded by npm into `dest`."""
    done = subprocess.run(["npm", "pack", spec, "--json", "--pack-destination", str(dest)], capture_output=True,
                          text=True, check=False)
    if done.returncode:
        raise SystemExit(f"npm pack {spec} failed:\n{done.stderr}")
    return dest / json.loads(done.stdout)[0]["filename"]


def fetch(name: str, pin: dict, dest: Path) -> dict[str, bytes]:
    """{vendored file name: bytes} of one package, its tarball and every file checked against the pins."""
    tarball = npm_pack(f"{name}@{pin['version']}", dest)
    algo, _, digest = pin["integrity"].partition("-")
    got = base64.b64encode(hashlib.new(algo, tarball.read_bytes()).digest()).decode("ascii")
    if got != digest:
        raise SystemExit(f"{name}@{pin['version']}: tarball integrity {algo}-{got}, pinned {pin['integrity']}")
    out = {}
    with tarfile.open(tarball) as tar:
        for member, entry in pin["files"].items():
            data = tar.extractfile(f"package/{member}").read()
            if sha256(data) != entry["sha256"]:
                raise SystemExit(f"{name}: {member} has sha256 {sha256(data)}, pinned {entry['sha256']}")
            out[entry["as"]] = data
    return out


def check_checkout(manifest: dict) -> list[str]:
    """The vendored files that are missing or differ from their pinned sha256."""
    bad = []
    for name, pin in manifest.items():
        for member, entry in pin["files"].items():
            path = VENDOR / entry["as"]
            if not path.is_file() or sha256(path.read_bytes()) != entry["sha256"]:
                bad.append(f"{path.relative_to(VENDOR.parent.parent.parent)} ({name} {member})")
    return bad


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="fetch and verify; write nothing")
    mode.add_argument("--offline", action="store_true", help="verify the checkout's files only")
    args = ap.parse_args(argv)
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    if not args.offline:
        with tempfile.TemporaryDirectory() as tmp:
            for name, pin in manifest.items():
                for file_name, data in fetch(name, pin, Path(tmp)).items():
                    if not args.check:
                        (VENDOR / file_name).write_bytes(data)
                print(f"{name}@{pin['version']}: {len(pin['files'])} files verified")
    bad = check_checkout(manifest)
    for line in bad:
        print(f"differs from vendor.json: {line}", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
