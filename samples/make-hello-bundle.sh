#!/bin/sh
# Rebuilds samples/hello_chef.bundle, a one-commit git repository of samples/hello_chef/.
# Author, committer and dates are fixed so the same files always give the same bundle.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cp -R "$here/hello_chef/." "$work/"
cd "$work"
git init --quiet --initial-branch=main
git add --all
GIT_AUTHOR_NAME=sushops GIT_AUTHOR_EMAIL=sushops@example.org GIT_AUTHOR_DATE=2026-01-01T00:00:00Z \
GIT_COMMITTER_NAME=sushops GIT_COMMITTER_EMAIL=sushops@example.org GIT_COMMITTER_DATE=2026-01-01T00:00:00Z \
    git -c commit.gpgsign=false commit --quiet -m "hello_chef: an offline sample chef"
git bundle create --quiet "$here/hello_chef.bundle" main HEAD
echo "wrote $here/hello_chef.bundle"
