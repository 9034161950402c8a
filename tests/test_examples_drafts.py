"""The example reviews: gold annotations match the drafts, and the office drafts regenerate."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
GENERATOR = EXAMPLES / "tools" / "make_office_drafts.py"
OFFICE_TEXT = EXAMPLES / "tools" / "office-text"
GOLD_FILES = sorted(EXAMPLES.glob("reviews/*/gold.json"))
KINDS = {"direct", "quasi"}
MASK_TYPES = {
    "person", "address", "street", "estate", "postcode", "phone", "email", "date_of_birth",
    "date", "school", "nursery", "gp_practice", "hospital", "nhs_number", "reference", "handle",
    # identifiers the product's recognisers also cover (PRODUCT.md, "Detection")
    "date_of_death", "ni_number", "vehicle", "url", "care_home", "place",
}  # fmt: skip
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
SUFFIXES = {".md", ".txt", ".docx", ".pdf"}
WORD = re.compile(r"\w+(?:['’.-]\w+)*")


def run_generator(out: Path) -> None:
    subprocess.run([sys.executable, str(GENERATOR), "--out", str(out)], check=True, cwd=ROOT)


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("office-drafts")
    run_generator(out)
    return out


def docx_text(path: Path) -> str:
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from lxml import etree

    document = docx.Document(str(path))
    w_ns = document.element.nsmap["w"]
    roots = [document.element.body]
    for rel in document.part.rels.values():
        if rel.reltype == RT.FOOTNOTES:
            roots.append(etree.fromstring(rel.target_part.blob))
    return "\n".join(
        "".join(t.text or "" for t in p.iter(f"{{{w_ns}}}t"))
        for root in roots
        for p in root.iter(f"{{{w_ns}}}p")
    )


def pdf_text(path: Path) -> str:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()


def draft_files(case_dir: Path, generated: Path | None = None) -> dict[str, Path]:
    """Stem -> draft file of a case; office drafts come from a fresh generation when given."""
    files = {
        p.stem: p for p in sorted((case_dir / "source").glob("*")) if p.suffix.lower() in SUFFIXES
    }
    if generated is not None:
        files.update({p.stem: p for p in sorted((generated / case_dir.name / "source").glob("*"))})
    return files


def draft_text(path: Path) -> str:
    if path.suffix == ".docx":
        return docx_text(path)
    if path.suffix == ".pdf":
        return pdf_text(path)
    return path.read_text(encoding="utf-8")


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).casefold()


def word_count_source(case_dir: Path, stem: str, path: Path | None) -> Path:
    """The file whose words count for a draft: the office-text source of generated files."""
    office_text = OFFICE_TEXT / case_dir.name / f"{stem}.md"
    return office_text if office_text.exists() or path is None else path


def test_there_are_examples() -> None:
    assert GOLD_FILES, "no examples/reviews/*/gold.json"


@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=lambda p: p.parent.name)
def test_gold_format(gold_file: Path) -> None:
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    assert set(gold) == {"case", "mask", "keep", "hidden"}
    assert gold["case"] == gold_file.parent.name
    stems = set(draft_files(gold_file.parent)) | {
        p.stem for p in (OFFICE_TEXT / gold_file.parent.name).glob("*.md")
    }
    assert gold["mask"] and gold["keep"]
    for item in gold["mask"]:
        assert set(item) == {"text", "type", "kind", "docs"}, item
        assert item["text"].strip() and item["type"] in MASK_TYPES, item
        assert item["kind"] in KINDS, item
        assert item["docs"] and set(item["docs"]) <= stems, item
    texts = [item["text"] for item in gold["mask"]]
    assert len(texts) == len(set(texts)), "duplicate mask text"
    for item in gold["keep"]:
        assert set(item) == {"text", "type"} and item["text"].strip(), item
    for item in gold["hidden"]:
        assert set(item) == {"text", "where"} and item["text"].strip() and item["where"], item


@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=lambda p: p.parent.name)
def test_mask_items_occur_in_their_documents(gold_file: Path, generated: Path) -> None:
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    files = draft_files(gold_file.parent, generated)
    texts = {stem: fold(draft_text(path)) for stem, path in files.items()}
    missing = [
        f"{item['text']!r} not in {doc}"
        for item in gold["mask"]
        for doc in item["docs"]
        if fold(item["text"]) not in texts.get(doc, "")
    ]
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=lambda p: p.parent.name)
def test_documents_are_500_to_2000_words(gold_file: Path) -> None:
    case_dir = gold_file.parent
    files = draft_files(case_dir)
    stems = set(files) | {p.stem for p in (OFFICE_TEXT / case_dir.name).glob("*.md")}
    counts = {}
    for stem in sorted(stems):
        source = word_count_source(case_dir, stem, files.get(stem))
        counts[stem] = len(WORD.findall(FRONT_MATTER.sub("", source.read_text(encoding="utf-8"))))
    assert counts
    bad = {name: n for name, n in counts.items() if not 500 <= n <= 2000}
    assert not bad, f"word counts outside 500-2,000: {bad}"


def test_generator_is_deterministic(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    run_generator(first)
    run_generator(second)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files, "the generator wrote nothing"
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for rel in files:
        assert (first / rel).read_bytes() == (second / rel).read_bytes(), f"{rel} differs"


def test_generator_covers_every_office_text_source(generated: Path) -> None:
    for source in sorted(OFFICE_TEXT.glob("*/*.md")):
        outputs = list((generated / source.parent.name / "source").glob(f"{source.stem}.*"))
        assert outputs, f"nothing generated for {source}"
        assert outputs[0].stat().st_size > 0
