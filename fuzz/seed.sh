#!/bin/sh
# Fills fuzz/corpus/<target>/ with the entry files of the fixtures and of the
# example site, as the starting corpus of both fuzz targets.
set -eu
cd "$(dirname "$0")/.."
for target in entry split; do
    mkdir -p "fuzz/corpus/$target"
    find tests/fixtures content -name '*.md' -type f | sort | while read -r f; do
        cp "$f" "fuzz/corpus/$target/seed-$(echo "$f" | tr '/' '_')"
    done
done
echo "seeded fuzz/corpus/entry and fuzz/corpus/split"
