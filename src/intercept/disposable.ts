/**
 * Disposable: every patch pushes its own undo, and dispose() runs them in
 * reverse order, so a hook is taken down exactly as it was put up
 * (the pattern of mswjs/interceptors `src/disposable.ts`).
 */
export class Disposable {
  private readonly undos: Array<() => void> = [];

  /** Remember how to undo something just done. */
  protected onDispose(undo: () => void): void {
    this.undos.push(undo);
  }

  dispose(): void {
    while (this.undos.length > 0) {
      const undo = this.undos.pop() as () => void;
      try {
        undo();
      } catch {
        // One failed undo must not leave the others applied.
      }
    }
  }
}
