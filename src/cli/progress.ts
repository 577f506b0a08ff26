/**
 * Progress for long work, on a terminal only: a single updating line on stderr. Silent when piped, so scripted
 * use sees only the result on stdout.
 */
export interface Progress {
  step: (message: string) => void
  done: (message?: string) => void
}

export function progress(stream: NodeJS.WriteStream = process.stderr): Progress {
  const started = Date.now()
  if (!stream.isTTY) return { step: () => undefined, done: () => undefined }
  return {
    step(message) {
      stream.write(`\r\u001b[2K${message}…`)
    },
    done(message) {
      const seconds = ((Date.now() - started) / 1000).toFixed(1)
      stream.write(`\r\u001b[2K${message === undefined ? '' : `${message} (${seconds}s)\n`}`)
    },
  }
}
