"""A Pagefind process in service mode (`pagefind --service`), spoken to from plain threads.

The service is how Pagefind's own Node and Python wrappers drive it: requests go to its stdin and
responses come from its stdout, each a base64-encoded JSON message ending with a comma. We talk
to it directly rather than through the `pagefind` Python package's asyncio wrapper, because that
wrapper reads one response every tenth of a second (thousands of pages would take minutes) and
needs an event loop that MkDocs does not run.

Writing to the service happens on a thread of its own, so a page handed over never waits for
Pagefind: MkDocs goes on building while Pagefind indexes on another core.
"""

from __future__ import annotations

import base64
import contextlib
import json
import queue
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

Message = dict[str, Any]
# How much of what Pagefind writes on stderr an error message quotes.
STDERR_KEPT = 4000


class PagefindServiceError(Exception):
    """The service could not be started, died, refused a request or did not answer in time."""


class PagefindService:
    def __init__(self, executable: Path) -> None:
        try:
            self._process = subprocess.Popen(
                [str(executable), "--service"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                bufsize=0,
            )
        except OSError as error:
            raise PagefindServiceError(f"Pagefind could not start: {error}") from error
        self._next_id = 0
        self._responses: dict[int, Message] = {}
        self._answered = threading.Condition()
        self._ended = False
        self._write_error: str | None = None
        self._stderr = bytearray()
        self._outbox: queue.Queue[bytes | None] = queue.Queue()
        self._threads = [
            threading.Thread(target=target, name=f"pagefind-{name}", daemon=True)
            for name, target in (
                ("writer", self._write_requests),
                ("reader", self._read_responses),
                ("stderr", self._read_stderr),
            )
        ]
        for thread in self._threads:
            thread.start()

    def send(self, payload: Message) -> int:
        """Queue a request; returns its message id, to wait for its response."""
        self._next_id += 1
        message = {"message_id": self._next_id, "payload": payload}
        # As UTF-8, not ASCII escapes: a hidden common word's letters (common_words.py) would
        # each take twelve bytes escaped, four as UTF-8.
        encoded = json.dumps(message, ensure_ascii=False).encode("utf-8")
        self._outbox.put(base64.b64encode(encoded) + b",")
        return self._next_id

    def response(self, message_id: int, deadline: float) -> Message:
        """The response to a request, waiting until `deadline` (a time.monotonic() value)."""
        return self.responses([message_id], deadline)[0]

    def responses(self, message_ids: list[int], deadline: float) -> list[Message]:
        with self._answered:
            while not all(message_id in self._responses for message_id in message_ids):
                if self._ended or self._write_error:
                    raise PagefindServiceError(self._failure("stopped before answering"))
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise PagefindServiceError(self._failure("did not answer in time"))
                self._answered.wait(min(remaining, 1.0))
            return [self._responses.pop(message_id) for message_id in message_ids]

    def close(self) -> None:
        """End the service (whatever it is doing) and wait for it."""
        self._outbox.put(None)
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()
        for thread in self._threads:
            thread.join(timeout=5)

    # --- the threads ---------------------------------------------------------------------------

    def _write_requests(self) -> None:
        assert self._process.stdin is not None
        while (data := self._outbox.get()) is not None:
            try:
                self._process.stdin.write(data)
            except (BrokenPipeError, ValueError, OSError) as error:
                with self._answered:
                    self._write_error = str(error) or type(error).__name__
                    self._answered.notify_all()
                return
        # The end of its input tells the service to stop; if it is gone already, so be it.
        with contextlib.suppress(OSError):
            self._process.stdin.close()

    def _read_responses(self) -> None:
        assert self._process.stdout is not None
        pending = b""
        while chunk := self._process.stdout.read(1 << 20):
            pending += chunk
            *complete, pending = pending.split(b",")
            with self._answered:
                for encoded in complete:
                    message = json.loads(base64.b64decode(encoded))
                    message_id = message.get("message_id")
                    if message_id is None:  # a request it could not parse names it inside
                        original = message.get("payload", {}).get("original_message") or "{}"
                        message_id = json.loads(original).get("message_id")
                    self._responses[message_id] = message["payload"]
                self._answered.notify_all()
        with self._answered:
            self._ended = True
            self._answered.notify_all()

    def _read_stderr(self) -> None:
        assert self._process.stderr is not None
        while chunk := self._process.stderr.read(4096):
            self._stderr += chunk
            del self._stderr[:-STDERR_KEPT]

    def _failure(self, what: str) -> str:
        if self._ended or self._process.poll() is not None:
            self._threads[2].join(timeout=2)  # it has ended: let its last words on stderr arrive
        # What it said is the cause; a broken pipe when writing to it is only the symptom.
        said = self._stderr.decode("utf-8", errors="replace").strip()
        detail = said or self._write_error
        code = self._process.poll()
        exit_code = f" (exit code {code})" if code is not None else ""
        return f"Pagefind {what}{exit_code}" + (f": {detail}" if detail else "")
