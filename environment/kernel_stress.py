"""Protocol stress test of the project's Java kernel, through jupyter_client as JupyterLab uses it.

Usage: python3 kernel_stress.py [--restarts N] [--timeout S] [--kernel NAME]

1. Every shell and control request is answered right after a start: kernel_info, execute, complete,
   inspect, is_complete, comm_info (shell); interrupt (control).
2. N times: restart the kernel and send an execute request at once, without waiting for the new
   kernel to be ready (what Restart & Run All does). Each cell must come back with its own reply and
   its own result; a lost, unanswered or misattributed cell is a failure.
3. Interrupt: a busy loop (while (true) n++) and a Thread.sleep loop are each interrupted, must end
   with an interrupted error, and the next cell must run.
4. shutdown is answered.
Prints one line per check and a closing "N passed, N failed" line; exits 1 on any failure.
"""
import argparse
import sys
import time

from jupyter_client.manager import KernelManager

failures = []
passes = 0


def check(name, ok, detail=""):
    global passes
    if ok:
        passes += 1
    else:
        failures.append(name)
    print(f"{'ok  ' if ok else 'FAIL'} {name}{(': ' + detail) if detail else ''}", flush=True)


class Pump:
    """Reads shell, control and iopub together, as a Jupyter server does all the time.

    A ZeroMQ socket attaches a new connection (and a SUB socket sends its subscription) only when the
    program touches it; a client that waits on shell alone would miss the output of a restarted
    kernel's first cell, through no fault of the kernel.
    """

    def __init__(self, kc):
        self.kc = kc
        self.replies = {}
        self.iopub = []

    def step(self):
        for ch in (self.kc.shell_channel, self.kc.control_channel, self.kc.iopub_channel):
            while ch.msg_ready():
                msg = ch.get_msg(timeout=0)
                if ch is self.kc.iopub_channel:
                    self.iopub.append(msg)
                else:
                    self.replies[msg["parent_header"].get("msg_id")] = msg
        time.sleep(0.005)

    def reply_to(self, msg_id, timeout):
        deadline = time.time() + timeout
        while msg_id not in self.replies:
            if time.time() > deadline:
                raise TimeoutError(f"no reply to {msg_id} in {timeout:.0f}s")
            self.step()
        return self.replies.pop(msg_id)

    def outputs_of(self, msg_id, timeout):
        """IOPub messages of one request, up to its idle status."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            mine = [m for m in self.iopub if m["parent_header"].get("msg_id") == msg_id]
            if any(m["msg_type"] == "status" and m["content"]["execution_state"] == "idle" for m in mine):
                break
            self.step()
        mine = [m for m in self.iopub if m["parent_header"].get("msg_id") == msg_id]
        self.iopub = [m for m in self.iopub if m["parent_header"].get("msg_id") != msg_id]
        return mine

    def drain(self):
        self.step()
        self.replies.clear()
        self.iopub.clear()


def result_text(iopub):
    for m in iopub:
        if m["msg_type"] == "execute_result":
            data = m["content"]["data"]  # rapaio renders numbers as text/html only
            return data.get("text/plain", data.get("text/html"))
    return None


def run_cell(pump, code, timeout):
    msg_id = pump.kc.execute(code)
    reply = pump.reply_to(msg_id, timeout)
    return reply, pump.outputs_of(msg_id, 10)


def every_request(pump, km, timeout):
    kc = pump.kc
    t0 = time.time()
    try:
        kc.wait_for_ready(timeout=timeout)
        check("the started kernel is ready", True, f"{time.time() - t0:.1f}s")
    except RuntimeError as e:
        check("the started kernel is ready", False, str(e))
    pump.drain()
    for name, send, want in [
        ("kernel_info", lambda: kc.kernel_info(), "kernel_info_reply"),
        ("execute", lambda: kc.execute("int answer = 6 * 7; answer"), "execute_reply"),
        ("complete", lambda: kc.complete("Math.ab", 7), "complete_reply"),
        ("inspect", lambda: kc.inspect("Math.abs", 6), "inspect_reply"),
        ("is_complete", lambda: kc.is_complete("int x = "), "is_complete_reply"),
        ("comm_info", lambda: kc.comm_info(), "comm_info_reply"),
    ]:
        t0 = time.time()
        try:
            msg = pump.reply_to(send(), timeout)
            check(f"{name} answered", msg["msg_type"] == want,
                  f"{msg['msg_type']} {msg['content'].get('status', '')} in {time.time() - t0:.2f}s")
        except Exception as e:
            check(f"{name} answered", False, repr(e))
    # interrupt_request on control, with nothing running
    msg = kc.session.msg("interrupt_request", {})
    kc.control_channel.send(msg)
    try:
        r = pump.reply_to(msg["header"]["msg_id"], timeout)
        check("interrupt answered (idle kernel)", r["msg_type"] == "interrupt_reply", r["msg_type"])
    except Exception as e:
        check("interrupt answered (idle kernel)", False, repr(e))


def restarts(pump, km, n, timeout):
    lost = []
    times = []
    for i in range(1, n + 1):
        t0 = time.time()
        km.restart_kernel(now=False)
        try:
            reply, iopub = run_cell(pump, f"int r = {i} * 7; r", timeout)
            text = result_text(iopub)
            ok = reply["content"]["status"] == "ok" and text == str(i * 7)
            if not ok:
                lost.append(f"restart {i}: status {reply['content']['status']}, result {text!r}")
        except Exception as e:
            lost.append(f"restart {i}: {e!r}")
        times.append(time.time() - t0)
        pump.drain()
    times.sort()
    check(f"restart then execute at once, {n} times: {n - len(lost)}/{n} cells answered, {len(lost)} lost",
          not lost,
          f"restart + cell median {times[len(times) // 2]:.1f}s, max {times[-1]:.1f}s" + "".join("\n  " + x for x in lost))


def interrupts(pump, km, timeout):
    kc = pump.kc
    for name, code in [
        ("busy loop", "long n = 0; while (true) { n++; }"),
        ("sleep loop", "while (true) { Thread.sleep(100); }"),
        ("sleep loop that swallows interrupts",
         "while (true) { try { Thread.sleep(100); } catch (InterruptedException e) { } }"),
    ]:
        msg_id = kc.execute(code)
        t_run = time.time() + 1.5  # let it run
        while time.time() < t_run:
            pump.step()
        t0 = time.time()
        km.interrupt_kernel()
        try:
            reply = pump.reply_to(msg_id, 20)
            took = time.time() - t0
            iopub = pump.outputs_of(msg_id, 5)
            errors = [m["content"]["ename"] + ": " + m["content"]["evalue"] for m in iopub if m["msg_type"] == "error"]
            check(f"interrupt stops a {name}", reply["content"]["status"] == "error",
                  f"{reply['content']['status']} after {took:.1f}s; {errors[:1]}")
        except Exception as e:
            check(f"interrupt stops a {name}", False, repr(e))
            continue
        try:
            reply, iopub = run_cell(pump, "int after = 40 + 2; after", timeout)
            check(f"the next cell runs after the {name}", result_text(iopub) == "42",
                  f"{reply['content']['status']}, result {result_text(iopub)!r}")
        except Exception as e:
            check(f"the next cell runs after the {name}", False, repr(e))


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--restarts", type=int, default=100)
    p.add_argument("--timeout", type=float, default=60)
    p.add_argument("--kernel", default="edm-java")
    args = p.parse_args()
    km = KernelManager(kernel_name=args.kernel)
    t0 = time.time()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    pump = Pump(kc)
    try:
        every_request(pump, km, args.timeout)
        interrupts(pump, km, args.timeout)
        restarts(pump, km, args.restarts, args.timeout)
        msg = kc.session.msg("shutdown_request", {"restart": False})
        kc.control_channel.send(msg)
        try:
            r = pump.reply_to(msg["header"]["msg_id"], args.timeout)
            check("shutdown answered", r["msg_type"] == "shutdown_reply", r["msg_type"])
        except Exception as e:
            check("shutdown answered", False, repr(e))
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    print(f"stress test took {time.time() - t0:.0f}s", flush=True)
    print(f"{passes} passed, {len(failures)} failed", flush=True)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
