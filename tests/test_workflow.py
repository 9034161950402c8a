"""The publish workflow gives the partnership key to as little code as possible (README, "The
partnership key"): the rules below are checked on the real workflow, and each is shown to catch
the mistake it is there for."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
WORKFLOW = REPO / ".github" / "workflows" / "publish.yml"
LOCK = REPO / "requirements" / "ci.txt"

KEY = "ANONYMISER_KEY"
# What a step holding the key may run: the installed command, nothing else.
KEY_COMMAND = re.compile(
    r"^(?:\.\./)?\.venv/bin/anonymiser (?:check|rekey|verify)(?: [^;&|`$()<>]*)?$"
)
# Actions a job holding the key may use (before its key steps): no cache, no third party.
KEY_JOB_ACTIONS = ("actions/checkout", "actions/setup-python", "actions/download-artifact")
PINNED = re.compile(r"^\s*(?:-\s+)?uses:\s+[\w.-]+/[\w./-]+@[0-9a-f]{40}\s+#\s+v\d+(?:\.\d+)*\s*$")
ALLOWED_PERMISSIONS = {
    "contents": {"read"},
    "security-events": {"write"},
    "pages": {"write"},
    "id-token": {"write"},
}
LOCKED_INSTALL = "pip install --require-hashes -r requirements/ci.txt"


def problems(text: str) -> list[str]:
    """Every rule the workflow breaks, as a sentence."""
    workflow = yaml.safe_load(text)
    found: list[str] = []
    if KEY in (workflow.get("env") or {}):
        found.append("the key is in the workflow's env")
    if workflow.get("permissions") not in ({}, {"contents": "read"}):
        found.append(f"workflow permissions {workflow.get('permissions')!r}")
    triggers = workflow.get("on", workflow.get(True)) or {}
    for name, job in workflow["jobs"].items():
        found += _job_problems(name, job, "pull_request_target" in triggers)
    for number, line in enumerate(text.splitlines(), 1):
        if re.match(r"^\s*(?:-\s+)?uses:", line) and not PINNED.match(line):
            found.append(f"line {number}: an action not pinned to a commit with its version")
        if "secrets." in line and "secrets.ANONYMISER_KEY" not in line:
            found.append(f"line {number}: another secret")
    installs = [
        step.get("run", "")
        for job in workflow["jobs"].values()
        for step in job.get("steps", [])
        if "pip install" in step.get("run", "")
    ]
    for run in installs:
        for line in run.splitlines():
            if "pip install" in line and LOCKED_INSTALL not in line and "--no-deps" not in line:
                found.append(f"an install that is not hash-locked: {line.strip()}")
    if not installs or not all(LOCKED_INSTALL in run for run in installs):
        found.append("a job installs without requirements/ci.txt and --require-hashes")
    return found


def _job_problems(name: str, job: dict, pull_request_target: bool) -> list[str]:
    found = []
    if KEY in (job.get("env") or {}):
        found.append(f"{name}: the key is in the job's env")
    permissions = job.get("permissions")
    if not isinstance(permissions, dict):
        found.append(f"{name}: permissions must be listed, got {permissions!r}")
    else:
        for scope, level in permissions.items():
            if level not in ALLOWED_PERMISSIONS.get(scope, set()):
                found.append(f"{name}: permission {scope}: {level}")
    steps = job.get("steps", [])
    key_steps = [step for step in steps if KEY in (step.get("env") or {})]
    for step in key_steps:
        commands = [line.strip() for line in step.get("run", "").splitlines() if line.strip()]
        if "uses" in step or not commands or not all(KEY_COMMAND.match(c) for c in commands):
            found.append(f"{name}: a step with the key runs more than 'anonymiser check'")
    if key_steps:
        if not job.get("environment"):
            found.append(f"{name}: holds the key outside an environment")
        for step in steps:
            action = step.get("uses", "").split("@")[0]
            if action and action not in KEY_JOB_ACTIONS:
                found.append(f"{name}: a job with the key uses {action}")
            run = step.get("run", "")
            if re.search(r"\bmake\b|mkdocs|npm |curl |wget ", run):
                found.append(f"{name}: a job with the key runs {run.split()[0]}")
    if pull_request_target and "== 'pull_request_target'" in str(job.get("if", "")):
        found += _pull_request_target_problems(name, steps, key_steps)
    return found


def _pull_request_target_problems(name: str, steps: list[dict], key_steps: list[dict]) -> list:
    """The base branch's code reads the pull request's files as data, in a folder of its own."""
    found = []
    head = [s for s in steps if "pull_request.head" in str((s.get("with") or {}).get("ref", ""))]
    if len(head) != 1 or not (head[0].get("with") or {}).get("path"):
        found.append(f"{name}: the pull request must be checked out into a folder of its own")
        return found
    folder = head[0]["with"]["path"]
    checkouts = [s for s in steps if "checkout" in s.get("uses", "")]
    if any((s.get("with") or {}).get("persist-credentials") is not False for s in checkouts):
        found.append(f"{name}: a checkout keeps its credentials")
    for step in key_steps:
        if step.get("working-directory") != folder or not step["run"].startswith("../.venv/"):
            found.append(f"{name}: the key step must run the base branch's install on {folder}/")
    after = steps[steps.index(head[0]) + 1 :]
    if not any("-type l" in s.get("run", "") for s in after if s not in key_steps):
        found.append(f"{name}: links in the pull request are not refused before the check")
    return found


def test_the_publish_workflow_keeps_the_key_to_the_check_steps():
    assert problems(WORKFLOW.read_text("utf-8")) == []


def test_the_key_reaches_only_checks_and_every_trigger_is_handled():
    workflow = yaml.safe_load(WORKFLOW.read_text("utf-8"))
    key_steps = {
        name: [s["run"] for s in job["steps"] if KEY in (s.get("env") or {})]
        for name, job in workflow["jobs"].items()
    }
    assert key_steps == {
        "build": [],
        "check": [
            ".venv/bin/anonymiser check reports --require-key --format github",
            ".venv/bin/anonymiser check site --require-key --format github",
        ],
        "deploy": [],
        "pr-check": [
            "../.venv/bin/anonymiser check reports --require-key --format github",
            # With ANONYMISER_BASE: un-redactions against the base branch need approval.
            "../.venv/bin/anonymiser check reports --require-key",
        ],
    }
    unredactions = workflow["jobs"]["pr-check"]["steps"][-1]["env"]
    assert unredactions["ANONYMISER_BASE"] == "origin/${{ github.base_ref }}"
    assert "approve-unredaction" in unredactions["ANONYMISER_APPROVE_UNREDACTIONS"]
    assert workflow["jobs"]["deploy"]["needs"] == ["build", "check"]
    assert workflow["jobs"]["deploy"]["environment"]["name"] == "github-pages"


def replace(old: str, new: str):
    def change(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)

    return change


KEY_STEP_ENV = "        env:\n          ANONYMISER_KEY: ${{ secrets.ANONYMISER_KEY }}\n"
BROKEN = {
    "key-at-workflow-level": (
        replace("permissions: {}\n", f"permissions: {{}}\nenv:\n  {KEY}: x\n"),
        "workflow's env",
    ),
    "key-at-job-level": (
        replace('    env:\n      NO_MKDOCS_2_WARNING: "1"\n', f"    env:\n      {KEY}: x\n"),
        "build: the key is in the job's env",
    ),
    "key-step-runs-make": (
        replace(
            "run: .venv/bin/anonymiser check site --require-key --format github",
            "run: make check",
        ),
        "runs more than 'anonymiser check'",
    ),
    "key-step-chains-a-command": (
        replace(
            "run: .venv/bin/anonymiser check site --require-key --format github",
            "run: .venv/bin/anonymiser check site; curl evil.example",
        ),
        "runs more than 'anonymiser check'",
    ),
    "key-on-the-build-step": (
        replace(
            "      - name: Build the site\n",
            "      - name: Build the site\n" + KEY_STEP_ENV,
        ),
        "build: a step with the key",
    ),
    "key-job-restores-a-cache": (
        replace(
            "      - name: The site to deploy\n",
            "      - uses: actions/cache@0057852bfaa89a56745cba8c7296529d2fc39830 # v4.3.0\n"
            "        with:\n          path: .venv\n          key: venv\n"
            "      - name: The site to deploy\n",
        ),
        "check: a job with the key uses actions/cache",
    ),
    "key-job-outside-an-environment": (
        replace("    environment: leak-check\n", ""),
        "check: holds the key outside an environment",
    ),
    "action-pinned-to-a-tag": (
        replace(
            "actions/deploy-pages@d6db90164ac5ed86f2b6aed7e0febac5b3c0c03e # v4.0.5",
            "actions/deploy-pages@v4",
        ),
        "not pinned to a commit",
    ),
    "pin-without-its-version": (
        replace("@d6db90164ac5ed86f2b6aed7e0febac5b3c0c03e # v4.0.5", "@" + "d" * 40),
        "not pinned to a commit",
    ),
    "write-all": (replace("permissions: {}\n", "permissions: write-all\n"), "workflow permissions"),
    "contents-write": (
        replace("      pages: write\n", "      pages: write\n      contents: write\n"),
        "deploy: permission contents: write",
    ),
    "job-without-permissions": (
        replace("    permissions:\n      pages: write\n      id-token: write\n", ""),
        "deploy: permissions must be listed",
    ),
    "unlocked-install": (
        replace(
            ".venv/bin/python -m pip install --require-hashes -r requirements/ci.txt",
            ".venv/bin/python -m pip install -e '.[dev]'",
        ),
        "not hash-locked",
    ),
    "another-secret": (
        replace('      NO_MKDOCS_2_WARNING: "1"\n', "      TOKEN: ${{ secrets.PAGES_TOKEN }}\n"),
        "another secret",
    ),
    "pull-request-checked-out-over-the-base": (
        replace("          path: pull-request\n", ""),
        "a folder of its own",
    ),
    "pull-request-code-run-with-the-key": (
        replace(
            "run: ../.venv/bin/anonymiser check reports --require-key --format github",
            "run: .venv/bin/anonymiser check reports --require-key --format github",
        ),
        "the base branch's install",
    ),
    "links-not-refused": (
        replace("find pull-request -type l", "find pull-request -type f"),
        "links in the pull request",
    ),
}


@pytest.mark.parametrize(("change", "expected"), BROKEN.values(), ids=BROKEN.keys())
def test_each_rule_catches_its_mistake(change, expected: str):
    found = problems(change(WORKFLOW.read_text("utf-8")))
    assert any(expected in problem for problem in found), found


def _requirements(text: str) -> dict[str, list[str]]:
    """name -> its --hash values, from a pip requirements file with hashes."""
    entries: dict[str, list[str]] = {}
    name = None
    for line in text.splitlines():
        if match := re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==\S+", line):
            name = re.sub(r"[-_.]+", "-", match.group(1)).lower()
            entries[name] = []
        elif name and (found := re.search(r"--hash=sha256:([0-9a-f]{64})", line)):
            entries[name].append(found.group(1))
        elif line.strip() and not line.lstrip().startswith("#"):
            raise AssertionError(f"unexpected line in {LOCK.name}: {line}")
    return entries


def test_the_lock_pins_and_hashes_every_dependency():
    import tomllib

    locked = _requirements(LOCK.read_text("utf-8"))
    assert all(locked.values()), [name for name, hashes in locked.items() if not hashes]
    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
    for requirement in project["dependencies"]:
        name = re.match(r"[A-Za-z0-9._-]+", requirement).group(0)
        assert re.sub(r"[-_.]+", "-", name).lower() in locked, name
    # The build backend too: the workflow installs the project with --no-build-isolation.
    assert "setuptools" in locked


def test_an_unhashed_requirement_is_caught():
    with pytest.raises(AssertionError):
        _requirements("click==8.1.7\n    --hash=sha256:" + "a" * 64 + "\nrequests>=2\n")
    assert _requirements("click==8.1.7\n")["click"] == []
