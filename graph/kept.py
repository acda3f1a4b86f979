"""Kept files: small results beside a local store, named by a key, written whole, the most recent few kept."""
from __future__ import annotations

import hashlib
import os
from importlib import metadata
from pathlib import Path

PACKAGE = Path(__file__).parent


def code_digest(modules: tuple[str, ...], engines: tuple[str, ...]) -> str:
    """A digest of what writes a kept text: the source of `modules` (paths under graph/, a folder meaning its .py
    files) and the installed versions of the `engines` (distributions) that compute it, so that an upgrade of
    either never reads back a text the new code would write differently."""
    h = hashlib.sha256()
    for name in modules:
        path = PACKAGE / name
        for file in sorted(path.glob("*.py")) if path.is_dir() else [path]:
            h.update(f"{file.relative_to(PACKAGE)}\0".encode())
            h.update(file.read_bytes())
    for engine in engines:
        try:
            version = metadata.version(engine)
        except metadata.PackageNotFoundError:
            version = "none"
        h.update(f"{engine}={version}\0".encode())
    return h.hexdigest()


def folder_beside(store, name: str) -> Path | None:
    """`name` beside a local store's directory (.guildgraph/NAME for .guildgraph/store); None for a remote one."""
    path = getattr(store, "path", None)
    return Path(path).resolve().parent / name if path is not None else None


def read_kept(folder: Path, key: str, suffix: str) -> str | None:
    """The text kept under `key`, made the most recent; None when there is none (or it cannot be read)."""
    path = folder / f"{key}{suffix}"
    try:
        with path.open(encoding="utf-8", newline="") as fh:  # the text as written: CSV's \r\n stays
            text = fh.read()
    except (OSError, ValueError):
        return None
    try:
        os.utime(path)  # recently used: the last to go
    except OSError:
        pass
    return text


def write_kept(folder: Path, key: str, suffix: str, text: str, keep: int) -> None:
    """`text` kept under `key` (a temporary file renamed, so a reader never sees half of it), the `keep` most recent
    files of `suffix` left; a folder that cannot be written (a read-only checkout) just keeps nothing."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{key}.{os.getpid()}.tmp"
        tmp.write_text(text, encoding="utf-8", newline="")
        os.replace(tmp, folder / f"{key}{suffix}")
        kept = sorted(folder.glob(f"*{suffix}"), key=lambda p: (p.stat().st_mtime_ns, p.name), reverse=True)
        for old in kept[keep:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
