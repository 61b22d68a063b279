/** Where in the project a problem is: shown to the user as `file:line`. */
export interface SourceRef {
  file: string;
  line?: number;
}

/**
 * A problem with the user's input (project files, options). The CLI prints its
 * message on one line and exits with code 1; anything else is a bug.
 */
export class ZineError extends Error {
  readonly where: SourceRef | undefined;
  constructor(message: string, where?: SourceRef) {
    super(message);
    this.name = 'ZineError';
    this.where = where;
  }

  /** `file:line: message`, the one line the CLI prints; `showPath` shortens the file's path. */
  describe(showPath: (path: string) => string = (p) => p): string {
    if (!this.where) return this.message;
    const file = showPath(this.where.file);
    const at = this.where.line === undefined ? file : `${file}:${this.where.line}`;
    return `${at}: ${this.message}`;
  }
}

/** Warnings go through this, so that callers (CLI, tests) decide where they appear. */
export type Warn = (message: string, where?: SourceRef) => void;
