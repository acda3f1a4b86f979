"""The licence file of the vendored YASGUI build: its own MIT licence, then those of the npm packages it bundles.

    python3 scripts/yasgui/notices.py DEPS_DIR > graph/page/assets/yasgui-LICENSE.txt

DEPS_DIR holds package-lock.json and the node_modules/ that `npm ci` installed from it (scripts/vendor-yasgui.sh
makes both); the packages are listed in the lockfile's order, each with every licence file it ships.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
LICENSE_FILE = re.compile(r"^(licen[cs]e|copying|notice)([.-].*)?$", re.I)
RULE = "=" * 100


def _package_notice(root: Path, path: str, info: dict) -> str:
    folder = root / path
    name = path.rsplit("node_modules/", 1)[-1]
    head = f"{name} {info.get('version', '?')} (licence: {info.get('license', 'not stated')})"
    texts = [f"--- {f.name}\n\n{f.read_text(encoding='utf-8', errors='replace').strip()}\n"
             for f in sorted(folder.iterdir(), key=lambda p: p.name) if f.is_file() and LICENSE_FILE.match(f.name)]
    if not texts:
        texts = ["(the package ships no licence file; its package.json states the licence above)\n"]
    return f"{RULE}\n{head}\n{RULE}\n\n" + "\n".join(texts)


def notices(deps: Path) -> str:
    lock = json.loads((deps / "package-lock.json").read_text(encoding="utf-8"))
    packages = {path: info for path, info in lock["packages"].items() if path}
    yasgui = packages["node_modules/@zazuko/yasgui"]
    intro = (f"YASGUI: @zazuko/yasgui {yasgui['version']} from the npm registry (https://github.com/rdfjs/Yasgui),\n"
             "vendored by scripts/vendor-yasgui.sh as yasgui.min.js and yasgui.min.css (the package's build/, with\n"
             "the source-map comment removed). Its licence, the LICENSE file of the repository at the release tag:\n\n")
    bundled = ("\nThe build bundles code from the npm packages below (the versions scripts/yasgui/package-lock.json\n"
               "pins; some of them are dependencies the build does not use). Their licences follow.\n\n")
    own = (HERE / "LICENSE").read_text(encoding="utf-8").strip() + "\n"
    return intro + own + bundled + "\n".join(_package_notice(deps, p, i) for p, i in packages.items())


if __name__ == "__main__":
    sys.stdout.write(notices(Path(sys.argv[1])))
