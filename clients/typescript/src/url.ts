export interface ConnectUrlParts {
  baseUrl: string;
  clientId?: string | undefined;
  token?: string | undefined;
  lastSeq?: number | undefined;
  /** Subscribed by the server before it replays, so the replay covers them (sent with `lastSeq` only). */
  topics?: readonly string[] | undefined;
}

/** `{base}/{clientId}?token=…&last_seq=…&topics=…`, keeping any query the base already has. */
export function buildConnectUrl(parts: ConnectUrlParts): string {
  const url = new URL(parts.baseUrl);
  if (parts.clientId !== undefined) {
    url.pathname = `${url.pathname.replace(/\/+$/, "")}/${encodeURIComponent(parts.clientId)}`;
  }
  if (parts.token !== undefined) {
    url.searchParams.set("token", parts.token);
  }
  if (parts.lastSeq !== undefined) {
    url.searchParams.set("last_seq", String(parts.lastSeq));
    if (parts.topics !== undefined && parts.topics.length > 0) {
      url.searchParams.set("topics", parts.topics.join(","));
    }
  }
  return url.toString();
}
