/** What a backlog holds back: the connection's socket (ws's WebSocket pauses and resumes reading). */
export type Pausable = { pause(): void; resume(): void };

/**
 * The bytes of one connection's frames that have been read but not handled yet (a connection's
 * frames are handled one after another, each update once stored). Past `pauseAbove` the socket
 * stops reading, so TCP holds the client back rather than the server holding its frames in memory;
 * it reads again once the backlog is down to half. A client that sends faster than its updates can
 * be stored (a long offline session sent at once, or one flooding on purpose) is slowed, and loses
 * nothing.
 */
export class FrameBacklog {
  private bytes = 0;
  private paused = false;

  constructor(
    private readonly socket: Pausable,
    private readonly pauseAbove: number,
  ) {}

  read(size: number): void {
    this.bytes += size;
    if (!this.paused && this.bytes > this.pauseAbove) {
      this.paused = true;
      this.socket.pause();
    }
  }

  handled(size: number): void {
    this.bytes -= size;
    if (this.paused && this.bytes <= this.pauseAbove / 2) {
      this.paused = false;
      this.socket.resume();
    }
  }
}
