// JSON calls to the operator API with the session cookie; a refusal becomes an Error whose
// message is the server's (it names the problem and, for 409s, who decided first).

export class ApiError extends Error {
  constructor(status, data) {
    super((data && data.message) || `The server answered ${status}.`);
    this.status = status;
    this.data = data;
  }
}

export async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    credentials: "same-origin",
    cache: "no-store",
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  let data = null;
  try {
    data = await response.json();
  } catch {
    /* no body */
  }
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

export function showPath(showId, rest = "") {
  return `/api/shows/${encodeURIComponent(showId)}${rest}`;
}
