#!/usr/bin/env python3
"""cut_proxy.py - a TCP relay on 127.0.0.1 that cuts the first connection once the
server has sent CUT bytes through it (a connection dropped mid-fetch, TLS and all).
Later connections are relayed whole (mode 'once': the client's retry succeeds) or closed
as soon as they are accepted (mode 'dead': the server is gone for good). Mode 'stall'
does not cut: the first connection stops relaying there but stays open (a server that
hangs), later ones are relayed whole.
Usage: cut_proxy.py TARGET_PORT CUT_BYTES once|dead PORT_FILE (writes its port there)."""
import os
import socket
import sys
import threading


def pump(src, dst, budget, stall=False):
    """Copies src to dst; budget (a list holding bytes left, or None) cuts both, or with
    stall leaves both open and silent."""
    try:
        while True:
            data = src.recv(16384)
            if not data:
                break
            if budget is not None:
                if len(data) >= budget[0]:
                    dst.sendall(data[: budget[0]])
                    budget[0] = 0
                    if stall:
                        threading.Event().wait(600)
                    break
                budget[0] -= len(data)
            dst.sendall(data)
    except OSError:
        pass
    for s in (src, dst):
        try:
            s.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def serve(conn, target, budget, stall):
    up = socket.create_connection(("127.0.0.1", target))
    a = threading.Thread(target=pump, args=(conn, up, None), daemon=True)
    b = threading.Thread(target=pump, args=(up, conn, budget, stall), daemon=True)
    a.start()
    b.start()
    b.join()
    a.join()
    conn.close()
    up.close()


def main():
    target, cut, mode, port_file = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
    lst = socket.socket()
    lst.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lst.bind(("127.0.0.1", 0))
    lst.listen(8)
    with open(port_file + ".tmp", "w") as f:
        f.write(str(lst.getsockname()[1]))
    os.rename(port_file + ".tmp", port_file)
    first = True
    while True:
        conn, _ = lst.accept()
        if not first and mode == "dead":
            conn.close()
            continue
        budget = [cut] if first else None
        first = False
        threading.Thread(target=serve, args=(conn, target, budget, mode == "stall"),
                         daemon=True).start()


if __name__ == "__main__":
    main()
