"""Which addresses count as private, and how the fetch limits are read from the environment."""

from __future__ import annotations

import pytest

from graph.web.fetch import USER_AGENT, FetchPolicy, is_public


@pytest.mark.parametrize("address", [
    "127.0.0.1", "127.8.9.10", "::1", "10.1.2.3", "172.16.0.9", "192.168.1.1", "169.254.169.254", "100.64.0.1",
    "0.0.0.0", "::", "fc00::1", "fe80::1%eth0", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "224.0.0.251", "ff02::1",
    "192.0.2.7", "198.18.0.1", "240.0.0.1", "255.255.255.255"])
def test_loopback_private_link_local_and_reserved_addresses_are_not_public(address: str) -> None:
    assert not is_public(address)


@pytest.mark.parametrize("address", ["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.4.4"])
def test_public_addresses_are_public(address: str) -> None:
    assert is_public(address)


def test_limits_come_from_the_environment_and_options_win(monkeypatch: pytest.MonkeyPatch) -> None:
    assert FetchPolicy.from_env() == FetchPolicy()
    assert FetchPolicy().user_agent == USER_AGENT and USER_AGENT.startswith("geokg/")
    monkeypatch.setenv("GEOKG_FETCH_TIMEOUT", "2.5")
    monkeypatch.setenv("GEOKG_FETCH_MAX_BYTES", "1000")
    monkeypatch.setenv("GEOKG_USER_AGENT", "newsroom-bot/1.0")
    monkeypatch.setenv("GEOKG_FETCH_ALLOW_PRIVATE", "1")
    assert FetchPolicy.from_env() == FetchPolicy(2.5, 1000, "newsroom-bot/1.0", True)
    assert FetchPolicy.from_env(timeout=9.0).timeout == 9.0
    monkeypatch.setenv("GEOKG_FETCH_MAX_BYTES", "lots")
    with pytest.raises(ValueError, match="GEOKG_FETCH_MAX_BYTES"):
        FetchPolicy.from_env()
