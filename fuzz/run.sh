#!/bin/sh
# Runs one fuzz target for a bounded time, at the lowest CPU priority, on one core:
#   fuzz/run.sh reader 600
# Seeds: fuzz/seeds, the golden inputs, metadata/ and the bad-input corpus (read only); what
# the fuzzer finds goes to fuzz/corpus/<target> (not committed), crashes to fuzz/artifacts/.
set -eu
target=${1:?target: reader, model or emit}
seconds=${2:-60}
cd "$(dirname "$0")"
mkdir -p "corpus/$target" logs
exec nice -n 19 cargo +nightly fuzz run "$target" \
    "corpus/$target" seeds ../tests/golden ../metadata ../tests/errors \
    -- -dict=csdl.dict -max_total_time="$seconds" -max_len=65536 \
    -rss_limit_mb=2048 -timeout=10 -print_final_stats=1
