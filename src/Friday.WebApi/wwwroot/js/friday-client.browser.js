// src/protocol.ts
var CloseCode = {
  normal: 1e3,
  goingAway: 1001,
  policyViolation: 1008,
  messageTooBig: 1009,
  tryAgainLater: 1013,
  unauthorized: 4001,
  forbidden: 4003,
  replaced: 4008
};

// src/backoff.ts
var defaultBackoff = {
  initialDelayMs: 500,
  maxDelayMs: 3e4,
  maxRetries: Infinity
};
function backoffDelay(attempt, options, random = Math.random) {
  const ceiling = Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}
var finalCloseCodes = /* @__PURE__ */ new Set([CloseCode.forbidden, CloseCode.replaced]);
function isRetryableClose(code, hasTokenProvider) {
  if (code === CloseCode.unauthorized) {
    return hasTokenProvider;
  }
  return !finalCloseCodes.has(code);
}
function mayRetry(attempt, options) {
  return attempt < options.maxRetries;
}

// src/connection-state.ts
function nextState(state, event) {
  switch (event) {
    case "connect":
      return state === "closed" ? "connecting" : state;
    case "connected":
      return state === "connecting" || state === "reconnecting" ? "open" : state;
    case "lost":
      return state === "closed" ? state : "reconnecting";
    case "stop":
      return "closed";
  }
}

// src/emitter.ts
var Emitter = class {
  constructor(onHandlerError) {
    this.onHandlerError = onHandlerError;
    this.handlers = /* @__PURE__ */ new Map();
  }
  listenerCount(event) {
    return this.handlers.get(event)?.size ?? 0;
  }
  on(event, handler) {
    let set = this.handlers.get(event);
    if (!set) {
      set = /* @__PURE__ */ new Set();
      this.handlers.set(event, set);
    }
    set.add(handler);
    return () => {
      set.delete(handler);
    };
  }
  emit(event, payload) {
    const set = this.handlers.get(event);
    if (!set) {
      return;
    }
    for (const handler of [...set]) {
      try {
        handler(payload);
      } catch (error) {
        this.onHandlerError(error, event);
      }
    }
  }
};

// src/errors.ts
var FridayError = class _FridayError extends Error {
  constructor(code, message, reply) {
    super(message);
    this.code = code;
    this.reply = reply;
    this.name = "FridayError";
  }
  static fromServer(reply) {
    return new _FridayError(reply.code, reply.message, reply);
  }
};
function describe(error) {
  return error instanceof Error ? error.message : String(error);
}

// src/events.ts
var typedEvents = /* @__PURE__ */ new Set([
  "connection",
  "data_changed",
  "notification",
  "notification_update",
  "unread_count",
  "unread_notifications",
  "resumed",
  "subscription",
  "pong",
  "heartbeat",
  "error"
]);

// src/heartbeat.ts
var defaultHeartbeat = {
  defaultIntervalSeconds: 30,
  deadAfterIntervals: 3,
  checkEveryMs: 5e3
};
var HeartbeatMonitor = class {
  constructor(scheduler, options, sendPing, onDead) {
    this.scheduler = scheduler;
    this.options = options;
    this.sendPing = sendPing;
    this.onDead = onDead;
    this.lastReceivedAt = scheduler.now();
    this.intervalMs = (options.defaultIntervalSeconds ?? defaultHeartbeat.defaultIntervalSeconds) * 1e3;
  }
  /** Starts watching; counts silence from now, which also bounds a connect that hangs. */
  start() {
    this.stop();
    this.lastReceivedAt = this.scheduler.now();
    this.checkTimer = this.scheduler.setInterval(
      () => this.check(),
      this.options.checkEveryMs ?? defaultHeartbeat.checkEveryMs
    );
  }
  /** The server told its interval; pinging starts now that the connection is usable. */
  connected(heartbeatIntervalSeconds) {
    if (heartbeatIntervalSeconds > 0) {
      this.intervalMs = heartbeatIntervalSeconds * 1e3;
    }
    this.clearPing();
    this.pingTimer = this.scheduler.setInterval(
      () => this.sendPing(),
      this.options.pingEveryMs ?? this.intervalMs
    );
  }
  received() {
    this.lastReceivedAt = this.scheduler.now();
  }
  get deadAfterMs() {
    return this.intervalMs * (this.options.deadAfterIntervals ?? defaultHeartbeat.deadAfterIntervals);
  }
  /** True (and `onDead` called) when the connection has been silent too long. */
  check() {
    const silentFor = this.scheduler.now() - this.lastReceivedAt;
    if (silentFor > this.deadAfterMs) {
      this.onDead(silentFor);
      return true;
    }
    return false;
  }
  stop() {
    if (this.checkTimer !== void 0) {
      this.scheduler.clearInterval(this.checkTimer);
      this.checkTimer = void 0;
    }
    this.clearPing();
  }
  clearPing() {
    if (this.pingTimer !== void 0) {
      this.scheduler.clearInterval(this.pingTimer);
      this.pingTimer = void 0;
    }
  }
};

// src/options.ts
var defaultRequestTimeoutMs = 1e4;
var defaultTokenTimeoutMs = 1e4;
var defaultMaxQueueSize = 1e3;
var defaultMaxNodeLagMs = 6e4;
function defaultLifecycleTargets() {
  const scope = globalThis;
  return [scope.document, scope].filter((target) => typeof target?.addEventListener === "function").filter((target, index, all) => all.indexOf(target) === index);
}

// src/outgoing-queue.ts
var OutgoingQueue = class {
  constructor(capacity) {
    this.items = [];
    if (!(capacity >= 0)) {
      throw new RangeError(`queue capacity must be >= 0, got ${capacity}`);
    }
    this.capacity = capacity;
  }
  get size() {
    return this.items.length;
  }
  /** False when the queue is full and the item was not kept. */
  push(item) {
    if (this.items.length >= this.capacity) {
      return false;
    }
    this.items.push(item);
    return true;
  }
  /** Removes and returns everything, oldest first. */
  drain() {
    return this.items.splice(0, this.items.length);
  }
  /** Removes the items matching the predicate, e.g. a request that timed out before it was sent. */
  remove(predicate) {
    for (let i = this.items.length - 1; i >= 0; i--) {
      if (predicate(this.items[i])) {
        this.items.splice(i, 1);
      }
    }
  }
};

// src/pending-requests.ts
var PendingRequests = class {
  constructor(scheduler, onTimeout) {
    this.scheduler = scheduler;
    this.onTimeout = onTimeout;
    this.pending = /* @__PURE__ */ new Map();
  }
  get size() {
    return this.pending.size;
  }
  /** The first reply; an `error` reply rejects with its code. */
  wait(id, timeoutMs) {
    return this.register(id, timeoutMs, (resolve, reject) => (reply) => {
      if (reply.type === "error") {
        reject(FridayError.fromServer(reply));
      } else {
        resolve(reply);
      }
      return true;
    });
  }
  /**
   * For a request the server answers with several messages (one per topic): `onReply` sees each,
   * `error` replies included, and returns true after the last. Rejects only on timeout or when the
   * connection is lost or closed first.
   */
  collect(id, timeoutMs, onReply) {
    return this.register(id, timeoutMs, (resolve) => (reply) => {
      if (!onReply(reply)) {
        return false;
      }
      resolve();
      return true;
    });
  }
  register(id, timeoutMs, taker) {
    return new Promise((resolve, reject) => {
      const timer = this.scheduler.setTimeout(() => {
        this.pending.delete(id);
        this.onTimeout(id);
        reject(new FridayError("timeout", `no reply to request ${id} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { take: taker(resolve, reject), reject, timer, sent: false });
    });
  }
  markSent(id) {
    const entry = this.pending.get(id);
    if (entry) {
      entry.sent = true;
    }
  }
  /** Settles the request the message answers; false when it answers none. */
  settle(message) {
    const id = message.reply_to;
    if (typeof id !== "string") {
      return false;
    }
    const entry = this.pending.get(id);
    if (!entry) {
      return false;
    }
    if (entry.take(message)) {
      this.take(id);
    }
    return true;
  }
  fail(id, error) {
    this.take(id)?.reject(error);
  }
  /**
   * Rejects the requests already written to a socket that is gone: their replies would have come
   * on that socket only. Requests still queued stay pending and go out on the next connection.
   */
  failSent(error) {
    for (const [id, entry] of this.pending) {
      if (entry.sent) {
        this.take(id);
        entry.reject(error);
      }
    }
  }
  failAll(error) {
    for (const id of [...this.pending.keys()]) {
      this.fail(id, error);
    }
  }
  take(id) {
    const entry = this.pending.get(id);
    if (entry) {
      this.pending.delete(id);
      this.scheduler.clearTimeout(entry.timer);
    }
    return entry;
  }
};

// src/scheduler.ts
var systemScheduler = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle),
  setInterval: (callback, ms) => globalThis.setInterval(callback, ms),
  clearInterval: (handle) => globalThis.clearInterval(handle)
};

// src/seq-timeline.ts
var SeqTimeline = class {
  constructor(maxLagMs, granularityMs = 1e3) {
    this.maxLagMs = maxLagMs;
    this.granularityMs = granularityMs;
    /** Ascending in both `seq` and `at`, roughly `granularityMs` apart; older ones are pruned. */
    this.entries = [];
  }
  /** `seq` was issued no later than `at`. */
  record(seq, at) {
    const last = this.entries[this.entries.length - 1];
    if (last !== void 0 && seq <= last.seq) {
      return;
    }
    const beforeLast = this.entries[this.entries.length - 2];
    if (last !== void 0 && beforeLast !== void 0 && at - beforeLast.at < this.granularityMs) {
      last.seq = seq;
      last.at = at;
    } else {
      this.entries.push({ seq, at });
    }
    this.prune(at);
  }
  /** The highest `seq` known at least `maxLagMs` before `now`: every node has delivered it by now. */
  settled(now) {
    this.prune(now);
    const first = this.entries[0];
    return first !== void 0 && first.at <= now - this.maxLagMs ? first.seq : void 0;
  }
  clear() {
    this.entries = [];
  }
  /** Keeps the newest entry old enough to be settled, and everything after it. */
  prune(now) {
    const cutoff = now - this.maxLagMs;
    let drop = 0;
    while (drop + 1 < this.entries.length && this.entries[drop + 1].at <= cutoff) {
      drop++;
    }
    if (drop > 0) {
      this.entries.splice(0, drop);
    }
  }
};

// src/seq-tracker.ts
var SeqTracker = class {
  constructor(initial) {
    this.highestSeen = initial;
  }
  get highest() {
    return this.highestSeen;
  }
  /** Forgets what was seen: the server's sequence started over. */
  reset() {
    this.highestSeen = void 0;
  }
  /** True when the message should be delivered; messages without a numeric `seq` always are. */
  accept(message) {
    const seq = message.seq;
    if (typeof seq !== "number" || !Number.isFinite(seq)) {
      return true;
    }
    if (this.highestSeen !== void 0 && seq <= this.highestSeen) {
      return false;
    }
    this.highestSeen = seq;
    return true;
  }
};

// src/token-renewal.ts
var TokenRenewal = class {
  constructor(scheduler, backoff, random, host) {
    this.scheduler = scheduler;
    this.backoff = backoff;
    this.random = random;
    this.host = host;
    /** From a warning until a renewal succeeds. */
    this.engaged = false;
    this.attempt = 0;
    /** Bumped when the connection ends, so that an answer for the old one is ignored. */
    this.generation = 0;
  }
  /** The server's `token_expiring`: the current token expires at `expiresAt`. */
  expiring(expiresAt) {
    if (this.engaged) {
      this.rewarned = expiresAt;
      return;
    }
    this.expiresAt = expiresAt;
    this.engaged = true;
    this.rewarned = void 0;
    if (this.renewedAt !== void 0 && this.scheduler.now() - this.renewedAt < this.backoff.maxDelayMs) {
      this.retryLater();
      return;
    }
    this.attempt = 0;
    void this.run();
  }
  /** The connection ended: its renewal ends with it; the next connection starts with a fresh token. */
  reset() {
    this.generation++;
    if (this.retryTimer !== void 0) {
      this.scheduler.clearTimeout(this.retryTimer);
      this.retryTimer = void 0;
    }
    this.expiresAt = void 0;
    this.engaged = false;
    this.rewarned = void 0;
    this.attempt = 0;
    this.renewedAt = void 0;
  }
  /** `reset()` clears the timer, so it never fires for a connection that has ended. */
  retryLater() {
    const delay = backoffDelay(this.attempt, this.backoff, this.random);
    this.attempt++;
    this.retryTimer = this.scheduler.setTimeout(() => {
      this.retryTimer = void 0;
      void this.run();
    }, delay);
  }
  async run() {
    const generation = this.generation;
    const before = this.expiresAt;
    let reply;
    try {
      const token = await this.host.fetchToken();
      if (generation !== this.generation) {
        return;
      }
      if (!token) {
        throw new FridayError("token_provider_failed", "the token provider returned no token");
      }
      reply = await this.host.sendAuth(token);
    } catch (error) {
      if (generation === this.generation) {
        this.fail(error instanceof FridayError ? error : new FridayError("token_provider_failed", describe(error)));
      }
      return;
    }
    if (generation !== this.generation) {
      return;
    }
    this.expiresAt = reply.expires_at;
    if (!(Date.parse(reply.expires_at) > Date.parse(before))) {
      this.fail(new FridayError(
        "stale_token",
        `the token provider's token expires at ${reply.expires_at}, no later than the current one (${before})`
      ));
      return;
    }
    this.engaged = false;
    this.renewedAt = this.scheduler.now();
    this.host.renewed({ expiresAt: reply.expires_at });
    const rewarned = this.rewarned;
    this.rewarned = void 0;
    if (rewarned !== void 0 && Date.parse(rewarned) >= Date.parse(reply.expires_at)) {
      this.expiring(rewarned);
    }
  }
  /** Another user's token (`forbidden`) will not become this user's by retrying. */
  fail(error) {
    const willRetry = error.code !== "forbidden" && mayRetry(this.attempt, this.backoff);
    if (willRetry) {
      this.retryLater();
    }
    this.host.failed({ error, expiresAt: this.expiresAt, willRetry });
  }
};

// src/topic-replies.ts
var topicRefusals = /* @__PURE__ */ new Set(["forbidden", "not_found", "invalid_message"]);
function isTopicRefusal(code) {
  return topicRefusals.has(code);
}
var TopicReplies = class {
  constructor(topics) {
    this.topics = topics;
    this.next = 0;
    this.results = topics.map((topic) => ({ topic, status: "pending" }));
  }
  /** Takes one reply; true when no more will come. */
  take(reply) {
    const topic = this.topics[this.next];
    if (topic === void 0) {
      return true;
    }
    if (reply.type === "subscription") {
      this.results[this.next] = { topic, status: "subscribed" };
    } else if (reply.type === "error") {
      const error = FridayError.fromServer(reply);
      if (!isTopicRefusal(error.code)) {
        this.fail(error);
        return true;
      }
      this.results[this.next] = { topic, status: "refused", error };
    } else {
      return false;
    }
    this.next++;
    return this.next >= this.topics.length;
  }
  /** No more answers will come: the topics not answered yet stay pending, with the reason. */
  fail(error) {
    for (let i = this.next; i < this.topics.length; i++) {
      this.results[i] = { topic: this.topics[i], status: "pending", error };
    }
    this.next = this.topics.length;
  }
};

// src/url.ts
function buildConnectUrl(parts) {
  const url = new URL(parts.baseUrl);
  if (parts.clientId !== void 0) {
    url.pathname = `${url.pathname.replace(/\/+$/, "")}/${encodeURIComponent(parts.clientId)}`;
  }
  if (parts.token !== void 0) {
    url.searchParams.set("token", parts.token);
  }
  if (parts.lastSeq !== void 0) {
    url.searchParams.set("last_seq", String(parts.lastSeq));
    if (parts.topics !== void 0 && parts.topics.length > 0) {
      url.searchParams.set("topics", parts.topics.join(","));
    }
  }
  return url.toString();
}

// src/websocket-like.ts
var WS_OPEN = 1;

// src/client.ts
var maxTopicsPerMessage = 100;
var FridayClient = class {
  constructor(options) {
    this.options = options;
    this.seq = new SeqTracker();
    this.topics = /* @__PURE__ */ new Set();
    this.notificationTypes = /* @__PURE__ */ new Set();
    this.onLifecycleEvent = () => this.wake();
    this.currentState = "closed";
    /** Bumped on every attempt so that a slow token provider cannot revive a stale attempt. */
    this.generation = 0;
    this.attempt = 0;
    /** The attempt count when the current connection opened, and when that was. */
    this.attemptBeforeOpen = 0;
    /** One per token provider call under way: a renewal's and a connection attempt's may overlap. */
    this.tokenTimers = /* @__PURE__ */ new Set();
    this.requestCounter = 0;
    this.scheduler = options.scheduler ?? systemScheduler;
    this.random = options.random ?? Math.random;
    this.backoff = {
      initialDelayMs: options.initialDelayMs ?? defaultBackoff.initialDelayMs,
      maxDelayMs: options.maxDelayMs ?? defaultBackoff.maxDelayMs,
      maxRetries: options.maxRetries ?? defaultBackoff.maxRetries
    };
    this.emitter = new Emitter((error, event) => this.reportHandlerError(error, event));
    this.timeline = new SeqTimeline(options.maxNodeLagMs ?? defaultMaxNodeLagMs);
    this.queue = new OutgoingQueue(options.maxQueueSize ?? defaultMaxQueueSize);
    this.pending = new PendingRequests(
      this.scheduler,
      (id) => this.queue.remove((message) => message.id === id)
    );
    this.heartbeat = new HeartbeatMonitor(
      this.scheduler,
      options.heartbeat ?? {},
      () => this.writeIfOpen({ type: "ping" }),
      (silentForMs) => this.declareDead(silentForMs)
    );
    this.lifecycleTargets = options.lifecycleTargets ?? defaultLifecycleTargets();
    this.renewal = new TokenRenewal(this.scheduler, this.backoff, this.random, {
      fetchToken: () => this.resolveToken(),
      sendAuth: (token) => this.sendAuth(token),
      renewed: (event) => this.emitter.emit("token_renewed", event),
      failed: (event) => this.emitter.emit("token_renewal_failed", event)
    });
    this.requestPrefix = Math.floor(this.random() * 4294967296).toString(36);
  }
  get state() {
    return this.currentState;
  }
  /** The newest stream `seq` delivered to this client. */
  get lastSeq() {
    return this.seq.highest;
  }
  /** The `connection` message of the current or last connection. */
  get connection() {
    return this.lastConnection;
  }
  get subscribedTopics() {
    return [...this.topics];
  }
  on(event, handler) {
    return this.emitter.on(event, handler);
  }
  /** Starts connecting; does nothing unless the client is closed. */
  connect() {
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
  close() {
    this.stop(void 0, "closed by client");
  }
  /**
   * Sends now when connected, otherwise keeps the message for the next connection (`close()`
   * discards what is kept). False when the queue is full and the message was dropped.
   */
  send(message) {
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
  request(message, options = {}) {
    const id = message.id ?? this.nextRequestId();
    const reply = this.pending.wait(id, options.timeoutMs ?? this.options.requestTimeoutMs ?? defaultRequestTimeoutMs);
    if (!this.send({ ...message, id })) {
      this.pending.fail(id, new FridayError("queue_full", "the outgoing queue is full"));
    }
    return reply;
  }
  /**
   * Subscribes and remembers the topics, which are subscribed again after every reconnect.
   * Resolves with one result per distinct topic, in order: `subscribed`; `refused` (the server
   * answered `forbidden`, `not_found` or `invalid_message` for it: it is forgotten and
   * `topic_refused` is emitted); or `pending` (not connected now, or no answer on this connection:
   * it is sent again on the next one, where a refusal also comes as `topic_refused`).
   */
  subscribe(topics) {
    const list = [...new Set(toList(topics))];
    list.forEach((topic) => this.topics.add(topic));
    if (this.currentState !== "open") {
      return Promise.resolve(list.map((topic) => ({ topic, status: "pending" })));
    }
    return this.subscribeTopics(list);
  }
  unsubscribe(topics) {
    const list = toList(topics);
    list.forEach((topic) => this.topics.delete(topic));
    return this.requestWhenOpen(topicMessage("unsubscribe", list));
  }
  /** Narrows the notifications this connection receives to these types (none: all types). */
  subscribeNotificationTypes(types) {
    types.forEach((type) => this.notificationTypes.add(type));
    return this.requestWhenOpen({ type: "subscribe", notification_types: types });
  }
  unsubscribeNotificationTypes(types) {
    types.forEach((type) => this.notificationTypes.delete(type));
    return this.requestWhenOpen({ type: "unsubscribe", notification_types: types });
  }
  async markRead(notificationId) {
    await this.request({ type: "mark_read", notification_id: notificationId });
  }
  async getUnreadCount() {
    const reply = await this.request({ type: "get_unread_count" });
    return reply.data.count;
  }
  getUnread(limit) {
    return this.request(
      limit === void 0 ? { type: "get_unread" } : { type: "get_unread", limit }
    );
  }
  async ping() {
    await this.request({ type: "ping" });
  }
  async openSocket() {
    const generation = ++this.generation;
    this.openedAt = void 0;
    let token;
    try {
      token = await this.resolveToken();
    } catch (error) {
      if (generation === this.generation) {
        this.emitClientError(
          error instanceof FridayError ? error : new FridayError("token_provider_failed", describe(error))
        );
        this.lose(void 0, "token provider failed");
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
      topics: [...this.topics]
    });
    let socket;
    try {
      socket = new (this.webSocketClass())(url);
    } catch (error) {
      this.emitClientError(error instanceof Error ? error : new Error(describe(error)));
      this.lose(void 0, "could not create the WebSocket");
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
  resolveToken() {
    const provider = this.options.tokenProvider;
    if (!provider) {
      return Promise.resolve(this.options.token);
    }
    const timeoutMs = this.options.tokenTimeoutMs ?? defaultTokenTimeoutMs;
    return new Promise((resolve, reject) => {
      const timer = this.scheduler.setTimeout(() => {
        this.tokenTimers.delete(timer);
        reject(new FridayError("token_provider_failed", `the token provider did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.tokenTimers.add(timer);
      const settle = () => {
        this.scheduler.clearTimeout(timer);
        this.tokenTimers.delete(timer);
      };
      Promise.resolve().then(provider).then(
        (token) => {
          settle();
          resolve(token);
        },
        (error) => {
          settle();
          reject(error);
        }
      );
    });
  }
  /**
   * `auth` goes out on the current socket or not at all: queued for a later connection it would
   * replace that connection's fresher token with this one.
   */
  sendAuth(token) {
    const socket = this.socket;
    if (!socket || socket.readyState !== WS_OPEN) {
      return Promise.reject(new FridayError("connection_lost", "no open connection to renew the token on"));
    }
    const id = this.nextRequestId();
    const reply = this.pending.wait(id, this.options.requestTimeoutMs ?? defaultRequestTimeoutMs);
    socket.send(JSON.stringify({ type: "auth", id, token }));
    this.pending.markSent(id);
    return reply;
  }
  webSocketClass() {
    const implementation = this.options.WebSocket ?? globalThis.WebSocket;
    if (!implementation) {
      throw new Error("no WebSocket implementation: pass one as the `WebSocket` option");
    }
    return implementation;
  }
  /**
   * Where the stream should continue from. Before any event arrived, the server's `last_seq`
   * at first connect still lets a reconnect recover what happened while disconnected.
   */
  resumePoint() {
    const seen = this.seq.highest;
    if (seen === void 0) {
      return this.baselineSeq;
    }
    return this.baselineSeq === void 0 ? seen : Math.max(seen, this.baselineSeq);
  }
  receive(data) {
    this.heartbeat.received();
    const message = parseMessage(data);
    if (!message) {
      this.emitClientError(new Error(`ignored a frame that is not a JSON message: ${String(data).slice(0, 200)}`));
      return;
    }
    if (!this.seq.accept(message)) {
      return;
    }
    const seq = message.seq;
    if (typeof seq === "number") {
      this.timeline.record(seq, this.scheduler.now());
    }
    if (message.type === "connection") {
      this.connected(message);
    } else if (message.type === "resumed") {
      this.resumed(message);
    } else if (message.type === "error") {
      this.serverError(message);
    }
    this.pending.settle(message);
    if (typedEvents.has(message.type)) {
      this.emitter.emit(message.type, message);
    }
    this.emitter.emit("message", message);
  }
  connected(message) {
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
  checkServerSequence(serverSeq) {
    const now = this.scheduler.now();
    const resumePoint = this.resumePoint();
    if (resumePoint === void 0) {
      this.baselineSeq = serverSeq;
    } else if (serverSeq < resumePoint) {
      const settled = this.timeline.settled(now);
      if (settled === void 0 || serverSeq >= settled) {
        return;
      }
      this.seq.reset();
      this.timeline.clear();
      this.baselineSeq = serverSeq;
      this.emitClientError(new FridayError(
        "stream_reset",
        `server sequence went back from ${resumePoint} to ${serverSeq}, below seq ${settled} known for over ${this.timeline.maxLagMs} ms; refetch over REST`
      ));
    }
    this.timeline.record(serverSeq, now);
  }
  /** The server's word that events were missed: the replay could not reach back far enough. */
  resumed(message) {
    if (message.complete === false) {
      this.emitClientError(new FridayError(
        "stream_reset",
        `the server's history does not reach back to seq ${message.from_seq}; events were missed, refetch over REST`
      ));
    }
  }
  /** With a fixed token there is nothing to renew: the connection ends at the expiry (4001). */
  serverError(message) {
    if (message.code === "token_expiring" && message.reply_to === void 0 && typeof message.expires_at === "string" && this.options.tokenProvider) {
      this.renewal.expiring(message.expires_at);
    }
  }
  resubscribe() {
    if (this.topics.size > 0) {
      void this.subscribeTopics([...this.topics]);
    }
    if (this.notificationTypes.size > 0) {
      this.write({ type: "subscribe", notification_types: [...this.notificationTypes] });
    }
  }
  /** One request per `maxTopicsPerMessage` topics; forgets the topics the server refused. */
  async subscribeTopics(topics) {
    const chunks = [];
    for (let start = 0; start < topics.length; start += maxTopicsPerMessage) {
      chunks.push(topics.slice(start, start + maxTopicsPerMessage));
    }
    return (await Promise.all(chunks.map((chunk) => this.subscribeChunk(chunk)))).flat();
  }
  async subscribeChunk(topics) {
    const replies = new TopicReplies(topics);
    const id = this.nextRequestId();
    const answered = this.pending.collect(
      id,
      this.options.requestTimeoutMs ?? defaultRequestTimeoutMs,
      (reply) => replies.take(reply)
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
  requestWhenOpen(message) {
    if (this.currentState !== "open") {
      return Promise.resolve();
    }
    return this.request(message).then(
      () => void 0,
      (error) => {
        if (error instanceof FridayError && (error.code === "connection_lost" || error.code === "closed")) {
          return;
        }
        throw error;
      }
    );
  }
  write(message) {
    const socket = this.socket;
    if (!socket || socket.readyState !== WS_OPEN) {
      return this.queue.push(message);
    }
    socket.send(JSON.stringify(message));
    if (message.id !== void 0) {
      this.pending.markSent(message.id);
    }
    return true;
  }
  writeIfOpen(message) {
    if (this.currentState === "open") {
      this.write(message);
    }
  }
  /** A connection that went silent is usually a dead TCP path; its close event may never come. */
  declareDead(silentForMs) {
    this.emitClientError(new FridayError("connection_lost", `no message for ${silentForMs} ms`));
    this.lose(void 0, "heartbeat timeout");
  }
  /** After a throttled background period or a network change, check at once instead of later. */
  wake() {
    if (this.socket) {
      this.heartbeat.check();
    } else if (this.currentState === "reconnecting" && this.retryTimer !== void 0) {
      this.scheduler.clearTimeout(this.retryTimer);
      this.retryTimer = void 0;
      void this.openSocket();
    }
  }
  lose(code, reason) {
    this.dropSocket();
    const detail = code === void 0 ? reason : `code ${code}${reason ? `, ${reason}` : ""}`;
    this.pending.failSent(new FridayError("connection_lost", `connection lost (${detail})`));
    if (this.currentState === "closed") {
      return;
    }
    if (code === CloseCode.unauthorized && this.openedAt !== void 0 && this.scheduler.now() - this.openedAt < this.backoff.maxDelayMs) {
      this.attempt = this.attemptBeforeOpen;
    }
    const retryable = code === void 0 || isRetryableClose(code, this.options.tokenProvider !== void 0);
    if (!retryable || !mayRetry(this.attempt, this.backoff)) {
      this.stop(code, reason);
      return;
    }
    const delay = backoffDelay(this.attempt, this.backoff, this.random);
    this.attempt++;
    this.transition("lost", code, reason);
    this.retryTimer = this.scheduler.setTimeout(() => {
      this.retryTimer = void 0;
      void this.openSocket();
    }, delay);
  }
  stop(code, reason) {
    this.generation++;
    this.dropSocket();
    if (this.retryTimer !== void 0) {
      this.scheduler.clearTimeout(this.retryTimer);
      this.retryTimer = void 0;
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
  dropSocket() {
    this.heartbeat.stop();
    this.renewal.reset();
    const socket = this.socket;
    if (!socket) {
      return;
    }
    this.socket = void 0;
    socket.onmessage = null;
    socket.onclose = null;
    socket.onerror = () => void 0;
    try {
      socket.close(1e3, "client closing");
    } catch {
    }
  }
  transition(event, code, reason) {
    const previous = this.currentState;
    const state = nextState(previous, event);
    if (state === previous) {
      return;
    }
    this.currentState = state;
    this.emitter.emit("state", {
      state,
      previous,
      ...code === void 0 ? {} : { code },
      ...reason === void 0 ? {} : { reason }
    });
  }
  nextRequestId() {
    this.requestCounter++;
    return `${this.requestPrefix}-${this.requestCounter}`;
  }
  emitClientError(error) {
    this.emitter.emit("client_error", error);
  }
  /**
   * A throwing handler must not break the connection's bookkeeping, nor vanish: it goes to
   * `client_error` listeners, or, as EventTarget does, is rethrown outside the dispatch.
   */
  reportHandlerError(error, event) {
    const wrapped = error instanceof Error ? error : new Error(describe(error));
    if (event !== "client_error" && this.emitter.listenerCount("client_error") > 0) {
      this.emitClientError(wrapped);
      return;
    }
    queueMicrotask(() => {
      throw wrapped;
    });
  }
};
function toList(topics) {
  return typeof topics === "string" ? [topics] : [...topics];
}
function topicMessage(type, topics) {
  return topics.length === 1 ? { type, topic: topics[0] } : { type, topics };
}
function parseMessage(data) {
  try {
    const value = JSON.parse(typeof data === "string" ? data : String(data));
    if (value && typeof value === "object" && typeof value.type === "string") {
      return value;
    }
  } catch {
  }
  return void 0;
}

// src/user-notifications.ts
var userNotificationsTopic = "notifications";
function isUserNotification(message) {
  return message.topic === userNotificationsTopic;
}
export {
  CloseCode,
  FridayClient,
  FridayError,
  isTopicRefusal,
  isUserNotification,
  userNotificationsTopic
};
