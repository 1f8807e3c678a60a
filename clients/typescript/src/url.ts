export interface ConnectUrlParts {
  baseUrl: string;
  clientId?: string | undefined;
  token?: string | undefined;
  lastSeq?: number | undefined;
}

/** `{base}/{clientId}?token=…&last_seq=…`, keeping any query the base already has. */
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
  }
  return url.toString();
}
