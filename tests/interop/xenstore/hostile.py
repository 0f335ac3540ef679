#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Hostile clients against a running xenstored (XENSTORED_PATH): a client
# that floods requests and never reads, one that opens a watch flood and
# never reads, one that sends garbage, oversized headers, bad strings and
# unknown types, a transaction flood, and clients that send a request
# slowly or stop halfway. A well-behaved client must be
# served throughout; the daemon must stay up with bounded memory.
# usage: hostile.py PID   (prints PASS/FAIL lines, exits 1 on failure)
import os, socket, struct, sys, time

path = os.environ["XENSTORED_PATH"]
pid = int(sys.argv[1])
failures = 0


def check(ok, what):
    global failures
    print(("PASS " if ok else "FAIL ") + what)
    failures += not ok


def conn():
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(path)
    return s


def msg(t, payload, tx=0, rid=7):
    return struct.pack("<IIII", t, rid, tx, len(payload)) + payload


def request(s, t, payload, tx=0):
    s.sendall(msg(t, payload, tx))
    return reply(s)


def reply(s):
    while True:
        hdr = b""
        while len(hdr) < 16:
            chunk = s.recv(16 - len(hdr))
            if not chunk:
                raise EOFError
            hdr += chunk
        typ, _, _, ln = struct.unpack("<IIII", hdr)
        body = b""
        while len(body) < ln:
            body += s.recv(ln - len(body))
        if typ != 15:
            return typ, body


def rss_kb():
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return -1


def alive_and_serving(what):
    try:
        s = conn()
        typ, body = request(s, 11, b"/hostile/probe\0ok")
        typ2, body2 = request(s, 2, b"/hostile/probe\0")
        s.close()
        check(typ == 11 and body2 == b"ok", what)
    except Exception as e:
        check(False, "%s (%s)" % (what, e))


good = conn()
# 1. A flood of requests from a client that never reads its replies.
flood = conn()
flood.setblocking(False)
sent = 0
burst = msg(2, b"/tool\0") * 1000
deadline = time.time() + 2
while time.time() < deadline:
    try:
        sent += flood.send(burst)
    except BlockingIOError:
        time.sleep(0.01)
alive_and_serving("served during a request flood that is never read")
# 2. A watch flood: many events for a client that never reads them.
w = conn()
w.sendall(msg(4, b"/hostile\0tok\0"))
for i in range(3000):
    request(good, 11, b"/hostile/x\0" + b"y" * 1000)
alive_and_serving("served while a watcher ignores 3 MB of events")
# 3. Malformed input: each gets an error, or that client alone goes.
bad = conn()
for t, p in [(99, b"x\0"), (20, b"1\0"), (2, b"/tool"), (2, b""),
             (11, b"/bad path\0x"), (14, b"/tool\0zz\0"),
             (7, b"T\0"), (6, b"\0")]:
    typ, body = request(bad, t, p, tx=12345 if t == 7 else 0)
    check(typ == 16 if t != 6 else typ == 6,
          "type %d %r answered %s" % (t, p, body.rstrip(b"\0").decode()))
for i in range(200):
    typ, body = request(bad, 6, b"\0")
check(typ == 6, "200 transactions for dom0 (no quota)")
bad2 = conn()
bad2.sendall(struct.pack("<IIII", 2, 1, 0, 100000))
try:
    gone = bad2.recv(16) == b""
except ConnectionResetError:
    gone = True
check(gone, "oversized header drops that client")
# 4. A client that stalls halfway through a message (the daemon leaves
# requests in the socket until it has replied) blocks nobody, and one
# that sends a request a byte at a time is still answered.
stall = conn()
stall.sendall(msg(11, b"/hostile/stall\0never")[:20])
alive_and_serving("served while a client stalls mid-message")
trickle = conn()
for b in msg(11, b"/hostile/trickle\0slow"):
    trickle.sendall(bytes([b]))
    time.sleep(0.001)
typ, body = reply(trickle)
typ2, body2 = request(trickle, 2, b"/hostile/trickle\0")
check(typ == 11 and typ2 == 2 and body2 == b"slow",
      "a request sent a byte at a time is answered (%r, then %r)" %
      (body, body2))
alive_and_serving("served after the malformed clients")
check(rss_kb() < 200 * 1024, "daemon memory stays bounded (%d KiB)" %
      rss_kb())
for s in (flood, w, bad, good, stall, trickle):
    s.close()
alive_and_serving("served after the hostile clients left")
sys.exit(1 if failures else 0)
