/** PostgreSQL's unique_violation, whichever driver raised it (drizzle wraps the driver's error as `cause`). */
export function isUniqueViolation(err: unknown): boolean {
  const cause = err instanceof Error && "cause" in err ? err.cause : err;
  return typeof cause === "object" && cause !== null && "code" in cause && cause.code === "23505";
}
