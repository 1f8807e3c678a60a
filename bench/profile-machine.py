"""Splits a whole-machine `perf record -a -g` between the server and the load generator and, for
each, shows how much of its CPU went to the kernel's TCP paths. On loopback the kernel runs the
receiving socket's TCP work in the sender's context, and a reader that keeps up sends an ACK from
each recv(), so the generator's cost per message depends on the server it reads; this makes that
visible.
usage: profile-machine.py PERF_DATA SERVER_PID GENERATOR_PID (bench/profile.sh runs it with SCOPE=machine)"""
import subprocess
import sys

PATHS = [
    ("TCP send (sendmsg)", lambda stack: "tcp_sendmsg" in stack),
    ("TCP receive (recvmsg)", lambda stack: "tcp_recvmsg" in stack),
    ("  of which an ACK sent from recv()", lambda stack: "tcp_recvmsg_locked" in stack and "__tcp_transmit_skb" in stack),
    ("waiting for sockets (epoll_wait)", lambda stack: "do_epoll_wait" in stack),
]


def samples(path: str):
    """Yields (pid, frames innermost first) for every sample."""
    script = subprocess.run(["perf", "script", "-i", path, "-F", "pid,ip,sym"], capture_output=True, text=True, check=True)
    pid, frames = None, []
    for line in script.stdout.splitlines():
        if not line.strip():
            if pid is not None:
                yield pid, frames
            pid, frames = None, []
        elif not line[0].isspace():
            pid = int(line.split()[0])
        else:
            parts = line.split()
            if len(parts) >= 2:
                frames.append(parts[1].split("+")[0])
    if pid is not None:
        yield pid, frames


def main(path: str, server: int, generator: int) -> None:
    by_pid: dict[int, list[set[str]]] = {server: [], generator: []}
    total = 0
    for pid, frames in samples(path):
        total += 1
        if pid in by_pid:
            by_pid[pid].append(set(frames))
    for name, pid in (("server", server), ("generator", generator)):
        stacks = by_pid[pid]
        print(f"{name}: {100.0 * len(stacks) / max(total, 1):.1f} % of the machine's samples")
        for label, test in PATHS:
            share = sum(1 for stack in stacks if test(stack)) / max(len(stacks), 1)
            print(f"  {100.0 * share:5.1f} %  {label}")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
