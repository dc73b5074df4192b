import { Command, CommanderError } from 'commander';
import { isBoneMetError } from '../errors.ts';
import { COMMANDS } from './commands.ts';
import { PACKAGE_VERSION } from '../version.ts';

/**
 * Builds the `bonemet` program. The command named in `argv` (if any) is loaded in full; the others are listed
 * by name and summary only, so start-up imports just what the command run needs.
 */
export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command('bonemet')
    .description('BoneMet Risk: chest-CT marrow radiomics and bone-metastasis risk (library CLI)')
    .version(PACKAGE_VERSION)
    .exitOverride();
  const wanted = COMMANDS.find((c) => argv.slice(2).includes(c.name));
  for (const c of COMMANDS) {
    if (c === wanted) await c.register(program);
    else program.command(c.name).summary(c.summary);
  }
  for (const c of program.commands) oneLineErrors(c);
  oneLineErrors(program);
  return program;
}

/** Usage errors (a missing required option, an unknown option) print one line naming the command's --help. */
function oneLineErrors(command: Command): void {
  const name = command.parent === null ? 'bonemet' : `bonemet ${command.name()}`;
  command.configureOutput({
    outputError: (text, write) => {
      const line = text
        .trim()
        .replace(/^error: /, '')
        .replace(/\n+/g, ' ');
      write(`${name}: ${line} (see ${name} --help)\n`);
    },
  });
}

/**
 * Runs the CLI on `argv` (process.argv layout) and returns the exit code. Errors print one line on stderr
 * saying what and why (the typed error's code and message), never a stack trace.
 */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    const program = await buildProgram(argv);
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
