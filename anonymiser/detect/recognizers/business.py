"""Private businesses and providers a family can be traced through: companies ("Rapid Response
Staffing Ltd"), care providers ("Bluebell Homecare"), landlords ("Kestrel Housing Association"),
pubs ("The Drover's Arms"), shops and takeaways ("Marlpit News & Booze", "the Bombay Nights
takeaway", "Smaki Polski, a Polish delicatessen") and private clinics ("Calderbrook Wellbeing
Clinic").

A name is recognised by the word that ends it or by the words that say what it is. A kind of care,
housing or clinic is no name ("Adult Social Care", "Supported Housing", "the Sexual Health
Clinic"): a name made only of such words is dropped. Public bodies, national charities and the
partnership itself are kept by the allow-list.
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern, RecognizerResult
from wordfreq import zipf_frequency

from anonymiser.detect.gazetteer import is_given_name, is_name
from anonymiser.detect.recognizers.narrowed import NarrowedPatternRecognizer

GAP = r"[^\S\n]+"
NAME_WORD = r"(?:St\.?|[A-Z][\w'’-]*|[A-Z][\w'’-]*&[A-Z]\w*)"
# No "in" or "on": "found Kayden in Marlpit News & Booze" names one shop, not "Kayden in ...".
JOIN = rf"(?:{GAP}(?:of|and|&|the|upon|de|la){GAP}|{GAP})"
NAME = rf"(?:{NAME_WORD}(?:{JOIN}{NAME_WORD}){{0,4}})"
FOUND_NAME = rf"(?P<found>{NAME})"

LEGAL = r"(?:Ltd|Limited|plc|PLC|LLP|CIC|Co\.?\s+Ltd)\b\.?"
CARE = (
    r"(?:Care(?:\s+(?:Services|Solutions|Group|Agency|Partnership))?|Homecare|Home\s+Care|"
    r"Healthcare|Care\s+at\s+Home|Support\s+Services|Staffing|Recruitment|Nursing\s+Agency)"
)
# Not "Homes": "Tamesford Homes" is as often the council's own housing company.
HOUSING = r"(?:Housing\s+(?:Association|Trust|Group|Society|Co-operative))"
# Lenders: "Pennine Mutual Building Society", "Moorside Credit Union".
LENDER = r"(?:Building\s+Society|Credit\s+Union)"
PUB = r"(?:Arms|Inn|Tavern)"
SHOP = (
    r"(?:Grill|Kebabs?|Kebab\s+House|Pizza|Pizzeria|Takeaway|Fish\s+Bar|Chippy|(?:Fried\s+)?Chicken|"
    r"Burgers?|"
    r"Café|Cafe|Diner|Bakery|Barbers?|Barbershop|Salon|Nails|Off[- ]Licen[cs]e|Mini[- ]?[Mm]arket|"
    r"Minimart|Supermarket|Convenience(?:\s+Store)?|Stores?|Newsagents?|News\s*&\s*Booze|Booze|"
    r"Wines(?:\s*&\s*Spirits)?|Vapes?|Taxis|Private\s+Hire|Car\s+Wash|Tattoo(?:\s+Studio)?|Gym|"
    r"Fitness|Snooker(?:\s+(?:Club|Hall))?|Amusements|Arcade)"
)
CLINIC = (
    r"(?:Clinic|Wellbeing\s+(?:Centre|Clinic|Hub|Service)|Counselling(?:\s+(?:Service|Centre|"
    r"Practice))?|Therapy\s+Centre|Therapies|Psychology\s+(?:Practice|Clinic|Services?))"
)
# What the text may call a business when it introduces one.
KIND = (
    r"(?:takeaway|take-away|shop|restaurant|café|cafe|off-licence|off\s+licence|gym|taxi\s+firm|"
    r"taxi\s+company|cab\s+firm|barber['’]?s?|barbershop|pub|bar|nightclub|supermarket|"
    r"convenience\s+store|corner\s+shop|newsagent['’]?s?|salon|nail\s+bar|car\s+wash|"
    r"delicatessen|deli|bakery|chip\s+shop|kebab\s+shop|hotel|guest\s+house|snooker\s+hall|"
    r"arcade|vape\s+shop|tattoo\s+studio|garage|scrapyard|factory|warehouse|clinic|"
    r"(?:[\w-]+\s+)?(?:plant|company|firm|business|agency|provider))"
)
# After the kind, a phrase goes on with a preposition or stops: "a takeaway on Market Street",
# not "a bar worker".
KIND_END = (
    r"(?=[^\S\n]*(?:[,.;:)]|$)|[^\S\n]+(?:on|in|at|near|where|which|that|run|owned|behind|"
    r"opposite|off|close|used|frequented|known|popular|and|with|beside|next|by|above|below|he|"
    r"she|they|who|whose|from|for)\b)"
)
# Between the article and the kind only describing words: "a Polish delicatessen", "a local
# takeaway"; never "a regular at the pub".
DESCRIBING = r"(?:(?!(?:at|in|on|of|the|for|with|from|to|and)\b)[\w'’-]+[^\S\n]+){0,3}"

PATTERNS = [
    Pattern("company", rf"\b{NAME}{GAP}{LEGAL}", 0.7),
    Pattern("care provider", rf"\b{NAME}{GAP}{CARE}\b(?![^\S\n]+[A-Z])", 0.6),
    Pattern("landlord", rf"\b{NAME}{GAP}{HOUSING}\b", 0.6),
    Pattern("lender", rf"\b{NAME}{GAP}{LENDER}\b", 0.6),
    Pattern("pub", rf"\b{NAME}{GAP}{PUB}\b", 0.6),
    Pattern("shop", rf"\b{NAME}{GAP}{SHOP}\b(?![^\S\n]+[A-Z])", 0.6),
    Pattern("clinic", rf"\b{NAME}{GAP}{CLINIC}\b", 0.6),
    # "Sultan's Grill, a takeaway on Market Street".
    Pattern(
        "business described",
        rf"\b{FOUND_NAME},{GAP}(?:a|an|the){GAP}{DESCRIBING}{KIND}{KIND_END}",
        0.6,
    ),
    # "behind the Bombay Nights takeaway".
    Pattern("business and its kind", rf"\b(?:the|a){GAP}{FOUND_NAME}{GAP}{KIND}{KIND_END}", 0.6),
    # "worked nights at Kingfisher Foods": an employer, named by two words at least.
    Pattern(
        "employer",
        r"\b(?i:works|worked|working|employed|employment|job|shifts?)"
        rf"(?:{GAP}(?i:nights|shifts|part-time|full-time|days|weekends))?{GAP}(?:at|for|by)"
        rf"{GAP}{FOUND_NAME}(?![\w'’])",
        0.6,
    ),
    # "a takeaway called Sultan's Grill", "the takeaway, Sultan's Grill, where".
    Pattern(
        "business named",
        rf"\b{KIND}(?:{GAP}(?:called|named|known\s+as)|,){GAP}{FOUND_NAME}(?![\w'’])",
        0.6,
    ),
]

# Words that make a name a kind of care, housing, shop or clinic rather than a business's own.
# The words each pattern cannot match without (see base.ShapeRecognizer.NEEDS).
_KIND_WORD = re.compile(rf"\b{KIND}", re.IGNORECASE)
NEEDS = {
    "company": re.compile(rf"\b{LEGAL}"),
    "care provider": re.compile(rf"\b{CARE}\b"),
    "landlord": re.compile(rf"\b{HOUSING}\b"),
    "lender": re.compile(rf"\b{LENDER}\b"),
    "pub": re.compile(rf"\b{PUB}\b"),
    "shop": re.compile(rf"\b{SHOP}\b"),
    "clinic": re.compile(rf"\b{CLINIC}\b"),
    "business described": _KIND_WORD,
    "business and its kind": _KIND_WORD,
    "business named": _KIND_WORD,
}

GENERIC_WORDS = frozenset(
    "social adult adults adults' children's childrens child children primary secondary tertiary "
    "foster residential intensive palliative personal health continuing kinship community "
    "integrated respite day shared managed urgent emergency critical nursing home domiciliary "
    "mental maternity antenatal postnatal neonatal special specialist family hospital acute "
    "dental eye after leaving looked self short long term interim joint quality good better "
    "end life transition trauma informed paediatric step down out hours local national private "
    "public statutory universal targeted early supported independent parental preventative "
    "crisis inpatient outpatient overnight night weekend secure medical clinical council nhs "
    "housing sheltered temporary affordable council registered safe new mobile park group "
    "care sexual fracture memory pain gender identity eating disorders disorder drop-in drop "
    "baby well walk-in minor injuries injury planning contraception gum fertility diabetes "
    "asthma smoking cessation methadone needle exchange hearing audiology physiotherapy "
    "orthopaedic developmental immunisation vaccination breastfeeding feeding sleep speech "
    "language talking therapies therapy counselling wellbeing psychology psychological "
    "school staff leisure corner village cyber internet youth pop-up betting charity discount "
    "pound vape kebab pizza chip fish fried chicken southern coat small fire physical shopping "
    "and & of the a an "
    "this that her his their our its your my at in on to from by for with into when while then "
    "after before during since until both these those some all".split()
)
# A first word capitalised only for starting a sentence, a day or a month.
LEADING_WORDS = frozenset(
    "the a an at in on to from by for with into and but when while then after before during "
    "since until both this that these those her his their our its some staff later meanwhile "
    "however although because if as also via monday tuesday wednesday thursday friday saturday "
    "sunday january february march april may june july august september october november "
    "december".split()
)
# "Time Limited", "Very Limited": one common word before "Limited" is an adjective's phrase.
COMMON_WORD_ZIPF = 4.0
# A possessive name's short form is searched for only where it is rare as a word ("Drover's";
# not "King's").
RARE_WORD_ZIPF = 4.0
_POSSESSIVE_NAME = re.compile(r"^([A-Z][a-z]+)['’]s\s")
_ACRONYM = re.compile(r"\b[A-Z][A-Z&]+\b")
# Below this a word is not English: a name from another language.
RARE_ENGLISH_ZIPF = 2.5
_FIRST_WORD = re.compile(r"(\S+)\s+(?=\S)")
_PEOPLE_BEFORE = re.compile(r"((?:\S+\s+){0,2}?\S+)\s+(?:and|&|of)\s+(?=\S)")
# "Adult Social Care", "Integrated Care": a kind of care right before the word.
_KIND_OF_CARE = re.compile(
    r"\b(?:Social|Adult|Adults|Children['’]?s?|Integrated|Primary|Secondary|Foster|Residential|"
    r"Intensive|Palliative|Personal|Continuing|Kinship|Community|Respite|Day|Shared|Urgent|"
    r"Emergency|Critical|Nursing|Domiciliary|Health|Specialist|Supported)\s+"
    r"(?:Care|Homecare|Home\s+Care|Healthcare)\b"
)
# What a public body's name ends with: the allow-list keeps these, and a description such as
# "the commissioning provider" after one does not make it a business.
_PUBLIC_BODY_END = re.compile(
    r"\b(?:Board|Council|Trust|Police|Constabulary|Service|Services|Partnership|Team|Department|"
    r"Authority|Commission|Government|NHS|ICB|CCG|Court|Aid|Foundation|Charity|Society|Network)$"
)
# Patterns that find a name by the words beside it rather than by the word that ends it.
CONTEXT_PATTERNS = frozenset(
    {"business described", "business and its kind", "business named", "employer"}
)
# Context patterns where what follows the words may as well be a person.
PERSON_RISK_PATTERNS = frozenset({"business named", "employer"})


class BusinessRecognizer(NarrowedPatternRecognizer):
    NEEDS = NEEDS

    def __init__(self) -> None:
        super().__init__("ORGANISATION", PATTERNS)

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        short_forms = []
        for result in results:
            short_forms += _short_forms(self, text, result)
        return results + short_forms

    def keep(self, text, result) -> bool:
        while True:
            first = _FIRST_WORD.match(text, result.start, result.end)
            if not first or first.group(1).casefold() not in LEADING_WORDS:
                break
            result.start = first.end()
        people = _PEOPLE_BEFORE.match(text, result.start, result.end)
        if people and all(_is_name(word) for word in people.group(1).split()):
            # "Tyler-James and Kayden in ...", "Will Garside of Amberley Home Care Ltd": the
            # people the text names before the business.
            result.start = people.end()
        found = text[result.start : result.end]
        name = [word.casefold().rstrip(".,") for word in found.split()]
        pattern = result.analysis_explanation.pattern_name
        # A shape's last word is its kind ("Arms", "Ltd"); a name found by context is all name.
        own_words = name if pattern in CONTEXT_PATTERNS else name[:-1]
        if not own_words or all(word in GENERIC_WORDS for word in own_words):
            return False
        if pattern == "care provider" and _KIND_OF_CARE.search(found):
            return False
        if name[-1] == "limited" and len(name) == 2:
            return zipf_frequency(name[0], "en") < COMMON_WORD_ZIPF
        if pattern in CONTEXT_PATTERNS and (
            _PUBLIC_BODY_END.search(found) or _ACRONYM.search(found)
        ):
            # "the Kelbridge CAMHS clinic", "worked at HMP Leeds": an agency's service.
            return False
        if pattern == "employer" and len(name) < 2:
            return False
        if pattern in PERSON_RISK_PATTERNS and len(name) <= 2:
            # "at the pub, Darren, who ...", "worked for Tracey Bould": a person, not a business.
            return not is_given_name(name[0])
        return True


def _is_name(word: str) -> bool:
    """A word of a person's name: in the name lists, or no English word at all ("Hương")."""
    return all(
        is_name(part) or zipf_frequency(part, "en") < RARE_ENGLISH_ZIPF for part in word.split("-")
    )


def _short_forms(recognizer, text: str, result) -> list:
    """ "The Drover's Arms" is also "the Drover's" and, in a message, "the drovers": other
    mentions of a possessive name's first word in the same text."""
    found = _POSSESSIVE_NAME.match(text[result.start : result.end])
    if not found or zipf_frequency(found.group(1), "en") >= RARE_WORD_ZIPF:
        return []
    word = re.escape(found.group(1))
    short = re.compile(rf"(?<![\w'’]){word}(?:['’]s|s)(?!\w|['’]\w)", re.IGNORECASE)
    mentions = []
    for mention in short.finditer(text):
        if mention.start() == result.start:
            continue
        mentions.append(_copy(result, mention.start(), mention.end()))
    return mentions


def _copy(result: RecognizerResult, start: int, end: int) -> RecognizerResult:
    return RecognizerResult(
        result.entity_type,
        start,
        end,
        result.score,
        analysis_explanation=result.analysis_explanation,
        recognition_metadata=result.recognition_metadata,
    )
