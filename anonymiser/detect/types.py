"""The kinds of identifier the anonymiser knows, and how each is replaced by default.

Every detector emits one of these types. A type without an entry here is an error, not a pass:
an identifier whose replacement we do not know must not reach the output (fail closed).
"""

from __future__ import annotations

PERSON = "PERSON"
DATE = "DATE"

# type -> default replacement label. PERSON gets "Person A", "Person B", ... per review and DATE
# follows the partnership's date policy; both are resolved in anonymiser.render.
DEFAULT_LABELS: dict[str, str] = {
    PERSON: "Person",
    "ADDRESS": "[address]",
    "STREET": "[street]",
    "ESTATE": "[estate]",
    "LOCATION": "[place]",
    "POSTCODE": "[postcode]",
    "PHONE": "[phone number]",
    "EMAIL": "[email address]",
    "URL": "[web address]",
    "HANDLE": "[social media handle]",
    "NHS_NUMBER": "[NHS number]",
    "NI_NUMBER": "[National Insurance number]",
    "VEHICLE": "[vehicle registration]",
    "REFERENCE": "[reference number]",
    "DATE_OF_BIRTH": "[date of birth]",
    "DATE_OF_DEATH": "[date of death]",
    DATE: "[date]",
    "SCHOOL": "[school]",
    "NURSERY": "[nursery]",
    "GP_PRACTICE": "[GP practice]",
    "HOSPITAL": "[hospital]",
    "CARE_HOME": "[care home]",
    "ORGANISATION": "[organisation]",
}

# Direct identifiers name a person outright; quasi-identifiers narrow them down.
DIRECT_TYPES = frozenset(
    {
        PERSON,
        "ADDRESS",
        "POSTCODE",
        "PHONE",
        "EMAIL",
        "HANDLE",
        "URL",
        "NHS_NUMBER",
        "NI_NUMBER",
        "VEHICLE",
        "DATE_OF_BIRTH",
        "DATE_OF_DEATH",
    }
)

KNOWN_TYPES = frozenset(DEFAULT_LABELS)
