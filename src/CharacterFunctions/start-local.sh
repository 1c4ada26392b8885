#!/usr/bin/env bash
# Runs the Azure Functions app locally: Azurite (blob/queue/table emulator, from tools/azurite via npm)
# plus `func start`. Azure Functions Core Tools v4 is NOT installed by this script: install it yourself
# (https://learn.microsoft.com/azure/azure-functions/functions-run-local, e.g. `npm i -g azure-functions-core-tools@4`).
# Service Bus has no Azurite equivalent: point ServiceBusConnection at the Service Bus emulator or a dev namespace.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

if ! command -v func >/dev/null 2>&1; then
  echo "Azure Functions Core Tools ('func') not found. Install Core Tools v4, then run this again." >&2
  exit 1
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "npm not found: it is needed to install Azurite from tools/azurite." >&2
  exit 1
fi

if [ ! -f "$here/local.settings.json" ]; then
  cp "$here/local.settings.json.example" "$here/local.settings.json"
  echo "Created src/CharacterFunctions/local.settings.json from the example: set Model__ApiKey (or DASHSCOPE_API_KEY) and the Auth__ secrets."
fi

(cd "$root/tools/azurite" && { [ -d node_modules/azurite ] || npm ci --no-audit --no-fund || npm install --no-audit --no-fund; })

mkdir -p "$root/.azurite"
"$root/tools/azurite/node_modules/.bin/azurite" --silent --skipApiVersionCheck --disableTelemetry \
  --location "$root/.azurite" --debug "$root/.azurite/debug.log" \
  --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 &
azurite_pid=$!
trap 'kill "$azurite_pid" 2>/dev/null || true' EXIT

# Wait for the three default ports (10000 blob, 10001 queue, 10002 table).
for port in 10000 10001 10002; do
  for _ in $(seq 1 50); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
    sleep 0.2
  done
done

cd "$here"
func start "$@"
