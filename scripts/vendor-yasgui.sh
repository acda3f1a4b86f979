#!/usr/bin/env bash
# Vendor YASGUI (the npm package @zazuko/yasgui, pinned below) into graph/page/assets/ for the endpoint's query page.
#
#   scripts/vendor-yasgui.sh           fetch the pinned version, check it, write the assets and SHA256SUMS
#   scripts/vendor-yasgui.sh --check   fetch and check it again, and compare with the committed files (writes nothing)
#
# Steps: `npm pack` the pinned tarball and check its sha256 against TARBALL_SHA256; take build/yasgui.min.js and
# build/yasgui.min.css from it, the `//# sourceMappingURL` comment removed (the map is not vendored, so nothing asks
# for it); install the packages the build bundles from scripts/yasgui/package-lock.json (`npm ci`, which checks each
# tarball's sha512, no install scripts) only to collect their licences into yasgui-LICENSE.txt; record the sha256 of
# the vendored files in scripts/yasgui/SHA256SUMS (tests/test_page.py checks the committed files against it).
# Needs npm and network access to the npm registry; the project never fetches anything at run time.
set -euo pipefail

VERSION=4.6.2
TARBALL_SHA256=6520cdd256a4003e8d45865e0d631b6456b88a0e6b65f4f3e56d78a25d74c9a7
FILES=(yasgui.min.js yasgui.min.css yasgui-LICENSE.txt)

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
assets=$root/graph/page/assets
sums=$here/yasgui/SHA256SUMS
check=false
case "${1:-}" in
    "") ;;
    --check) check=true ;;
    *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tarball=zazuko-yasgui-$VERSION.tgz

(cd "$work" && npm pack --silent "@zazuko/yasgui@$VERSION" >/dev/null)
echo "$TARBALL_SHA256  $work/$tarball" | sha256sum --check --quiet
tar -xzf "$work/$tarball" -C "$work" package/package.json package/build/yasgui.min.js package/build/yasgui.min.css
grep -q "\"version\": \"$VERSION\"" "$work/package/package.json"

out=$work/out
mkdir "$out"
sed '/^\/\/# sourceMappingURL=/d' "$work/package/build/yasgui.min.js" > "$out/yasgui.min.js"
sed '/^\/\*# sourceMappingURL=.*\*\/$/d' "$work/package/build/yasgui.min.css" > "$out/yasgui.min.css"

mkdir "$work/deps"
cp "$here/yasgui/package.json" "$here/yasgui/package-lock.json" "$work/deps/"
(cd "$work/deps" && npm ci --silent --ignore-scripts --omit=dev --no-audit --no-fund)
# the lockfile's YASGUI is the checked tarball
cmp "$work/deps/node_modules/@zazuko/yasgui/build/yasgui.min.js" "$work/package/build/yasgui.min.js"
python3 "$here/yasgui/notices.py" "$work/deps" > "$out/yasgui-LICENSE.txt"
(cd "$out" && sha256sum "${FILES[@]}") > "$work/SHA256SUMS"

if $check; then
    status=0
    for f in "${FILES[@]}"; do
        cmp -s "$out/$f" "$assets/$f" || { echo "differs from @zazuko/yasgui@$VERSION: graph/page/assets/$f" >&2; status=1; }
    done
    cmp -s "$work/SHA256SUMS" "$sums" || { echo "differs: scripts/yasgui/SHA256SUMS" >&2; status=1; }
    [ $status -eq 0 ] && echo "graph/page/assets/ holds @zazuko/yasgui@$VERSION"
    exit $status
fi

mkdir -p "$assets"
for f in "${FILES[@]}"; do
    cp "$out/$f" "$assets/$f"
done
cp "$work/SHA256SUMS" "$sums"
echo "vendored @zazuko/yasgui@$VERSION into graph/page/assets/:"
(cd "$assets" && ls -l "${FILES[@]}")
