import { Command, CommanderError } from 'commander';
import { isBoneMetError } from '../errors.ts';
import { registerExtract } from './extract.ts';
import { registerFetch } from './fetch.ts';
import { registerDemo } from './demo.ts';
import { registerDemoModel } from './demo-model.ts';
import { registerFitLogistic } from './fit-logistic.ts';
import { registerEvaluate } from './evaluate.ts';
import { registerSelect } from './select.ts';
import { registerTrain } from './train.ts';
import { registerPredict } from './predict.ts';
import { registerRoi } from './roi.ts';
import { registerSynth } from './synth.ts';
import { PACKAGE_VERSION } from '../version.ts';

/** Builds the `bonemet` program with every command registered. */
export function buildProgram(): Command {
  const program = new Command('bonemet')
    .description('BoneMet Risk: chest-CT marrow radiomics and bone-metastasis risk (library CLI)')
    .version(PACKAGE_VERSION)
    .showHelpAfterError()
    .exitOverride();
  registerExtract(program);
  registerFetch(program);
  registerDemo(program);
  registerDemoModel(program);
  registerFitLogistic(program);
  registerEvaluate(program);
  registerSelect(program);
  registerTrain(program);
  registerPredict(program);
  registerRoi(program);
  registerSynth(program);
  return program;
}

/**
 * Runs the CLI on `argv` (process.argv layout) and returns the exit code. Errors print one line on stderr
 * saying what and why (the typed error's code and message), never a stack trace.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv]);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    if (isBoneMetError(e)) {
      process.stderr.write(`bonemet: ${e.name} (${e.code}): ${e.message}\n`);
      return 2;
    }
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`bonemet: unexpected error: ${message}\n`);
    return 1;
  }
}
