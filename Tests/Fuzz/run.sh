#!/usr/bin/env bash
# Fuzzes tidesim's readers with libFuzzer and AddressSanitizer for a set time.
#   Tests/Fuzz/run.sh [SECONDS]     (default 300)
# Builds the Suggestions and TideSim modules and the target into .build-fuzz/, runs from the seed
# corpus in Tests/Fuzz/corpus (new inputs go to .build-fuzz/corpus), and leaves any crashing input
# as .build-fuzz/crash-*. Every crash found becomes a regression test (docs/hardening.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-300}
out=.build-fuzz
mkdir -p "$out/corpus"
flags=(-sanitize=fuzzer,address -parse-as-library -O -g -I "$out" -L "$out")
swiftc "${flags[@]}" -module-name Suggestions -emit-module -emit-module-path "$out/Suggestions.swiftmodule" \
  -emit-library -static -o "$out/libSuggestions.a" Sources/Suggestions/*.swift 2> >(grep -v 'Cannot export local symbol' >&2)
swiftc "${flags[@]}" -module-name TideSim -emit-module -emit-module-path "$out/TideSim.swiftmodule" \
  -emit-library -static -o "$out/libTideSim.a" $(find Sources/TideSim -name '*.swift' | sort) 2> >(grep -v 'Cannot export local symbol' >&2)
swiftc "${flags[@]}" Tests/Fuzz/FuzzTarget.swift -lTideSim -lSuggestions -o "$out/fuzz-readers" 2> >(grep -v 'Cannot export local symbol' >&2)
cd "$out"
./fuzz-readers -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 corpus ../Tests/Fuzz/corpus
