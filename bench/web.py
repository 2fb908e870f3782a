"""Benchmark: the demo's public event page under gunicorn (2 workers) beside the ceiling app's /table.

Both are served the same way on 127.0.0.1 and loaded by wrk (32 connections, 10 s by default) in
the same run; prints req/s and p99 latency for each and our/ceiling throughput ratio (aim: >= 0.8).
Usage: .venv/bin/python bench/web.py [--seconds 10] [--connections 32]
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ANCHOR = ROOT.parent / "shared" / "anchors" / "ceilings"
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(app_spec: str, cwd: Path, env: dict) -> tuple[subprocess.Popen, str]:
    """Start gunicorn with 2 workers; wait until it answers."""
    port = free_port()
    proc = subprocess.Popen([str(BIN / "gunicorn"), "-w", "2", "-b", f"127.0.0.1:{port}", "--log-level", "warning",
                             app_spec], cwd=cwd, env={**os.environ, **env})
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/", timeout=1)
            break
        except urllib.error.HTTPError:
            break
        except OSError:
            time.sleep(0.1)
    return proc, base


def load(url: str, seconds: int, connections: int) -> dict:
    """Run wrk against ``url``; return req/s, p99 ms and error counts."""
    urllib.request.urlopen(url, timeout=5).read()  # warm up, and fail loudly on a broken page
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
                         capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    scale = {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": rps, "p99_ms": float(p99.group(1)) * scale, "non2xx": int(non2xx.group(1)) if non2xx else 0}


def prepare_ceiling(tmp: Path) -> tuple[Path, dict]:
    work = tmp / "ceiling"
    shutil.copytree(ANCHOR, work)
    env = {"PERF_DB": str(tmp / "ceiling.db")}
    subprocess.run([sys.executable, "flask_ceiling_app.py"], cwd=work, env={**os.environ, **env}, check=True,
                   capture_output=True)
    return work, env


def prepare_podium(tmp: Path) -> dict:
    env = {"DATABASE_URL": f"sqlite:///{tmp / 'podium.db'}", "SECRET_KEY": "bench", "FLASK_APP": "app"}
    for args in (["db", "upgrade"], ["load-demo"]):
        subprocess.run([str(BIN / "flask"), *args], cwd=ROOT, env={**os.environ, **env}, check=True,
                       capture_output=True)
    return env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        work, ceiling_env = prepare_ceiling(tmp)
        podium_env = prepare_podium(tmp)
        results = {}
        for name, spec, cwd, env, path in (
                ("ceiling /table", "flask_ceiling_app:app", work, ceiling_env, "/table"),
                ("podium /events/1", "app:create_app()", ROOT, podium_env, "/events/1")):
            proc, base = serve(spec, cwd, env)
            try:
                results[name] = load(base + path, args.seconds, args.connections)
            finally:
                proc.terminate()
                proc.wait(10)
    print(f"{'page':<20}{'req/s':>10}{'p99 ms':>10}{'non-2xx':>10}")
    for name, r in results.items():
        print(f"{name:<20}{r['rps']:>10.0f}{r['p99_ms']:>10.1f}{r['non2xx']:>10}")
    ratio = results["podium /events/1"]["rps"] / results["ceiling /table"]["rps"]
    print(f"ratio podium/ceiling: {ratio:.2f} (aim >= 0.80)")


if __name__ == "__main__":
    main()
