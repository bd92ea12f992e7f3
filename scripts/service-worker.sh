#!/bin/sh
# Trunk post-build hook: writes the service worker of this build into the staging
# directory, listing every file of the build and versioned by their hashed names.
set -eu
dir="$TRUNK_STAGING_DIR"
assets=$(cd "$dir" && find . -type f ! -name sw.js ! -name 404.html | sed 's|^\./||' | sort)
version=$(printf '%s' "$assets" | cat - "$dir/catalogue.json" | sha256sum | cut -c1-16)
list=$(printf '%s\n' "$assets" | sed 's/.*/"&"/' | paste -sd, -)
sed -e "s/__VERSION__/$version/" -e "s|__ASSETS__|$list|" public/sw.js > "$dir/sw.js"
