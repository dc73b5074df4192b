import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { PROJECT_ROOT } from '../support/reference.ts';

/** The lint messages for `code` placed at `file` (a path under the project; the file need not exist). */
async function lint(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: PROJECT_ROOT });
  const [result] = await eslint.lintText(code, { filePath: join(PROJECT_ROOT, file) });
  return result.messages
    .filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((m) => m.message);
}

describe('import rules (DESIGN section 3, checked by lint)', () => {
  it('refuses an import of radiomics in the DICOM adapter and of an adapter in the radiomics core', async () => {
    assert.match(
      (
        await lint(
          'src/dicom/x.ts',
          "import { extractFeatures } from '../radiomics/extractor.ts';\nexport const f = extractFeatures;\n",
        )
      )[0],
      /src\/dicom may import only errors, version, volume, http/,
    );
    assert.match(
      (
        await lint(
          'src/radiomics/features/x.ts',
          "import { readPart10 } from '../../dicom/part10.ts';\nexport const f = readPart10;\n",
        )
      )[0],
      /src\/radiomics may import only errors, version, volume/,
    );
  });

  it('refuses I/O modules in the pure core', async () => {
    assert.match(
      (
        await lint(
          'src/roi/x.ts',
          "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n",
        )
      )[0],
      /pure core does no I\/O/,
    );
  });

  it('lets an adapter import the analysis interfaces as types only', async () => {
    assert.deepEqual(
      await lint(
        'src/dicom/x.ts',
        "import type { ImagingSource } from '../analysis/imaging-source.ts';\nexport type S = ImagingSource;\n",
      ),
      [],
    );
    assert.equal(
      (
        await lint(
          'src/dicom/x.ts',
          "import { analyseStudy } from '../analysis/analyse-study.ts';\nexport const f = analyseStudy;\n",
        )
      ).length,
      1,
    );
  });

  it('refuses server/ from src/, the library from server/ except through src/index.ts, and server/ from app/', async () => {
    assert.match(
      (await lint('src/cli/x.ts', "import { app } from '../../server/app.ts';\nexport const f = app;\n"))[0],
      /src\/ never imports server\//,
    );
    assert.match(
      (
        await lint(
          'server/cds/x.ts',
          "import { analyseStudy } from '../../src/analysis/analyse-study.ts';\nexport const f = analyseStudy;\n",
        )
      )[0],
      /only through src\/index.ts/,
    );
    assert.deepEqual(
      await lint(
        'server/cds/x.ts',
        "import { analyseStudy } from '../../src/index.ts';\nexport const f = analyseStudy;\n",
      ),
      [],
    );
    assert.match(
      (await lint('app/src/x.ts', "import { app } from '../../server/app.ts';\nexport const f = app;\n"))[0],
      /app\/ never imports server\//,
    );
  });
});
