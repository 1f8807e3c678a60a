import { backoffDelay, defaultBackoff, isRetryableClose, mayRetry } from "./backoff.js";
import type { BackoffOptions } from "./backoff.js";
import { nextState } from "./connection-state.js";
import type { ConnectionEvent, ConnectionState } from "./connection-state.js";
import { Emitter } from "./emitter.js";
import { describe, FridayError } from "./errors.js";
import { typedEvents } from "./events.js";
import type { FridayEvents } from "./events.js";
import { HeartbeatMonitor } from "./heartbeat.js";
import {
  defaultLifecycleTargets,
  defaultMaxNodeLagMs,
  defaultMaxQueueSize,
  defaultRequestTimeoutMs,
  defaultTokenTimeoutMs,
} from "./options.js";
import type { FridayClientOptions, LifecycleTarget } from "./options.js";
import { OutgoingQueue } from "./outgoing-queue.js";
import { PendingRequests } from "./pending-requests.js";
import { CloseCode } from "./protocol.js";
import type {
  AuthMessage,
  ClientMessage,
  ConnectionMessage,
  ErrorMessage,
  NotificationUpdateMessage,
  ResumedMessage,
  ServerMessage,
  UnreadCountMessage,
  UnreadNotificationsMessage,
} from "./protocol.js";
import { systemScheduler } from "./scheduler.js";
import type { Scheduler } from "./scheduler.js";
import { SeqTimeline } from "./seq-timeline.js";
import { SeqTracker } from "./seq-tracker.js";
import { TokenRenewal } from "./token-renewal.js";
import { TopicReplies } from "./topic-replies.js";
import type { TopicSubscription } from "./topic-replies.js";
import { buildConnectUrl } from "./url.js";
import { WS_OPEN } from "./websocket-like.js";
import type { WebSocketConstructor, WebSocketLike } from "./websocket-like.js";

type Outgoing = ClientMessage & { id?: string };

/** The server takes at most this many topics in one message, and refuses the whole message past it. */
const maxTopicsPerMessage = 100;

/**
 * A Friday connection that stays up: it reconnects with jittered backoff, resumes the event
 * stream from the last `seq` it saw, resubscribes, and drops events it has already delivered.
 */
export class FridayClient {
  private readonly emitter: Emitter<FridayEvents>;
  private readonly scheduler: Scheduler;
  private readonly backoff: Required<BackoffOptions>;
  private readonly random: () => number;
  private readonly seq = new SeqTracker();
  private readonly timeline: SeqTimeline;
  private readonly queue: OutgoingQueue<Outgoing>;
  private readonly pending: PendingRequests;
  private readonly heartbeat: HeartbeatMonitor;
  private readonly topics = new Set<string>();
  private readonly notificationTypes = new Set<string>();
  private readonly lifecycleTargets: LifecycleTarget[];
  private readonly renewal: TokenRenewal;
  private readonly onLifecycleEvent = () => this.wake();

  private currentState: ConnectionState = "closed";
  private socket: WebSocketLike | undefined;
  /** Bumped on every attempt so that a slow token provider cannot revive a stale attempt. */
  private generation = 0;
  private attempt = 0;
  /** The attempt count when the current connection opened, and when that was. */
  private attemptBeforeOpen = 0;
  private openedAt: number | undefined;
  private retryTimer: unknown;
  /** One per token provider call under way: a renewal's and a connection attempt's may overlap. */
  private readonly tokenTimers = new Set<unknown>();
  /** The server's newest seq when this client first connected without a resume point. */
  private baselineSeq: number | undefined;
  private lastConnection: ConnectionMessage | undefined;
  private requestCounter = 0;
  private readonly requestPrefix: string;

  constructor(private readonly options: FridayClientOptions) {
    this.scheduler = options.scheduler ?? systemScheduler;
    this.random = options.random ?? Math.random;
    this.backoff = {
      initialDelayMs: options.initialDelayMs ?? defaultBackoff.initialDelayMs,
      maxDelayMs: options.maxDelayMs ?? defaultBackoff.maxDelayMs,
      maxRetries: options.maxRetries ?? defaultBackoff.maxRetries,
    };
    this.emitter = new Emitter<FridayEvents>((error, event) => this.reportHandlerError(error, event));
    this.timeline = new SeqTimeline(options.maxNodeLagMs ?? defaultMaxNodeLagMs);
    this.queue = new OutgoingQueue(options.maxQueueSize ?? defaultMaxQueueSize);
    this.pending = new PendingRequests(this.scheduler, (id) =>
      this.queue.remove((message) => message.id === id),
    );
    this.heartbeat = new HeartbeatMonitor(
      this.scheduler,
      options.heartbeat ?? {},
      () => this.writeIfOpen({ type: "ping" }),
      (silentForMs) => this.declareDead(silentForMs),
    );
    this.lifecycleTargets = options.lifecycleTargets ?? defaultLifecycleTargets();
    this.renewal = new TokenRenewal(this.scheduler, this.backoff, this.random, {
      fetchToken: () => this.resolveToken(),
      sendAuth: (token) => this.sendAuth(token),
      renewed: (event) => this.emitter.emit("token_renewed", event),
      failed: (event) => this.emitter.emit("token_renewal_failed", event),
    });
    this.requestPrefix = Math.floor(this.random() * 0x100000000).toString(36);
  }

  get state(): ConnectionState {
    return this.currentState;
  }

  /** The newest stream `seq` delivered to this client. */
  get lastSeq(): number | undefined {
    return this.seq.highest;
  }

  /** The `connection` message of the current or last connection. */
  get connection(): ConnectionMessage | undefined {
    return this.lastConnection;
  }

  get subscribedTopics(): string[] {
    return [...this.topics];
  }

  on<K extends keyof FridayEvents>(event: K, handler: (payload: FridayEvents[K]) => void): () => void {
    return this.emitter.on(event, handler);
  }

  /** Starts connecting; does nothing unless the client is closed. */
  connect(): void {
    if (this.currentState !== "closed") {
      return;
    }
    this.transition("connect");
    for (const target of this.lifecycleTargets) {
      target.addEventListener("visibilitychange", this.onLifecycleEvent);
      target.addEventListener("online", this.onLifecycleEvent);
    }
    void this.openSocket();
  }

  /** Closes for good: no reconnect until `connect()` is called again. */
  close(): void {
    this.stop(undefined, "closed by client");
  }

  /**
   * Sends now when connected, otherwise keeps the message for the next connection (`close()`
   * discards what is kept). False when the queue is full and the message was dropped.
   */
  send(message: ClientMessage): boolean {
    if (this.currentState === "open" && this.socket) {
      return this.write(message);
    }
    return this.queue.push(message);
  }

  /**
   * Sends with a fresh `id` and resolves with the first message whose `reply_to` matches.
   * Rejects with a `FridayError` on an `error` reply (its `code`), on timeout (`timeout`), or
   * when the connection that carried it is lost (`connection_lost`).
   */
  request<T extends ServerMessage = ServerMessage>(
    message: ClientMessage,
    options: { timeoutMs?: number } = {},
  ): Promise<T> {
    const id = message.id ?? this.nextRequestId();
    const reply = this.pending.wait(id, options.timeoutMs ?? this.options.requestTimeoutMs ?? defaultRequestTimeoutMs);
    if (!this.send({ ...message, id })) {
      this.pending.fail(id, new FridayError("queue_full", "the outgoing queue is full"));
    }
    return reply as Promise<T>;
  }

  /**
   * Subscribes and remembers the topics, which are subscribed again after every reconnect.
   * Resolves with one result per distinct topic, in order: `subscribed`; `refused` (the server
   * answered `forbidden`, `not_found` or `invalid_message` for it: it is forgotten and
   * `topic_refused` is emitted); or `pending` (not connected now, or no answer on this connection:
   * it is sent again on the next one, where a refusal also comes as `topic_refused`).
   */
  subscribe(topics: string | string[]): Promise<TopicSubscription[]> {
    const list = [...new Set(toList(topics))];
    list.forEach((topic) => this.topics.add(topic));
    if (this.currentState !== "open") {
      return Promise.resolve(list.map((topic) => ({ topic, status: "pending" })));
    }
    return this.subscribeTopics(list);
  }

  unsubscribe(topics: string | string[]): Promise<void> {
    const list = toList(topics);
    list.forEach((topic) => this.topics.delete(topic));
    return this.requestWhenOpen(topicMessage("unsubscribe", list));
  }

  /** Narrows the notifications this connection receives to these types (none: all types). */
  subscribeNotificationTypes(types: string[]): Promise<void> {
    types.forEach((type) => this.notificationTypes.add(type));
    return this.requestWhenOpen({ type: "subscribe", notification_types: types });
  }

  unsubscribeNotificationTypes(types: string[]): Promise<void> {
    types.forEach((type) => this.notificationTypes.delete(type));
    return this.requestWhenOpen({ type: "unsubscribe", notification_types: types });
  }

  async markRead(notificationId: string): Promise<void> {
    await this.request<NotificationUpdateMessage>({ type: "mark_read", notification_id: notificationId });
  }

  async getUnreadCount(): Promise<number> {
    const reply = await this.request<UnreadCountMessage>({ type: "get_unread_count" });
    return reply.data.count;
  }

  getUnread(limit?: number): Promise<UnreadNotificationsMessage> {
    return this.request<UnreadNotificationsMessage>(
      limit === undefined ? { type: "get_unread" } : { type: "get_unread", limit },
    );
  }

  async ping(): Promise<void> {
    await this.request({ type: "ping" });
  }

  private async openSocket(): Promise<void> {
    const generation = ++this.generation;
    this.openedAt = undefined;
    let token: string | undefined;
    try {
      token = await this.resolveToken();
    } catch (error) {
      if (generation === this.generation) {
        this.emitClientError(
          error instanceof FridayError ? error : new FridayError("token_provider_failed", describe(error)),
        );
        this.lose(undefined, "token provider failed");
      }
      return;
    }
    if (generation !== this.generation || this.currentState === "closed") {
      return;
    }
    const url = buildConnectUrl({
      baseUrl: this.options.url,
      clientId: this.options.clientId,
      token,
      lastSeq: this.resumePoint(),
      topics: [...this.topics],
    });
    let socket: WebSocketLike;
    try {
      socket = new (this.webSocketClass())(url);
    } catch (error) {
      this.emitClientError(error instanceof Error ? error : new Error(describe(error)));
      this.lose(undefined, "could not create the WebSocket");
      return;
    }
    this.socket = socket;
    this.heartbeat.start();
    socket.onmessage = (event) => {
      if (this.socket === socket) {
        this.receive(event.data);
      }
    };
    socket.onclose = (event) => {
      if (this.socket === socket) {
        this.lose(event.code, event.reason);
      }
    };
    socket.onerror = () => {
      if (this.socket === socket) {
        this.emitClientError(new Error("WebSocket error"));
      }
    };
  }

  /**
   * A provider that never settles (a hung refresh request) would otherwise stop reconnection for
   * good; after `tokenTimeoutMs` the attempt counts as failed and backoff goes on. A late answer
   * is ignored: the generation has moved on by then.
   */
  private resolveToken(): Promise<string | undefined> {
    const provider = this.options.tokenProvider;
    if (!provider) {
      return Promise.resolve(this.options.token);
    }
    const timeoutMs = this.options.tokenTimeoutMs ?? defaultTokenTimeoutMs;
    return new Promise<string | undefined>((resolve, reject) => {
      const timer = this.scheduler.setTimeout(() => {
        this.tokenTimers.delete(timer);
        reject(new FridayError("token_provider_failed", `the token provider did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.tokenTimers.add(timer);
      const settle = () => {
        this.scheduler.clearTimeout(timer);
        this.tokenTimers.delete(timer);
      };
      Promise.resolve()
        .then(provider)
        .then(
          (token) => {
            settle();
            resolve(token);
          },
          (error: unknown) => {
            settle();
            reject(error);
          },
        );
    });
  }

  /**
   * `auth` goes out on the current socket or not at all: queued for a later connection it would
   * replace that connection's fresher token with this one.
   */
  private sendAuth(token: string): Promise<AuthMessage> {
    const socket = this.socket;
    if (!socket || socket.readyState !== WS_OPEN) {
      return Promise.reject(new FridayError("connection_lost", "no open connection to renew the token on"));
    }
    const id = this.nextRequestId();
    const reply = this.pending.wait(id, this.options.requestTimeoutMs ?? defaultRequestTimeoutMs);
    socket.send(JSON.stringify({ type: "auth", id, token }));
    this.pending.markSent(id);
    return reply as Promise<AuthMessage>;
  }

  private webSocketClass(): WebSocketConstructor {
    const implementation =
      this.options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
    if (!implementation) {
      throw new Error("no WebSocket implementation: pass one as the `WebSocket` option");
    }
    return implementation;
  }

  /**
   * Where the stream should continue from. Before any event arrived, the server's `last_seq`
   * at first connect still lets a reconnect recover what happened while disconnected.
   */
  private resumePoint(): number | undefined {
    const seen = this.seq.highest;
    if (seen === undefined) {
      return this.baselineSeq;
    }
    return this.baselineSeq === undefined ? seen : Math.max(seen, this.baselineSeq);
  }

  private receive(data: unknown): void {
    this.heartbeat.received();
    const message = parseMessage(data);
    if (!message) {
      this.emitClientError(new Error(`ignored a frame that is not a JSON message: ${String(data).slice(0, 200)}`));
      return;
    }
    if (!this.seq.accept(message)) {
      return;
    }
    const seq = (message as { seq?: unknown }).seq;
    if (typeof seq === "number") {
      this.timeline.record(seq, this.scheduler.now());
    }
    if (message.type === "connection") {
      this.connected(message as ConnectionMessage);
    } else if (message.type === "resumed") {
      this.resumed(message as ResumedMessage);
    } else if (message.type === "error") {
      this.serverError(message as ErrorMessage);
    }
    this.pending.settle(message);
    if (typedEvents.has(message.type)) {
      this.emitter.emit(message.type as keyof FridayEvents, message as never);
    }
    this.emitter.emit("message", message);
  }

  private connected(message: ConnectionMessage): void {
    if (typeof message.last_seq === "number") {
      this.checkServerSequence(message.last_seq);
    }
    this.lastConnection = message;
    this.attemptBeforeOpen = this.attempt;
    this.openedAt = this.scheduler.now();
    this.attempt = 0;
    this.heartbeat.connected(message.heartbeat_interval);
    this.transition("connected");
    this.resubscribe();
    for (const queued of this.queue.drain()) {
      this.write(queued);
    }
  }

  /**
   * `last_seq` is the newest seq the answering node has delivered. On a deployment of several nodes
   * the one this client reconnected to may be a little behind the one it left, which is no reason
   * to forget what was delivered: the duplicates it is about to send must still be dropped. Only a
   * `last_seq` below a seq this client has known for longer than any node lags (`maxNodeLagMs`)
   * means the sequence itself started over (a new database). Dropping every seq below the old
   * point would then silence the stream, so deduplication starts over from the server's point and
   * the application is told to refetch what it missed.
   */
  private checkServerSequence(serverSeq: number): void {
    const now = this.scheduler.now();
    const resumePoint = this.resumePoint();
    if (resumePoint === undefined) {
      this.baselineSeq = serverSeq;
    } else if (serverSeq < resumePoint) {
      const settled = this.timeline.settled(now);
      if (settled === undefined || serverSeq >= settled) {
        return;
      }
      this.seq.reset();
      this.timeline.clear();
      this.baselineSeq = serverSeq;
      this.emitClientError(new FridayError(
        "stream_reset",
        `server sequence went back from ${resumePoint} to ${serverSeq}, below seq ${settled} known for over ${this.timeline.maxLagMs} ms; refetch over REST`,
      ));
    }
    this.timeline.record(serverSeq, now);
  }

  /** The server's word that events were missed: the replay could not reach back far enough. */
  private resumed(message: ResumedMessage): void {
    if (message.complete === false) {
      this.emitClientError(new FridayError(
        "stream_reset",
        `the server's history does not reach back to seq ${message.from_seq}; events were missed, refetch over REST`,
      ));
    }
  }

  /** With a fixed token there is nothing to renew: the connection ends at the expiry (4001). */
  private serverError(message: ErrorMessage): void {
    if (
      message.code === "token_expiring" &&
      message.reply_to === undefined &&
      typeof message.expires_at === "string" &&
      this.options.tokenProvider
    ) {
      this.renewal.expiring(message.expires_at);
    }
  }

  private resubscribe(): void {
    if (this.topics.size > 0) {
      void this.subscribeTopics([...this.topics]);
    }
    if (this.notificationTypes.size > 0) {
      this.write({ type: "subscribe", notification_types: [...this.notificationTypes] });
    }
  }

  /** One request per `maxTopicsPerMessage` topics; forgets the topics the server refused. */
  private async subscribeTopics(topics: string[]): Promise<TopicSubscription[]> {
    const chunks: string[][] = [];
    for (let start = 0; start < topics.length; start += maxTopicsPerMessage) {
      chunks.push(topics.slice(start, start + maxTopicsPerMessage));
    }
    return (await Promise.all(chunks.map((chunk) => this.subscribeChunk(chunk)))).flat();
  }

  private async subscribeChunk(topics: string[]): Promise<TopicSubscription[]> {
    const replies = new TopicReplies(topics);
    const id = this.nextRequestId();
    const answered = this.pending.collect(
      id,
      this.options.requestTimeoutMs ?? defaultRequestTimeoutMs,
      (reply) => replies.take(reply),
    );
    if (!this.send({ ...topicMessage("subscribe", topics), id })) {
      this.pending.fail(id, new FridayError("queue_full", "the outgoing queue is full"));
    }
    try {
      await answered;
    } catch (error) {
      replies.fail(error instanceof FridayError ? error : new FridayError("closed", describe(error)));
    }
    for (const result of replies.results) {
      if (result.status === "refused") {
        this.topics.delete(result.topic);
        this.emitter.emit("topic_refused", { topic: result.topic, error: result.error });
      }
    }
    return replies.results;
  }

  /**
   * Subscription changes are remembered and replayed on every connection, so a connection lost
   * before the reply does not fail them; only the server's refusal does.
   */
  private requestWhenOpen(message: ClientMessage): Promise<void> {
    if (this.currentState !== "open") {
      return Promise.resolve();
    }
    return this.request(message).then(
      () => undefined,
      (error: unknown) => {
        if (error instanceof FridayError && (error.code === "connection_lost" || error.code === "closed")) {
          return;
        }
        throw error;
      },
    );
  }

  private write(message: Outgoing): boolean {
    const socket = this.socket;
    if (!socket || socket.readyState !== WS_OPEN) {
      return this.queue.push(message);
    }
    socket.send(JSON.stringify(message));
    if (message.id !== undefined) {
      this.pending.markSent(message.id);
    }
    return true;
  }

  private writeIfOpen(message: ClientMessage): void {
    if (this.currentState === "open") {
      this.write(message);
    }
  }

  /** A connection that went silent is usually a dead TCP path; its close event may never come. */
  private declareDead(silentForMs: number): void {
    this.emitClientError(new FridayError("connection_lost", `no message for ${silentForMs} ms`));
    this.lose(undefined, "heartbeat timeout");
  }

  /** After a throttled background period or a network change, check at once instead of later. */
  private wake(): void {
    if (this.socket) {
      this.heartbeat.check();
    } else if (this.currentState === "reconnecting" && this.retryTimer !== undefined) {
      this.scheduler.clearTimeout(this.retryTimer);
      this.retryTimer = undefined;
      void this.openSocket();
    }
  }

  private lose(code: number | undefined, reason: string): void {
    this.dropSocket();
    const detail = code === undefined ? reason : `code ${code}${reason ? `, ${reason}` : ""}`;
    this.pending.failSent(new FridayError("connection_lost", `connection lost (${detail})`));
    if (this.currentState === "closed") {
      return;
    }
    // A token refused at connect, or one that ran out soon after the connection opened, proved
    // nothing about the provider: the backoff goes on growing instead of starting over, so a
    // provider that keeps handing out unusable tokens cannot make the client reconnect fast.
    if (code === CloseCode.unauthorized && this.openedAt !== undefined && this.scheduler.now() - this.openedAt < this.backoff.maxDelayMs) {
      this.attempt = this.attemptBeforeOpen;
    }
    const retryable = code === undefined || isRetryableClose(code, this.options.tokenProvider !== undefined);
    if (!retryable || !mayRetry(this.attempt, this.backoff)) {
      this.stop(code, reason);
      return;
    }
    const delay = backoffDelay(this.attempt, this.backoff, this.random);
    this.attempt++;
    this.transition("lost", code, reason);
    this.retryTimer = this.scheduler.setTimeout(() => {
      this.retryTimer = undefined;
      void this.openSocket();
    }, delay);
  }

  private stop(code: number | undefined, reason: string): void {
    this.generation++;
    this.dropSocket();
    if (this.retryTimer !== undefined) {
      this.scheduler.clearTimeout(this.retryTimer);
      this.retryTimer = undefined;
    }
    for (const timer of this.tokenTimers) {
      this.scheduler.clearTimeout(timer);
    }
    this.tokenTimers.clear();
    for (const target of this.lifecycleTargets) {
      target.removeEventListener("visibilitychange", this.onLifecycleEvent);
      target.removeEventListener("online", this.onLifecycleEvent);
    }
    this.queue.drain();
    this.attempt = 0;
    this.transition("stop", code, reason);
    this.pending.failAll(new FridayError("closed", `client closed: ${reason}`));
  }

  private dropSocket(): void {
    this.heartbeat.stop();
    this.renewal.reset();
    const socket = this.socket;
    if (!socket) {
      return;
    }
    this.socket = undefined;
    socket.onmessage = null;
    socket.onclose = null;
    // Kept as a no-op: Node's `ws` throws on an `error` event that has no listener.
    socket.onerror = () => undefined;
    try {
      socket.close(1000, "client closing");
    } catch {
      // A socket that is already failing may refuse to close; it is abandoned either way.
    }
  }

  private transition(event: ConnectionEvent, code?: number, reason?: string): void {
    const previous = this.currentState;
    const state = nextState(previous, event);
    if (state === previous) {
      return;
    }
    this.currentState = state;
    this.emitter.emit("state", {
      state,
      previous,
      ...(code === undefined ? {} : { code }),
      ...(reason === undefined ? {} : { reason }),
    });
  }

  private nextRequestId(): string {
    this.requestCounter++;
    return `${this.requestPrefix}-${this.requestCounter}`;
  }

  private emitClientError(error: Error): void {
    this.emitter.emit("client_error", error);
  }

  /**
   * A throwing handler must not break the connection's bookkeeping, nor vanish: it goes to
   * `client_error` listeners, or, as EventTarget does, is rethrown outside the dispatch.
   */
  private reportHandlerError(error: unknown, event: keyof FridayEvents): void {
    const wrapped = error instanceof Error ? error : new Error(describe(error));
    if (event !== "client_error" && this.emitter.listenerCount("client_error") > 0) {
      this.emitClientError(wrapped);
      return;
    }
    queueMicrotask(() => {
      throw wrapped;
    });
  }
}

function toList(topics: string | string[]): string[] {
  return typeof topics === "string" ? [topics] : [...topics];
}

function topicMessage(type: "subscribe" | "unsubscribe", topics: string[]): ClientMessage {
  return topics.length === 1 ? { type, topic: topics[0] as string } : { type, topics };
}

function parseMessage(data: unknown): ServerMessage | undefined {
  try {
    const value: unknown = JSON.parse(typeof data === "string" ? data : String(data));
    if (value && typeof value === "object" && typeof (value as { type?: unknown }).type === "string") {
      return value as ServerMessage;
    }
  } catch {
    // Falls through to the same answer as a non-object: not a protocol message.
  }
  return undefined;
}
