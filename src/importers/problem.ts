/**
 * What an officer is told about a bad cell or file: where it is, what it held, and why it is wrong.
 * `row` is the line or sheet row number as the officer would see it in their spreadsheet (header = 1).
 */
export interface ImportProblem {
  file: string
  row: number | null
  column: string | null
  value: string | null
  reason: string
}

export function describeProblem(problem: ImportProblem): string {
  const where = [
    problem.file,
    problem.row === null ? null : `row ${problem.row}`,
    problem.column === null ? null : `column "${problem.column}"`,
  ]
    .filter((part) => part !== null)
    .join(', ')
  const value = problem.value === null ? '' : ` (value "${problem.value}")`
  return `${where}${value}: ${problem.reason}`
}
