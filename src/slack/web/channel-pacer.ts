// Slack accepts about one message a second in a channel. Posts and updates to a channel go
// through here one at a time, spaced at least `intervalMs` apart; other channels don't wait.
export class ChannelPacer {
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly last = new Map<string, number>();

  constructor(
    readonly intervalMs = 1000,
    private readonly now: () => number = () => Date.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  run<T>(channel: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(channel) ?? Promise.resolve();
    const next = previous
      .catch(() => {})
      .then(async () => {
        const wait = (this.last.get(channel) ?? -Infinity) + this.intervalMs - this.now();
        if (wait > 0) await this.sleep(wait);
        try {
          return await task();
        } finally {
          this.last.set(channel, this.now());
        }
      });
    this.tails.set(channel, next);
    // Forget idle channels so the map does not grow with every channel ever seen.
    void next
      .finally(() => {
        if (this.tails.get(channel) === next) this.tails.delete(channel);
      })
      .catch(() => {});
    return next;
  }
}
