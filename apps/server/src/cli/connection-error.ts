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

/**
 * One line saying what to do when the system refuses a port or a path (a port in use, a data
 * directory that is a file or cannot be written), or null for other errors.
 */
export function describeSystemError(err: unknown): string | null {
  if (typeof err !== "object" || err === null) return null;
  const { code, port, path } = err as { code?: unknown; port?: number; path?: unknown };
  if (code === "EADDRINUSE") return `atende: port ${String(port)} is in use by another program (another Atende?). Stop it, or choose another port with --port or PORT.`;
  if (code === "EACCES" && port !== undefined) return `atende: port ${String(port)} needs privileges this user lacks. Choose a port above 1023 with --port or PORT.`;
  const why: Record<string, string> = {
    ENOTDIR: "a part of it is a file, not a directory",
    EEXIST: "a file of that name is in the way",
    EACCES: "this user may not write there",
    EPERM: "this user may not write there",
    EROFS: "the file system is read-only",
    ENOSPC: "the disk is full",
  };
  const reason = typeof code === "string" ? why[code] : undefined;
  if (!reason || typeof path !== "string") return null;
  return `atende: cannot use ${path} (${reason}). Fix that path, or choose another data directory with --data or DATA_DIR.`;
}
