"""Faults: the server SIGKILLed mid-round and restarted keeps every acknowledged answer; rounds never mix."""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from servicelab.classroom import ClassSession

from .conftest import CHOICE, MULTI
from .http_client import Client

N = 300


def _post_all(session, rid, devices, choice_of, stop_after=None, on_count=None):
    """Post one answer per device from 8 threads; return {device: payload} of the acknowledged ones."""
    acked: dict[str, dict] = {}
    lock = threading.Lock()
    local = threading.local()

    def one(device):
        if not hasattr(local, "c"):
            local.c = Client(session.address, session.code)
        payload = {"choice": choice_of(device)}
        try:
            status, body = local.c.answer(rid, payload, device=device)
        except OSError:  # the server was killed: not acknowledged
            local.c.close()
            local.c = Client(session.address, session.code)
            return
        if status == 200 and body["ok"]:
            with lock:
                acked[device] = payload
                if on_count is not None:
                    on_count(len(acked))

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(one, devices))
    return acked


def test_sigkill_mid_round_then_restart_keeps_every_acknowledged_answer(tmp_path):
    db = tmp_path / "class.db"
    first = ClassSession(db)
    code = first.code
    r1 = first.store.open_round(CHOICE)
    killed = threading.Event()

    def kill_at(n):
        if n >= N // 3 and not killed.is_set():
            killed.set()
            first._proc.kill()  # SIGKILL while the other threads' answers are in flight

    devices = [f"r1-before-{i:04d}" for i in range(N)]
    acked = _post_all(first, r1, devices, lambda d: [("A", "B", "C", "D")[int(d[-4:]) % 4]], on_count=kill_at)
    assert killed.is_set() and N // 3 <= len(acked) < N  # some were acknowledged, the kill cut the rest off
    first._proc.wait(10)
    first.stop()

    again = ClassSession(db, code=code)  # restarted on the same file, same join code
    try:
        stored = dict(zip(again.store.answers(r1)["device"], again.store.answers(r1)["payload"]))
        missing = {d for d in acked if stored.get(d) != acked[d]}
        assert not missing, sorted(missing)[:5]  # every acknowledged answer is there, as sent
        assert set(stored) <= set(devices)
        assert again.store.current_round().id == r1 and again.store.current_round().open

        # round 1 goes on after the restart; then round 2 opens while round-1 phones keep posting
        more = _post_all(again, r1, [f"r1-after-{i:04d}" for i in range(50)], lambda d: ["B"])
        assert len(more) == 50
        r2 = again.store.open_round(MULTI)
        late = _post_all(again, r1, [f"r1-late-{i:04d}" for i in range(50)], lambda d: ["C"])
        assert late == {}  # a phone still showing round 1 cannot post into round 2
        two = _post_all(again, r2, [f"r2-phone-{i:04d}" for i in range(50)], lambda d: ["A", "E"])
        assert len(two) == 50
        a1, a2 = again.store.answers(r1), again.store.answers(r2)
        assert set(a2["device"]) == set(two) and all(p == {"choice": ["A", "E"]} for p in a2["payload"])
        assert not any(d.startswith(("r2-", "r1-late-")) for d in a1["device"])
        assert len(a1) == len(stored) + 50
    finally:
        again.stop()
