"""Benchmark mlflow-app-lint side by side with check-jsonschema and a parse-only floor.

Usage: python benchmarks/run.py [--files 5000] [--runs 5] [--stream-mb 20] [--jobs N]

Run it with any Python 3.10 or newer. It makes (once) a virtualenv under benchmarks/.venv with
check-jsonschema, PyYAML and this project's dependencies, and runs all three tools from it, ours
installed from this checkout afresh on every run: the same interpreter start-up for each (a venv
starts several times quicker than a system Python with many packages). It generates a corpus in a
temporary folder, and prints, each the median of --runs runs taken in turns:
  1. one small file: whole-process wall time (what a pre-commit hook costs; 3 x --runs runs);
  2. the corpus in one invocation: files per second;
  3. one multi-document YAML stream: MB per second and peak memory (max RSS).
with the ratios ours / check-jsonschema and ours / floor. The floor only parses the same files
with the fastest parsers Python has (PyYAML's libyaml CSafeLoader, json) and does nothing else.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_VENV = Path(__file__).resolve().parent / ".venv"
SCHEMA = ROOT / "schema" / "create-mlflow-app.schema.json"
SMALL_FILE = ROOT / "examples" / "good.mlflow-app.yaml"
REFERENCE_PACKAGES = ["check-jsonschema", "pyyaml"]

FLOOR = """
import json, sys, yaml
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        data = f.read()
    try:
        if path.endswith(".json"):
            json.loads(data)
        else:
            for _ in yaml.load_all(data, Loader=yaml.CSafeLoader):
                pass
    except Exception:
        pass
"""

CONSOLE_SCRIPT = "import sys; from mlflow_app_lint.cli import main; sys.exit(main())"

PEAK_RSS = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=5000, help="corpus size (default 5000)")
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (default 5)")
    parser.add_argument("--stream-mb", type=float, default=20, help="stream size in MB")
    parser.add_argument("--jobs", type=int, help="our --jobs (default: automatic)")
    args = parser.parse_args()

    bench_python = _bench_environment()
    # This checkout, installed as users install it (a regular install, with bytecode; an
    # editable one would add its import finder to every start), afresh on every run.
    subprocess.run(
        [bench_python, "-m", "pip", "install", "--quiet", "--no-deps", "--force-reinstall", ROOT],
        check=True,
        cwd=BENCH_VENV,
    )
    # Started as the `mlflow-app-lint` console script starts it (not through runpy's `-m`), with
    # the dependencies of the venv.
    ours = [str(bench_python), "-c", CONSOLE_SCRIPT, "check", "--max-file-size", "64MiB"]
    if args.jobs:
        ours += ["--jobs", str(args.jobs)]
    tools = {
        "mlflow-app-lint": ours,
        "check-jsonschema": [
            str(bench_python),
            "-m",
            "check_jsonschema",
            "--schemafile",
            str(SCHEMA),
        ],
        "parse-only floor": [str(bench_python), "-c", FLOOR],
    }
    print(f"cores (usable): {len(os.sched_getaffinity(0))}; runs per figure: {args.runs}")
    with tempfile.TemporaryDirectory(prefix="mlflow-app-lint-bench-") as temp:
        corpus = _write_corpus(Path(temp) / "corpus", args.files)
        stream = _write_stream(Path(temp) / "stream.yaml", args.stream_mb)
        files = [str(path) for path in corpus]
        size_mb = stream.stat().st_size / 1e6

        print(f"\n1. one small file ({SMALL_FILE.name}): wall time, lower is better")
        # A start-up is short and the machine's drift is not: three times the runs.
        small = _median_times(
            {name: [*cmd, str(SMALL_FILE)] for name, cmd in tools.items()}, 3 * args.runs
        )
        for name, seconds in small.items():
            print(f"   {name:18} {seconds * 1000:8.1f} ms")
        _ratios(small, lower_is_better=True)

        print(f"\n2. corpus of {len(files)} files in one invocation: files/s, higher is better")
        times = _median_times({name: cmd + files for name, cmd in tools.items()}, args.runs)
        rates = {name: len(files) / seconds for name, seconds in times.items()}
        for name, rate in rates.items():
            print(f"   {name:18} {rate:8.0f} files/s")
        _ratios(rates, lower_is_better=False)

        print(f"\n3. one {size_mb:.1f} MB multi-document YAML stream: MB/s and peak memory")
        times = _median_times({name: [*cmd, str(stream)] for name, cmd in tools.items()}, args.runs)
        stream_rates, peaks = {}, {}
        for name, cmd in tools.items():
            stream_rates[name] = size_mb / times[name]
            peaks[name] = _peak_rss_mb([*cmd, str(stream)])
            print(
                f"   {name:18} {stream_rates[name]:8.2f} MB/s   peak {peaks[name]:7.1f} MB "
                f"({peaks[name] / size_mb:.1f} x the file)"
            )
        print(
            "   (check-jsonschema reads one document per file: it stops at the stream's second"
            " `---` with a parse error, so its figure is no comparison)"
        )
        _ratios(stream_rates, lower_is_better=False)
        half = _write_stream(Path(temp) / "half.yaml", args.stream_mb / 2)
        halves = _median_times(
            {"half": [*ours, str(half)], "whole": [*ours, str(stream)]}, args.runs
        )
        half_time, whole_time = halves["half"], halves["whole"]
        print(f"   linearity: ours takes {whole_time / half_time:.2f} x as long on twice the size")


def _ratios(figures: dict[str, float], lower_is_better: bool) -> None:
    ours = figures["mlflow-app-lint"]
    what = "time" if lower_is_better else "throughput"
    for name in ("check-jsonschema", "parse-only floor"):
        print(f"   ours / {name}: {ours / figures[name]:.2f} x ({what})")


def _median_times(commands: dict[str, list[str]], runs: int) -> dict[str, float]:
    """Each command's median wall time. The commands take turns, run after run: a shared
    machine's speed drifts (here, by up to half), and turns share the drift alike."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            start = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def _peak_rss_mb(command: list[str]) -> float:
    out = subprocess.run(
        [sys.executable, "-c", PEAK_RSS, *command],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return int(out.stdout) / 1024  # ru_maxrss is in KiB on Linux


def _bench_environment() -> Path:
    """The benchmark's own virtualenv: the reference tools and this project's dependencies
    (made once, completed when a package is missing, then reused)."""
    python = BENCH_VENV / "bin" / "python"
    if not python.exists():
        print(f"creating {BENCH_VENV} ...", file=sys.stderr)
        venv.create(BENCH_VENV, with_pip=True)
    missing = subprocess.run(
        [str(python), "-c", "import check_jsonschema, yaml, mlflow_app_lint"],
        capture_output=True,
        cwd=BENCH_VENV,
    )
    if missing.returncode != 0:
        print(f"installing {', '.join(REFERENCE_PACKAGES)} and {ROOT} ...", file=sys.stderr)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", *REFERENCE_PACKAGES, str(ROOT)],
            check=True,
        )
    return python


# --- the corpus: realistic requests, 2/3 YAML and 1/3 JSON, 10-40 lines, 10% with one defect --

DEFECTS = (
    "invalid-enum",
    "pattern-mismatch",
    "missing-required",
    "unknown-field",
    "invalid-type",
    "duplicate-tag-key",
    "maintenance-window",
)


COMMANDS = (
    ("create-mlflow-app", 0.6),
    ("update-mlflow-app", 0.15),
    ("create-mlflow-tracking-server", 0.15),
    ("update-mlflow-tracking-server", 0.1),
)
"""The operations of the corpus's files, and their shares (a file's name says which)."""


def _command(rng: random.Random) -> str:
    return rng.choices([c for c, _ in COMMANDS], [w for _, w in COMMANDS])[0]


def _request_of(rng: random.Random, index: int, command: str) -> dict:
    """A valid request of the operation `command`."""
    create_app = _request(rng, index)
    window = create_app["WeeklyMaintenanceWindowStart"]
    if command == "update-mlflow-app":
        app = f"app-{rng.randrange(16**12):012x}"
        return {
            "Arn": f"arn:aws:sagemaker:us-east-1:{rng.randrange(10**11, 10**12)}:mlflow-app/{app}",
            "Name": create_app["Name"],
            "WeeklyMaintenanceWindowStart": window,
            "DefaultDomainIdList": create_app["DefaultDomainIdList"],
        }
    if command == "create-mlflow-tracking-server":
        return {
            "TrackingServerName": create_app["Name"],
            "ArtifactStoreUri": create_app["ArtifactStoreUri"],
            "RoleArn": create_app["RoleArn"],
            "TrackingServerSize": rng.choice(["Small", "Medium", "Large"]),
            "AutomaticModelRegistration": rng.random() < 0.5,
            "WeeklyMaintenanceWindowStart": window,
            "Tags": create_app["Tags"],
        }
    if command == "update-mlflow-tracking-server":
        return {
            "TrackingServerName": create_app["Name"],
            "TrackingServerSize": rng.choice(["Small", "Medium", "Large"]),
            "AutomaticModelRegistration": rng.random() < 0.5,
        }
    return create_app


def _request(rng: random.Random, index: int) -> dict:
    name = f"team-{index}-{rng.choice(['tracking', 'forecast', 'vision', 'nlp'])}"
    request = {
        "Name": name,
        "ArtifactStoreUri": f"s3://bucket-{rng.randrange(1000)}/mlflow/{name}",
        "RoleArn": f"arn:aws:iam::{rng.randrange(10**11, 10**12)}:role/service-role/Mlflow",
        "ModelRegistrationMode": rng.choice(
            ["AutoModelRegistrationEnabled", "AutoModelRegistrationDisabled"]
        ),
        "AccountDefaultStatus": rng.choice(["ENABLED", "DISABLED"]),
        "WeeklyMaintenanceWindowStart": f"{rng.choice(['Mon', 'Sun'])}:0{rng.randrange(10)}:30",
        "DefaultDomainIdList": [f"d-{rng.randrange(16**12):012x}" for _ in range(rng.randrange(3))],
        "Tags": [
            {"Key": f"key-{k}", "Value": f"value {rng.randrange(10**6)}"}
            for k in range(rng.randrange(0, 14))
        ],
    }
    return request


def _defective(rng: random.Random, request: dict, defect: str) -> dict:
    if defect == "invalid-enum":
        request["AccountDefaultStatus"] = "Enabled"
    elif defect == "pattern-mismatch":
        request["RoleArn"] = "arn:aws:iam::123:role/x"
    elif defect == "missing-required":
        del request["ArtifactStoreUri"]
    elif defect == "unknown-field":
        request["Nmae"] = request.pop("Name")
    elif defect == "invalid-type":
        request["Tags"] = [{"Key": "cost-centre", "Value": 4711}]
    elif defect == "duplicate-tag-key":
        request["Tags"] = [{"Key": "team", "Value": "a"}, {"Key": "team", "Value": "b"}]
    else:
        request["WeeklyMaintenanceWindowStart"] = "Tue:25:30"
    return request


def _yaml(request: dict, rng: random.Random, command: str = "create-mlflow-app") -> str:
    out = [f"# yaml-language-server: $schema={command}.schema.json"]
    for key, value in request.items():
        if isinstance(value, list):
            out.append(f"{key}:" if value else f"{key}: []")
            for item in value:
                if isinstance(item, dict):
                    first = True
                    for k, v in item.items():
                        shown = v if isinstance(v, int) else json.dumps(v)
                        out.append(f"  {'- ' if first else '  '}{k}: {shown}")
                        first = False
                else:
                    out.append(f"  - {item}")
        else:
            out.append(f"{key}: {str(value).lower() if isinstance(value, bool) else value}")
    if rng.random() < 0.3:
        out.append("# reviewed")
    return "\n".join(out) + "\n"


def _documents(rng: random.Random, count: int, json_every: int = 3, family: bool = True):
    """(index, command, is_json, text) of `count` requests, 10% with one defect."""
    for index in range(count):
        command = _command(rng) if family else "create-mlflow-app"
        request = _request_of(rng, index, command)
        if rng.random() < 0.10:
            # The defects are CreateMlflowApp's: another operation's file gets its members wrong.
            request = _defective(rng, _request(rng, index), rng.choice(DEFECTS))
        is_json = json_every and index % json_every == 2
        yield (
            index,
            command,
            is_json,
            (json.dumps(request, indent=2) + "\n") if is_json else _yaml(request, rng, command),
        )


def _write_corpus(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True)
    paths = []
    rng = random.Random(7)
    for index, command, is_json, text in _documents(rng, count):
        path = folder / f"app-{index:05d}.{command}.{'json' if is_json else 'yaml'}"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _write_stream(path: Path, megabytes: float) -> Path:
    rng = random.Random(11)
    written = 0
    with path.open("w", encoding="utf-8") as stream:
        for _, _, _, text in _documents(rng, 10**9, json_every=0, family=False):
            stream.write("---\n" + text)
            written += len(text) + 4
            if written >= megabytes * 1e6:
                break
    return path


if __name__ == "__main__":
    main()
