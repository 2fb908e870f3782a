"""In a real browser on a phone: a leader uploads a series of four photographs and sees their thumbnails."""
import pytest

from tests.browser.conftest import log_in, screenshot
from tests.web.works_support import author_entry, jpeg, photo_contest, uploads  # noqa: F401 (autouse fixture)

pytestmark = pytest.mark.browser


def test_leader_uploads_a_series_on_a_phone(phone, live_server, organiser, dummy_event, dummy_delegation, tmp_path):
    entry = author_entry(photo_contest(organiser, dummy_event, "series"), dummy_delegation)
    photos = []
    for i in range(4):
        path = tmp_path / f"组照{i + 1}.jpg"
        path.write_bytes(jpeg(900, 600, colour=(40 * i, 120, 200 - 30 * i)))
        photos.append(str(path))
    log_in(phone, live_server, "leader1")
    phone.goto(f"{live_server}/entries/{entry.id}/works")
    assert phone.locator("#files").get_attribute("multiple") is not None
    phone.fill("#title", "林海雪原")
    phone.set_input_files("#files", photos[:3])
    phone.click("main button[type=submit]")
    phone.wait_for_selector("text=组照须为 4 至 8 张（您上传了 3 张）。")
    phone.fill("#title", "林海雪原")
    phone.set_input_files("#files", photos)
    phone.click("main button[type=submit]")
    phone.wait_for_selector("text=作品已提交。")
    thumbs = phone.locator("main img")
    assert thumbs.count() == 4
    for i in range(4):  # lazy images load once scrolled into view; wait for each rather than read it at once
        thumbs.nth(i).scroll_into_view_if_needed()
        thumbs.nth(i).evaluate("img => img.complete ? null : new Promise(done => img.addEventListener('load', done))")
    assert all(thumbs.nth(i).evaluate("img => img.naturalWidth") == 400 for i in range(4))
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling on a phone
    screenshot(phone, "works-series-phone-zh")
