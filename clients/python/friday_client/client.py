from __future__ import annotations

import asyncio
import inspect
import itertools
import json
import logging
import random as _random
import secrets
import time
from typing import Any, Awaitable, Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Union
from urllib.parse import quote, urlencode, urlsplit, urlunsplit, parse_qsl

import websockets

from .backoff import Backoff, backoff_delay, is_retryable_close
from .errors import FridayError
from .outgoing_queue import OutgoingQueue
from .protocol import SERVER_EVENTS, CloseCode, ConnectionState, EventName
from .redaction import redact, socket_logger
from .seq_timeline import SeqTimeline
from .seq_tracker import SeqTracker
from .token_renewal import TokenRenewal
from .topic_replies import TopicReplies, TopicSubscription

log = logging.getLogger("friday_client")

Message = Dict[str, Any]
Handler = Callable[[Any], Union[None, Awaitable[None]]]
TokenProvider = Callable[[], Union[str, Awaitable[str]]]

# The server takes at most this many topics in one message, and refuses the whole message past it.
_MAX_TOPICS_PER_MESSAGE = 100


def build_connect_url(
    base_url: str,
    client_id: Optional[str],
    token: Optional[str],
    last_seq: Optional[int],
    topics: Sequence[str] = (),
) -> str:
    """``{base}/{client_id}?token=…&last_seq=…&topics=…``, keeping any query the base already has.

    The topics go with ``last_seq`` only: the server subscribes them before it replays, so the
    replay covers them; a first connect subscribes them the normal way."""
    parts = urlsplit(base_url)
    path = parts.path
    if client_id is not None:
        path = f"{path.rstrip('/')}/{quote(client_id, safe='')}"
    query = [(k, v) for k, v in parse_qsl(parts.query) if k not in ("token", "last_seq", "topics")]
    if token is not None:
        query.append(("token", token))
    if last_seq is not None:
        query.append(("last_seq", str(last_seq)))
        if topics:
            query.append(("topics", ",".join(topics)))
    return urlunsplit((parts.scheme, parts.netloc, path, urlencode(query), parts.fragment))


class _PendingRequest:
    __slots__ = ("future", "sent", "take")

    def __init__(self, future: "asyncio.Future[Message]", take: Optional[Callable[[Message], bool]]) -> None:
        self.future = future
        self.sent = False
        # For a request answered by several messages: sees each reply, True after the last.
        self.take = take


class FridayClient:
    """A Friday connection that stays up: it reconnects with jittered backoff, resumes the event
    stream from the last ``seq`` it saw, resubscribes, and drops events it already delivered.

    Use it inside a running event loop: ``client.connect()``, then ``await client.wait_open()``
    if the caller needs the connection before going on, and ``await client.close()`` at the end.
    """

    def __init__(
        self,
        url: str,
        *,
        token: Optional[str] = None,
        token_provider: Optional[TokenProvider] = None,
        client_id: Optional[str] = None,
        backoff: Backoff = Backoff(),
        request_timeout: float = 10.0,
        max_queue_size: int = 1000,
        heartbeat_interval: float = 30.0,
        dead_after_intervals: int = 3,
        check_every: float = 5.0,
        open_timeout: float = 10.0,
        token_timeout: float = 10.0,
        max_node_lag: float = 60.0,
        random: Callable[[], float] = _random.random,
        connect: Callable[..., Any] = websockets.connect,
    ) -> None:
        self.url = url
        self._token = token
        self._token_provider = token_provider
        self.client_id = client_id
        self.backoff = backoff
        self.request_timeout = request_timeout
        self._default_heartbeat = heartbeat_interval
        self._heartbeat_interval = heartbeat_interval
        self._dead_after_intervals = dead_after_intervals
        self._check_every = check_every
        self._open_timeout = open_timeout
        self._token_timeout = token_timeout
        self._random = random
        self._connect = connect

        self._handlers: Dict[str, List[Handler]] = {}
        self._seq = SeqTracker()
        self._timeline = SeqTimeline(max_node_lag)
        self._queue: OutgoingQueue[Message] = OutgoingQueue(max_queue_size)
        self._pending: Dict[str, _PendingRequest] = {}
        self._topics: Dict[str, None] = {}
        self._notification_types: Dict[str, None] = {}
        self._state: ConnectionState = "closed"
        self._runner: Optional[asyncio.Task[None]] = None
        self._background: "set[asyncio.Future[Any]]" = set()
        self._outbox: Optional[asyncio.Queue[Message]] = None
        self._socket: Any = None
        self._attempt = 0
        # The attempt count when the current connection opened, and when that was (loop time).
        self._attempt_before_open = 0
        self._opened_at: Optional[float] = None
        self._renewal = TokenRenewal(backoff, random, self._fetch_token, self._send_auth, self._emit)
        self._baseline_seq: Optional[int] = None
        self._last_received = 0.0
        self._opened = asyncio.Event()
        self._request_ids = itertools.count(1)
        self._request_prefix = secrets.token_hex(4)
        self.connection: Optional[Message] = None
        """The ``connection`` message of the current or last connection."""

    # ---- public API -------------------------------------------------------------------------

    @property
    def state(self) -> ConnectionState:
        return self._state

    @property
    def last_seq(self) -> Optional[int]:
        """The newest stream ``seq`` delivered to this client."""
        return self._seq.highest

    @property
    def subscribed_topics(self) -> List[str]:
        return list(self._topics)

    def on(self, event: EventName, handler: Handler) -> Callable[[], None]:
        """Calls ``handler(payload)`` for every ``event``; a coroutine handler runs as a task.
        Returns a function that removes the handler."""
        self._handlers.setdefault(event, []).append(handler)

        def remove() -> None:
            handlers = self._handlers.get(event, [])
            if handler in handlers:
                handlers.remove(handler)

        return remove

    def connect(self) -> None:
        """Starts connecting in the background; does nothing unless the client is closed."""
        if self._state != "closed":
            return
        self._set_state("connecting")
        self._runner = asyncio.get_running_loop().create_task(self._run())

    async def wait_open(self, timeout: Optional[float] = None) -> None:
        """Waits until the server's ``connection`` message has arrived on a connection."""
        await asyncio.wait_for(self._opened.wait(), timeout)

    async def close(self) -> None:
        """Closes for good: no reconnect until ``connect()`` is called again."""
        runner, self._runner = self._runner, None
        if self._state == "closed" and runner is None:
            return
        self._stop(None, "closed by client")
        if runner is not None and runner is not asyncio.current_task():
            runner.cancel()
            try:
                await runner
            except asyncio.CancelledError:
                pass

    def send(self, message: Mapping[str, Any]) -> bool:
        """Sends now when connected, otherwise keeps the message for the next connection.
        False when the queue is full and the message was dropped."""
        return self._write(dict(message))

    async def request(self, message: Mapping[str, Any], timeout: Optional[float] = None) -> Message:
        """Sends with a fresh ``id`` and returns the first message whose ``reply_to`` matches.
        Raises FridayError on an ``error`` reply (its code), ``timeout``, or ``connection_lost``
        when the connection that carried it died before the reply."""
        request_id, pending = self._begin_request(message)
        return await self._await_reply(request_id, pending, timeout, message.get("type"))

    async def subscribe(self, topics: Union[str, Iterable[str]]) -> List[TopicSubscription]:
        """Subscribes and remembers the topics, which are subscribed again after every reconnect.
        Returns one result per distinct topic, in order (see ``TopicSubscription``): a topic the
        server refused is forgotten and reported as ``topic_refused`` too; one not answered on this
        connection (``pending``) is sent again on the next, where a refusal also comes as
        ``topic_refused``."""
        names = list(dict.fromkeys(_as_list(topics)))
        for name in names:
            self._topics[name] = None
        if self._state != "open":
            return [{"topic": name, "status": "pending"} for name in names]
        return await self._subscribe_topics(names)

    async def unsubscribe(self, topics: Union[str, Iterable[str]]) -> None:
        names = _as_list(topics)
        for name in names:
            self._topics.pop(name, None)
        await self._request_when_open(_topic_message("unsubscribe", names))

    async def subscribe_notification_types(self, types: Iterable[str]) -> None:
        """Narrows the notifications this connection receives to these types (none: all)."""
        names = list(types)
        for name in names:
            self._notification_types[name] = None
        await self._request_when_open({"type": "subscribe", "notification_types": names})

    async def unsubscribe_notification_types(self, types: Iterable[str]) -> None:
        names = list(types)
        for name in names:
            self._notification_types.pop(name, None)
        await self._request_when_open({"type": "unsubscribe", "notification_types": names})

    async def mark_read(self, notification_id: str) -> None:
        await self.request({"type": "mark_read", "notification_id": notification_id})

    async def get_unread_count(self) -> int:
        reply = await self.request({"type": "get_unread_count"})
        return int(reply["data"]["count"])

    async def get_unread(self, limit: Optional[int] = None) -> Message:
        message: Message = {"type": "get_unread"}
        if limit is not None:
            message["limit"] = limit
        return await self.request(message)

    async def ping(self) -> None:
        await self.request({"type": "ping"})

    # ---- requests -----------------------------------------------------------------------------

    def _begin_request(
        self, message: Mapping[str, Any], take: Optional[Callable[[Message], bool]] = None
    ) -> "tuple[str, _PendingRequest]":
        """Registers the request and sends or queues it, all before the caller's next await, so
        that messages begun one after another go out in that order."""
        outgoing = dict(message)
        request_id = str(outgoing.setdefault("id", self._next_request_id()))
        pending = self._expect_reply(request_id, take)
        if not self._write(outgoing):
            pending.future.set_exception(FridayError("queue_full", "the outgoing queue is full"))
        return request_id, pending

    def _next_request_id(self) -> str:
        return f"{self._request_prefix}-{next(self._request_ids)}"

    def _expect_reply(self, request_id: str, take: Optional[Callable[[Message], bool]] = None) -> _PendingRequest:
        pending = _PendingRequest(asyncio.get_running_loop().create_future(), take)
        self._pending[request_id] = pending
        return pending

    async def _await_reply(self, request_id: str, pending: _PendingRequest, timeout: Optional[float], what: Any) -> Message:
        try:
            try:
                return await asyncio.wait_for(
                    asyncio.shield(pending.future), self.request_timeout if timeout is None else timeout
                )
            except asyncio.TimeoutError:
                # A request that timed out while queued must not go out later, unasked for.
                self._queue.remove(lambda queued: queued.get("id") == request_id)
                raise FridayError("timeout", f"no reply to {what} {request_id}") from None
        finally:
            self._pending.pop(request_id, None)

    def _subscribe_topics(self, names: List[str]) -> "Awaitable[List[TopicSubscription]]":
        """Sends the subscribes now (one per ``_MAX_TOPICS_PER_MESSAGE`` topics); the returned
        awaitable collects the answers and forgets the topics the server refused."""
        started = []
        for start in range(0, len(names), _MAX_TOPICS_PER_MESSAGE):
            replies = TopicReplies(names[start:start + _MAX_TOPICS_PER_MESSAGE])
            started.append((replies, *self._begin_request(
                _topic_message("subscribe", names[start:start + _MAX_TOPICS_PER_MESSAGE]), replies.take)))
        return self._collect_topic_replies(started)

    async def _collect_topic_replies(
        self, started: "List[tuple[TopicReplies, str, _PendingRequest]]"
    ) -> List[TopicSubscription]:
        results: List[TopicSubscription] = []
        for replies, request_id, pending in started:
            try:
                await self._await_reply(request_id, pending, None, "subscribe")
            except FridayError as error:
                replies.fail(error)
            results.extend(replies.results)
        for result in results:
            if result["status"] == "refused":
                self._topics.pop(result["topic"], None)
                self._emit("topic_refused", {"topic": result["topic"], "error": result["error"]})
        return results

    # ---- connection loop --------------------------------------------------------------------

    async def _run(self) -> None:
        while self._state != "closed":
            code, reason = await self._connect_once()
            if self._state == "closed":
                return
            # A token refused at connect, or one that ran out soon after the connection opened,
            # proved nothing about the provider: the backoff goes on growing instead of starting
            # over, so a provider that keeps handing out unusable tokens cannot make the client
            # reconnect fast.
            if (code == CloseCode.UNAUTHORIZED and self._opened_at is not None
                    and asyncio.get_running_loop().time() - self._opened_at < self.backoff.max_delay):
                self._attempt = self._attempt_before_open
            retryable = is_retryable_close(code, self._token_provider is not None)
            if not retryable or not self.backoff.may_retry(self._attempt):
                self._stop(code, reason)
                return
            delay = backoff_delay(self._attempt, self.backoff, self._random)
            self._attempt += 1
            self._set_state("reconnecting", code, reason)
            await asyncio.sleep(delay)

    async def _connect_once(self) -> "tuple[Optional[int], str]":
        self._opened_at = None
        try:
            token = await self._fetch_token()
        except FridayError as error:
            self._emit("client_error", error)
            return None, "token provider failed"
        # close() cancels this task, but before Python 3.12 asyncio.wait_for (the token timeout,
        # websockets' open timeout) can swallow a cancellation that meets a result: without these
        # checks a closed client would connect again and never stop.
        if self._state == "closed":
            return None, "closed by client"
        url = build_connect_url(self.url, self.client_id, token, self._resume_point(), list(self._topics))
        try:
            socket = await self._connect(url, ping_interval=None, open_timeout=self._open_timeout, close_timeout=2,
                                         logger=socket_logger())
        except (OSError, asyncio.TimeoutError, websockets.exceptions.WebSocketException) as error:
            self._emit("client_error", error)
            return None, redact(f"could not connect: {error!r}")
        if self._state == "closed":
            await socket.close()
            return None, "closed by client"
        return await self._session(socket)

    async def _fetch_token(self) -> Optional[str]:
        """The token for a connection or a renewal. A provider that never returns (a hung refresh
        request) would stop reconnection for good; past ``token_timeout`` the call counts as
        failed (``token_provider_failed``), as does any exception it raises."""
        try:
            return await asyncio.wait_for(self._resolve_token(), self._token_timeout)
        except asyncio.TimeoutError:
            raise FridayError(
                "token_provider_failed", f"the token provider did not answer within {self._token_timeout} s") from None
        except Exception as error:  # noqa: BLE001 - any provider failure is reported, then retried
            raise FridayError("token_provider_failed", repr(error)) from error

    async def _resolve_token(self) -> Optional[str]:
        if self._token_provider is None:
            return self._token
        token = self._token_provider()
        return await token if inspect.isawaitable(token) else token

    async def _send_auth(self, token: str) -> Message:
        """``auth`` goes out on the current connection or not at all: queued for a later one it
        would replace that connection's fresher token with this one."""
        if self._outbox is None:
            raise FridayError("connection_lost", "no open connection to renew the token on")
        request_id = self._next_request_id()
        pending = self._expect_reply(request_id)
        self._put({"type": "auth", "id": request_id, "token": token})
        return await self._await_reply(request_id, pending, None, "auth")

    def _resume_point(self) -> Optional[int]:
        """Where the stream should continue from. Before any event arrived, the server's
        ``last_seq`` at first connect still lets a reconnect recover what was missed."""
        seen = self._seq.highest
        if seen is None:
            return self._baseline_seq
        return seen if self._baseline_seq is None else max(seen, self._baseline_seq)

    async def _session(self, socket: Any) -> "tuple[Optional[int], str]":
        loop = asyncio.get_running_loop()
        self._socket = socket
        self._outbox = asyncio.Queue()
        self._last_received = loop.time()
        helpers = [loop.create_task(self._write_loop(socket, self._outbox)), loop.create_task(self._watch(socket))]
        try:
            async for raw in socket:
                self._receive(raw)
        except websockets.exceptions.ConnectionClosed:
            pass
        finally:
            for helper in helpers:
                helper.cancel()
            self._renewal.reset()
            self._socket = None
            self._outbox = None
            self._opened.clear()
            self._fail_sent(FridayError("connection_lost", f"connection lost (code {socket.close_code})"))
        return socket.close_code, socket.close_reason or ""

    async def _write_loop(self, socket: Any, outbox: "asyncio.Queue[Message]") -> None:
        """One writer per connection keeps messages in the order they were sent."""
        while True:
            message = await outbox.get()
            try:
                await socket.send(json.dumps(message))
            except websockets.exceptions.ConnectionClosed:
                return

    async def _watch(self, socket: Any) -> None:
        """Detects a dead connection by the age of the last message received: a dead TCP path
        may never deliver a close. Also pings once per server heartbeat interval."""
        loop = asyncio.get_running_loop()
        last_ping = loop.time()
        while True:
            await asyncio.sleep(self._check_every)
            now = loop.time()
            silent_for = now - self._last_received
            if silent_for > self._heartbeat_interval * self._dead_after_intervals:
                self._emit("client_error", FridayError("connection_lost", f"no message for {silent_for:.1f} s"))
                socket.transport.abort()
                return
            if self._state == "open" and now - last_ping >= self._heartbeat_interval:
                last_ping = now
                self._put({"type": "ping"})

    def _receive(self, raw: Union[str, bytes]) -> None:
        self._last_received = asyncio.get_running_loop().time()
        try:
            message = json.loads(raw)
        except ValueError:
            message = None
        if not isinstance(message, dict) or not isinstance(message.get("type"), str):
            self._emit("client_error", ValueError(f"ignored a frame that is not a JSON message: {str(raw)[:200]}"))
            return
        if not self._seq.accept(message):
            return
        seq = message.get("seq")
        if isinstance(seq, int) and not isinstance(seq, bool):
            self._timeline.record(seq, time.monotonic())
        if message["type"] == "connection":
            self._connected(message)
        elif message["type"] == "error":
            self._server_error(message)
        elif message["type"] == "resumed" and message.get("complete") is False:
            # The server's word that events were missed: the replay could not reach back far enough.
            self._emit("client_error", FridayError(
                "stream_reset",
                f"the server's history does not reach back to seq {message.get('from_seq')}; "
                "events were missed, refetch over REST"))
        self._settle(message)
        if message["type"] in SERVER_EVENTS:
            self._emit(message["type"], message)
        self._emit("message", message)

    def _connected(self, message: Message) -> None:
        server_seq = message.get("last_seq")
        if isinstance(server_seq, int) and not isinstance(server_seq, bool):
            self._check_server_sequence(server_seq)
        self.connection = message
        self._attempt_before_open = self._attempt
        self._opened_at = asyncio.get_running_loop().time()
        self._attempt = 0
        interval = message.get("heartbeat_interval")
        self._heartbeat_interval = interval if isinstance(interval, (int, float)) and interval > 0 else self._default_heartbeat
        self._set_state("open")
        if self._topics:
            resubscribed = asyncio.ensure_future(self._subscribe_topics(list(self._topics)))
            self._background.add(resubscribed)
            resubscribed.add_done_callback(self._background.discard)
        if self._notification_types:
            self._put({"type": "subscribe", "notification_types": list(self._notification_types)})
        for queued in self._queue.drain():
            self._put(queued)
        self._opened.set()

    def _server_error(self, message: Message) -> None:
        """With a fixed token there is nothing to renew: the connection ends at the expiry (4001)."""
        expires_at = message.get("expires_at")
        if (message.get("code") == "token_expiring" and "reply_to" not in message
                and isinstance(expires_at, str) and self._token_provider is not None):
            self._renewal.expiring(expires_at)

    def _check_server_sequence(self, server_seq: int) -> None:
        """``last_seq`` is the newest seq the answering node has delivered. On a deployment of
        several nodes the one this client reconnected to may be a little behind the one it left,
        which is no reason to forget what was delivered: the duplicates it is about to send must
        still be dropped. Only a ``last_seq`` below a seq known for longer than any node lags
        (``max_node_lag``) means the sequence itself started over (a new database): dropping every
        seq below the old point would then silence the stream, so deduplication starts over from
        the server's point and the application is told to refetch what it missed."""
        now = time.monotonic()
        resume_point = self._resume_point()
        if resume_point is None:
            self._baseline_seq = server_seq
        elif server_seq < resume_point:
            settled = self._timeline.settled(now)
            if settled is None or server_seq >= settled:
                return
            self._seq = SeqTracker()
            self._timeline.clear()
            self._baseline_seq = server_seq
            self._emit("client_error", FridayError(
                "stream_reset",
                f"server sequence went back from {resume_point} to {server_seq}, below seq {settled} "
                f"known for over {self._timeline.max_lag} s; refetch over REST"))
        self._timeline.record(server_seq, now)

    def _settle(self, message: Message) -> None:
        reply_to = message.get("reply_to")
        pending = self._pending.get(reply_to) if isinstance(reply_to, str) else None
        if pending is None or pending.future.done():
            return
        if pending.take is not None:
            if pending.take(message):
                pending.future.set_result(message)
            return
        if message["type"] == "error":
            pending.future.set_exception(FridayError.from_server(message))
        else:
            pending.future.set_result(message)

    async def _request_when_open(self, message: Message) -> None:
        """Subscription changes are replayed on every connection, so a connection lost before
        the reply does not fail them; only the server's refusal does."""
        if self._state != "open":
            return
        try:
            await self.request(message)
        except FridayError as error:
            if error.code not in ("connection_lost", "closed"):
                raise

    def _write(self, message: Message) -> bool:
        if self._state == "open" and self._outbox is not None:
            self._put(message)
            return True
        return self._queue.push(message)

    def _put(self, message: Message) -> None:
        assert self._outbox is not None
        self._outbox.put_nowait(message)
        request_id = message.get("id")
        if isinstance(request_id, str) and request_id in self._pending:
            self._pending[request_id].sent = True

    def _fail_sent(self, error: FridayError) -> None:
        for pending in self._pending.values():
            if pending.sent and not pending.future.done():
                pending.future.set_exception(error)

    def _stop(self, code: Optional[int], reason: str) -> None:
        self._renewal.reset()
        socket = self._socket
        if socket is not None:
            asyncio.get_running_loop().create_task(socket.close(1000, "client closing"))
        self._queue.drain()
        self._attempt = 0
        self._opened.clear()
        self._set_state("closed", code, reason)
        for pending in self._pending.values():
            if not pending.future.done():
                pending.future.set_exception(FridayError("closed", f"client closed: {reason}"))

    def _set_state(self, state: ConnectionState, code: Optional[int] = None, reason: Optional[str] = None) -> None:
        previous = self._state
        if state == previous:
            return
        self._state = state
        change: Message = {"state": state, "previous": previous}
        if code is not None:
            change["code"] = code
        if reason is not None:
            change["reason"] = reason
        self._emit("state", change)

    def _emit(self, event: str, payload: Any) -> None:
        for handler in list(self._handlers.get(event, [])):
            try:
                result = handler(payload)
                if inspect.isawaitable(result):
                    asyncio.ensure_future(result)
            except Exception as error:  # noqa: BLE001 - a handler must not break the connection
                if event != "client_error" and self._handlers.get("client_error"):
                    self._emit("client_error", error)
                else:
                    log.exception("Friday event handler for %s failed", event)


def _as_list(topics: Union[str, Iterable[str]]) -> List[str]:
    return [topics] if isinstance(topics, str) else list(topics)


def _topic_message(kind: str, topics: List[str]) -> Message:
    return {"type": kind, "topic": topics[0]} if len(topics) == 1 else {"type": kind, "topics": topics}
