export interface Command {
  name: string;
  usage: string;
  /** Returns the exit code; throws UsageError / RuntimeError for the one-line failures. */
  run(args: readonly string[]): Promise<number>;
}
