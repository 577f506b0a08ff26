/**
 * A multipart/form-data body as a browser sends it, for upload routes under fastify's inject: the fields in order,
 * then the file (as a browser puts a form's file input where it stands; the forms put theirs last).
 */
export function multipart(
  fields: Record<string, string>,
  file: { name: string; bytes: Uint8Array; type: string } | null,
): { payload: Buffer; headers: { 'content-type': string } } {
  const boundary = '----scrutineer-test-boundary'
  const parts: Buffer[] = []
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`))
  }
  if (file !== null) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      Buffer.from(file.bytes),
      Buffer.from('\r\n'),
    )
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`))
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
}
