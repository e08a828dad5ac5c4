/** An error the user caused (bad option, bad query, missing workspace): exit 2 with one line. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
