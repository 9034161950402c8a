"""Names of group chats, servers and channels: a group chat called "brackenridge besties", the
WhatsApp group 'Whitfield Girls', the Snapchat group TONKA WRKZ.

A quotation after "group chat" is a name only where the text says so ("called", "named",
"renamed") or where it stands right after the word, short and without a sentence's punctuation:
a message quoted from the chat ("the chat included 'where r u'") is not its name.
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from anonymiser.detect.recognizers.narrowed import NarrowedPatternRecognizer

# A group that meets, not a chat: "the working group 'Safer Streets'".
MEETING_GROUP = (
    r"(?:[Ww]orking|[Ss]teering|[Ff]ocus|[Tt]ask|[Ss]upport|[Rr]eference|[Aa]dvisory|[Pp]eer|"
    r"[Pp]ractice|[Ll]earning|[Rr]eview|[Pp]roject|[Ss]trategic|[Oo]perational|[Dd]elivery|"
    r"[Aa]ction|[Ss]tudy|[Tt]herapy|[Pp]laygroup|[Cc]ommunity|[Ff]aith)"
)
KIND = (
    rf"(?:[Gg]roup\s*chat|[Cc]hat\s*group|(?<!{MEETING_GROUP}\s+)[Gg]roup|[Cc]hat|[Ss]erver|"
    r"[Cc]hannel|gc)"
)
NAMING = r"(?:called|named|titled|renamed(?:\s+to)?|known\s+as)"
PLATFORM = (
    r"(?:Snapchat|WhatsApp|Whatsapp|Discord|Facebook|Messenger|Instagram|Telegram|TikTok|"
    r"Signal|Kik|Xbox|PlayStation|PSN|Roblox)"
)
OPEN = r"[\"“‘']"
CLOSE = r"[\"”’']"
# A name: a few words, no sentence inside it.
QUOTED_NAME = r"(?P<found>[^\"“”‘’'\n.?!,;:]{2,40}?)"
BEFORE_QUOTE = r"(?:[^\S\n]*[:,])?[^\S\n]+"
PATTERNS = [
    # 'a group chat called "brackenridge besties"', 'her tutor group, called "..."'.
    Pattern(
        "named group",
        rf"\b{KIND}\b[^.\n\"“”‘’]{{0,60}}?\b{NAMING}{BEFORE_QUOTE}{OPEN}{QUOTED_NAME}{CLOSE}(?!\w)",
        0.6,
    ),
    # 'the group chat "Lowfield Younguns"'.
    Pattern(
        "group and its name",
        rf"\b{KIND}[^\S\n]+{OPEN}{QUOTED_NAME}{CLOSE}(?!\w)",
        0.6,
    ),
    # 'the family WhatsApp group, 'Whitfield Girls', contained ...'.
    Pattern(
        "group and its name in apposition",
        rf"\b{KIND},[^\S\n]+{OPEN}{QUOTED_NAME}{CLOSE}(?=[,;.)])",
        0.6,
    ),
    # 'the Snapchat group TONKA WRKZ': a name in capitals after a platform's group.
    Pattern(
        "platform group in capitals",
        rf"\b{PLATFORM}\s+{KIND}\s+"
        r"(?P<found>[A-Z0-9][A-Z0-9'’&]+(?:[^\S\n]+[A-Z0-9][A-Z0-9'’&]+){0,3})\b",
        0.6,
    ),
]
_MAX_WORDS = 5
_WORD = re.compile(r"\w+")


class GroupChatRecognizer(NarrowedPatternRecognizer):
    def __init__(self) -> None:
        super().__init__("HANDLE", PATTERNS)

    def keep(self, text, result) -> bool:
        name = text[result.start : result.end]
        return bool(_WORD.search(name)) and len(name.split()) <= _MAX_WORDS
