#!/usr/bin/env bash
# Fuzzes tidesim's readers with libFuzzer and AddressSanitizer for a set time.
#   Tests/Fuzz/run.sh [SECONDS]     (default 300)
# Builds the library's layers and the target into .build-fuzz/, runs from the seed
# corpus in Tests/Fuzz/corpus (new inputs go to .build-fuzz/corpus), and leaves any crashing input
# as .build-fuzz/crash-*. Every crash found becomes a regression test (docs/hardening.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-300}
out=.build-fuzz
mkdir -p "$out/corpus"
flags=(-sanitize=fuzzer,address -parse-as-library -O -g -package-name tidesim -I "$out" -L "$out")
# The library's layers, bottom first (Package.swift), each a static library the next one links.
modules=(Suggestions TideSimBuffers TideSimCore TideSimModel TideSimEngine TideSimIO)
for m in "${modules[@]}"; do
  swiftc "${flags[@]}" -module-name "$m" -emit-module -emit-module-path "$out/$m.swiftmodule" \
    -emit-library -static -o "$out/lib$m.a" $(find "Sources/$m" -name '*.swift' | sort) 2> >(grep -v 'Cannot export local symbol' >&2)
done
swiftc "${flags[@]}" Tests/Fuzz/FuzzTarget.swift -lTideSimIO -lTideSimEngine -lTideSimModel -lTideSimCore -lTideSimBuffers -lSuggestions -o "$out/fuzz-readers" \
  2> >(grep -v 'Cannot export local symbol' >&2)
cd "$out"
./fuzz-readers -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 corpus ../Tests/Fuzz/corpus
