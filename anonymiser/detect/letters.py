"""Letters of the Latin alphabets the names in UK reviews are written in: "Łukasz", "Şahin",
"Ștefan", "Wójcik". Python's regular expressions have no Unicode letter classes by case."""

UPPER = "A-ZÀ-ÖØ-ÞĀ-ſȘ-ț"
LOWER = "a-zß-öø-ÿĀ-ſȘ-ț"
