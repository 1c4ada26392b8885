#!/usr/bin/env bash
# One entry point for building and testing.
#   ./build.sh test   build and test everything that restores here; prints "N passed, N failed"
#   ./build.sh run    run the local host (http://localhost:7071)
#   ./build.sh bench  run the benchmarks (prints figures)
#   ./build.sh pack   build the client library packages into artifacts/packages (not published)
#   ./build.sh azure  start Azurite and `func start` for the Azure Functions app
#   ./build.sh openapi  regenerate docs/openapi.json from the endpoints (review and commit the diff)
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

results=artifacts/test-results

# The Azure Functions app is built and tested on the real Functions, Durable Task and Service Bus packages.
# The one package some NuGet sources lack is the Service Bus worker extension: there the app compiles against
# a shim of its two types (src/CharacterFunctions/ServiceBusShim), and such a build can never be published.
shim_args=()
choose_service_bus_extension() {
  local log
  log=$(mktemp)
  if dotnet restore src/CharacterFunctions/CharacterFunctions.csproj >"$log" 2>&1; then
    echo "Service Bus worker extension restored: the Azure app is built on real packages only."
  elif grep -q "Microsoft.Azure.Functions.Worker.Extensions.ServiceBus" "$log" && grep -qE "NU110[12]" "$log"; then
    shim_args=(-p:ServiceBusShim=true)
    echo "NOTICE: Microsoft.Azure.Functions.Worker.Extensions.ServiceBus cannot be restored from this NuGet source:"
    echo "NOTICE: the Azure app is compiled and tested against its shim (ServiceBusShim=true); every other package is real."
    echo "NOTICE: such a build has no Service Bus extension and cannot be published (checked below)."
  else
    cat "$log" >&2
    rm -f "$log"
    return 1
  fi
  rm -f "$log"
}

shim_publish_refused() {
  # A shim build must never reach Azure: publishing it has to fail with CFSB001.
  local out
  if out=$(dotnet publish src/CharacterFunctions/CharacterFunctions.csproj -c Release --no-build "${shim_args[@]}" -o artifacts/shim-publish 2>&1); then
    echo "FAILED: publishing the Service Bus shim build succeeded; it must be refused." >&2
    return 1
  fi
  if ! grep -q "CFSB001" <<<"$out"; then
    echo "$out" >&2
    echo "FAILED: publishing the shim build failed, but not with CFSB001." >&2
    return 1
  fi
  echo "Shim build publish refused (CFSB001), as it must be."
}

azurite_pid=""
start_azurite() {
  # The Table store contract tests run against Azurite (npm), started here on a free loopback port.
  if ! command -v npm >/dev/null 2>&1; then
    echo "NOTICE: npm not found; Azure Table store tests (and Azure path benchmark rows) will be skipped." >&2
    return
  fi
  (cd tools/azurite && { [ -d node_modules/azurite ] || npm ci --no-audit --no-fund >/dev/null 2>&1 || npm install --no-audit --no-fund >/dev/null 2>&1; }) || true
  if [ ! -x tools/azurite/node_modules/.bin/azurite-table ]; then
    echo "NOTICE: Azurite could not be installed from npm; Azure Table store tests (and Azure path benchmark rows) will be skipped." >&2
    return
  fi
  local port
  port=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])' 2>/dev/null || echo 10102)
  mkdir -p artifacts
  tools/azurite/node_modules/.bin/azurite-table --inMemoryPersistence --skipApiVersionCheck --disableProductStyleUrl --disableTelemetry \
    --tableHost 127.0.0.1 --tablePort "$port" >artifacts/azurite.log 2>&1 &
  azurite_pid=$!
  for _ in $(seq 1 50); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
    sleep 0.2
  done
  export AZURITE_TABLE_ENDPOINT="http://127.0.0.1:$port/devstoreaccount1"
}
stop_azurite() { [ -n "$azurite_pid" ] && kill "$azurite_pid" 2>/dev/null || true; }

ensure_chromium() {
  # The playground tests drive Debian's Chromium (Playwright never downloads a browser here), installed
  # here when missing. Returns 1 only when it truly cannot be had (not root, or no apt-get): then those
  # tests are skipped with a NOTICE. A failed install still runs them, so they fail loudly (as in CI).
  if [ -x /usr/lib/chromium/chromium ] || [ -x /usr/bin/chromium ] || [ -n "${PLAYGROUND_CHROMIUM:-}" ]; then
    return 0
  fi
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "NOTICE: chromium is missing and cannot be installed here (needs root and apt-get):"
    echo "NOTICE: src/CharacterFunctions.Playground.Tests is SKIPPED. Install Debian's chromium to run it."
    return 1
  fi
  echo "Installing chromium (Debian package) for the playground browser tests..."
  (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium) >artifacts/chromium-install.log 2>&1 ||
    echo "NOTICE: apt-get install chromium failed (artifacts/chromium-install.log); the playground tests will fail." >&2
  return 0
}

summarize() {
  # Sums the TRX counters of every test assembly into one plain line.
  python3 - "$results" <<'PY'
import glob, re, sys
p = f = s = 0
for path in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    text = open(path, encoding="utf-8", errors="replace").read()
    m = re.search(r"<Counters [^>]*>", text)
    if not m:
        continue
    attrs = dict(re.findall(r'(\w+)="(\d+)"', m.group(0)))
    p += int(attrs.get("passed", 0))
    f += int(attrs.get("failed", 0)) + int(attrs.get("error", 0)) + int(attrs.get("timeout", 0)) + int(attrs.get("aborted", 0))
    s += int(attrs.get("notExecuted", 0))
print(f"{p} passed, {f} failed, {s} skipped")
PY
}

cmd_test() {
  rm -rf "$results"
  choose_service_bus_extension
  mkdir -p artifacts
  local browser=yes
  ensure_chromium || browser=no
  start_azurite
  trap stop_azurite EXIT
  dotnet build CharacterFunctions.sln -c Release "${shim_args[@]}"
  # One test run per project with a fixed TRX name, so the summary counts every assembly exactly once.
  local tests=(src/CharacterFunctions.Roleplay.Tests src/CharacterFunctions.Api.Tests src/CharacterFunctions.Storage.Tests src/CharacterFunctions.LocalHost.Tests src/CharacterFunctions.Client.Tests src/CharacterFunctions.Tests)
  [ "$browser" = yes ] && tests+=(src/CharacterFunctions.Playground.Tests)
  local rc=0 project
  for project in "${tests[@]}"; do
    dotnet test "$project" -c Release --no-build "${shim_args[@]}" --results-directory "$results" \
      --logger "trx;LogFileName=$(basename "$project").trx" --logger "console;verbosity=minimal" || rc=$?
  done
  if [ ${#shim_args[@]} -gt 0 ]; then
    shim_publish_refused || rc=1
  fi
  bicep_check || rc=$?
  summarize
  return $rc
}

bicep_check() {
  # infra/bicep compiled and linted with the Bicep CLI from NuGet (tools/bicep/BicepCli.csproj holds the
  # version), plus template checks; tools/bicep/check.py writes them as tests into $results/bicep.trx.
  # A CLI that cannot be restored still runs the script, so the checks are counted as failed, not skipped.
  local packages=artifacts/bicep/packages version cli
  version=$(sed -n 's/.*"Azure.Bicep.CommandLine.linux-x64" Version="\[\(.*\)\]".*/\1/p' tools/bicep/BicepCli.csproj)
  cli="$packages/azure.bicep.commandline.linux-x64/$version/tools/bicep"
  echo "Bicep $version: build, lint and template checks of infra/bicep/main.bicep"
  [ -f "$cli" ] || dotnet restore tools/bicep/BicepCli.csproj --packages "$packages" -v quiet >/dev/null ||
    echo "NOTICE: the Bicep CLI package could not be restored; the Bicep checks fail." >&2
  [ -f "$cli" ] && chmod +x "$cli"
  # The CLI is a single-file bundle that unpacks itself; HOME may not be writable in CI.
  mkdir -p artifacts/bicep/extract
  DOTNET_BUNDLE_EXTRACT_BASE_DIR="$PWD/artifacts/bicep/extract" python3 tools/bicep/check.py "$cli" "$results/bicep.trx"
}

cmd_pack() {
  # The client library for game clients and game servers; the .nupkg files are build outputs, never pushed.
  rm -rf artifacts/packages
  local project
  for project in src/CharacterFunctions.Client src/CharacterFunctions.Client.ServiceBus; do
    dotnet pack "$project" -c Release -o artifacts/packages -nologo -v quiet || return $?
  done
  ls artifacts/packages
}

cmd_bench() {
  # The Azure path rows run the Table stores against Azurite; without it they print a NOTICE and are skipped.
  start_azurite
  trap stop_azurite EXIT
  dotnet run --project bench/CharacterFunctions.Benchmarks -c Release -- "$@"
}

case "${1:-test}" in
  test) cmd_test ;;
  pack) cmd_pack ;;
  run) shift; exec dotnet run --project src/CharacterFunctions.LocalHost -c Release -- "$@" ;;
  bench) shift; cmd_bench "$@" ;;
  azure) shift; exec bash src/CharacterFunctions/start-local.sh "$@" ;;
  # The snapshot test writes the generated document when UPDATE_OPENAPI_SNAPSHOT=1, then checks it as usual.
  openapi) UPDATE_OPENAPI_SNAPSHOT=1 exec dotnet test src/CharacterFunctions.LocalHost.Tests -c Release --filter "FullyQualifiedName~OpenApiDocumentTests.Document_ComparedWithSnapshot_Unchanged" ;;
  *) echo "usage: ./build.sh [test|run|bench|azure|pack|openapi]" >&2; exit 2 ;;
esac
