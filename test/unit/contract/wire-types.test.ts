import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';

// The wire types must not drift: a field the model has and the contract's schema lacks (or the other way
// round) is dropped on the way to the UI. These compile shared/contract/wire-types.ts as tsc does, with one file
// changed in memory, and expect its type check to refuse the change, naming the field.

const root = resolve(__dirname, '..', '..', '..');
const WORKER_MODEL = join(root, 'shared', 'model', 'worker.ts');
const SCHEMAS = join(root, 'shared', 'contract', 'schemas.ts');
const WIRE_TYPES = join(root, 'shared', 'contract', 'wire-types.ts');

function compilerOptions(): ts.CompilerOptions {
  const configPath = join(root, 'tsconfig.web.json');
  const config = ts.readConfigFile(configPath, (path) => ts.sys.readFile(path));
  return ts.parseJsonConfigFileContent(config.config, ts.sys, root, undefined, configPath).options;
}

const options = compilerOptions();
let previous: ts.Program | undefined;

/** tsc's errors in wire-types.ts (which imports the model and the schemas), with `overrides` (path -> text) in place. */
function wireTypeErrors(overrides: Record<string, string> = {}): string[] {
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (file) => overrides[resolve(file)] ?? readFile(file);
  host.getSourceFile = (file, language, onError, shouldCreate) => {
    const text = overrides[resolve(file)];
    return text === undefined ? getSourceFile(file, language, onError, shouldCreate) : ts.createSourceFile(file, text, language);
  };
  const program = ts.createProgram([WIRE_TYPES], options, host, previous);
  previous = program;
  return ts.getPreEmitDiagnostics(program, program.getSourceFile(WIRE_TYPES)).map((diagnostic) => {
    const where = diagnostic.file ? `${diagnostic.file.fileName.slice(root.length + 1)}: ` : '';
    return where + ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  });
}

/** `file` with `from` replaced by `to`, as an override for wireTypeErrors. */
function edited(file: string, from: string, to: string): Record<string, string> {
  const text = readFileSync(file, 'utf8');
  assert.ok(text.includes(from), `${file} no longer contains ${JSON.stringify(from)}; update this test`);
  return { [file]: text.replace(from, to) };
}

/** Whether one of the errors is the wire-type check naming the drift, e.g. `onlyInModel: "firmware"`. */
function driftReported(errors: string[], drift: RegExp): boolean {
  return errors.some((error) => error.startsWith('shared/contract/wire-types.ts: ') && drift.test(error));
}

describe('wire types: the model and the contract schemas describe the same objects', () => {
  it('compile as they are', () => {
    assert.deepEqual(wireTypeErrors(), []);
  });

  it('refuse an optional field added to the model Worker only', () => {
    const rejectRate = '  rejectRate: number | null;';
    const errors = wireTypeErrors(edited(WORKER_MODEL, rejectRate, `${rejectRate}\n  firmware?: string;`));
    assert.ok(driftReported(errors, /onlyInModel: "firmware"; onlyInSchema: never/), errors.join('\n'));
  });

  it('refuse a field added to WorkerSchema only', () => {
    const rejectRate = '  rejectRate: z.number().finite().nullable(),';
    const errors = wireTypeErrors(edited(SCHEMAS, rejectRate, `${rejectRate}\n  firmware: z.string().optional(),`));
    assert.ok(driftReported(errors, /onlyInModel: never; onlyInSchema: "firmware"/), errors.join('\n'));
  });

  it('refuse a field that is optional on one side and required on the other', () => {
    const errors = wireTypeErrors(edited(WORKER_MODEL, '  attributes?: Record', '  attributes: Record'));
    assert.ok(driftReported(errors, /onlyInModel: never; onlyInSchema: never/), errors.join('\n'));
  });
});
