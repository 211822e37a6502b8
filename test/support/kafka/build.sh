#!/usr/bin/env bash
# Builds the test Kafka cluster (mock-cluster.c) against the librdkafka that
# @confluentinc/kafka-javascript built for itself (2.15.1, with rdkafka_mock.h),
# so nothing but a C compiler is needed beyond the client. Output:
# node_modules/.cache/kafka-mock-cluster/mock-cluster (test/support/kafka/mock-cluster.ts).
set -euo pipefail
cd "$(dirname "$0")/../../.."
deps="$PWD/node_modules/@confluentinc/kafka-javascript/build/deps"
if [ ! -f "$deps/include/librdkafka/rdkafka_mock.h" ]; then
  echo "kafka mock: $deps has no librdkafka build; install the client first:" >&2
  echo "  CKJS_LINKING=dynamic npm ci   (needs zlib1g-dev and libssl-dev)" >&2
  exit 1
fi
out=node_modules/.cache/kafka-mock-cluster
mkdir -p "$out"
gcc -O2 -Wall -o "$out/mock-cluster" test/support/kafka/mock-cluster.c \
  -I"$deps/include" -L"$deps" -lrdkafka -Wl,-rpath,"$deps"
echo "kafka mock: built $out/mock-cluster"
