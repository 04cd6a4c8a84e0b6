#!/usr/bin/env bash
# Builds the self-contained single-file sushops executables that a release ships, one per platform, into
# artifacts/publish/<rid>/ (and artifacts/publish/sushops-<rid>[.exe], the file a release attaches).
#
#   packaging/publish.sh                    # linux-x64 linux-arm64 osx-arm64 win-x64, ReadyToRun, trimmed
#   packaging/publish.sh linux-x64          # only these platforms
#   SUSHOPS_BUILD=plain packaging/publish.sh linux-x64   # neither ReadyToRun nor trimming (slower start)
#   SUSHOPS_BUILD=aot packaging/publish.sh linux-x64     # Native AOT, for this machine's platform only
#
# ReadyToRun, trimmed, is what ships: README ("Installing") says why. Every platform builds from Linux; Native AOT
# cannot cross-compile to another OS, so it is only offered for comparison on the machine's own platform.
set -euo pipefail
cd "$(dirname "$0")/.."

build=${SUSHOPS_BUILD:-r2r}
rids=("$@")
[ "${#rids[@]}" -gt 0 ] || rids=(linux-x64 linux-arm64 osx-arm64 win-x64)
out=artifacts/publish
mkdir -p "$out"

for rid in "${rids[@]}"; do
    options=(-c Release -r "$rid" --self-contained true -p:DebugType=none -p:GenerateDocumentationFile=false)
    case "$build" in
        plain) options+=(-p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true) ;;
        r2r) options+=(-p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true
                       -p:PublishReadyToRun=true -p:PublishTrimmed=true) ;;
        # Not shipped: libgit2, LibGit2Sharp's native library, cannot go inside a Native AOT executable, so the
        # build is two files, not one; and the Google libraries, kept whole, warn about single-file use, so
        # warnings are not errors here. Debian names its clang clang-14; elsewhere clang is found on PATH.
        aot) options+=(-p:PublishAot=true -p:TreatWarningsAsErrors=false)
             command -v clang >/dev/null || options+=(-p:CppCompilerAndLinker=clang-14) ;;
        *) echo "SUSHOPS_BUILD must be plain, r2r or aot, not '$build'" >&2; exit 2 ;;
    esac
    echo "publishing sushops for $rid ($build)" >&2
    dotnet publish src/SushOps.Cli "${options[@]}" -o "$out/$rid-$build" >&2
    suffix=""
    [[ "$rid" == win-* ]] && suffix=".exe"
    shipped="$out/$rid-$build/sushops$suffix"
    if [ "$build" = r2r ]; then
        cp "$shipped" "$out/sushops-$rid$suffix"   # the file a release attaches
        shipped="$out/sushops-$rid$suffix"
    fi
    ls -l "$shipped" >&2
done
