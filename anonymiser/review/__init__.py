"""The local review page of `anonymiser review`: edits.py (what a person can change), session.py
(the drafts, the edits and what the page shows), server.py (http.server on 127.0.0.1), with the
page's template in templates/ and its script and style in static/. It changes decisions only;
it never writes documents."""
