"""Benchmark: the classroom server under a class of 300 phones (issue 13, "Load").

300 simulated students answer 5 rounds (choice, survey, choice, survey, choice: 1 500 answers) as
fast as the server takes them, over 50 keep-alive connections (a raw asyncio HTTP/1.1 client, so
the client costs little of the 2 cores), while the same 300 phones poll ``GET /api/round`` once a
second as the page does. Loopback only (the server binds 127.0.0.1), bounded (10 s per request,
one minute at most).

Rows
----
* ``class_answers_lost`` — acknowledged answers missing from the store, or stored differently than
  sent (target 0). Every acknowledged answer is compared with the store, device by device.
* ``class_ack_p50`` / ``class_ack_p95`` — time from a phone's submit (request written) to its
  acknowledgement (response read), ms; target p95 ≤ 100 ms.
* ``class_throughput`` — answers acknowledged per second over the 5 rounds.
* ``class_server_cpu_per_request`` — the server process's CPU time (``/proc``) over every request
  it served (answers and polls), ms: what the server costs, whatever else the machine is doing.
  Latency is concurrency ÷ throughput (Little's law), so on a loaded machine the ack times grow
  with the load while this number does not.
* ``class_commit_to_store_read`` — for each round, from the commit of its last answer (the server's
  ``received_at``) to the moment a watcher in another process (this one: the "kernel") saw
  :meth:`ClassStore.version` change *and* read back all the round's answers; the worst round, ms.
  The watcher polls every 10 ms; the panel's own chart refresh is measured on the panel side.
* ``class_version_call`` / ``class_answers_read_300`` — the cost of one ``version()`` call (µs)
  and of reading a round's 300 answers into a DataFrame (ms).

Run on its own with ``python bench/bench_classroom.py``.
"""
from __future__ import annotations

import asyncio
import json
import random
import statistics
import tempfile
import threading
import time
from pathlib import Path

N_STUDENTS = 300
N_ROUNDS = 5
CONNECTIONS = 50
POLL_HZ = 1.0
TIMEOUT_S = 10.0

CHOICE = {"kind": "choice", "question_id": "Q-bench", "phase": 1, "options": ["A", "B", "C", "D"], "multiple": False}
SURVEY = {"kind": "survey",
          "items": [{"key": f"{ep}_{d}", "min": 1, "max": 7} for d in ("tan", "rel", "res", "ass", "emp") for ep in "EP"]
          + [{"key": "recommend", "min": 0, "max": 10}],
          "texts": [{"key": "comment", "max_len": 200}]}


class Conn:
    """One keep-alive HTTP/1.1 connection."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader = self.writer = None

    async def _open(self) -> None:
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)

    async def request(self, method: str, path: str, body: bytes = b"") -> tuple[int, bytes]:
        if self.writer is None:
            await self._open()
        head = (f"{method} {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
                f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n").encode()
        self.writer.write(head + body)
        status_line = await self.reader.readline()
        if not status_line:
            raise ConnectionError("closed")
        status = int(status_line.split()[1])
        length, close = 0, False
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b""):
                break
            name, _, value = line.decode("latin1").partition(":")
            if name.lower() == "content-length":
                length = int(value)
            elif name.lower() == "connection" and value.strip().lower() == "close":
                close = True
        data = await self.reader.readexactly(length)
        if close:
            self.close()
        return status, data

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


def _payload(spec: dict, rng: random.Random) -> dict:
    if spec["kind"] == "choice":
        return {"choice": [rng.choice(spec["options"])]}
    return {"ratings": {it["key"]: rng.randint(it["min"], it["max"]) for it in spec["items"]},
            "texts": {"comment": rng.choice(["", "很好", "queue too long", "<b>ok</b>"])}}


async def _round(session, rid: int, spec: dict, rng: random.Random) -> dict:
    """All the students answer round ``rid`` (already open) while the phones poll."""
    host, port = session.address
    code = session.code
    pool: asyncio.Queue[Conn] = asyncio.Queue()
    for _ in range(CONNECTIONS):
        pool.put_nowait(Conn(host, port))
    devices = [f"bench-phone-{i:05d}" for i in range(N_STUDENTS)]
    latencies: list[float] = []
    acked: dict[int, dict[str, dict]] = {}
    refused: list[int] = []
    last_ack: dict[int, float] = {}
    stop_polling = asyncio.Event()
    polls = [0]

    async def poll(conn: Conn) -> None:  # the phones' 1 Hz polling, spread evenly
        interval = 1.0 / (N_STUDENTS * POLL_HZ / 4)
        i = 0
        while not stop_polling.is_set():
            d = devices[i % N_STUDENTS]
            i += 4
            try:
                await asyncio.wait_for(conn.request("GET", f"/api/round?c={code}&d={d}"), TIMEOUT_S)
                polls[0] += 1
            except (ConnectionError, asyncio.TimeoutError, OSError):
                conn.close()
            await asyncio.sleep(interval)

    async def answer(rid: int, spec: dict, device: str) -> None:
        payload = _payload(spec, rng)
        body = json.dumps({"round": rid, "payload": payload}).encode()
        conn = await pool.get()
        try:
            t0 = time.perf_counter()
            status, data = await asyncio.wait_for(
                conn.request("POST", f"/api/answer?c={code}&d={device}", body), TIMEOUT_S)
            dt = time.perf_counter() - t0
        except (ConnectionError, asyncio.TimeoutError, OSError):
            conn.close()
            refused.append(0)
            return
        finally:
            pool.put_nowait(conn)
        if status == 200 and json.loads(data)["ok"]:
            latencies.append(dt)
            acked.setdefault(rid, {})[device] = payload
            last_ack[rid] = time.time()
        else:
            refused.append(status)

    pollers = [asyncio.create_task(poll(Conn(host, port))) for _ in range(4)]
    t_start = time.perf_counter()
    await asyncio.gather(*(answer(rid, spec, d) for d in devices))
    elapsed = time.perf_counter() - t_start
    stop_polling.set()
    await asyncio.gather(*pollers)
    while not pool.empty():
        pool.get_nowait().close()
    return {"latencies": latencies, "acked": acked, "refused": refused, "elapsed": elapsed, "last_ack": last_ack,
            "polls": polls[0]}


def _cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of process ``pid`` (Linux ``/proc``), or None elsewhere."""
    import os

    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def run() -> list[dict]:
    from servicelab.classroom import ClassSession, ClassStore

    rng = random.Random(20261201)
    tmp = Path(tempfile.mkdtemp(prefix="servicelab-bench-class-"))
    session = ClassSession(tmp / "class.db")
    watcher = ClassStore(tmp / "class.db")  # the "kernel": its own connection, its own thread
    changes: list[tuple[float, int, int]] = []  # (time seen, round, answers stored then)
    stop = threading.Event()

    def watch() -> None:  # what the panel does: poll version(), read the round when it changed
        last = watcher.version()
        while not stop.is_set():
            v = watcher.version()
            if v != last:
                last = v
                r = watcher.current_round()
                if r is not None:
                    changes.append((time.time(), r.id, watcher.count(r.id)))
            time.sleep(0.01)

    try:
        specs = [CHOICE, SURVEY, CHOICE, SURVEY, CHOICE][:N_ROUNDS]
        plan = []
        results = {"latencies": [], "acked": {}, "refused": [], "elapsed": 0.0, "last_ack": {}, "polls": 0}
        cpu0 = _cpu_seconds(session._proc.pid)
        th = threading.Thread(target=watch, daemon=True)
        th.start()
        for spec in specs:
            rid = session.store.open_round(spec)
            plan.append((rid, spec))
            out = asyncio.run(asyncio.wait_for(_round(session, rid, spec, rng), 60))
            results["latencies"] += out["latencies"]
            results["acked"].update(out["acked"])
            results["refused"] += out["refused"]
            results["elapsed"] += out["elapsed"]
            results["polls"] += out["polls"]
            n = len(out["acked"].get(rid, {}))
            deadline = time.monotonic() + 5
            while not any(c[1] == rid and c[2] >= n for c in changes) and time.monotonic() < deadline:
                time.sleep(0.005)
        cpu1 = _cpu_seconds(session._proc.pid)
        stop.set()
        th.join(5)
        lost = 0
        commit_to_seen = []
        for rid, _spec in plan:
            df = watcher.answers(rid)
            stored = dict(zip(df["device"], df["payload"]))
            acked = results["acked"].get(rid, {})
            lost += sum(1 for d, p in acked.items() if stored.get(d) != p)
            full = [c[0] for c in changes if c[1] == rid and c[2] >= len(acked)]
            if full and len(df):
                commit_to_seen.append((min(full) - float(df["received_at"].max())) * 1000)
            else:
                commit_to_seen.append(float("inf"))
        n_acked = sum(len(a) for a in results["acked"].values())
        lat = sorted(x * 1000 for x in results["latencies"])
        p50 = statistics.median(lat) if lat else None
        p95 = lat[min(len(lat) - 1, int(0.95 * len(lat)))] if lat else None
        t0 = time.perf_counter()
        for _ in range(1000):
            watcher.version()
        version_us = (time.perf_counter() - t0) / 1000 * 1e6
        t0 = time.perf_counter()
        for _ in range(20):
            watcher.answers(plan[1][0])
        read_ms = (time.perf_counter() - t0) / 20 * 1000
    finally:
        stop.set()
        session.stop()
        watcher.close()
    n_requests = n_acked + len(results["refused"]) + results["polls"]
    cpu_ms = (cpu1 - cpu0) * 1000 / n_requests if cpu0 is not None and cpu1 is not None and n_requests else None
    import os

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    note = (f"{N_STUDENTS} phones × {N_ROUNDS} rounds, {CONNECTIONS} connections, 1 Hz polling; "
            f"{n_acked} acknowledged, {len(results['refused'])} refused; load average {load:.1f} on {os.cpu_count()} cores")
    return [
        {"name": "class_answers_lost", "value": float(lost), "target": 0.0, "unit": "", "note": note},
        {"name": "class_ack_p50", "value": p50, "target": None, "unit": "ms", "note": "submit → acknowledgement"},
        {"name": "class_ack_p95", "value": p95, "target": 100.0, "unit": "ms", "note": "submit → acknowledgement"},
        {"name": "class_throughput", "value": n_acked / results["elapsed"] if results["elapsed"] else None,
         "target": None, "unit": "/s", "note": "answers acknowledged per second"},
        {"name": "class_server_cpu_per_request", "value": cpu_ms, "target": None, "unit": "ms",
         "note": f"server process CPU / {n_requests} requests (answers + polls): independent of the machine's load"},
        {"name": "class_commit_to_store_read", "value": max(commit_to_seen) if commit_to_seen else None,
         "target": 1000.0, "unit": "ms", "note": "last answer committed → version() changed + answers read back (worst round)"},
        {"name": "class_version_call", "value": version_us, "target": None, "unit": "µs", "note": "one store.version()"},
        {"name": "class_answers_read_300", "value": read_ms, "target": None, "unit": "ms", "note": "store.answers() of 300"},
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
