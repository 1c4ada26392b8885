#!/usr/bin/env python3
"""Compiles and lints infra/bicep/main.bicep with the Bicep CLI and checks the compiled template against
main.parameters.json, the app's own limits and the infrastructure defects fixed after review (issue 10).

Usage: check.py BICEP_EXECUTABLE TRX_PATH   (run from the repository root; build.sh bicep_check does it)

Each check is one test in a small TRX file, so build.sh's summary counts them with the .NET tests.
Bicep exits 0 on warnings (build and lint alike), so the printed diagnostics decide, not the exit code.
"""
import datetime
import glob
import json
import os
import re
import subprocess
import sys
import time
import uuid
from xml.sax.saxutils import escape, quoteattr

MAIN = "infra/bicep/main.bicep"
PARAMETERS = "infra/bicep/main.parameters.json"
CORE = "src/CharacterFunctions.Roleplay"
# "file(line,col) : Warning rule: text" / "... : Error BCP...: text"
DIAGNOSTIC = re.compile(r"\) : (Error|Warning) ")

SERVICE_BUS_RECEIVER = "serviceBusDataReceiver"
SERVICE_BUS_SENDER = "serviceBusDataSender"


class Context:
    def __init__(self, bicep):
        self.bicep = bicep
        self.template = None  # compiled ARM JSON, set by the build check

    def run(self, *args):
        proc = subprocess.run([self.bicep, *args], capture_output=True, text=True, timeout=300)
        return proc.returncode, proc.stdout, proc.stderr

    def compiled(self):
        if self.template is None:
            raise AssertionError(f"{MAIN} did not compile (see the build check), so this cannot be checked.")
        return self.template


def diagnostics(text):
    return [line for line in text.splitlines() if DIAGNOSTIC.search(line)]


def check_build(ctx):
    code, out, err = ctx.run("build", MAIN, "--stdout")
    if code == 0:
        # Kept even when there are warnings, so the template checks below report on their own.
        ctx.template = json.loads(out)
    found = diagnostics(err)
    if code != 0 or found:
        raise AssertionError(f"bicep build exited {code} with {len(found)} error(s)/warning(s):\n" + err)
    return f"bicep build {MAIN}: no errors or warnings."


def check_lint(ctx):
    code, out, err = ctx.run("lint", MAIN)
    found = diagnostics(err) + diagnostics(out)
    if code != 0 or found:
        raise AssertionError(f"bicep lint exited {code} with {len(found)} error(s)/warning(s):\n" + err + out)
    return f"bicep lint {MAIN}: no errors or warnings."


def azd_default(value):
    """'${NAME=default}' -> 'default'; None when the value has no default."""
    m = re.fullmatch(r"\$\{\w+=(.*)\}", value) if isinstance(value, str) else None
    return m.group(1) if m else None


def check_parameters_file(ctx):
    params = ctx.compiled()["parameters"]
    given = json.load(open(PARAMETERS, encoding="utf-8"))["parameters"]
    problems = [f"{name}: not a parameter of {MAIN}" for name in given if name not in params]
    problems += [f"{name}: required by {MAIN} but missing from {PARAMETERS}"
                 for name, spec in params.items() if "defaultValue" not in spec and name not in given]
    for name, entry in given.items():
        default = azd_default(entry.get("value"))
        spec = params.get(name)
        if default is None or spec is None:
            continue
        value = int(default) if spec["type"] == "int" else default
        if "allowedValues" in spec and value not in spec["allowedValues"]:
            problems.append(f"{name}: azd default {value!r} is not an allowed value")
        if spec["type"] == "int" and not spec.get("minValue", value) <= value <= spec.get("maxValue", value):
            problems.append(f"{name}: azd default {value} is outside {spec.get('minValue')}..{spec.get('maxValue')}")
    if problems:
        raise AssertionError("\n".join(problems))
    return f"{len(given)} parameters in {PARAMETERS} match {MAIN}."


def core_sources():
    for path in sorted(glob.glob(f"{CORE}/**/*.cs", recursive=True)):
        yield path, open(path, encoding="utf-8").read()


def core_int_constant(name):
    for path, text in core_sources():
        m = re.search(rf"\bconst int {name}\s*=\s*([\d_]+)\s*;", text)
        if m:
            return int(m.group(1).replace("_", ""))
    raise AssertionError(f"const int {name} not found under {CORE}; update tools/bicep/check.py if it moved.")


def check_idle_bounds(ctx):
    params = ctx.compiled()["parameters"]
    expected = {"idleAfterSeconds": core_int_constant("MaxIdleSeconds"), "idleMaxNudges": core_int_constant("MaxNudges")}
    problems = [f"{name}: @maxValue {params[name].get('maxValue')} but the app accepts at most {limit}"
                for name, limit in expected.items() if params[name].get("maxValue") != limit]
    problems += [f"{name}: @minValue {params[name].get('minValue')}, the app's minimum is 0"
                 for name in expected if params[name].get("minValue") != 0]
    if problems:
        raise AssertionError("\n".join(problems))
    return f"Idle parameter bounds equal the app's: {expected}."


def check_model_region(ctx):
    spec = ctx.compiled()["parameters"]["modelRegion"]
    for path, text in core_sources():
        m = re.search(r"\benum ModelRegion\s*\{(.*?)\}", text, re.S)
        if m:
            body = re.sub(r"//[^\n]*", "", m.group(1))
            names = re.findall(r"\b([A-Z]\w*)\s*(?:=[^,]*)?,?", body)
            break
    else:
        raise AssertionError(f"enum ModelRegion not found under {CORE}.")
    if sorted(spec.get("allowedValues", [])) != sorted(names):
        raise AssertionError(f"modelRegion @allowed {spec.get('allowedValues')} differs from the app's ModelRegion {names}.")
    base = ctx.compiled()["parameters"]["modelBaseUrl"].get("defaultValue")
    if base != "":
        raise AssertionError(f"modelBaseUrl defaults to {base!r}; any URL there overrides modelRegion in the app.")
    return f"modelRegion allows exactly the app's regions {names}; modelBaseUrl defaults to empty."


def resources(template):
    """Every resource of the template and its nested module deployments, with the module name."""
    for res in template.get("resources", []):
        if res["type"] == "Microsoft.Resources/deployments":
            for inner, module in resources(res["properties"]["template"]):
                yield inner, module or res["name"]
        else:
            yield res, None


def check_app_settings(ctx):
    # The module holding the function app, whole: its settings are a variable, not inside the resource.
    modules = [r for r in ctx.compiled()["resources"] if r["type"] == "Microsoft.Resources/deployments"
               and any(x["type"] == "Microsoft.Web/sites" for x, _ in resources(r["properties"]["template"]))]
    if len(modules) != 1:
        raise AssertionError(f"expected one module with the function app, found {len(modules)}")
    site = json.dumps(modules[0]["properties"]["template"])
    problems = []
    if "ftpsState" in site:
        problems.append("siteConfig sets ftpsState, which Flex Consumption rejects in some regions.")
    if "aliyuncs.com" in json.dumps(ctx.compiled()) or "aliyuncs.com" in open(PARAMETERS, encoding="utf-8").read():
        problems.append("a model URL is hard-coded; it would override Model__Region.")
    # Every place that emits the base URL must sit in the branch taken when modelBaseUrl is non-empty.
    guard = "if(empty(parameters('modelBaseUrl')), createArray(), "
    emitted = [m.start() for m in re.finditer("Model__BaseUrl", site)]
    if not emitted or any(guard not in site[max(0, at - 160):at] for at in emitted):
        problems.append("Model__BaseUrl is not set only when modelBaseUrl is given.")
    for setting in ("Model__Region", "Model__WorkspaceId"):
        if setting not in site:
            problems.append(f"{setting} is never set.")
    if problems:
        raise AssertionError("\n".join(problems))
    return "No ftpsState; Model__BaseUrl only when given; Model__Region and Model__WorkspaceId reach the app."


def role_assignments(template):
    return [r for r, _ in resources(template) if r["type"] == "Microsoft.Authorization/roleAssignments"]


def check_principal_types(ctx):
    problems = []
    for ra in role_assignments(ctx.compiled()):
        props = ra["properties"]
        developer = "developerPrincipalId" in props["principalId"]
        expected = "[parameters('developerPrincipalType')]" if developer else "ServicePrincipal"
        if props.get("principalType") != expected:
            problems.append(f"{ra['name']}: principalType {props.get('principalType')!r}, expected {expected!r}")
    mapped = json.load(open(PARAMETERS, encoding="utf-8"))["parameters"].get("principalType", {}).get("value")
    if mapped != "${AZURE_PRINCIPAL_TYPE}":
        problems.append(f"{PARAMETERS}: principalType is {mapped!r}, expected ${{AZURE_PRINCIPAL_TYPE}} from azd.")
    if problems:
        raise AssertionError("\n".join(problems))
    return "Developer role assignments take principalType from azd's AZURE_PRINCIPAL_TYPE; the app identity's are ServicePrincipal."


def check_service_bus_roles(ctx):
    problems, seen = [], set()
    for ra in role_assignments(ctx.compiled()):
        role, scope = ra["properties"]["roleDefinitionId"], ra.get("scope", "")
        if "serviceBus" not in role and "ServiceBus" not in scope:
            continue
        developer = "developerPrincipalId" in ra["properties"]["principalId"]
        entity = "queue" if "namespaces/queues'" in scope else "topic" if "namespaces/topics'" in scope else None
        if entity is None:
            problems.append(f"{ra['name']}: Service Bus role scoped to {scope}, not to the queue or topic.")
            continue
        if not developer:
            expected = SERVICE_BUS_RECEIVER if entity == "queue" else SERVICE_BUS_SENDER
            if expected not in role:
                problems.append(f"{ra['name']}: the app's role on the {entity} is {role}, expected {expected}.")
            seen.add(entity)
    if seen != {"queue", "topic"}:
        problems.append(f"the app identity has Service Bus roles on {sorted(seen)}, expected queue and topic.")
    text = json.dumps(ctx.compiled())
    if "servicebus.windows.net" in text:
        problems.append("the namespace host is built from a hard-coded suffix.")
    if ".serviceBusEndpoint" not in text:
        problems.append("the namespace host is not derived from the namespace's serviceBusEndpoint.")
    if problems:
        raise AssertionError("\n".join(problems))
    return "App: Data Receiver on game-events, Data Sender on session-messages; host from serviceBusEndpoint."


CHECKS = [
    ("Build_MainBicep_NoErrorsOrWarnings", check_build),
    ("Lint_MainBicep_NoErrorsOrWarnings", check_lint),
    ("Parameters_MainParametersJson_MatchTemplateParameters", check_parameters_file),
    ("Parameters_IdleBounds_EqualAppLimits", check_idle_bounds),
    ("Parameters_ModelRegion_AllowsAppRegionsAndNoDefaultBaseUrl", check_model_region),
    ("Template_FunctionAppSettings_NoFtpsStateAndRegionReachesApp", check_app_settings),
    ("Template_DeveloperRoles_PrincipalTypeFromAzd", check_principal_types),
    ("Template_ServiceBusRoles_ScopedToQueueAndTopic", check_service_bus_roles),
]


def write_trx(path, results, started, finished):
    run_id = str(uuid.uuid4())
    list_id = "8c84fa94-04c1-424b-9868-57a2d4851a1d"  # "Results Not in a List"
    unit_type = "13cdc9d9-ddb5-4fa4-a97d-d965ccfc6d4b"
    host = os.uname().nodename
    iso = lambda t: datetime.datetime.fromtimestamp(t, datetime.timezone.utc).isoformat()
    rows, defs, entries = [], [], []
    for name, ok, output, t0, t1 in results:
        test_id, exec_id = str(uuid.uuid5(uuid.NAMESPACE_URL, "bicep/" + name)), str(uuid.uuid4())
        seconds = t1 - t0
        duration = f"{int(seconds // 3600):02}:{int(seconds % 3600 // 60):02}:{seconds % 60:010.7f}"
        body = f"<StdOut>{escape(output)}</StdOut>" if ok else \
            f"<ErrorInfo><Message>{escape(output)}</Message></ErrorInfo>"
        rows.append(f'<UnitTestResult executionId="{exec_id}" testId="{test_id}" testName={quoteattr(name)} '
                    f'computerName={quoteattr(host)} duration="{duration}" startTime="{iso(t0)}" endTime="{iso(t1)}" '
                    f'testType="{unit_type}" outcome="{"Passed" if ok else "Failed"}" testListId="{list_id}">'
                    f"<Output>{body}</Output></UnitTestResult>")
        defs.append(f'<UnitTest name={quoteattr(name)} storage="tools/bicep/check.py" id="{test_id}">'
                    f'<Execution id="{exec_id}" /><TestMethod codeBase="tools/bicep/check.py" '
                    f'adapterTypeName="executor://bicep-check" className="BicepCheck" name={quoteattr(name)} /></UnitTest>')
        entries.append(f'<TestEntry testId="{test_id}" executionId="{exec_id}" testListId="{list_id}" />')
    passed = sum(1 for r in results if r[1])
    failed = len(results) - passed
    xml = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<TestRun id="{run_id}" name="bicep-check" xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">'
        f'<Times creation="{iso(started)}" queuing="{iso(started)}" start="{iso(started)}" finish="{iso(finished)}" />'
        f'<Results>{"".join(rows)}</Results><TestDefinitions>{"".join(defs)}</TestDefinitions>'
        f'<TestEntries>{"".join(entries)}</TestEntries>'
        f'<TestLists><TestList name="Results Not in a List" id="{list_id}" /></TestLists>'
        f'<ResultSummary outcome="{"Completed" if failed == 0 else "Failed"}">'
        f'<Counters total="{len(results)}" executed="{len(results)}" passed="{passed}" failed="{failed}" error="0" '
        'timeout="0" aborted="0" inconclusive="0" passedButRunAborted="0" notRunnable="0" notExecuted="0" '
        'disconnected="0" warning="0" completed="0" inProgress="0" pending="0" /></ResultSummary></TestRun>\n')
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(xml)


def main():
    bicep, trx = sys.argv[1], sys.argv[2]
    ctx, results, started = Context(bicep), [], time.time()
    for name, check in CHECKS:
        t0 = time.time()
        try:
            ok, output = True, check(ctx)
        except Exception as e:  # a crashed check is a failed test, reported with its reason
            ok, output = False, f"{type(e).__name__}: {e}" if not isinstance(e, AssertionError) else str(e)
        results.append((name, ok, output, t0, time.time()))
        print(f"  {'Passed' if ok else 'FAILED'} {name}" + ("" if ok else "\n    " + output.replace("\n", "\n    ")))
    write_trx(trx, results, started, time.time())
    failed = sum(1 for r in results if not r[1])
    print(f"Bicep check: {len(results) - failed} passed, {failed} failed ({trx}).")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
