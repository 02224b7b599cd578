// The bench ended without stopping this server (a SIGKILL runs none of its handlers): nobody else will.
process.once('disconnect', () => process.exit(1));

/**
 * The parent side of every server child: tell the bench which port we listen on, and collect
 * garbage on request so RSS readings compare live memory, not GC timing.
 */
export function reportListening(port: number): void {
  process.on('message', (message: { cmd?: string }) => {
    if (message.cmd === 'gc') {
      (globalThis as { gc?: () => void }).gc?.();
      process.send!({ gcDone: true });
    }
  });
  process.send!({ port });
}

export function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}
