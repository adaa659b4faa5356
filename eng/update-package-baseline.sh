#!/bin/sh
# Regenerates eng/baseline/Sluice.Plugin.Abstractions.nupkg, the package that `dotnet pack` validates the contract
# against (EnablePackageValidation: a removed or changed public member fails the pack with ApiCompat's CP codes).
#
# Run it when a release ships, on the release commit, so the next version is checked against what plugins were
# built with. Before 1.0.0 ships the unreleased surface may still change on purpose: run it after such a change.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# Without a baseline: the point is to record the surface as it is now.
dotnet pack "$root/src/Plugin.Abstractions" -c Release -o "$out" -p:PackageValidationBaselinePath= -nologo
mkdir -p "$root/eng/baseline"
cp "$out"/Sluice.Plugin.Abstractions.*[0-9].nupkg "$root/eng/baseline/Sluice.Plugin.Abstractions.nupkg"
echo "baseline: $root/eng/baseline/Sluice.Plugin.Abstractions.nupkg ($(ls "$out"/Sluice.Plugin.Abstractions.*[0-9].nupkg | xargs -n1 basename))"
