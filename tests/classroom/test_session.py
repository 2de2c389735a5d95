"""ClassSession and the command line: start, stop, attach, the server dies with its parent, --network, QR."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from servicelab.classroom import ClassSession
from servicelab.classroom.join import qr_svg, qr_text
from servicelab.classroom.server import CODE_ALPHABET, READY_PREFIX, room_address
from servicelab.errors import ServiceLabError

from .http_client import Client


def _gone(pid: int, within: float) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        try:  # a zombie (exited, not reaped yet by whoever adopted it) has gone too
            with open(f"/proc/{pid}/stat") as f:
                if f.read().rsplit(")", 1)[1].split()[0] == "Z":
                    return True
        except (OSError, IndexError):
            pass
        try:  # reap it if it is our child (a zombie still answers kill 0)
            if os.waitpid(pid, os.WNOHANG)[0] == pid:
                return True
        except ChildProcessError:
            pass
        time.sleep(0.05)
    return False


def test_start_and_stop(tmp_path):
    s = ClassSession(tmp_path / "c.db", lang="en")
    assert s.running and s.warning is None and s.address[0] == "127.0.0.1"
    assert len(s.code) == 6 and set(s.code) <= set(CODE_ALPHABET)
    assert s.join_url == f"http://127.0.0.1:{s.address[1]}/?c={s.code}"
    assert Client(s.address, s.code).round()[0] == 200
    pid = s._proc.pid
    s.stop()
    assert not s.running and _gone(pid, 5)
    assert not s.store.session_open(s.code)
    with pytest.raises(OSError):
        Client(s.address, s.code).round()


def test_attach_to_a_server_started_from_the_command_line(tmp_path):
    db = tmp_path / "c.db"
    with pytest.raises(ServiceLabError) as err:
        ClassSession.attach(db)
    assert err.value.key == "classroom.error.no_server"
    proc = subprocess.Popen([sys.executable, "-m", "servicelab.classroom", "--db", str(db), "--ready-line"],
                            stdout=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        info = json.loads(line[len(READY_PREFIX):])
        s = ClassSession.attach(db)
        assert (s.code, s.address, s.running) == (info["code"], (info["host"], info["port"]), True)
        assert s.join_url == info["url"]
        s.stop()
        assert proc.wait(10) == 0 and not s.running
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stdout.close()


def test_the_server_stops_when_its_kernel_is_killed(tmp_path):
    code = textwrap.dedent(f"""
        import sys, time
        from servicelab.classroom import ClassSession
        s = ClassSession({str(tmp_path / "c.db")!r})
        print(s._proc.pid, flush=True)
        time.sleep(120)
    """)
    kernel = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        server_pid = int(kernel.stdout.readline())
        os.kill(kernel.pid, signal.SIGKILL)  # no atexit, no stop(): the server must notice by itself
        kernel.wait(10)
        assert _gone(server_pid, 5)
    finally:
        kernel.stdout.close()
        if kernel.poll() is None:
            kernel.kill()


def test_command_line_prints_url_code_and_qr_and_stops_on_ctrl_c(tmp_path):
    proc = subprocess.Popen([sys.executable, "-m", "servicelab.classroom", "--db", str(tmp_path / "c.db"),
                             "--lang", "en", "--code", "abc234"], stdout=subprocess.PIPE, text=True)
    out = []
    try:
        for line in proc.stdout:
            out.append(line)
            if "Ctrl-C" in line:
                break
        text = "".join(out)
        assert "Join code: ABC234" in text and "/?c=ABC234" in text and "127.0.0.1" in text
        assert "▀" in text or "▄" in text or "█" in text  # the terminal QR code
        proc.send_signal(signal.SIGINT)
        rest, _ = proc.communicate(timeout=10)
        assert proc.returncode == 0 and "stopped" in rest
    finally:
        if proc.poll() is None:
            proc.kill()


def test_network_mode_binds_the_room_address_and_warns(tmp_path):
    try:
        addr = room_address()
    except ServiceLabError:
        pytest.skip("this computer has no network besides loopback")
    with ClassSession(tmp_path / "c.db", network=True, lang="en") as s:
        assert s.address[0] == addr and s.join_url.startswith(f"http://{addr}:")
        assert addr in s.warning and "anyone on that network" in s.warning
        assert Client(s.address, s.code).round()[0] == 200
        with pytest.raises(OSError):  # bound to the room's address only
            Client(("127.0.0.1", s.address[1]), s.code).round()
    zh = ClassSession.__new__(ClassSession)
    zh.lang, zh.network, zh.code = "zh", True, "ABCDEF"
    zh._set_address(addr, 1234)
    assert f"{addr}:1234" in zh.warning and "同一网络" in zh.warning


def test_qr_codes():
    url = "http://192.168.1.20:8765/?c=AB3KXY"
    svg = qr_svg(url, title="join")
    assert svg.startswith("<svg") and "<title>join</title>" in svg
    width = int(svg.split('width="')[1].split('"')[0])
    assert width >= 300  # big enough for the back of a room at the default scale
    import segno  # the size follows from the QR version of the URL: (modules + 2 × 4 quiet zone) × 12 px
    expected = segno.make(url, error="m", micro=False)
    assert width == (expected.symbol_size(scale=1, border=4)[0]) * 12
    assert len(qr_text(url).splitlines()) >= expected.symbol_size(scale=1, border=2)[1] // 2


def test_an_unspecified_bind_address_is_refused_with_a_clear_message(tmp_path):
    with pytest.raises(ServiceLabError) as err:
        ClassSession(tmp_path / "c.db", host="0.0.0.0", lang="en")
    assert err.value.key == "classroom.error.server_failed"
    assert "Cannot bind '0.0.0.0'" in err.value.message("en")  # the server's own message, passed on
    out = subprocess.run([sys.executable, "-m", "servicelab.classroom", "--db", str(tmp_path / "c.db"),
                          "--host", "0.0.0.0", "--lang", "zh"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 2 and "不能绑定“0.0.0.0”" in out.stderr and "Traceback" not in out.stderr
