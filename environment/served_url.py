"""Prints the URL a just-started Jupyter server really serves, with its token.

Usage: python3 served_url.py PID TOKEN TIMEOUT_S

Reads the server's own runtime file (jpserver-PID.json for JupyterLab / Jupyter Server,
nbserver-PID.json for the classic Notebook) in JUPYTER_RUNTIME_DIR, waits until the port it names
accepts connections, and prints http://HOST:PORT/BASE/?token=TOKEN. Exits 1 if the server process
ends first or nothing comes within TIMEOUT_S seconds.
"""
import json
import os
import pathlib
import socket
import sys
import time


def alive(pid):
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False


def main():
    pid, token, timeout = int(sys.argv[1]), sys.argv[2], float(sys.argv[3])
    runtime = pathlib.Path(os.environ.get("JUPYTER_RUNTIME_DIR", "."))
    files = [runtime / f"jpserver-{pid}.json", runtime / f"nbserver-{pid}.json"]
    deadline = time.time() + timeout
    while time.time() < deadline and alive(pid):
        for f in files:
            try:
                info = json.loads(f.read_text())
            except (OSError, ValueError):
                continue
            try:
                with socket.create_connection(("127.0.0.1", int(info["port"])), timeout=1):
                    pass
            except OSError:
                continue
            url = info.get("url") or f"http://127.0.0.1:{info['port']}{info.get('base_url', '/')}"
            if not url.endswith("/"):
                url += "/"
            print(f"{url}?token={token}")
            return 0
        time.sleep(0.2)
    return 1


if __name__ == "__main__":
    sys.exit(main())
