/**
 * How an error is logged: what an operator needs to find the cause (its type, code, message,
 * stack, and a database error's constraint, table and column), without the values it was raised
 * over. Drivers attach them (PostgreSQL's `detail`: `Key (title)=(山田花子) already exists`, its
 * `where`, a zod error's `issues`), and they can be personal data, which the log, kept and read by
 * others than those who may see the cases, must not hold. Anything not named here is left out.
 */
export function loggedError(error: Error): LoggedError {
  // What is thrown need not be an Error; whatever else it is, it is not looked into.
  if (!(error instanceof Error)) return { type: typeof error, message: '(not an Error)', stack: '' };
  const message = withoutValues(error);
  const logged: LoggedError = { type: error.constructor.name, message, stack: error.stack?.split(error.message).join(message) ?? '' };
  for (const key of kept) if (key in error) logged[key] = (error as unknown as Record<string, unknown>)[key];
  if (error.cause instanceof Error) logged.cause = loggedError(error.cause);
  // Node's connection errors say their reasons here (one per address tried), their message empty.
  if (error instanceof AggregateError) logged.errors = (error.errors as unknown[]).map((each) => loggedError(each as Error));
  return logged;
}

type LoggedError = { type: string; message: string; stack: string; [name: string]: unknown };

/** A driver's names for what failed (PostgreSQL's DatabaseError, better-sqlite3's SqliteError, node's system errors). */
const kept = ['code', 'severity', 'schema', 'table', 'column', 'dataType', 'constraint', 'routine', 'errno', 'syscall', 'address', 'port'] as const;

/**
 * PostgreSQL says the value it refused after a colon (`invalid input syntax for type uuid: "山田"`),
 * and names constraints and tables without one; its errors are told by their `severity`.
 */
function withoutValues(error: Error): string {
  return 'severity' in error ? error.message.replace(/: .*/s, ': …') : error.message;
}
