#!/usr/bin/env bash
# Builds the API reference of Adjoint and AdjointNN as a static site with the toolchain's own DocC (no plugin):
# symbol graphs from the compiler, then `docc convert` of each module's catalog. Unresolved symbol links and
# other documentation warnings are errors.
#   Docs/build-reference.sh [OUTPUT]      default OUTPUT: .build-docs/site (open OUTPUT/Adjoint/index.html
#                                         through a web server, e.g. python3 -m http.server -d OUTPUT)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out="${1:-.build-docs/site}"
graphs=".build-docs/symbol-graphs"
mkdir -p "$graphs" "$out"   # kept between runs: an up-to-date build emits no new graphs
swift build --scratch-path .build-docs/build --target AdjointNN \
  -Xswiftc -emit-symbol-graph -Xswiftc -emit-symbol-graph-dir -Xswiftc "$PWD/$graphs" \
  -Xswiftc -symbol-graph-minimum-access-level -Xswiftc public >/dev/null
for module in Adjoint AdjointNN; do
  rm -rf "$graphs/$module" && mkdir -p "$graphs/$module"
  cp "$graphs/$module".symbols.json "$graphs/$module"@*.symbols.json "$graphs/$module/" 2>/dev/null || true
  docc convert "Sources/$module/$module.docc" \
    --additional-symbol-graph-dir "$graphs/$module" \
    --fallback-display-name "$module" --fallback-bundle-identifier "org.adjoint.$module" \
    --transform-for-static-hosting --hosting-base-path "$module" \
    --warnings-as-errors --output-path "$out/$module"
done
echo "reference: $out/Adjoint, $out/AdjointNN"
