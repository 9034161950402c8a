"""Abbreviations every safeguarding review uses: never a person's initials ("GP", "CSC", "DNA")."""

COMMON_ABBREVIATIONS = frozenset(
    "AM PM UK GP HV SW CP CIN CPP ED DV DA PC DC DS DI LA SEN DSL NHS ICB CCG MASH CSC ASC "
    "TAC TAF EHA IRO CPS YOS YJS SAR SCR DHR CSE CCE FGM ADHD ASD A&E OT PA CQC DNA NFA EU USA "
    "IP LCSPR CSPR LSCPR DARDR SAB LSCB LSCP SCP CSP".split()
)
