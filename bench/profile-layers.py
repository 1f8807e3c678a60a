"""Sums a flat `perf report --sort dso,sym` into the layers a delivery passes through, so that
Friday and the SignalR baseline can be compared layer by layer. A managed frame counts for the
assembly that declares its method ("ret [Assembly] Type::Method(args)"), not for the generic
arguments or parameters it names; native frames count for their library."""
import re
import sys

LAYERS = [
    ("kernel: TCP send, loopback receive, scheduler", r"\[kernel"),
    ("JIT compiler", r"libclrjit"),
    ("runtime: GC, stubs, libc", r"libcoreclr|libc\.so|ld-linux|vdso|libSystem"),
    ("SQLite", r"sqlite"),
    ("the server's own code (Friday, or the baseline app)", r"^Friday\."),
    ("SignalR", r"SignalR\.|Http\.Connections"),
    ("ManagedWebSocket", r"^System\.Net\.WebSockets$"),
    ("Kestrel and System.IO.Pipelines", r"Kestrel|Pipelines"),
    ("sockets", r"System\.Net\.Sockets"),
    ("System.Threading.Channels (the outbound queues)", r"Channels"),
    ("CoreLib: thread pool, timers, async, collections", r"System\.Private\.CoreLib|System\.Collections"),
]


def main(path: str) -> None:
    shares: dict[str, float] = {}
    for line in open(path, encoding="utf-8", errors="replace"):
        match = re.match(r"\s*([\d.]+)%\s+(.*)", line)
        if not match:
            continue
        symbol = match.group(2)
        declaring = re.search(r"\[([^\]]+)\] [^ \[\]]+::[^(]*\(", symbol)
        subject = declaring.group(1) if declaring else symbol
        layer = next((name for name, pattern in LAYERS if re.search(pattern, subject)), "other")
        shares[layer] = shares.get(layer, 0.0) + float(match.group(1))
    for layer, share in sorted(shares.items(), key=lambda item: -item[1]):
        print(f"{share:6.1f} %  {layer}")


if __name__ == "__main__":
    main(sys.argv[1])
