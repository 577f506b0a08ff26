/**
 * `scrutineer search extract-text`: reads the text of the PDF appendices uploaded before search existed, so they
 * are found by what they say and not only by their titles. New uploads are read as they are uploaded.
 */
import type { Config } from '../config.ts'
import { UsageError, withServices } from './shared.ts'

export async function searchCommand(config: Config, subcommand: string | undefined): Promise<number> {
  if (subcommand !== 'extract-text') throw new UsageError('Use "scrutineer search extract-text".')
  return withServices(config, async (services) => {
    const { read, withoutText } = await services.search.extractMissingText()
    process.stdout.write(
      `Read the text of ${read.toLocaleString('en-GB')} PDF appendices for search.` +
        (withoutText > 0
          ? ` ${withoutText.toLocaleString('en-GB')} had no text that could be read (scanned pages, or pdftotext ` +
            'is not installed: apt-get install poppler-utils); they are found by their titles.'
          : '') +
        '\n',
    )
    return 0
  })
}
