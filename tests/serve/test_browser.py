"""The page in a real browser (docs: serve.md#the-page): Debian's chromium driven
by Selenium through /usr/bin/chromedriver — no browser is downloaded. A person
drops the damaged example sheet with its request, sees the problems at their
cells, drops the corrected sheet and downloads the request: the same bytes
``segur-certificats import --into -o`` writes. The screenshot the docs show is
taken here (``SEGUR_SCREENSHOT=docs/serve-page.png`` writes it there).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from pathlib import Path

import pytest

import segur_certificats as sc
from segur_certificats import sheets
from segur_certificats.cli import main

from ..conftest import ROOT
from .running import serving

CHROMIUM = Path("/usr/bin/chromium")
DRIVER = Path("/usr/bin/chromedriver")
if not (CHROMIUM.exists() and DRIVER.exists()):
    pytest.skip(
        "chromium and chromium-driver are not installed "
        "(apt-get install -y chromium chromium-driver, as .ci/run does)",
        allow_module_level=True,
    )
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
pytest.importorskip("uvicorn", reason="the [serve] extra is not installed")

from selenium.common.exceptions import (  # noqa: E402
    NoSuchElementException,
    StaleElementReferenceException,
)
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support import expected_conditions  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

REQUEST = ROOT / "examples/ms1-plusieurs-entites.json"
DAMAGED = ROOT / "examples/sheets/clients-a-corriger.xlsx"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1600,1400",
)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    profile = tmp_path_factory.mktemp("profile")
    downloads = tmp_path_factory.mktemp("downloads")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    # The console, where a Content-Security-Policy violation is reported.
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    options.add_experimental_option(
        "prefs",
        {
            "download.default_directory": str(downloads),
            "download.prompt_for_download": False,
            "safebrowsing.enabled": False,
        },
    )
    driver = webdriver.Chrome(service=Service(str(DRIVER)), options=options)
    driver.downloads = downloads
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def address():
    with serving() as (url, _):
        yield url


def wait(driver, condition, seconds: float = 20):
    # The page redraws a result as its answer comes: an element found a moment
    # before may be gone, and is looked for again until the condition holds.
    return WebDriverWait(
        driver, seconds, ignored_exceptions=(StaleElementReferenceException, NoSuchElementException)
    ).until(condition)


def loaded(driver, address: str) -> None:
    driver.get(address)
    wait(driver, lambda d: not d.find_element(By.ID, "no-script").is_displayed())


def drop(driver, zone: str, *inputs: str) -> None:
    """Drop the files chosen in ``inputs`` on ``zone``, as a person drags them there."""
    driver.execute_script(
        """
        const transfer = new DataTransfer();
        for (const id of arguments[1]) {
          for (const file of document.getElementById(id).files) transfer.items.add(file);
        }
        const init = {dataTransfer: transfer, bubbles: true, cancelable: true};
        const event = new DragEvent("drop", init);
        document.getElementById(arguments[0]).dispatchEvent(event);
        """,
        zone,
        list(inputs),
    )


def test_a_person_corrects_a_sheet_and_downloads_the_request(browser, address, tmp_path, capsys):
    loaded(browser, address)
    assert browser.execute_script("return document.documentElement.lang") == "fr"
    # The damaged sheet and its request, dropped together.
    browser.find_element(By.ID, "import-sheet").send_keys(str(DAMAGED))
    browser.find_element(By.ID, "import-request").send_keys(str(REQUEST))
    drop(browser, "import-drop", "import-sheet", "import-request")
    wait(browser, expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "table.sheet")))
    report = sheets.read(DAMAGED, into=REQUEST.read_text(encoding="utf-8"))
    # A problem of a cell is shown at its cell; one of the whole sheet (an entity of
    # the request with no row) above the table.
    at_cells = [p for p in report.problems if "!" in (p.cell or "")]
    whole = [p for p in report.problems if p not in at_cells]
    assert at_cells
    assert whole
    section = browser.find_element(By.ID, "collect-result")
    above = section.text.split(browser.find_element(By.CSS_SELECTOR, "table.sheet").text)[0]
    for problem in whole:
        assert problem.message() in above
    for problem in at_cells:
        cell = browser.find_element(By.CSS_SELECTOR, f'[data-cell="{problem.cell}"]')
        classes = cell.get_attribute("class").split()
        assert ("cell-error" if problem.is_error else "cell-warning") in classes
        assert problem.code in cell.get_attribute("data-problems").split()
        assert problem.message() in cell.text
    marked = browser.find_elements(
        By.CSS_SELECTOR, "table.sheet .cell-error, table.sheet .cell-warning"
    )
    assert {m.get_attribute("data-cell") for m in marked} == {p.cell for p in at_cells}
    counts = browser.find_element(By.CSS_SELECTOR, "#collect-result .counts")
    assert counts.get_attribute("data-errors") == str(len(report.errors))
    assert not browser.find_elements(By.ID, "download-request")
    # The whole sheet in the picture: the window as wide as the table.
    for _ in range(3):  # the table grows with the window, up to its width
        width = browser.execute_script("return document.querySelector('table.sheet').scrollWidth")
        metrics = {"width": width + 200, "height": 1400, "deviceScaleFactor": 1, "mobile": False}
        browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    section = browser.find_element(By.ID, "collect-result")
    browser.execute_script("arguments[0].scrollIntoView()", section)
    screenshot = tmp_path / "serve-page.png"
    assert section.screenshot(str(screenshot))
    if os.environ.get("SEGUR_SCREENSHOT"):
        shutil.copyfile(screenshot, ROOT / os.environ["SEGUR_SCREENSHOT"])

    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

    # The corrected sheet: no error remains, the request downloads.
    corrected = tmp_path / "clients.xlsx"
    sheets.write_template(corrected, sc.loads(REQUEST.read_text(encoding="utf-8")))
    browser.find_element(By.ID, "import-sheet").send_keys(str(corrected))
    browser.find_element(By.CSS_SELECTOR, "#import-form button[type=submit]").click()
    button = wait(browser, expected_conditions.element_to_be_clickable((By.ID, "download-request")))
    button.click()
    downloaded = browser.downloads / REQUEST.name
    deadline = time.monotonic() + 20
    while not downloaded.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    out = tmp_path / "out.json"
    assert main(["import", str(corrected), "--into", str(REQUEST), "-o", str(out)]) == 0
    capsys.readouterr()
    assert downloaded.read_bytes() == out.read_bytes()


def test_a_read_only_request_is_refused_and_a_modified_one_dated(browser, address, tmp_path):
    # docs: editing.md#who-may-change, editing.md#dated — the page says what the API says.
    demande = sc.loads(REQUEST.read_text(encoding="utf-8"))
    first = demande.commandes[0]  # its order removed by the sheet: a modification
    sheet = tmp_path / "clients.csv"
    sheets.write_template(
        sheet,
        [e.evolve(administrateur=None) if e == first else e for e in demande.entites_juridiques],
    )
    text = REQUEST.read_text(encoding="utf-8")
    for statut, refused in (("En cours", True), ("A modifier", False)):
        request = tmp_path / statut.replace(" ", "-") / "demande.json"
        request.parent.mkdir()
        request.write_text(text.replace('"A modifier"', f'"{statut}"'), encoding="utf-8")
        loaded(browser, address)
        browser.find_element(By.ID, "import-sheet").send_keys(str(sheet))
        browser.find_element(By.ID, "import-request").send_keys(str(request))
        browser.find_element(By.CSS_SELECTOR, "#import-form button[type=submit]").click()
        wait(
            browser,
            expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "table.sheet")),
        )
        section = browser.find_element(By.ID, "collect-result")
        report = sheets.read(sheet, into=request.read_text(encoding="utf-8"))
        assert [p.code for p in report.errors] == (["edit.read-only"] if refused else [])
        if refused:
            assert report.problems[0].message() in section.text
            assert not browser.find_elements(By.ID, "download-request")
        else:
            wait(browser, expected_conditions.element_to_be_clickable((By.ID, "download-request")))
            assert report.written is not None
            assert f'"dateModification": "{dt.date.today().isoformat()}"' in str(report.written)


def test_checking_a_request_shows_each_problem_at_its_field(browser, address, tmp_path):
    loaded(browser, address)
    text = REQUEST.read_text(encoding="utf-8").replace("04 91 38 00 00", "04 91 38 00")
    broken = tmp_path / "demande.json"
    broken.write_text(text, encoding="utf-8")
    browser.find_element(By.ID, "check-file").send_keys(str(broken))
    drop(browser, "check-drop", "check-file")
    cell = wait(
        browser,
        expected_conditions.presence_of_element_located(
            (By.CSS_SELECTOR, "table.screen td.cell-error")
        ),
    )
    (problem,) = sc.validate(text).errors
    assert cell.get_attribute("data-path") == problem.path
    assert problem.message() in cell.text
    row = browser.find_element(By.CSS_SELECTOR, f'table.problems tr[data-path="{problem.path}"]')
    assert problem.code in row.text


def test_the_scenarios_and_the_english_switch_with_the_keyboard(browser, address):
    loaded(browser, address)
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    assert browser.switch_to.active_element.get_attribute("class") == "skip"
    body.send_keys(Keys.TAB)
    switch = browser.switch_to.active_element
    assert switch.get_attribute("id") == "lang-switch"
    switch.send_keys(Keys.ENTER)
    wait(browser, lambda d: d.execute_script("return document.documentElement.lang") == "en")
    assert browser.find_element(By.ID, "explore-h").text == "Explore the scenarios"
    # Answers chosen with the keyboard: Statut Structure, OG contracted.
    og_yes = browser.find_element(By.CSS_SELECTOR, "input[name=answer-0][value=true]")
    og_yes.send_keys(Keys.SPACE)
    statut = browser.find_element(By.CSS_SELECTOR, "input[name=answer-1][value=S]")
    statut.send_keys(Keys.SPACE)
    editeur = browser.find_element(By.CSS_SELECTOR, "input[name=answer-2][value=false]")
    editeur.send_keys(Keys.SPACE)
    current = 'table.scenarios tr[aria-current="true"][data-row="7"]'
    wait(browser, lambda d: "◀" in d.find_element(By.CSS_SELECTOR, current).text)
    wait(
        browser,
        lambda d: (
            d.find_element(By.CSS_SELECTOR, "#explore-result .verdict").text
            == "CPx card number MANDATORY"
        ),
    )
    switch = browser.find_element(By.ID, "lang-switch")
    switch.click()
    wait(browser, lambda d: d.execute_script("return document.documentElement.lang") == "fr")
    explanation = wait(
        browser,
        lambda d: d.find_element(By.CSS_SELECTOR, "#explore-result .explanation").text.startswith(
            "Ligne 7"
        ),
    )
    assert explanation
    # Nothing the policy refused, nothing that failed.
    errors = [
        entry
        for entry in browser.get_log("browser")
        if entry["level"] == "SEVERE" and "favicon" not in entry["message"]
    ]
    assert errors == []


def test_the_template_downloads_for_a_request(browser, address):
    loaded(browser, address)
    browser.find_element(By.ID, "template-request").send_keys(str(REQUEST))
    browser.find_element(By.CSS_SELECTOR, "#template-form button[type=submit]").click()
    downloaded = browser.downloads / "administrateurs.xlsx"
    deadline = time.monotonic() + 20
    while not downloaded.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    report = sheets.read(downloaded)
    assert report.ok
    assert report.entites == sc.loads(REQUEST.read_text(encoding="utf-8")).entites_juridiques
