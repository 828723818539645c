// JSON over fetch; a refusal becomes an ApiError carrying the server's message and, for bad
// input, its field-level problems ({field, problem}).

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || `Request failed (HTTP ${status})`);
    this.status = status;
    this.kind = (body && body.error) || "error";
    this.problems = (body && Array.isArray(body.problems) && body.problems) || [];
  }
}

export async function request(path, { method = "GET", body, headers = {}, keepalive } = {}) {
  const init = { method, headers: { Accept: "application/json", ...headers }, keepalive };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, { message: "network" });
  }
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = { message: text.slice(0, 200) };
  }
  if (!response.ok) throw new ApiError(response.status, data);
  return { data, response };
}

export async function api(path, options) {
  return (await request(path, options)).data;
}
