#!/bin/sh
# For maintainers: after editing a patched copy of the starter (a git repository whose first commit
# is the untouched starter), writes its changes back here:
#   examples/dtc-starter/make-patch.sh <copy-of-the-starter>
# backend.patch and storefront.patch: the starter's own files that changed (package.json files are
# edited by apply.mjs instead); files/: the files the integration adds.
set -eu
copy=$1
here=$(cd "$(dirname "$0")" && pwd)
cd "$copy"
git diff -- apps/backend ':!apps/backend/package.json' > "$here/backend.patch"
git diff -- apps/storefront ':!apps/storefront/package.json' ':!apps/storefront/tsconfig.tsbuildinfo' ':!apps/storefront/next-env.d.ts' > "$here/storefront.patch"
rm -rf "$here/files"
git ls-files --others --exclude-standard -- apps | grep -v -e 'package-lock.json$' -e '/node_modules/' -e '\.env' | while read -r file; do
  mkdir -p "$here/files/$(dirname "$file")"
  cp "$file" "$here/files/$file"
done
echo "wrote $(wc -l < "$here/storefront.patch") lines of storefront.patch and $(find "$here/files" -type f | wc -l) new files"
