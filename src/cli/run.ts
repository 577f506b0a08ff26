// The process entry point for `scrutineer` and `npm start`: runs the CLI and sets the exit code.
import { main } from './main.ts'

process.exitCode = await main(process.argv.slice(2))
