"""Starts the project's Java kernel N times; each start must answer an execute request.

Usage: python3 kernel_starts.py N [TIMEOUT_S]
Prints one line per start and a closing summary; exits 1 if any start failed or hung.
"""
import sys
import time

from jupyter_client.manager import KernelManager


def one_start(timeout):
    km = KernelManager(kernel_name="edm-java")
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=timeout)
        reply = kc.execute_interactive("int answer = 6 * 7; answer", timeout=timeout,
                                       output_hook=lambda msg: None)
        status = reply["content"]["status"]
        if status != "ok":
            return "execute status " + status
        return None
    except Exception as e:  # a hang shows up here as a timeout
        return type(e).__name__ + ": " + str(e)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def main():
    n = int(sys.argv[1])
    timeout = float(sys.argv[2]) if len(sys.argv) > 2 else 60
    failures = 0
    for i in range(1, n + 1):
        t0 = time.time()
        err = one_start(timeout)
        took = time.time() - t0
        if err:
            failures += 1
        print(f"start {i:3d}: {'FAILED ' + err if err else 'ok'} ({took:.1f}s)", flush=True)
    print(f"kernel starts answered: {n - failures} of {n}", flush=True)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
