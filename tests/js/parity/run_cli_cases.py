#!/usr/bin/env python3
"""Run oracle cases (tests/conformance/oracle/cases.jsonl) with `kubedebug` or the real kubectl
against fakeapi.py, and print one JSON document per run (one per line), normalised exactly like
the goldens (random names, $TMP, $FIXTURES, ports, --env order).

  python3 run_cli_cases.py --tool kubedebug --version 1.33 [--ids a,b] [--jobs 4] [--runs 1]

Each document: {case, tool, run, exit_code, timed_out, stdout, stderr, writes, requests,
request_count (every request, discovery included), elapsed_s, refused?}.
Standard library only; reuses the recorder's helpers (fakeapi, normalize).
"""
from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
ORACLE = os.path.join(ROOT, "tests", "conformance", "oracle")
sys.path.insert(0, ORACLE)
import fakeapi  # noqa: E402
import run_kubectl_debug as rk  # noqa: E402

CLI = os.path.join(ROOT, "www", "node", "cli.mjs")


def command(tool: str, version: str, kubeconfig: str, tmp: str, case: dict, args: list[str], fdir: str) -> list[str]:
    globals_ = [rk._subst(a, fdir) for a in case.get("global_args", [])]
    ns = case.get("namespace", "default")
    ns_args = ["-n", ns] if ns is not None else []
    if tool == "kubectl":
        return [rk.kubectl_path(version), "--kubeconfig", kubeconfig, "--cache-dir", os.path.join(tmp, "cache"),
                *globals_, *ns_args, "debug", *args]
    return [os.environ.get("NODE", "node"), CLI, f"--kubectl-version={version}", "--kubeconfig", kubeconfig,
            *globals_, *ns_args, *args]


def run_one(case: dict, tool: str, version: str, timeout: float, run: int) -> dict:
    fdir = rk.case_fixtures_dir(case)
    args = [rk._subst(a, fdir) for a in case.get("args", [])]
    out: dict = {"case": case.get("id"), "tool": tool, "run": run}
    if rk.would_attach(args) and not case.get("allow_attach"):
        out.update({"refused": True, "exit_code": None, "stdout": "", "stderr": "", "writes": [], "requests": []})
        return out
    fixture_paths = [p if os.path.isabs(p) else os.path.join(fdir, p) for p in case.get("fixtures", [])]
    fixture_texts = [open(f, encoding="utf-8").read() for f in fakeapi.expand_fixture_paths(fixture_paths)]
    tmp = tempfile.mkdtemp(prefix="kdbg-cli-")
    record, reqlog = os.path.join(tmp, "writes.jsonl"), os.path.join(tmp, "requests.jsonl")
    srv, thread = fakeapi.start_in_thread(port=0, fixture_paths=fixture_paths, record_path=record,
                                          request_log_path=reqlog, quiet=True)
    kubeconfig = os.path.join(tmp, "kubeconfig")
    with open(kubeconfig, "w") as f:
        json.dump({"apiVersion": "v1", "kind": "Config",
                   "clusters": [{"name": "fake", "cluster": {"server": f"http://127.0.0.1:{srv.port}"}}],
                   "users": [{"name": "fake", "user": {}}],
                   "contexts": [{"name": "fake", "context": {"cluster": "fake", "user": "fake",
                                                             "namespace": case.get("context_namespace", "default")}}],
                   "current-context": "fake"}, f)
    home = os.path.join(tmp, "home")
    os.makedirs(home)
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home, "LANG": "C.UTF-8", "KUBECONFIG": kubeconfig}
    env.update({k: str(v) for k, v in (case.get("env") or {}).items()})
    argv = command(tool, version, kubeconfig, tmp, case, args, fdir)
    t0 = time.monotonic()
    timed_out = False
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=env, cwd=tmp, start_new_session=True)
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # only the group of the process started here
        except ProcessLookupError:
            pass
        stdout, stderr = proc.communicate()
    elapsed = time.monotonic() - t0
    srv.shutdown()
    srv.server_close()
    thread.join(timeout=5)
    writes = []
    if os.path.exists(record):
        with open(record) as f:
            for line in f:
                w = json.loads(line)
                w.pop("body_protobuf_b64", None)
                writes.append(w)
    all_requests = []
    if os.path.exists(reqlog):
        with open(reqlog) as f:
            all_requests = [json.loads(line) for line in f]
    requests = [f"{r['method']} {r['path']}{'?' + r['query'] if r['query'] else ''} -> {r['status']}"
                for r in all_requests if not rk.DISCOVERY_RE.match(r["path"])]
    out.update({"exit_code": None if timed_out else proc.returncode, "timed_out": timed_out,
                "stdout": stdout.decode("utf-8", "replace"), "stderr": stderr.decode("utf-8", "replace"),
                "writes": writes, "requests": requests, "result": None, "argv": [],
                "request_count": len(all_requests), "elapsed_s": round(elapsed, 4)})
    rk.normalize(out, fixture_texts, args, tmp, fixtures_dir=fdir)
    shutil.rmtree(tmp, ignore_errors=True)
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tool", choices=["kubedebug", "kubectl"], default="kubedebug")
    ap.add_argument("--version", default="1.33")
    ap.add_argument("--ids", default="", help="comma-separated case ids (default: all)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=30.0)
    a = ap.parse_args()
    cases = rk.load_cases()
    if a.ids:
        wanted = a.ids.split(",")
        by_id = {c["id"]: c for c in cases}
        cases = [by_id[i] for i in wanted]
    jobs = [(c, r) for r in range(a.runs) for c in cases]
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, a.jobs)) as pool:
        futures = [pool.submit(run_one, c, a.tool, a.version, a.timeout, r) for c, r in jobs]
        for fut in futures:
            sys.stdout.write(json.dumps(fut.result()) + "\n")
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
