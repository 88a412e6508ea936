'use strict';
// Validates a CSV file against a Frictionless Table Schema (the SCDL
// "subventions" schema) with the npm package tableschema, plus the schema's
// custom_checks (french-siret-value, one-of-required), which tableschema does
// not implement.  Run by scdl_validate.sh, which installs the packages:
//
//   SCDL_VALIDATE_MODULES=DIR/node_modules node scdl_validate.js FILE.csv SCHEMA.json
//
// Prints one line per error, ROW<TAB>FIELD<TAB>CODE<TAB>MESSAGE (ROW 0 = the
// header, else the 1-based data record), and exits 0 when there is none, 10
// when there are errors, anything else on failure (scdl_validate.sh maps
// 10 to 1 and the rest to 2, so that a crash of node is never "invalid").

const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');

const EXIT_VALID = 0;
const EXIT_INVALID = 10;
const EXIT_FAILURE = 2;

const modules = process.env.SCDL_VALIDATE_MODULES;
if (!modules) fail('SCDL_VALIDATE_MODULES is not set (run scdl_validate.sh)');
const requireModule = createRequire(path.join(modules, 'noop.js'));
const { Schema } = requireModule('tableschema');
const parseCsv = requireModule('csv-parse/lib/sync');

// Prints a failure on stderr and exits with the failure status
function fail(message) {
  process.stderr.write(`scdl_validate: ${message}\n`);
  process.exit(EXIT_FAILURE);
}

// One line of output: no tab or newline inside a column
function line(row, field, code, message) {
  const clean = (s) => String(s).replace(/[\t\r\n]+/g, ' ');
  return `${row}\t${clean(field)}\t${clean(code)}\t${clean(message)}\n`;
}

// The delimiter of the CSV text: the most frequent of , ; and tab outside
// quotes in its first record (comma when none)
function detectDelimiter(text) {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && c in counts) counts[c]++;
  }
  let best = ',';
  for (const d of [';', '\t']) if (counts[d] > counts[best]) best = d;
  return best;
}

// Luhn checksum of a string of digits
function luhn(digits) {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

// Why a SIRET is invalid (null when valid), with the rule validata applies
// (python-stdnum's fr.siret without its compaction of spaces and dots):
// 14 digits passing Luhn, the SIREN (first 9) passing Luhn too; La Poste
// (SIREN 356000000) establishments other than the head office 35600000000048
// use instead "the sum of the 14 digits is a multiple of 5"
function siretProblem(value) {
  if (!/^[0-9]{14}$/.test(value)) return 'is not 14 digits';
  if (value.startsWith('356000000') && value !== '35600000000048') {
    const sum = [...value].reduce((s, c) => s + Number(c), 0);
    return sum % 5 === 0 ? null : 'is a La Poste SIRET whose digits do not add up to a multiple of 5';
  }
  if (!luhn(value)) return 'fails the Luhn check';
  if (!luhn(value.slice(0, 9))) return 'has a SIREN (first 9 digits) that fails the Luhn check';
  return null;
}

// A short quote of a value for messages
function quote(value) {
  const s = String(value);
  return JSON.stringify(s.length > 80 ? `${s.slice(0, 77)}...` : s);
}

// What a failed constraint was, to complete tableschema's message
function constraintDetail(field, name, value) {
  const c = field.constraints[name];
  switch (name) {
    case 'maxLength': return ` (${value.length} characters, at most ${c})`;
    case 'minLength': return ` (${value.length} characters, at least ${c})`;
    case 'pattern': return ` (pattern ${c})`;
    case 'enum': return ` (allowed: ${c.map((v) => JSON.stringify(v)).join(', ')})`;
    case 'minimum': return ` (minimum ${c})`;
    case 'maximum': return ` (maximum ${c})`;
    default: return '';
  }
}

// Every error of one cell: the cast to the field's type, then each of the
// field's constraints on its own (tableschema's castValue stops at the first)
function cellErrors(field, value) {
  try {
    field.castValue(value, { constraints: false });
  } catch (error) {
    return [{ code: 'type', message: error.message }];
  }
  const errors = [];
  for (const name of Object.keys(field.constraints)) {
    try {
      field.castValue(value, { constraints: [name] });
    } catch (error) {
      let message = error.message;
      if (name === 'required') message = `A value is required in column "${field.name}"`;
      errors.push({ code: name, message: message + constraintDetail(field, name, value) });
    }
  }
  return errors;
}

// Header errors: missing, extra and duplicated columns, and known columns
// out of the schema's order; returns the column index of each field name
function checkHeader(header, fieldNames, report) {
  const column = new Map();
  // each column: a field of the schema (the first time), or an error
  header.forEach((name, i) => {
    const label = name.trim() === '' ? `column ${i + 1}` : name;
    if (!fieldNames.includes(name)) {
      report(0, label, 'extra-header', `Column ${i + 1} ${quote(name)} is not a field of the schema`);
    } else if (column.has(name)) {
      report(0, name, 'duplicate-header', `Column ${i + 1} names field "${name}" again (column ${column.get(name) + 1} already does); its cells are not checked`);
    } else {
      column.set(name, i);
    }
  });
  for (const name of fieldNames) {
    if (!column.has(name)) report(0, name, 'missing-header', `There is no column "${name}"`);
  }
  // the known columns in file order against the same columns in schema order
  const found = [...column.keys()].sort((a, b) => column.get(a) - column.get(b));
  const expected = fieldNames.filter((name) => column.has(name));
  // a field where the schema's order expects another one
  found.forEach((name, k) => {
    if (name !== expected[k]) {
      report(0, name, 'header-mismatch',
        `Column ${column.get(name) + 1} is "${name}" where the schema's order puts "${expected[k]}"`);
    }
  });
  return column;
}

// The custom checks of the schema, as functions of a record (cells by field
// name, undefined for an absent column) returning its errors
function customChecks(descriptor, column, report) {
  const checks = [];
  for (const check of descriptor.custom_checks || []) {
    const params = check.params || {};
    if (check.name === 'french-siret-value') {
      const name = params.column;
      if (!column.has(name)) continue; // reported as missing-header
      // a non-empty value must be a valid SIRET
      checks.push((cells, row) => {
        const value = cells[name];
        if (value === undefined || value === '') return;
        const problem = siretProblem(value);
        if (problem) report(row, name, 'french-siret-value', `The value ${quote(value)} in column "${name}" is not a valid SIRET: it ${problem}`);
      });
    } else if (check.name === 'one-of-required') {
      const [a, b] = [params.column1, params.column2];
      if (!column.has(a) && !column.has(b)) {
        report(0, a, 'one-of-required', `Neither column "${a}" nor column "${b}" is present, and one of them is required on each row`);
        continue;
      }
      // one of the two columns must have a value
      checks.push((cells, row) => {
        // both cells missing from a short row: reported as missing-cell
        if (cells[a] === undefined && cells[b] === undefined) return;
        const empty = (v) => v === undefined || v === '';
        if (empty(cells[a]) && empty(cells[b])) {
          report(row, a, 'one-of-required', `Column "${a}" or column "${b}" must have a value; both are empty`);
        }
      });
    } else {
      fail(`custom check "${check.name}" is not implemented`);
    }
  }
  return checks;
}

// Reads the file and the schema, checks the header then every record
async function main() {
  const [file, schemaPath] = process.argv.slice(2);
  if (!file || !schemaPath) fail('usage: node scdl_validate.js FILE.csv SCHEMA.json');
  let text;
  let descriptor;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    fail(`cannot read ${file}: ${error.message}`);
  }
  try {
    descriptor = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
  } catch (error) {
    fail(`cannot read the schema ${schemaPath}: ${error.message}`);
  }
  const schema = await Schema.load(descriptor);
  if (!schema.valid) fail(`invalid schema ${schemaPath}: ${schema.errors.map((e) => e.message).join('; ')}`);

  let out = '';
  let count = 0;
  // collects one error for stdout
  const report = (row, field, code, message) => {
    out += line(row, field, code, message);
    count++;
  };

  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let records;
  try {
    records = parseCsv(text, {
      delimiter: detectDelimiter(text),
      relax: true, // a quote inside an unquoted field is kept as it is
      relax_column_count: true,
      skip_empty_lines: true,
    });
  } catch (error) {
    report(0, '', 'source-error', `The file is not valid CSV: ${error.message}`);
    records = [];
  }

  if (count === 0 && records.length === 0) {
    report(0, '', 'blank-header', 'The file has no header line');
  } else if (records.length > 0) {
    const header = records[0];
    const fieldNames = schema.fieldNames;
    const column = checkHeader(header, fieldNames, report);
    const checks = customChecks(descriptor, column, report);
    for (let r = 1; r < records.length; r++) {
      const record = records[r];
      if (record.every((cell) => cell === '')) {
        report(r, '', 'blank-row', 'The row is empty');
        continue;
      }
      const cells = {};
      for (const field of schema.fields) {
        if (!column.has(field.name)) continue;
        const i = column.get(field.name);
        if (i >= record.length) {
          report(r, field.name, 'missing-cell', `The row has ${record.length} cells: none in column ${i + 1} "${field.name}"`);
          continue;
        }
        cells[field.name] = record[i];
        for (const e of cellErrors(field, record[i])) report(r, field.name, e.code, e.message);
      }
      for (let i = header.length; i < record.length; i++) {
        report(r, `column ${i + 1}`, 'extra-cell', `The row has ${record.length} cells, the header ${header.length}: extra value ${quote(record[i])}`);
      }
      for (const check of checks) check(cells, r);
    }
  }
  process.stdout.write(out);
  process.exitCode = count > 0 ? EXIT_INVALID : EXIT_VALID;
}

process.on('unhandledRejection', (error) => fail(error && error.stack ? error.stack : String(error)));
main().catch((error) => fail(error && error.stack ? error.stack : String(error)));
