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

/**
 * A column's spreadsheet letter from its index, as the officer's spreadsheet shows it.
 * @example columnLetter(0) // 'A'; columnLetter(26) // 'AA'
 */
export function columnLetter(index: number): string {
  let letters = ''
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters
  return letters
}
