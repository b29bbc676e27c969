"""A throw-away `liaison serve` on a free loopback port, for the Python end-to-end tests.

    with served(LIAISON, db) as api:       # api = "http://127.0.0.1:PORT/api/"
        urllib.request.urlopen(api + "stats")
"""
import contextlib
import socket
import subprocess
import time
import urllib.request


@contextlib.contextmanager
def served(liaison, db):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = subprocess.Popen([liaison, "serve", "--db", db, "--port", str(port)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    api = f"http://127.0.0.1:{port}/api/"
    try:
        for _ in range(100):  # up within 5 s
            try:
                urllib.request.urlopen(api + "stats", timeout=2)
                break
            except OSError:
                time.sleep(0.05)
        yield api
    finally:
        srv.terminate()
        srv.wait(timeout=10)
