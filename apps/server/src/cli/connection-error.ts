/** One line saying what to do when the database cannot be reached, or null for other errors. */
export function describeConnectionError(err: unknown): string | null {
  const code = typeof err === "object" && err !== null && "code" in err ? String(err.code) : "";
  const reasons: Record<string, string> = {
    ECONNREFUSED: "nothing answers at that address",
    ENOTFOUND: "the host name does not resolve",
    ETIMEDOUT: "the connection timed out",
    "28P01": "the password was refused",
    "28000": "the user may not connect",
    "3D000": "the database does not exist",
  };
  const reason = reasons[code];
  if (!reason && !(err instanceof Error && /timeout exceeded when trying to connect/i.test(err.message))) return null;
  return `atende: cannot reach the PostgreSQL server in DATABASE_URL (${reason ?? "connection timed out"}). Check DATABASE_URL, or unset it to use the embedded database.`;
}
