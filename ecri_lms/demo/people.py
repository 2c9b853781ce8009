"""The consortium's people: coordinators, trainers and trainees in every partner."""

import random
import unicodedata

from ..accounts.models import User, UserRole
from ..accounts.partners.services import ensure_consortium, find_or_create_organisation
from ..accounts.passwords import hash_password
from ..accounts.permissions import Role
from ..infra.extensions import db

DEMO_PASSWORD = "ecri-demo-pass"
DEMO_DOMAIN = "demo.ecri-lms.eu"

MALE, FEMALE = "m", "f"
# First names with their gender, so that a surname takes the matching form.
FIRST_NAMES = {
    "BIOIBAL": [
        ("José", MALE),
        ("María", FEMALE),
        ("Joan", MALE),
        ("Catalina", FEMALE),
        ("Miquel", MALE),
        ("Núria", FEMALE),
        ("Antoni", MALE),
        ("Margalida", FEMALE),
        ("Álvaro", MALE),
        ("Lucía", FEMALE),
    ],
    "HBIO": [
        ("Νίκος", MALE),
        ("Eleni", FEMALE),
        ("Giorgos", MALE),
        ("Maria", FEMALE),
        ("Dimitris", MALE),
        ("Katerina", FEMALE),
        ("Yannis", MALE),
        ("Sofia", FEMALE),
        ("Kostas", MALE),
        ("Anna", FEMALE),
    ],
    "LSK": [
        ("Łukasz", MALE),
        ("Agnieszka", FEMALE),
        ("Paweł", MALE),
        ("Małgorzata", FEMALE),
        ("Tomasz", MALE),
        ("Zofia", FEMALE),
        ("Michał", MALE),
        ("Katarzyna", FEMALE),
        ("Piotr", MALE),
        ("Ewa", FEMALE),
    ],
    "BIOPMED": [
        ("Giulia", FEMALE),
        ("Marco", MALE),
        ("Francesca", FEMALE),
        ("Luca", MALE),
        ("Chiara", FEMALE),
        ("Matteo", MALE),
        ("Elena", FEMALE),
        ("Davide", MALE),
        ("Sara", FEMALE),
        ("Andrea", MALE),
    ],
}
# Surnames as "masculine/feminine" where the language inflects them by gender (Polish -ski/-ska, -cki/-cka,
# -ny/-na; Greek -os/-ou, -is/-i); one form where it does not (Nowak, Georgiou, Rossi).
LAST_NAMES = {
    "BIOIBAL": ["Núñez", "Ferrer", "Oliver", "Vidal", "Pons", "Serra", "Mas", "Riera", "Bauzà", "Amengual"],
    "HBIO": [
        "Papadopoulos/Papadopoulou",
        "Georgiou",
        "Nikolaidis/Nikolaidou",
        "Καραγιάννης/Καραγιάννη",
        "Oikonomou",
        "Vlachos/Vlachou",
        "Ioannou",
        "Petrou",
        "Christou",
        "Makris/Makri",
    ],
    "LSK": [
        "Żółkiewski/Żółkiewska",
        "Kowalski/Kowalska",
        "Nowak",
        "Wiśniewski/Wiśniewska",
        "Wójcik",
        "Kamiński/Kamińska",
        "Nowicki/Nowicka",
        "Zieliński/Zielińska",
        "Czarny/Czarna",
        "Dąbrowski/Dąbrowska",
    ],
    "BIOPMED": ["Rossi", "Bianchi", "Ferrero", "Colombo", "Ricci", "Gallo", "Conti", "Bruno", "Marino", "Greco"],
}
ORGANISATIONS = {
    "BIOIBAL": [
        ("Mallorca Genomics SL", "sme"),
        ("Tramuntana Diagnostics SL", "sme"),
        ("Illes Biomedical SL", "sme"),
        ("Posidonia Marine Bio SL", "sme"),
        ("IdISBa – Balearic Health Research Institute", "research"),
        ("Universitat de les Illes Balears", "research"),
        ("BIOIB cluster office", "cluster_team"),
        ("Balearic Government – Innovation Directorate", "public_body"),
    ],
    "HBIO": [
        ("Attica Peptides SA", "sme"),
        ("Hellas MedTech IKE", "sme"),
        ("Aegean Bioinformatics IKE", "sme"),
        ("Olympus Biologics SA", "large_company"),
        ("FORTH – Institute of Molecular Biology", "research"),
        ("PRAXI Network", "cluster_team"),
        ("Hellenic BioCluster office", "cluster_team"),
    ],
    "LSK": [
        ("Wawel Biotech sp. z o.o.", "sme"),
        ("Vistula Diagnostics sp. z o.o.", "sme"),
        ("Kraków Clinical Research sp. z o.o.", "sme"),
        ("Tatra Pharma SA", "large_company"),
        ("Jagiellonian University Medical College", "research"),
        ("LifeScience Kraków cluster office", "cluster_team"),
        ("Małopolska Regional Development Agency", "public_body"),
    ],
    "BIOPMED": [
        ("Canavese Devices srl", "sme"),
        ("Langhe Biotech srl", "sme"),
        ("Torino Omics srl", "sme"),
        ("Monviso Pharma SpA", "large_company"),
        ("University of Turin – Molecular Biotechnology Center", "research"),
        ("Bioindustry Park Silvano Fumero", "cluster_team"),
        ("Piedmont Region – Innovation Office", "public_body"),
    ],
}

TRAINEES_PER_PARTNER = 12


def full_name(first: tuple[str, str], last: str) -> str:
    """First name and surname, the surname in the form that agrees with the first name's gender."""
    name, gender = first
    masculine, _, feminine = last.partition("/")
    return f"{name} {(feminine or masculine) if gender == FEMALE else masculine}"


def _email(local: str) -> str:
    return f"{local}@{DEMO_DOMAIN}"


def _ascii_local(name: str) -> str:
    """An e-mail local part from a name: accents dropped, other scripts left out."""
    decomposed = unicodedata.normalize("NFKD", name.replace("ł", "l").replace("Ł", "L"))
    ascii_only = decomposed.encode("ascii", "ignore").decode().lower().replace(" ", ".")
    local = ".".join(part for part in ascii_only.split(".") if part.isalnum())
    return local or "member"


def _add_user(
    email: str,
    name: str,
    roles: list[Role],
    password_hash: str,
    partner=None,
    organisation=None,
    job_title: str | None = None,
) -> User:
    user = User(
        email=email,
        name=name,
        password_hash=password_hash,
        partner_id=partner.id if partner else None,
        organisation_id=organisation.id if organisation else None,
        timezone=partner.timezone if partner else "Europe/Brussels",
        job_title=job_title,
    )
    user.roles.extend(UserRole(role=r.value) for r in roles)
    db.session.add(user)
    return user


def load_people(rng: random.Random) -> dict:
    """Partners, then an admin, coordinators, six trainers and 48 trainees; returns them by kind."""
    partners = {p.code: p for p in ensure_consortium()}
    password_hash = hash_password(DEMO_PASSWORD)
    people: dict = {"trainers": [], "trainees": [], "partner_coordinators": {}}
    people["admin"] = _add_user(_email("admin"), "Ada Admin", [Role.ADMIN], password_hash)
    bioibal = partners["BIOIBAL"]
    team = find_or_create_organisation(bioibal, "BIOIB cluster office", "cluster_team")
    people["consortium_coordinator"] = _add_user(
        _email("coordinator"),
        "Catalina Coordinadora",
        [Role.CONSORTIUM_COORDINATOR],
        password_hash,
        bioibal,
        team,
        "ECRI project coordinator",
    )
    trainer_partners = ["BIOIBAL", "HBIO", "LSK", "BIOPMED", "HBIO", "LSK"]
    for index, code in enumerate(trainer_partners):
        partner = partners[code]
        name = full_name(FIRST_NAMES[code][index], LAST_NAMES[code][-1 - index])
        suffix = "" if index < 4 else "2"
        people["trainers"].append(
            _add_user(
                _email(f"trainer{suffix}.{code.lower()}"),
                name,
                [Role.TRAINER],
                password_hash,
                partner,
                None,
                "Trainer",
            )
        )
    for code, partner in partners.items():
        orgs = [find_or_create_organisation(partner, name, kind) for name, kind in ORGANISATIONS[code]]
        cluster_team = next(o for o in orgs if o.type == "cluster_team")
        people["partner_coordinators"][code] = _add_user(
            _email(f"pc.{code.lower()}"),
            full_name(FIRST_NAMES[code][-1], LAST_NAMES[code][0]),
            [Role.PARTNER_COORDINATOR],
            password_hash,
            partner,
            cluster_team,
            "Cluster manager",
        )
        for index in range(TRAINEES_PER_PARTNER):
            name = full_name(
                FIRST_NAMES[code][index % len(FIRST_NAMES[code])],
                LAST_NAMES[code][(index * 3 + 1) % len(LAST_NAMES[code])],
            )
            local = f"trainee.{code.lower()}" if index == 0 else _ascii_local(name) + f"{index}"
            organisation = orgs[index % len(orgs)] if index % 3 else orgs[rng.randrange(3)]
            people["trainees"].append(
                _add_user(
                    _email(local),
                    name,
                    [Role.TRAINEE],
                    password_hash,
                    partner,
                    organisation,
                    rng.choice(
                        [
                            "R&D manager",
                            "Regulatory affairs officer",
                            "CEO",
                            "Business developer",
                            "Project manager",
                            "Cluster officer",
                            "Researcher",
                        ]
                    ),
                )
            )
    db.session.flush()
    return people
