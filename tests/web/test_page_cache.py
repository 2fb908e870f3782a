"""The cached public event page changes as soon as anything it shows changes, in every language."""
from competitions.venue_services import create_contest, create_venue, update_venue
from registrations.services import create_delegation
from tests.factories import PASSWORD, contest_data


def page(client, event_id, lang="zh"):
    return client.get(f"/events/{event_id}?lang={lang}").get_data(as_text=True)


def test_every_change_shows_at_once(client, organiser, dummy_event):
    eid = dummy_event.id
    assert "暂无比赛项目" in page(client, eid)
    create_contest(organiser, eid, contest_data(name="篮球3x3"))
    assert "篮球3x3" in page(client, eid)
    venue = create_venue(organiser, eid, {"name": "体育馆", "courts": 2})
    assert "体育馆" in page(client, eid)
    update_venue(organiser, venue.id, {"name": "体育馆", "courts": ["东场", "西场", "北场"]})
    assert "东场, 西场, 北场" in page(client, eid)
    create_delegation(organiser, eid, {"name": "白城市代表队", "division": "city",
                                       "leader": {"username": "bc", "password": PASSWORD}})
    assert "白城市代表队" in page(client, eid)
    assert "No contests yet" not in page(client, eid, "en") and "Delegations" in page(client, eid, "en")


def test_organisers_never_get_the_anonymous_copy(client, login, organiser, dummy_event):
    assert "编辑赛事" not in page(client, dummy_event.id)
    login("org")
    assert "编辑赛事" in page(client, dummy_event.id)


def test_unknown_event_is_404_not_cached(client):
    assert client.get("/events/424242").status_code == 404
