"""Matching and ranking alternatives, with explanations; the invitation; the view."""

from __future__ import annotations

import pytest

from toolkit import data, recommend
from toolkit.alternatives import NEEDS, RecommendError, invitation
from toolkit.alternatives.recommend import EU_EEA, _check
from toolkit.i18n import t
from toolkit.ui import WorkshopApp


def test_only_alternatives_that_replace_a_used_service():
    ranked = recommend(["slack"])
    assert len(ranked) > 0
    alts = data.records("alternatives")
    assert all("slack" in alts[a]["replaces"] for a in ranked.index)
    assert all(t("alt.replaces", "en", names="Slack") in why for why in ranked["why"])


def test_needs_rank_and_explain():
    ranked = recommend(["whatsapp"], needs=["no-phone-number", "e2ee-default"])
    alts = data.records("alternatives")
    met = ranked["needs_met"].tolist()
    assert met == sorted(met, reverse=True)
    top = ranked.index[0]
    assert alts[top]["phone_number_required"] is False and alts[top]["e2ee_default"] is True
    assert t("need.no-phone-number", "en") in ranked.loc[top, "why"]
    if "signal" in ranked.index:
        assert t("lack.no-phone-number", "en") in ranked.loc["signal", "lacks"]
        assert ranked.index.get_loc("signal") > 0


def test_unknown_values_are_said_not_guessed():
    alts = data.records("alternatives")
    unknown = [a for a, r in alts.items() if r["ai_training"] == "unknown"]
    assert unknown
    assert _check(alts[unknown[0]], "no-ai-training") is None
    rec = {"jurisdiction": "DE"}
    assert _check(rec, "eu-based") is True and "US" not in EU_EEA


def test_every_need_can_be_checked_on_every_record():
    for record in data.records("alternatives").values():
        for need in NEEDS:
            assert _check(record, need) in (True, False, None)


def test_explanations_in_german():
    ranked = recommend(["whatsapp"], needs=["e2ee-default"], lang="de")
    assert any(t("need.e2ee-default", "de") in why for why in ranked["why"])


@pytest.mark.parametrize(
    ("uses", "needs", "named"),
    [
        (["myspace"], (), "'myspace'"),
        (["slack"], ["teleportation"], "'teleportation'"),
        (["<script>"], (), "'<script>'"),
    ],
)
def test_unknown_ids_and_needs_are_named(uses, needs, named):
    with pytest.raises(RecommendError, match=named):
        recommend(uses, needs)


def test_invitation_in_both_languages_keeps_input_literal():
    de = invitation(
        "mastodon", lang="de", uses=["x"], needs=["federated"], sender="{{ 7*7 }}\r\nBcc: x"
    )
    assert "Kommen Sie mit?" in de and "https://" in de
    assert "{{ 7*7 }} Bcc: x" in de and "49" not in de
    en = invitation("mastodon", lang="en", uses=["x"])
    assert en.startswith("Hello,") and "Mastodon" in en
    with pytest.raises(RecommendError):
        invitation("nope")


def test_view_prefills_ranks_compares_and_invites():
    app = WorkshopApp()
    app.session.services = ["slack", "whatsapp"]
    app.show("alternatives")
    view = app.views["alternatives"]
    assert view.uses["slack"].value and view.uses["whatsapp"].value
    view.needs["no-phone-number"].value = True
    ranked = view.value
    assert view.pick.value == ranked.index[0]
    assert ranked.iloc[0]["name"] in view.cards.value
    view.compare.value = tuple(ranked.index[:2])
    assert t("alt.row.license", "en") in view.comparison.value
    view.invite_sender.value = "Ana <b>"
    assert "Ana <b>" in view.invitation.value  # plain text for copying; shown in a text box
    view.choose.click()
    assert app.session.alternatives == [ranked.index[0]]
    app.session.lang = "de"
    assert t("alt.needs", "de") in view._needs_label.value
    app.clear()
    assert not view.uses["slack"].value and view.invite_sender.value == ""
