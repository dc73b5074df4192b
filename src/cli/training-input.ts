/**
 * Input of `bonemet train`: a features CSV (id + one numeric column per radiomic feature) joined by id to a
 * clinical CSV (id, 0/1 label, optional split column, clinical variables). Every problem names the file,
 * the column and the row.
 */
import { DataTableError } from '../errors.ts';
import { clinicalVariable } from '../model/clinical-table.ts';
import type { ClinicalVariable } from '../model/clinical-table.ts';
import type { ColumnTable } from '../model/table.ts';
import { drawSplit } from '../model/training.ts';
import { assertUniqueIds, csvColumnIndex, csvNumericColumn, readCsvFile } from './csv.ts';
import { readOutcome } from './labelled-data.ts';

/** The joined training data. */
export interface TrainingData {
  readonly ids: readonly string[];
  readonly features: ColumnTable;
  readonly clinical: readonly ClinicalVariable[];
  readonly y: Float64Array;
  /** From the split column, or a seeded stratified 80/20 draw ({@link drawSplit}). */
  readonly isTest: readonly boolean[];
}

/** A split cell as test (`test`, `1`, `true`, `validation`) or train (`train`, `0`, `false`, `training`). */
function isTestCell(cell: string, source: string, column: string, row: number): boolean {
  const v = cell.trim().toLowerCase();
  if (['test', '1', 'true', 'validation'].includes(v)) return true;
  if (['train', '0', 'false', 'training'].includes(v)) return false;
  throw new DataTableError(
    'non-numeric-value',
    `${source}: column '${column}', row ${row + 1} is '${cell}'; use train or test (or 0 / 1)`,
  );
}

/** Reads and joins the two files (rows in the features file's order). */
export async function readTrainingData(
  featuresPath: string,
  clinicalPath: string,
  idColumn: string,
  label: string,
  splitColumn: string | undefined,
  seed: number,
): Promise<TrainingData> {
  const features = await readCsvFile(featuresPath, '--features');
  const clinical = await readCsvFile(clinicalPath, '--clinical');
  assertUniqueIds(features, idColumn);
  assertUniqueIds(clinical, idColumn);
  const fId = csvColumnIndex(features, idColumn);
  const cId = csvColumnIndex(clinical, idColumn);
  const ids = features.rows.map((r) => r[fId].trim());
  const clinicalRow = new Map(clinical.rows.map((r, i) => [r[cId].trim(), i]));
  const order = ids.map((id, i) => {
    const k = clinicalRow.get(id);
    if (k === undefined) {
      throw new DataTableError(
        'missing-value',
        `${clinicalPath}: no row for id '${id}' (row ${i + 1} of ${featuresPath}); every patient needs clinical data`,
      );
    }
    return k;
  });
  const yAll = readOutcome(clinical, label);
  const y = Float64Array.from(order, (k) => yAll[k]);
  let isTest: readonly boolean[];
  if (splitColumn !== undefined) {
    const j = csvColumnIndex(clinical, splitColumn);
    isTest = order.map((k) => isTestCell(clinical.rows[k][j], clinicalPath, splitColumn, k));
  } else {
    isTest = drawSplit(y, seed);
  }
  const train = isTest.map((t) => !t);
  const skip = new Set([idColumn, label, ...(splitColumn === undefined ? [] : [splitColumn])]);
  const clinicalVars = clinical.header
    .filter((h) => !skip.has(h))
    .map((h) => {
      const j = csvColumnIndex(clinical, h);
      return clinicalVariable(
        h,
        order.map((k) => clinical.rows[k][j]),
        train,
      );
    });
  const names = features.header.filter((h) => h !== idColumn);
  return {
    ids,
    features: { names, columns: names.map((n) => csvNumericColumn(features, n)), rowLabels: ids },
    clinical: clinicalVars,
    y,
    isTest,
  };
}
