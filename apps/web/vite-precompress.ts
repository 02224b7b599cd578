import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** What compresses: text. Images and fonts are compressed already. */
const TEXT = /\.(?:js|css|html|svg|json|txt)$/;

/**
 * Writes each text file of the build compressed beside it (`.br`, `.gz`), which the server sends
 * to a browser that takes them (@fastify/static's preCompressed): the app's code is about three
 * times smaller so, which a family member opening an invitation link on a phone's slow link waits
 * for; compressed once here, at the highest levels, rather than per request. A file that would
 * not shrink is left as it is.
 */
export function precompressed(): Plugin {
  return {
    name: 'care-precompressed',
    apply: 'build',
    async writeBundle({ dir }, bundle) {
      const files = Object.keys(bundle).filter((fileName) => TEXT.test(fileName));
      await Promise.all(
        files.map(async (fileName) => {
          const path = join(dir!, fileName);
          const content = await readFile(path);
          const [br, gz] = await Promise.all([
            brotli(content, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: content.length } }),
            gzipped(content, { level: constants.Z_BEST_COMPRESSION }),
          ]);
          if (br.length < content.length) await writeFile(`${path}.br`, br);
          if (gz.length < content.length) await writeFile(`${path}.gz`, gz);
        }),
      );
    },
  };
}
