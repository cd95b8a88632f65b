"""What tests, benchmarks and the load test share; conftest files hold only fixtures.

- ``factories``: the answers a client gives and the rows stored from them, built by the
  app's own ``new_submission``.
- ``forms``: the forms a page renders, and ``csrf_token`` (CSRF stays on everywhere).
- ``client_journey``: a client filling the intake through HTTP (``Intake``).
- ``workspace``: staff accounts, signing in and posting workspace forms through HTTP.
- ``bookings``: the front desk booking visits and the intakes sent from their invitations.
- ``page_text``: what a client reads on a page, in each language.
- ``db_snapshot``, ``database``: every stored row, to compare; the test database's guard.
- ``http_client``, ``mailserver``, ``proxy``: a real HTTP client, SMTP server and a
  database connection a test can cut.
- ``images``, ``pdftools``: phone-like photos; PDFs read back with poppler.
"""
