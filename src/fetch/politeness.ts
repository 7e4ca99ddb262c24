/**
 * At most one request per host at a time, and a pause between one request's end and the next one's
 * start. Requests for a host run in the order they asked; hosts do not wait for each other.
 */
export class HostGate {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly lastEnd = new Map<string, number>();
  private active = 0;

  /** Runs the task when the host is free and `intervalMs` has passed since its last request ended. */
  async run<T>(host: string, intervalMs: number, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(host) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => { release = resolve; });
    const tail = previous.then(() => mine);
    this.tails.set(host, tail);
    await previous;
    try {
      const wait = (this.lastEnd.get(host) ?? Number.NEGATIVE_INFINITY) + intervalMs - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      this.active++;
      try {
        return await task();
      } finally {
        this.active--;
      }
    } finally {
      this.lastEnd.set(host, performance.now());
      if (this.tails.get(host) === tail) this.tails.delete(host);
      release();
      this.forgetIdleHosts(intervalMs);
    }
  }

  /** Requests running now, over all hosts. */
  get running(): number {
    return this.active;
  }

  /** Keeps the map of last requests from growing with every host ever seen: a host idle past its interval needs no entry. */
  private forgetIdleHosts(intervalMs: number): void {
    if (this.lastEnd.size < 4096) return;
    const now = performance.now();
    for (const [host, end] of this.lastEnd) if (!this.tails.has(host) && now - end > intervalMs) this.lastEnd.delete(host);
  }
}
