import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

export interface Line {
  /** 1-based, as editors and error messages count. */
  number: number;
  text: string;
}

/**
 * The file's lines, read as a stream: readline pulls from the file only as fast as the caller
 * consumes, so a file of any size is read in bounded memory. A missing file fails on the first read.
 */
export async function* readLines(path: string): AsyncGenerator<Line> {
  const input = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let number = 0;
  try {
    for await (const text of lines) {
      number += 1;
      yield { number, text };
    }
  } finally {
    lines.close();
    input.destroy();
  }
}
