#!/usr/bin/python3
"""Browser tests of sparkfit's HTML report, in headless Chromium driven through WebDriver.

Usage: test_report.py --artifacts DIR [--docs-screenshot FILE.png] PAGE.html [PAGE.html ...]

Each page is loaded from file:// at a laptop width (1280 px) and a phone width (390 px), and checked
as a person would see it: it loads with no console errors and no network requests; the
recommended point of the cost-runtime chart sits where its runtime and cost put it under the
chart's own axis mapping; no two text labels of a chart overlap and none leaves its chart; the page
does not scroll sideways; it has no scripts. Screenshots (light, dark) and a printed PDF are
written to the artefacts folder. Needs Debian's chromium, chromium-driver and python3-selenium
(scripts/test-browser.sh checks and skips without them).
"""

import argparse
import base64
import json
import math
import os
import pathlib
import shutil
import sys
import tempfile
import traceback

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
WIDTHS = (1280, 390)
POSITION_TOLERANCE_PX = 1.5


def start_browser(profile_dir):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                 "--disable-dev-shm-usage", "--hide-scrollbars", "--user-data-dir=" + profile_dir):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


def set_viewport(driver, width, height=900):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})


def set_media(driver, media="", dark=False):
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
        "media": media,
        "features": [{"name": "prefers-color-scheme", "value": "dark" if dark else "light"}]})


def load(driver, page):
    driver.get_log("browser")      # drain what an earlier load left
    driver.get_log("performance")
    driver.get(page.resolve().as_uri())
    driver.execute_script("return document.readyState")


# JavaScript: every visible chart with its viewBox, its axes' data attributes and its text boxes.
CHARTS_JS = """
const out = [];
for (const svg of document.querySelectorAll('svg.chart')) {
  const r = svg.getBoundingClientRect();
  if (r.width === 0 || r.height === 0) continue;
  const vb = svg.viewBox.baseVal;
  const texts = [];
  for (const t of svg.querySelectorAll('text')) {
    const b = t.getBoundingClientRect();
    if (b.width === 0 && b.height === 0) continue;
    texts.push({text: t.textContent, id: t.id, left: b.left, top: b.top, right: b.right, bottom: b.bottom});
  }
  out.push({id: svg.id, rect: {left: r.left, top: r.top, width: r.width, height: r.height},
            viewBox: {x: vb.x, y: vb.y, width: vb.width, height: vb.height},
            data: Object.assign({}, svg.dataset), texts: texts});
}
return out;
"""


def axis_map(data, prefix, value):
    lo, hi = float(data[prefix + "Lo"]), float(data[prefix + "Hi"])
    px_lo, px_hi = float(data[prefix + "PxLo"]), float(data[prefix + "PxHi"])
    if data[prefix + "Log"] == "1":
        t = (math.log10(value) - math.log10(lo)) / (math.log10(hi) - math.log10(lo))
    else:
        t = (value - lo) / (hi - lo)
    return px_lo + t * (px_hi - px_lo)


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def run(self, name, fn, *args):
        try:
            fn(*args)
            self.passed += 1
            print("ok     " + name, flush=True)
        except AssertionError as error:
            self.failed += 1
            print("FAILED " + name + ": " + str(error), flush=True)
        except Exception:  # a broken check is a failure too, with its trace
            self.failed += 1
            print("FAILED " + name + ":\n" + traceback.format_exc(), flush=True)


def check_console(driver):
    entries = driver.get_log("browser")
    errors = [e for e in entries if e.get("level") in ("SEVERE", "ERROR")]
    assert not errors, "console errors: " + "; ".join(e.get("message", "") for e in errors)


def check_network(driver, page):
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        method = message.get("method", "")
        params = message.get("params", {})
        if method == "Network.requestWillBeSent":
            urls.append(params["request"]["url"])
        elif method == "Network.webSocketCreated":
            urls.append(params["url"])
    assert any(u.startswith("file:") for u in urls), "the performance log saw no request at all, not even the page's"
    outside = [u for u in urls if not (u.startswith("file:") or u.startswith("data:"))]
    assert not outside, "network requests: " + ", ".join(outside)
    page_url = page.resolve().as_uri()
    others = [u for u in urls if u.startswith("file:") and u != page_url]
    assert not others, "the page loaded other files: " + ", ".join(others)


def check_no_scripts(driver):
    count = driver.execute_script("return document.querySelectorAll('script, iframe, object, embed, img, link').length")
    assert count == 0, "%d script, frame, image or link elements" % count


def check_recommended_position(driver, charts):
    scatter = [c for c in charts if "scatter" in c["id"]]
    if not scatter:
        return
    assert len(scatter) == 1, "expected one visible scatter chart, saw " + ", ".join(c["id"] for c in scatter)
    chart = scatter[0]
    found = driver.execute_script("""
      const svg = document.getElementById(arguments[0]);
      const mark = svg.querySelector('[id$="-recommended"]') || svg.querySelector('[id$="-current"]');
      if (!mark) return null;
      const b = mark.getBoundingClientRect();
      return {id: mark.id, runtime: mark.dataset.runtimeS, cost: mark.dataset.costUsd,
              cx: mark.getAttribute('cx'), cy: mark.getAttribute('cy'),
              x: (b.left + b.right) / 2, y: (b.top + b.bottom) / 2};
    """, chart["id"])
    if found is None:
        return
    runtime, cost = float(found["runtime"]), float(found["cost"])
    # The numbers in the chart are the numbers in the page's summary and table.
    summary = driver.execute_script("""
      const s = document.getElementById('summary-point');
      return s ? {runtime: s.dataset.runtimeS, cost: s.dataset.costUsd} : null;""")
    if summary is not None and found["id"].endswith("-recommended"):
        assert float(summary["runtime"]) == runtime and float(summary["cost"]) == cost, \
            "the chart's recommended point (%s, %s) is not the summary's (%s, %s)" % (
                runtime, cost, summary["runtime"], summary["cost"])
    vb, rect = chart["viewBox"], chart["rect"]
    scale_x, scale_y = rect["width"] / vb["width"], rect["height"] / vb["height"]
    assert abs(scale_x - scale_y) < 0.01, "the chart is stretched: %.4f x %.4f" % (scale_x, scale_y)
    want_x = rect["left"] + (axis_map(chart["data"], "x", runtime) - vb["x"]) * scale_x
    want_y = rect["top"] + (axis_map(chart["data"], "y", cost) - vb["y"]) * scale_y
    assert abs(found["x"] - want_x) <= POSITION_TOLERANCE_PX and abs(found["y"] - want_y) <= POSITION_TOLERANCE_PX, \
        "%s drawn at (%.1f, %.1f) px, its runtime %s s and cost %s put it at (%.1f, %.1f)" % (
            found["id"], found["x"], found["y"], runtime, cost, want_x, want_y)
    # Inside the plot, not on the frame's edge by accident of clipping.
    assert rect["left"] <= found["x"] <= rect["left"] + rect["width"], "the recommended point is outside its chart"


def check_labels(charts):
    problems = []
    for chart in charts:
        r = chart["rect"]
        texts = chart["texts"]
        for t in texts:
            if t["left"] < r["left"] - 1 or t["right"] > r["left"] + r["width"] + 1 or \
                    t["top"] < r["top"] - 1 or t["bottom"] > r["top"] + r["height"] + 1:
                problems.append("%s: '%s' leaves the chart" % (chart["id"], t["text"]))
        for i in range(len(texts)):
            for j in range(i + 1, len(texts)):
                a, b = texts[i], texts[j]
                w = min(a["right"], b["right"]) - max(a["left"], b["left"])
                h = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
                if w > 0.5 and h > 0.5:
                    problems.append("%s: '%s' overlaps '%s' (%.1f x %.1f px)" % (chart["id"], a["text"], b["text"], w, h))
    assert not problems, "; ".join(problems[:12]) + (" (and %d more)" % (len(problems) - 12) if len(problems) > 12 else "")


def check_no_sideways_scroll(driver, width):
    scroll = driver.execute_script("return document.documentElement.scrollWidth")
    assert scroll <= width, "the page is %d px wide in a %d px viewport" % (scroll, width)


def check_charts_visible(charts, width):
    assert charts, "no chart is visible"
    want = "wide-" if width >= 640 else "narrow-"
    wrong = [c["id"] for c in charts if not c["id"].startswith(want)]
    assert not wrong, "charts for the other width are shown: " + ", ".join(wrong)


def screenshot(driver, path, width, max_height=None, scale=1):
    height = driver.execute_script("return Math.ceil(document.documentElement.scrollHeight)")
    if max_height:
        height = min(height, max_height)
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": scale}})
    path.write_bytes(base64.b64decode(shot["data"]))


def check_dark_mode(driver, page, artifacts, stem):
    set_media(driver, dark=True)
    load(driver, page)
    bg = driver.execute_script("return getComputedStyle(document.body).backgroundColor")
    channels = [int(x) for x in bg[bg.index("(") + 1:bg.index(")")].split(",")[:3]]
    assert sum(channels) / 3 < 60, "dark mode background is " + bg
    screenshot(driver, artifacts / (stem + "-1280-dark.png"), 1280)
    check_console(driver)
    set_media(driver)


def check_print(driver, page, artifacts, stem):
    set_media(driver, media="print")
    load(driver, page)
    shown = driver.execute_script("""
      return Array.from(document.querySelectorAll('svg.chart'))
        .filter(s => s.getBoundingClientRect().width > 0).map(s => s.id);""")
    assert shown and all(s.startswith("wide-") for s in shown), "printed charts: " + ", ".join(shown)
    set_media(driver)
    pdf = driver.execute_cdp_cmd("Page.printToPDF", {"printBackground": True})
    (artifacts / (stem + ".pdf")).write_bytes(base64.b64decode(pdf["data"]))


def docs_screenshot(driver, page, target):
    """The README's picture: the top of the page at 1280 px, down to the end of the layout drawing."""
    set_viewport(driver, 1280)
    set_media(driver)
    load(driver, page)
    bottom = driver.execute_script("""
      const f = document.querySelector('#layout figure') || document.querySelector('#tradeoff figure');
      return f ? Math.ceil(f.getBoundingClientRect().bottom + window.scrollY + 16) : 1600;""")
    screenshot(driver, target, 1280, max_height=min(bottom, 2000), scale=0.8)  # small enough to commit
    size = target.stat().st_size
    assert size < 300 * 1024, "%s is %d KB: keep it under 300 KB" % (target, size // 1024)
    print("wrote %s (%d KB)" % (target, size // 1024), flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--artifacts", required=True, type=pathlib.Path)
    parser.add_argument("--docs-screenshot", type=pathlib.Path)
    parser.add_argument("pages", nargs="+", type=pathlib.Path)
    args = parser.parse_args()
    args.artifacts.mkdir(parents=True, exist_ok=True)
    checks = Checks()
    profile = tempfile.mkdtemp(prefix="sparkfit-chromium-")
    driver = start_browser(profile)
    try:
        for page in args.pages:
            stem = page.stem
            for width in WIDTHS:
                name = "%s @%dpx" % (page.name, width)
                set_viewport(driver, width)
                set_media(driver)
                load(driver, page)
                charts = driver.execute_script(CHARTS_JS)
                checks.run(name + ": no console errors", check_console, driver)
                checks.run(name + ": no network requests", check_network, driver, page)
                checks.run(name + ": no scripts or embedded resources", check_no_scripts, driver)
                checks.run(name + ": the charts for this width are shown", check_charts_visible, charts, width)
                checks.run(name + ": the recommended point sits where its numbers put it",
                           check_recommended_position, driver, charts)
                checks.run(name + ": chart labels do not overlap", check_labels, charts)
                checks.run(name + ": no sideways scrolling", check_no_sideways_scroll, driver, width)
                screenshot(driver, args.artifacts / ("%s-%d.png" % (stem, width)), width)
            set_viewport(driver, 1280)
            checks.run(page.name + ": dark mode", check_dark_mode, driver, page, args.artifacts, stem)
            checks.run(page.name + ": print", check_print, driver, page, args.artifacts, stem)
        if args.docs_screenshot:
            docs_screenshot(driver, args.pages[0], args.docs_screenshot)
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
    print("screenshots and PDFs in %s" % args.artifacts)
    print("%d passed, %d failed" % (checks.passed, checks.failed))
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
