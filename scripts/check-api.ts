/**
 * Checks the public API of every entry against its report in `api/` (api-extractor), from the
 * bundled declarations the build wrote to `dist/`. A change to a public name or signature fails
 * here until the report is updated in the same change, so it shows in review.
 *
 *   npm run check:api            fails when a report differs (run after `npm run build`)
 *   npm run check:api -- --update rewrites the reports; commit them with the change
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Extractor, ExtractorConfig, ExtractorLogLevel } from '@microsoft/api-extractor';

const root = resolve(import.meta.dirname, '..');
const update = process.argv.includes('--update');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  exports: Record<string, string | { types?: string }>;
};

// One report per public subpath that has types, named after the declaration file.
const entries = Object.values(pkg.exports)
  .map((target) => (typeof target === 'object' ? target.types : undefined))
  .filter((types): types is string => types !== undefined)
  .map((types) => ({ types: join(root, types), name: types.replace(/^\.\/dist\//, '').replace(/\.d\.ts$/, '') }));

const reportFolder = join(root, 'api');
// api-extractor writes the fresh report here and compares it with the one in `api/`.
const tempFolder = join(root, 'node_modules', '.cache', 'api-extractor');
mkdirSync(reportFolder, { recursive: true });
rmSync(tempFolder, { recursive: true, force: true });
mkdirSync(tempFolder, { recursive: true });

let failed = false;
for (const entry of entries) {
  if (!existsSync(entry.types)) {
    console.error(`${entry.types} is missing: run \`npm run build\` first.`);
    process.exit(1);
  }
  const config = ExtractorConfig.prepare({
    configObjectFullPath: join(root, 'api', `${entry.name}.api-extractor.json`),
    packageJsonFullPath: join(root, 'package.json'),
    configObject: {
      projectFolder: root,
      mainEntryPointFilePath: entry.types,
      bundledPackages: [],
      compiler: { overrideTsconfig: { compilerOptions: { lib: ['es2023', 'dom', 'dom.iterable'], types: ['node'], skipLibCheck: true, strict: true } } },
      apiReport: { enabled: true, reportFileName: `${entry.name}.api.md`, reportFolder, reportTempFolder: tempFolder },
      docModel: { enabled: false },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
      messages: {
        compilerMessageReporting: { default: { logLevel: ExtractorLogLevel.Warning } },
        // The declarations are already bundled by the build; release tags are not used here.
        // Findings (a type the entry uses but does not export) go into the report, for review.
        extractorMessageReporting: {
          default: { logLevel: ExtractorLogLevel.None, addToApiReportFile: true },
          'ae-missing-release-tag': { logLevel: ExtractorLogLevel.None, addToApiReportFile: false },
          'ae-undocumented': { logLevel: ExtractorLogLevel.None, addToApiReportFile: false },
          'ae-unresolved-link': { logLevel: ExtractorLogLevel.None, addToApiReportFile: false },
        },
        tsdocMessageReporting: { default: { logLevel: ExtractorLogLevel.None } },
      },
    },
  });
  const result = Extractor.invoke(config, { localBuild: update, showVerboseMessages: false });
  if (result.apiReportChanged && !update) {
    const report = `${entry.name}.api.md`;
    console.error(
      `The public API of ${entry.name} changed: compare api/${report} with node_modules/.cache/api-extractor/${report}. ` +
        'If the change is intended, run `npm run check:api -- --update` and commit the report.',
    );
    failed = true;
  } else if (!result.succeeded) {
    console.error(`api-extractor failed for ${entry.name}: ${result.errorCount} errors.`);
    failed = true;
  } else {
    console.log(`${entry.name}: ${update && result.apiReportChanged ? 'report updated' : 'API unchanged'}`);
  }
}
process.exit(failed ? 1 : 0);
