import pytest
from sqlalchemy import func, select

from ecri_lms.accounts import services
from ecri_lms.accounts.audit.models import AuditEvent
from ecri_lms.accounts.models import User
from ecri_lms.accounts.permissions import SYSTEM, Cap, Role, can, grantable_roles, partner_scope
from ecri_lms.infra.errors import Conflict, NotFound, PermissionDenied, ValidationError
from ecri_lms.infra.extensions import db
from tests.factories import PASSWORD
from tests.outbox import outbox_emails


def sign_up(**overrides):
    data = dict(
        email="Ana.Lopez@Example.org",
        name="Ana López",
        password="a-sturdy-passphrase",
        partner_code="BIOIBAL",
        organisation_type="sme",
        organisation_name="Mallorca Genomics SL",
    )
    data.update(overrides)
    return services.SignUp(**data)


def user_count() -> int:
    return db.session.scalar(select(func.count()).select_from(User))


def test_sign_up_creates_a_trainee_in_the_partner_and_organisation(make):
    make.partners()
    user = services.sign_up_trainee(sign_up())
    assert user.email == "ana.lopez@example.org"
    assert user.role_set == {Role.TRAINEE}
    assert user.partner.code == "BIOIBAL"
    assert user.organisation.name == "Mallorca Genomics SL" and user.organisation.type == "sme"
    assert user.timezone == "Europe/Madrid"
    assert user.password_hash != "a-sturdy-passphrase"


def test_sign_up_reuses_an_organisation_whatever_its_spelling(make):
    make.partners()
    first = services.sign_up_trainee(sign_up())
    second = services.sign_up_trainee(sign_up(email="b@example.org", organisation_name="  mallorca   GENOMICS sl "))
    assert first.organisation_id == second.organisation_id


def test_duplicate_email_is_refused_without_a_second_account(make):
    make.partners()
    services.sign_up_trainee(sign_up())
    db.session.commit()
    with pytest.raises(Conflict, match="already exists"):
        services.sign_up_trainee(sign_up(email="ana.lopez@EXAMPLE.org"))
    db.session.rollback()
    assert user_count() == 1


@pytest.mark.parametrize(
    "password, reason",
    [
        ("short", "at least 10"),
        ("password123", "too common"),
        ("aaaaaaaaaaaa", "too common"),
        ("ana.lopez-2024", "e-mail"),
        ("lópez-is-my-name", "name"),
    ],
)
def test_weak_passwords_are_refused_with_the_reason(make, password, reason):
    make.partners()
    with pytest.raises(ValidationError, match=reason):
        services.sign_up_trainee(sign_up(password=password))


def test_sign_up_refuses_unknown_partner_and_organisation_type(make):
    make.partners()
    with pytest.raises(NotFound):
        services.sign_up_trainee(sign_up(partner_code="NOPE"))
    with pytest.raises(ValidationError, match="organisation type"):
        services.sign_up_trainee(sign_up(organisation_type="pirate"))


def test_authenticate_accepts_the_right_password_only(make):
    user = make.trainee(email="t@example.org")
    assert services.authenticate("T@example.org ", PASSWORD) == user
    assert services.authenticate("t@example.org", "wrong-password") is None
    assert services.authenticate("nobody@example.org", PASSWORD) is None


def test_a_suspended_account_cannot_log_in(make):
    user = make.trainee(email="t@example.org")
    services.set_active(SYSTEM, user, False)
    assert services.authenticate("t@example.org", PASSWORD) is None


def test_changing_the_password_logs_out_every_session(make):
    user = make.trainee()
    before = user.get_id()
    services.change_password(user, PASSWORD, "a-new-long-passphrase")
    assert user.get_id() != before
    with pytest.raises(ValidationError, match="current password"):
        services.change_password(user, "not-it-at-all", "another-long-passphrase")


def test_a_reset_token_works_once(make):
    user = make.trainee()
    token = services.make_reset_token(user)
    services.reset_password(token, "brand-new-passphrase")
    assert services.authenticate(user.email, "brand-new-passphrase") == user
    with pytest.raises(ValidationError, match="already been used"):
        services.reset_password(token, "yet-another-passphrase")


def test_a_reset_token_expires(app, make):
    user = make.trainee()
    token = services.make_reset_token(user)
    app.config["PASSWORD_RESET_MAX_AGE"] = -1
    try:
        with pytest.raises(ValidationError, match="expired"):
            services.reset_password(token, "brand-new-passphrase")
    finally:
        app.config["PASSWORD_RESET_MAX_AGE"] = 3600


def test_a_forged_reset_token_is_refused(make):
    make.trainee()
    with pytest.raises(ValidationError, match="not valid"):
        services.reset_password("forged.token.value", "brand-new-passphrase")


def test_an_unknown_address_is_told_that_no_account_uses_it_and_gets_no_link(make):
    make.partners()
    services.request_password_reset(" Ghost@Example.org ")
    db.session.commit()
    (message,) = outbox_emails()
    assert message["To"] == "ghost@example.org"
    assert "no active account uses it" in message.get_content() and "http" not in message.get_content()


def test_a_suspended_account_gets_no_reset_link_either(make):
    user = make.trainee(email="gone@example.org")
    user.active = False
    db.session.commit()
    services.request_password_reset("gone@example.org")
    db.session.commit()
    (message,) = outbox_emails()
    assert "no active account uses it" in message.get_content() and "/password/reset/" not in message.get_content()


def test_partner_coordinator_scope_is_their_partner(make):
    coordinator = make.partner_coordinator("LSK")
    lsk, hbio = make.partner("LSK"), make.partner("HBIO")
    assert partner_scope(coordinator, Cap.MANAGE_PEOPLE) == {lsk.id}
    assert can(coordinator, Cap.MANAGE_PEOPLE, lsk.id)
    assert not can(coordinator, Cap.MANAGE_PEOPLE, hbio.id)


def test_consortium_coordinator_reaches_every_partner(make):
    coordinator = make.consortium_coordinator()
    assert partner_scope(coordinator, Cap.VIEW_REPORTS) is None
    assert can(coordinator, Cap.MANAGE_NEEDS, make.partner("BIOPMED").id)


def test_a_trainee_may_only_learn(make):
    trainee = make.trainee()
    assert can(trainee, Cap.LEARN)
    for cap in Cap:
        if cap is not Cap.LEARN:
            assert not can(trainee, cap), cap


def test_a_user_may_hold_several_roles(make):
    user = make.user(Role.TRAINER, Role.TRAINEE)
    assert can(user, Cap.LEARN) and can(user, Cap.TEACH)


def test_people_listing_is_scoped_to_the_coordinators_partner(make):
    coordinator = make.partner_coordinator("LSK")
    mine = make.trainee("LSK")
    theirs = make.trainee("HBIO")
    visible = db.session.scalars(services.people_visible_to(coordinator)).all()
    assert mine in visible and coordinator in visible and theirs not in visible
    with pytest.raises(NotFound):
        services.get_person_for(coordinator, theirs.id)


def test_partner_coordinator_cannot_see_consortium_wide_accounts(make):
    coordinator = make.partner_coordinator("LSK")
    admin = make.admin()
    with pytest.raises(NotFound):
        services.get_person_for(coordinator, admin.id)


def test_partner_coordinator_grants_only_trainee_and_trainer(make):
    coordinator = make.partner_coordinator("LSK")
    person = make.trainee("LSK")
    assert grantable_roles(coordinator) == {Role.TRAINEE, Role.TRAINER}
    services.set_roles(coordinator, person, {Role.TRAINEE, Role.TRAINER})
    assert person.role_set == {Role.TRAINEE, Role.TRAINER}
    with pytest.raises(PermissionDenied):
        services.set_roles(coordinator, person, {Role.PARTNER_COORDINATOR})


def test_role_changes_are_audited(make):
    admin = make.admin()
    person = make.trainee()
    services.set_roles(admin, person, {Role.TRAINER})
    db.session.commit()
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "user.roles"))
    assert event.actor_id == admin.id and event.target_id == person.id
    assert event.details == {"before": ["trainee"], "after": ["trainer"]}


def test_an_admin_cannot_remove_their_own_admin_role(make):
    admin = make.admin()
    with pytest.raises(ValidationError, match="own admin"):
        services.set_roles(admin, admin, {Role.CONSORTIUM_COORDINATOR})


def test_create_user_requires_a_partner_for_partner_roles(make):
    make.partners()
    with pytest.raises(ValidationError, match="--partner"):
        services.create_user(
            SYSTEM,
            email="t@example.org",
            name="T",
            roles=[Role.TRAINER],
            partner_code=None,
            password="long-enough-pass",
        )
