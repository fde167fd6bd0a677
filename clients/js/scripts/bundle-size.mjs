// Builds the browser bundle (esbuild, ESM, minified, platform browser) and prints its minified and
// gzip sizes and what dominates it. Usage: npm run bundle [-- --analyze] [--write FILE]
import { build, analyzeMetafile } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export async function browserBundle() {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('../src/index.ts', import.meta.url))],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  return { code, minified: code.length, gzip: gzipSync(code, { level: 9 }).length, metafile: result.metafile };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { code, minified, gzip, metafile } = await browserBundle();
  const target = process.argv.indexOf('--write');
  if (target > 0) writeFileSync(process.argv[target + 1], code);
  console.log(`browser bundle: ${(minified / 1024).toFixed(1)} KiB minified, ${(gzip / 1024).toFixed(1)} KiB gzip (goal <= 60 KiB)`);
  if (process.argv.includes('--analyze')) console.log(await analyzeMetafile(metafile));
}
