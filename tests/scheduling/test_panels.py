"""Other areas add panels to a run's page (needs: the plan items it serves; evaluations), in order, when visible."""


def _panel_ids(page: str) -> list[str]:
    """The run panels a page shows, in the order it shows them."""
    return [piece.split('"')[0] for piece in page.split('id="run-panel-')[1:]]


def test_the_run_page_shows_each_person_the_panels_that_concern_them_in_order(client, login_as, make):
    run = make.run(partner="HBIO")
    trainee = make.trainee("HBIO")
    make.registration(run, trainee)
    shown = {}
    for name, person in {
        "coordinator": make.partner_coordinator("HBIO"),
        "trainee": trainee,
        "stranger": make.trainee("HBIO"),
    }.items():
        login_as(person)
        shown[name] = _panel_ids(client.get(f"/runs/{run.id}").text)

    assert shown == {"coordinator": ["plan-items", "evaluation"], "trainee": ["evaluation"], "stranger": []}
