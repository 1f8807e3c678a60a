"""Connects to Friday, subscribes to notes and prints every event until Ctrl-C.

    python3 examples/watch_notes.py --url http://127.0.0.1:5000 --user alice

Needs a server in the Development environment: the token comes from /api/dev/token, fetched
again before every reconnect, and when the server warns that it expires (token_expiring) to
renew it on the open connection, as a real token provider would refresh an expiring token.
"""

import argparse
import asyncio
import json
import os
import sys
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from friday_client import FridayClient, is_user_notification  # noqa: E402


def fetch_dev_token(base_url: str, user_id: str) -> str:
    request = urllib.request.Request(
        f"{base_url}/api/dev/token",
        data=json.dumps({"user_id": user_id}).encode(),
        headers={"content-type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)["token"]


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:5000", help="Friday's HTTP base URL")
    parser.add_argument("--user", default="alice")
    args = parser.parse_args()
    base = args.url.rstrip("/")

    async def token_provider() -> str:
        # urllib blocks; a thread keeps the event loop (and other connections) responsive.
        return await asyncio.to_thread(fetch_dev_token, base, args.user)

    client = FridayClient(base.replace("http", "ws", 1) + "/ws", token_provider=token_provider)
    client.on("state", lambda change: print(f"[{change['state']}]", change.get("reason", "")))
    client.on("subscription", lambda e: print(f"{e['status']} {e['topic']}"))
    client.on("resumed", lambda e: print(f"resumed after #{e['from_seq']}: {e['replayed']} replayed"
                                         + ("" if e["complete"] else " (history incomplete: refetch over REST)")))
    client.on("data_changed", lambda e: print(f"#{e['seq']} {e['entity']} {e['action']} {e['id']}", json.dumps(e["data"])))
    # Every connection also receives broadcasts to everyone (topic "broadcast"), whose data is the publisher's.
    client.on("notification", lambda e: print(f"#{e['seq']} notification: {e['data']['title']}" if is_user_notification(e)
                                              else f"#{e['seq']} {e['topic']}: {e['message']}"))
    client.on("unread_count", lambda e: print(f"unread: {e['data']['count']}"))
    client.on("error", lambda e: print(f"server error {e['code']}: {e['message']}"))
    client.on("client_error", lambda error: print(f"client error: {error!r}"))
    client.on("token_renewed", lambda e: print(f"token renewed until {e['expires_at']}"))
    client.on("token_renewal_failed", lambda e: print(f"token renewal failed: {e['error']}"
                                                      + (" (will retry)" if e["will_retry"] else "")))
    await client.subscribe("notes")
    client.connect()
    try:
        await asyncio.Event().wait()
    finally:
        await client.close()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
