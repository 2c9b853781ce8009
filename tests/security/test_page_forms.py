"""Finding the forms of a page as a browser sees them, for the fuzzer."""

from tests.security.page_forms import forms_in, targets_of


def test_a_control_or_button_outside_its_form_counts_for_that_form():
    html = (
        '<form id="move" method="post"><input type="hidden" name="csrf_token" value="t"><select name="target">'
        '</select></form><input form="move" name="note"><button form="move" formaction="/registrations/1/move">'
        'Move</button><form method="post" action="/registrations/1/remove"><input name="reason"><button>Remove'
        '</button></form><form method="post"><input name="email"></form>'
    )
    move, remove, own_page = forms_in(html)
    assert (targets_of(move, "/runs/1/registrations"), move["fields"]) == (
        ["/registrations/1/move"],
        {"target": "select", "note": "text"},
    )
    assert (targets_of(remove, "/runs/1/registrations"), remove["fields"]) == (
        ["/registrations/1/remove"],
        {"reason": "text"},
    )
    assert targets_of(own_page, "/runs/1/registrations?page=2") == ["/runs/1/registrations"]
