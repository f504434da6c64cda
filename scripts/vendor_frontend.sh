#!/usr/bin/env bash
# (Re)create static/vendor/ from pinned npm packages so the app works offline.
#
# Every package is fetched with `npm pack <name>@<version>` (npm checks the
# tarball against the registry's integrity hash), unpacked with tar and only
# the needed files are copied. static/vendor/MANIFEST.json records package,
# version, licence, the tarball integrity and the SHA-256 of every copied file.
#
# Usage: scripts/vendor_frontend.sh        (needs bash, npm/node and tar)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENDOR="$ROOT/static/vendor"

for tool in npm node tar; do
  command -v "$tool" >/dev/null 2>&1 || { echo "error: '$tool' is required" >&2; exit 1; }
done

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
STAGE="$WORK/vendor"
mkdir -p "$STAGE"
# One JSON object per line, turned into MANIFEST.json at the end.
RECORDS="$WORK/records.jsonl"
: > "$RECORDS"

# vendor_pkg NAME VERSION NOTES SRC:DEST [SRC:DEST ...]
#   SRC is relative to the package root inside the tarball, DEST relative to
#   static/vendor/. Versions must be exact (no ranges) so builds are repeatable.
vendor_pkg() {
  local name="$1" version="$2" notes="$3"
  shift 3
  if [[ ! "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
    echo "error: $name: version '$version' is not an exact x.y.z pin" >&2
    exit 1
  fi

  local pkgdir="$WORK/pkg/${name//\//__}"
  mkdir -p "$pkgdir"
  echo "==> npm pack $name@$version" >&2
  (cd "$pkgdir" && npm pack "$name@$version" --json --silent > pack.json)
  local tarball integrity
  tarball="$(node -e 'const p=require(process.argv[1])[0]; process.stdout.write(p.filename)' "$pkgdir/pack.json")"
  integrity="$(node -e 'const p=require(process.argv[1])[0]; process.stdout.write(p.integrity||"")' "$pkgdir/pack.json")"
  tar -xzf "$pkgdir/$tarball" -C "$pkgdir"

  local src_root="$pkgdir/package"
  local pj="$src_root/package.json"
  [[ -f "$pj" ]] || { echo "error: $name: no package.json in tarball" >&2; exit 1; }

  local got_name got_version
  got_name="$(node -e 'process.stdout.write(require(process.argv[1]).name)' "$pj")"
  got_version="$(node -e 'process.stdout.write(require(process.argv[1]).version)' "$pj")"
  if [[ "$got_name" != "$name" || "$got_version" != "$version" ]]; then
    echo "error: expected $name@$version, tarball contains $got_name@$got_version" >&2
    exit 1
  fi

  local files=() pair src dest
  for pair in "$@"; do
    src="${pair%%:*}"
    dest="${pair#*:}"
    if [[ ! -s "$src_root/$src" ]]; then
      echo "error: $name@$version: '$src' missing or empty in tarball" >&2
      exit 1
    fi
    mkdir -p "$(dirname "$STAGE/$dest")"
    cp "$src_root/$src" "$STAGE/$dest"
    files+=("$src:$dest")
  done

  node - "$pj" "$STAGE" "$integrity" "$notes" "${files[@]}" >> "$RECORDS" <<'NODE'
const fs = require("fs");
const crypto = require("crypto");
const path = require("path");
const [pjPath, stage, integrity, notes, ...pairs] = process.argv.slice(2);
const pj = JSON.parse(fs.readFileSync(pjPath, "utf8"));
const files = pairs.map((pair) => {
  const i = pair.indexOf(":");
  const from = pair.slice(0, i);
  const to = pair.slice(i + 1);
  const data = fs.readFileSync(path.join(stage, to));
  return {
    path: to,
    from_package_path: from,
    bytes: data.length,
    sha256: crypto.createHash("sha256").update(data).digest("hex"),
  };
});
const record = {
  package: pj.name,
  version: pj.version,
  license: typeof pj.license === "string" ? pj.license : (pj.license && pj.license.type) || null,
  source: "npm",
  tarball_integrity: integrity || null,
  files,
};
if (notes) record.notes = notes;
process.stdout.write(JSON.stringify(record) + "\n");
NODE
}

# --- Pinned packages ------------------------------------------------------

vendor_pkg "@utrecht/component-library-css" "9.0.4" \
  "Bundled CSS of all NL Design System / Utrecht components (dist/index.css). Classes are .utrecht-*; values come from the design tokens." \
  "dist/index.css:utrecht/component-library.css" \
  "LICENSE.md:utrecht/LICENSE"

# The Utrecht tokens are proprietary to Gemeente Utrecht; the NL Design System
# "Voorbeeld" theme (EUPL-1.2) is the open theme for a sample municipality.
vendor_pkg "@nl-design-system-unstable/voorbeeld-design-tokens" "7.4.1" \
  "Theme selector: .voorbeeld-theme (class on <html>). dist/theme.css defines --utrecht-*, --nl-* and --basis-* custom properties. A municipality swaps this file (KCC_THEME_CSS) for its own tokens." \
  "dist/theme.css:nl-design-system/voorbeeld-design-tokens.css" \
  "LICENSE.md:nl-design-system/LICENSE"

vendor_pkg "htmx.org" "2.0.11" "" \
  "dist/htmx.min.js:htmx/htmx.min.js" \
  "LICENSE:htmx/LICENSE"

vendor_pkg "chart.js" "4.5.1" "UMD build; exposes global Chart." \
  "dist/chart.umd.min.js:chartjs/chart.umd.min.js" \
  "LICENSE.md:chartjs/LICENSE"

vendor_pkg "axe-core" "4.11.4" "Used by browser (accessibility) tests only; not loaded by the app." \
  "axe.min.js:axe-core/axe.min.js" \
  "LICENSE:axe-core/LICENSE" \
  "LICENSE-3RD-PARTY.txt:axe-core/LICENSE-3RD-PARTY.txt"

# --- Sanity checks ----------------------------------------------------------

grep -q -- '--utrecht-' "$STAGE/nl-design-system/voorbeeld-design-tokens.css" \
  || { echo "error: voorbeeld-design-tokens.css defines no --utrecht-* custom properties" >&2; exit 1; }
grep -q '^\.voorbeeld-theme {' "$STAGE/nl-design-system/voorbeeld-design-tokens.css" \
  || { echo "error: voorbeeld-design-tokens.css has no .voorbeeld-theme rule" >&2; exit 1; }
for cls in utrecht-page utrecht-button--primary-action utrecht-skip-link utrecht-table utrecht-textbox; do
  grep -q "\.$cls\b" "$STAGE/utrecht/component-library.css" \
    || { echo "error: component-library.css lacks .$cls" >&2; exit 1; }
done

# --- Manifest and install -------------------------------------------------

node -e '
const fs = require("fs");
const lines = fs.readFileSync(process.argv[1], "utf8").split("\n").filter(Boolean);
fs.writeFileSync(process.argv[2], JSON.stringify(lines.map((l) => JSON.parse(l)), null, 2) + "\n");
' "$RECORDS" "$STAGE/MANIFEST.json"

# README.md is maintained by hand; keep it across refreshes.
if [[ -f "$VENDOR/README.md" ]]; then
  cp "$VENDOR/README.md" "$STAGE/README.md"
fi

rm -rf "$VENDOR"
mkdir -p "$(dirname "$VENDOR")"
cp -R "$STAGE" "$VENDOR"

echo "==> static/vendor refreshed:" >&2
(cd "$VENDOR" && find . -type f | sort | while read -r f; do
  printf '  %8d  %s\n' "$(wc -c < "$f")" "${f#./}"
done) >&2
