/**
 * Long computations on a server's one thread, in turns: a pure computation written as steps (a generator) runs one
 * step a turn of the event loop, so requests arriving meanwhile are answered between steps instead of after it.
 */
import { setImmediate as nextTurn } from 'node:timers/promises'

/** Runs every step, giving the event loop a turn between them; resolves to what the steps return. */
export async function inTurns<T>(steps: Generator<void, T>): Promise<T> {
  for (;;) {
    const step = steps.next()
    if (step.done === true) return step.value
    await nextTurn()
  }
}
