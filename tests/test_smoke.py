import pytest


@pytest.mark.django_db
def test_health_and_home_render(client):
    assert client.get("/healthz").content == b"ok"
    page = client.get("/")
    assert page.status_code == 200
    assert "ICP 备案" in page.content.decode()
