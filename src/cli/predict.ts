import { readInputText } from './input-file.ts';
import type { Command } from 'commander';
import { FileFormatError } from '../errors.ts';
import { parseModelArtifact } from '../model/artifact.ts';
import type { ModelArtifact } from '../model/artifact.ts';
import { RAD_SCORE_TERM, radScores, scoreWithArtifact } from '../model/artifact-score.ts';
import { csvColumnIndex, csvNumericColumn, readCsvFile } from './csv.ts';
import type { CsvTable } from './csv.ts';
import { formatCsv } from './csv-write.ts';

interface PredictCliOptions {
  readonly model: string;
  readonly input: string;
}

/** Reads and validates a model artifact file. */
async function readModelArtifact(path: string): Promise<ModelArtifact> {
  const text = await readInputText(path, 'model artifact');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new FileFormatError(`cannot read ${path} as JSON: ${e instanceof Error ? e.message : String(e)}`, {
      cause: e,
    });
  }
  return parseModelArtifact(json);
}

/** The input table with radScore, probability and category appended to each row. */
function predictTable(artifact: ModelArtifact, table: CsvTable): string {
  const columns = artifact.features.map((f) => csvNumericColumn(table, f));
  const scores = radScores(artifact, artifact.features, columns);
  const clinicalTerms = artifact.nomogram.terms.filter((t) => t.name !== RAD_SCORE_TERM);
  const clinicalIdx = clinicalTerms.map((t) => csvColumnIndex(table, t.name));
  const rows = table.rows.map((row, i) => {
    const clinical = Object.fromEntries(clinicalTerms.map((t, k) => [t.name, row[clinicalIdx[k]].trim()]));
    const s = scoreWithArtifact(artifact, scores[i], clinical);
    return [...row, s.radScore, s.probability, s.category];
  });
  return formatCsv([...table.header, 'radScore', 'probability', 'category'], rows);
}

/** Registers `bonemet predict` (Rad-score, nomogram probability and category per row). */
export function registerPredict(program: Command): void {
  program
    .command('predict')
    .description('score patients with a model artifact: adds radScore, probability and category columns')
    .requiredOption('--model <json>', 'model artifact (model.json from bonemet train)')
    .requiredOption(
      '--input <csv>',
      "CSV with the model's feature columns and its nomogram's clinical columns",
    )
    .action(async (opts: PredictCliOptions) => {
      const artifact = await readModelArtifact(opts.model);
      const table = await readCsvFile(opts.input, '--input');
      process.stdout.write(predictTable(artifact, table));
    });
}
