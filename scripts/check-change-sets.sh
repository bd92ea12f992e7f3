#!/usr/bin/env bash
# Checks the change sets under changes/ against public/catalogue.json, writing nothing:
# the pull request check of the Pages workflow. Prints a Markdown summary (posted as a
# comment) and fails when a change set conflicts with the file or would make the catalogue
# invalid. Run it from the repository (or name it): scripts/check-change-sets.sh [ROOT].
# CATALOGUE names the `catalogue` command (default: built from this repository).
set -uo pipefail
cd "${1:-.}"
read -r -a catalogue <<< "${CATALOGUE:-cargo run --release --quiet -p catalogue-cli --}"
shopt -s nullglob
sets=(changes/*.json)
if [ ${#sets[@]} -eq 0 ]; then
  echo "No change set under \`changes/\`: nothing to check."
  exit 0
fi
"${catalogue[@]}" apply --check --format markdown "${sets[@]}" public/catalogue.json
status=$?
if [ "$status" -eq 0 ]; then
  echo
  echo "To publish: \`catalogue apply ${sets[*]} public/catalogue.json\`, then remove the change sets, commit and merge."
fi
exit "$status"
