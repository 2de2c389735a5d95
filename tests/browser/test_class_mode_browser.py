"""Class mode end to end: the instructor's notebook in Voilà and 30 phone-sized Chromium contexts.

The phones join with the code (the join URL the panel shows), vote in round 1, the instructor
closes it and opens round 2, the phones vote again (some change, two do not vote), then a SERVQUAL
round that every phone fills. The projected counts, the vote-shift chart's data (its data table)
and the gap scores must equal what this test computes, with plain pandas, from the answers it sent.
Screenshots of a phone and of the projector view go to ``artifacts/``.
"""
from __future__ import annotations

import asyncio
import contextlib
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from playwright.async_api import TimeoutError as PlaywrightTimeout

from servicelab.quiz import load_bank
from servicelab.testing.browser import LAUNCH_ARGS, voila_server, with_parameters

pytestmark = [pytest.mark.browser, pytest.mark.slow]
NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "class_mode.ipynb"
N_PHONES = 30
DIMS = ["tangibles", "reliability", "responsiveness", "assurance", "empathy"]

TABLES = """(sel) => [...document.querySelectorAll(sel + ' table')].map(t => ({
  head: [...t.querySelectorAll('th')].map(h => h.innerText.trim()),
  rows: [...t.querySelectorAll('tbody tr')].map(r => [...r.querySelectorAll('td')].map(c => c.innerText.trim()))}))"""
CHECK = """(ratings) => { for (const [k, v] of Object.entries(ratings)) {
  const i = document.querySelector(`input[name="r:${k}"][value="${v}"]`); if (!i) return k; i.checked = true; }
  document.querySelector('#sl-form').dispatchEvent(new Event('change')); return null; }"""


def _notebook(folder: Path, question_id: str) -> Path:
    return with_parameters(NOTEBOOK, folder, "en", LANG="en", QUESTION_ID=question_id,
                           SERVICE={"zh": "学校食堂", "en": "the campus canteen"})


async def _wait_count(projector, n: int) -> None:
    await projector.wait_for_function(
        "(n) => (document.querySelector('.sl-class-count') || {}).innerText?.includes(n + ' answered')", arg=n, timeout=30_000)


async def _vote(phone, keys: list[str]) -> None:
    # a fresh form of the new round: enabled and nothing chosen (the last round's form keeps its answer)
    await phone.wait_for_function("""() => { const i = [...document.querySelectorAll('#sl-form input[name=choice]')];
      return i.length > 0 && i.every(x => !x.disabled && !x.checked); }""", timeout=30_000)
    for k in keys:
        await phone.check(f"#sl-form input[name=choice][value='{k}']")
    await phone.click("#sl-form button.send")
    await phone.wait_for_selector("#sl-status.sent", timeout=30_000)


async def _rate(phone, ratings: dict) -> None:
    await phone.wait_for_selector("#sl-form input[name^='r:']:not([disabled])", timeout=30_000)
    assert await phone.evaluate(CHECK, ratings) is None
    await phone.click("#sl-form button.send")
    await phone.wait_for_selector("#sl-status.sent", timeout=30_000)


async def _table(projector, chart: str) -> list[dict]:
    if await projector.locator(f"{chart} .sl-chart-table table").count() == 0:
        await projector.locator(f"{chart} .sl-chart-table-toggle").click()
    await projector.wait_for_selector(f"{chart} .sl-chart-table table", timeout=10_000)
    return await projector.evaluate(TABLES, chart)


def test_two_round_peer_instruction_and_a_live_class_servqual(chromium_path, artifacts_dir, tmp_path):
    q = next(x for x in load_bank() if x.type == "single" and len(x.options) == 4)
    keys, right = list(q.option_keys), q.answer
    rng = np.random.default_rng(2026)
    r1 = {i: keys[k] for i, k in enumerate(rng.integers(0, 4, N_PHONES))}
    # round 2: phones 0 and 1 do not vote; every third phone moves to the right answer, phone 5 to another
    r2 = {i: (right if i % 3 == 0 else r1[i]) for i in range(2, N_PHONES)}
    r2[5] = next(k for k in keys if k not in (r1[5], right))
    survey = []
    for _ in range(N_PHONES):
        survey.append({**{f"E_{d}": int(rng.integers(4, 8)) for d in DIMS}, **{f"P_{d}": int(rng.integers(1, 8)) for d in DIMS},
                       **{f"I_{d}": int(rng.integers(1, 11)) for d in DIMS}, "recommend": int(rng.integers(0, 11))})
    env = {"SERVICELAB_CLASS_DB": str(tmp_path / "class.db")}
    with voila_server(_notebook(tmp_path, q.id), env=env) as url:
        asyncio.run(_class(url, chromium_path, artifacts_dir, keys, right, r1, r2, survey))


async def _class(url, chromium_path, artifacts_dir, keys, right, r1, r2, survey) -> None:
    from playwright.async_api import async_playwright

    t0 = time.monotonic()
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=chromium_path, headless=True, args=LAUNCH_ARGS)
        try:
            projector = await (await browser.new_context(viewport={"width": 1280, "height": 1000})).new_page()
            errors: list[str] = []
            projector.on("pageerror", lambda e: errors.append(str(e)))
            await projector.goto(url, timeout=120_000)
            await projector.wait_for_selector(".sl-class-code", timeout=120_000)
            code = (await projector.inner_text(".sl-class-code")).strip()
            join = (await projector.inner_text(".sl-class-url")).strip()
            assert code in join and join.startswith("http://127.0.0.1:")
            qr = await projector.locator(".sl-class-qr svg").bounding_box()
            assert qr and qr["width"] >= 300 and qr["height"] >= 300

            async def phone():
                ctx = await browser.new_context(viewport={"width": 360, "height": 640}, is_mobile=True, has_touch=True)
                page = await ctx.new_page()
                await page.goto(join, timeout=60_000, wait_until="domcontentloaded")
                return page

            print("projector loaded", round(time.monotonic() - t0, 1))
            phones = await asyncio.gather(*[phone() for _ in range(N_PHONES)])

            print("phones joined", round(time.monotonic() - t0, 1))
            # -- round 1: hidden, then shown; the counts equal the votes sent
            await projector.click(".sl-class-start1")
            await asyncio.gather(*[_vote(p, [r1[i]]) for i, p in enumerate(phones)])
            await _wait_count(projector, N_PHONES)
            await projector.wait_for_function(
                "(n) => document.querySelector('.sl-class-votes svg')?.textContent"
                ".includes('Answers: ' + n + ' (distribution hidden)')", arg=N_PHONES, timeout=15_000)
            assert await projector.locator(".sl-class-votes svg .mark-rect path").count() == 0   # no bars while hidden
            await projector.click(".sl-class-toggle")
            await projector.wait_for_function(
                "() => document.querySelectorAll('.sl-class-votes .sl-chart-table tbody tr').length >= 4 || "
                "document.querySelectorAll('.sl-class-votes svg .mark-rect path').length >= 1", timeout=15_000)
            votes = next(t for t in await _table(projector, ".sl-class-votes") if "Votes" in t["head"])
            got = {row[votes["head"].index("Option")]: int(row[votes["head"].index("Votes")]) for row in votes["rows"]}
            want = pd.Series(r1).value_counts().reindex(keys, fill_value=0)
            assert got == want.to_dict()
            await projector.click(".sl-class-close")

            print("round 1 done", round(time.monotonic() - t0, 1))
            # -- round 2 and the vote shift
            await projector.click(".sl-class-start2")
            await asyncio.gather(*[_vote(p, [r2[i]]) for i, p in enumerate(phones) if i in r2])
            await _wait_count(projector, len(r2))
            await projector.click(".sl-class-close")
            await projector.click(".sl-class-shift")
            await projector.wait_for_selector(".sl-class-shift-chart", timeout=20_000)
            tables = await _table(projector, ".sl-class-shift-chart")
            cells = next(t for t in tables if "Answer in round 1" in t["head"])
            h = cells["head"]
            shown = pd.DataFrame([{"from": r[h.index("Answer in round 1")].split(" ")[0],
                                   "to": r[h.index("Answer in round 2")].split(" ")[0],
                                   "count": int(r[h.index("Students")])} for r in cells["rows"]])
            both = [i for i in r1 if i in r2]
            ct = pd.crosstab(pd.Series([r1[i] for i in both], name="from"), pd.Series([r2[i] for i in both], name="to"))
            ct = ct.reindex(index=keys, columns=keys, fill_value=0)
            mine = shown.pivot(index="from", columns="to", values="count").reindex(index=keys, columns=keys)
            assert (mine.to_numpy() == ct.to_numpy()).all()
            share = next(t for t in tables if "Share correct" in t["head"])
            got_share = [float(r[share["head"].index("Share correct")]) for r in share["rows"]]
            assert got_share == pytest.approx([np.mean([v == right for v in r1.values()]),
                                               np.mean([v == right for v in r2.values()])], abs=1e-3)
            await projector.screenshot(path=str(artifacts_dir / "class_mode_projector_shift.png"), full_page=True)

            print("round 2 done", round(time.monotonic() - t0, 1))
            # -- the class as the survey
            await projector.locator(".lm-TabBar-tab").nth(1).click()
            await projector.click(".sl-class-start-survey")
            await asyncio.gather(*[_rate(p, survey[i]) for i, p in enumerate(phones)])
            await phones[0].screenshot(path=str(artifacts_dir / "class_mode_phone_survey.png"), full_page=True)
            await _wait_count(projector, N_PHONES)
            await projector.wait_for_function(
                "(n) => (document.querySelector('.sl-class-gaps') || {}).innerText?.includes('(' + n + ' answers')",
                arg=N_PHONES, timeout=20_000)
            frame = pd.DataFrame(survey)
            gap_rows = (await projector.evaluate(TABLES, ".sl-class-gaps"))[0]["rows"]
            for d, row in zip(DIMS, gap_rows):
                gap = (frame[f"P_{d}"] - frame[f"E_{d}"]).mean()
                assert row[-1] == f"{gap:+.2f}".replace("-", "−"), (d, row)
            await projector.wait_for_selector(".sl-class-radar svg .mark-line path", state="attached", timeout=30_000)
            nps = 100 * ((frame["recommend"] >= 9).mean() - (frame["recommend"] <= 6).mean())
            expected_nps = f"NPS = {nps:+.0f}".replace("-", "−")
            # one refresh writes the gap table first and the NPS line last (the charts in between), so
            # the line may still show the previous refresh's answers for a moment: wait for it
            with contextlib.suppress(PlaywrightTimeout):
                await projector.wait_for_function(
                    "(s) => (document.querySelector('.sl-class-nps') || {}).innerText?.includes(s)",
                    arg=expected_nps, timeout=20_000)
            assert expected_nps in await projector.inner_text(".sl-class-nps")
            await projector.screenshot(path=str(artifacts_dir / "class_mode_projector_survey.png"), full_page=True)
            await phones[0].screenshot(path=str(artifacts_dir / "class_mode_phone_sent.png"))
            assert errors == [], errors
        finally:
            if "projector" in locals():
                await projector.screenshot(path=str(artifacts_dir / "class_mode_projector_last.png"))
                (artifacts_dir / "class_mode_projector_last.html").write_text(
                    await projector.evaluate("() => document.querySelector('.sl-class-panel')?.outerHTML || ''"), encoding="utf-8")
            await browser.close()


def test_panel_buttons_and_live_refresh_work_in_jupyterlab(chromium_path, artifacts_dir, tmp_path):
    """JupyterLab 4.6 runs widget callbacks on a kernel subshell thread: the buttons (open/close a
    round) and the polling thread's chart updates must work there too."""
    from servicelab.classroom import ClassStore
    from servicelab.testing.browser import chromium_page
    from servicelab.testing.lab import lab_server

    q = next(x for x in load_bank() if x.type == "single" and len(x.options) == 4)
    folder = tmp_path / "nb"
    folder.mkdir()
    _notebook(folder, q.id)
    db = tmp_path / "class.db"
    with lab_server(folder, env={"SERVICELAB_CLASS_DB": str(db)}) as (url, token), chromium_page(chromium_path) as page:
        page.goto(f"{url}lab/tree/class_mode.en.ipynb?token={token}", timeout=120_000)
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=120_000)
        page.wait_for_selector("text=Python 3 (ipykernel) | Idle", timeout=120_000)
        page.click("li.lm-MenuBar-item:has-text('Run')")
        page.click("li.lm-Menu-item:has-text('Run All Cells')")
        start = page.locator(".sl-class-start1")
        start.wait_for(timeout=120_000)
        start.scroll_into_view_if_needed()
        start.click()
        page.locator(".sl-class-toggle").click()
        store = ClassStore(db)
        try:
            page.wait_for_function("() => document.querySelector('.sl-class-count')?.textContent.includes('0 answered')",
                                   timeout=30_000)
            rid = store.current_round().id
            assert store.current_round().spec["question_id"] == q.id
            sent = {f"lab-phone-{i:04d}": k for i, k in enumerate([q.answer, q.answer, q.option_keys[0], q.option_keys[3]])}
            for device, key in sent.items():
                store.submit(rid, device, {"choice": [key]})
            page.wait_for_function("() => /Answers: 4(?!\\d)/.test(document.querySelector('.sl-class-votes svg')?.textContent)",
                                   timeout=20_000)
            assert "4 answered" in page.text_content(".sl-class-count")
            page.locator(".sl-class-close").click()
            page.wait_for_function("() => document.querySelector('.sl-class-count')?.textContent.includes('round closed')",
                                   timeout=20_000)
            assert not store.current_round().open
            page.locator(".sl-class-panel").screenshot(path=str(artifacts_dir / "class_mode_jupyterlab.png"))
        finally:
            store.close()
        assert page.errors == [], f"console errors: {page.errors}"
