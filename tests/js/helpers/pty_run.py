#!/usr/bin/env python3
"""Run one command under a pseudo-terminal, driven over stdin/stdout with JSON lines (for
tests/js/cli-tty.test.mjs; standard library only, POSIX only).

Each request line is an object with "op"; each gets one response line {"ok": bool, ...}:
  spawn   {argv, env, cwd?, rows, cols}  start the command on the pty (its controlling terminal)
  expect  {text, timeout}                wait until the output so far contains text
  termios {}                             the terminal's modes now (see modes())
  wait_termios {icanon, timeout}         wait until ICANON is as given (raw mode on/off)
  write   {data}                         type data (UTF-8) on the terminal
  resize  {rows, cols}                   set the window size (TIOCSWINSZ) and send SIGWINCH
  kill    {signal}                       send a signal ("SIGINT", ...) to the command
  wait    {timeout}                      wait for the exit: {exit_code, signal, output, termios}
The parent keeps the pty's slave open, so the terminal's modes stay readable after the exit.
On end of input, an error, or --timeout seconds, the command's process group is killed.
"""
from __future__ import annotations

import argparse
import fcntl
import json
import os
import signal
import struct
import subprocess
import sys
import termios
import threading
import time


class Pty:
    def __init__(self) -> None:
        self.master, self.slave = os.openpty()
        self.output = bytearray()
        self.cond = threading.Condition()
        self.proc: subprocess.Popen | None = None
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        while True:
            try:
                data = os.read(self.master, 65536)
            except OSError:
                return
            if not data:
                return
            with self.cond:
                self.output += data
                self.cond.notify_all()

    def text(self) -> str:
        with self.cond:
            return self.output.decode("utf-8", "replace")

    def set_size(self, rows: int, cols: int) -> None:
        fcntl.ioctl(self.slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

    def modes(self) -> dict:
        iflag, oflag, cflag, lflag = termios.tcgetattr(self.slave)[:4]
        return {"flags": [iflag, oflag, cflag, lflag], "icanon": bool(lflag & termios.ICANON),
                "echo": bool(lflag & termios.ECHO), "isig": bool(lflag & termios.ISIG),
                "icrnl": bool(iflag & termios.ICRNL)}

    def spawn(self, req: dict) -> dict:
        self.set_size(req["rows"], req["cols"])
        before = self.modes()

        def controlling_tty() -> None:  # runs after setsid() in the child
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.proc = subprocess.Popen(req["argv"], stdin=self.slave, stdout=self.slave, stderr=self.slave,
                                     env=req["env"], cwd=req.get("cwd"), start_new_session=True,
                                     preexec_fn=controlling_tty)
        return {"pid": self.proc.pid, "termios": before}

    def until(self, done, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        with self.cond:
            while not done():
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self.cond.wait(min(left, 0.05))
        return True

    def wait(self, timeout: float) -> dict:
        assert self.proc is not None
        try:
            code = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return {"ok": False, "error": "timeout waiting for the exit", "output": self.text()}
        # Let the reader drain what the command wrote last.
        last, quiet_since = -1, time.monotonic()
        while time.monotonic() - quiet_since < 0.1:
            with self.cond:
                n = len(self.output)
            if n != last:
                last, quiet_since = n, time.monotonic()
            time.sleep(0.02)
        return {"exit_code": code if code >= 0 else None, "signal": -code if code < 0 else None,
                "output": self.text(), "termios": self.modes()}

    def kill_all(self) -> None:
        if self.proc and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except OSError:
                pass
            self.proc.wait()


def handle(pty: Pty, req: dict) -> dict:
    op = req.get("op")
    if op == "spawn":
        return pty.spawn(req)
    if op == "expect":
        if pty.until(lambda: req["text"].encode() in pty.output, req.get("timeout", 10)):
            return {}
        return {"ok": False, "error": f"timeout waiting for {req['text']!r}", "output": pty.text()}
    if op == "termios":
        return {"termios": pty.modes()}
    if op == "wait_termios":
        if pty.until(lambda: pty.modes()["icanon"] == req["icanon"], req.get("timeout", 10)):
            return {"termios": pty.modes()}
        return {"ok": False, "error": f"timeout waiting for icanon={req['icanon']}", "output": pty.text()}
    if op == "write":
        os.write(pty.master, req["data"].encode())
        return {}
    if op == "resize":
        pty.set_size(req["rows"], req["cols"])
        if pty.proc:
            os.kill(pty.proc.pid, signal.SIGWINCH)
        return {}
    if op == "kill":
        assert pty.proc is not None
        os.kill(pty.proc.pid, getattr(signal, req["signal"]))
        return {}
    if op == "wait":
        return pty.wait(req.get("timeout", 10))
    return {"ok": False, "error": f"unknown op {op!r}"}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--timeout", type=float, default=60, help="kill everything after this many seconds")
    args = parser.parse_args()
    pty = Pty()
    timer = threading.Timer(args.timeout, lambda: (pty.kill_all(), os._exit(3)))
    timer.daemon = True
    timer.start()
    try:
        for line in sys.stdin:
            if not line.strip():
                continue
            try:
                res = handle(pty, json.loads(line))
            except Exception as err:  # report, keep serving
                res = {"ok": False, "error": f"{type(err).__name__}: {err}"}
            res.setdefault("ok", True)
            sys.stdout.write(json.dumps(res) + "\n")
            sys.stdout.flush()
    finally:
        pty.kill_all()
    return 0


if __name__ == "__main__":
    sys.exit(main())
