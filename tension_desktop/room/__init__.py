"""The room link: participants answer a private round on their own phones, offline.

A small web server on the coach's laptop (aiohttp, in its own thread with its own event
loop), reachable only on the network interface the coach picks and only by someone holding
the room's secret (carried in the QR code on the whiteboard). Everything here is Qt-free:
the GUI glue (gui/room.py) supplies a :class:`~tension_desktop.room.server.Backend` that
hands each request to the GUI thread and the document's normal write path; the tests and
the benchmark use :class:`~tension_desktop.room.backend.StoreBackend`, which writes through
the store directly.

* :mod:`.protocol`: the messages, their size and type limits (the app's one set of rules);
* :mod:`.tasks`: what a participant may see and change in the running round, on the store;
* :mod:`.server`: the HTTP server and its security (secret, tokens, Host/Origin, CSRF,
  rate limits, packaged static files only);
* ``static/``: the phone page (plain HTML, CSS and JavaScript; no build step, no CDN).
"""
