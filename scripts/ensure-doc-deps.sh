#!/usr/bin/env bash
# Install the Debian packages that official documents need (core/documents.py), when missing:
# Pango and HarfBuzz for WeasyPrint's PDFs, and serif fonts with every Vietnamese letter.
#
# fonts-liberation2 matters: Liberation Serif is Debian's stand-in for Times New Roman (same
# metrics), but the old fonts-liberation has no ơ, ư, ạ, ế…, so those letters would be drawn from
# another font. Without root nothing is installed: the script says what to install and exits 0.
set -euo pipefail

# poppler-utils: pdftoppm/pdftotext, with which the tests look at generated PDFs.
required=(libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation fonts-liberation2 fonts-dejavu-core poppler-utils)
optional=(libharfbuzz-subset0) # WeasyPrint subsets fonts with it; older Debian releases lack it

installed() {
    dpkg -s "$1" 2>/dev/null | grep -q '^Status: install ok installed'
}

missing=()
for package in "${required[@]}" "${optional[@]}"; do
    installed "$package" || missing+=("$package")
done

if [[ ${#missing[@]} -eq 0 ]]; then
    echo "ensure-doc-deps: all present: ${required[*]} ${optional[*]}"
    exit 0
fi

if [[ "$(id -u)" -ne 0 ]]; then
    echo "ensure-doc-deps: missing ${missing[*]}, and this is not root, so nothing was installed."
    echo "ensure-doc-deps: run 'sudo $0', or: sudo apt-get install --no-install-recommends ${missing[*]}"
    echo "ensure-doc-deps: (libharfbuzz-subset0 only where your Debian has it)"
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure-doc-deps: missing ${missing[*]} and apt-get is not available; install Pango," \
         "HarfBuzz and a Times New Roman-compatible font with Vietnamese letters by hand."
    exit 0
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
to_install=()
for package in "${missing[@]}"; do
    if [[ " ${optional[*]} " == *" $package "* ]] && ! apt-cache show "$package" >/dev/null 2>&1; then
        echo "ensure-doc-deps: $package is not in this Debian release; skipping it."
        continue
    fi
    to_install+=("$package")
done
if [[ ${#to_install[@]} -gt 0 ]]; then
    echo "ensure-doc-deps: installing ${to_install[*]} with apt-get ..."
    apt-get install -y -qq --no-install-recommends "${to_install[@]}"
fi
echo "ensure-doc-deps: done"
