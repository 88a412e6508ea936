// Reads the column metadata of every view in schema pubfin through node `pg`
// (the driver of JavaScript dashboards) and reports what it would hand a
// chart badly: a numeric without declared scale (typmod -1), a bigint that
// is not an identifier (node pg returns int8 as a string), a type node pg
// does not know (a pubfin type, returned as raw text).  scdl_export (and any
// scdl_export* variant) is text by design.  Connects with the PG*
// environment; exit 1 on a bad column.
import pg from "pg";

const NUMERIC = 1700, INT8 = 20;
const known = new Set([16, 20, 21, 23, 25, 700, 701, 1043, 1082, 1114, 1184, 1700, 3802, 114, 2950, 1009, 1007, 1016, 3904, 3912]);
const client = new pg.Client();
await client.connect();
let bad = 0, views = 0;
try {
  const {rows} = await client.query(`
    SELECT c.relname FROM pg_catalog.pg_class c
     WHERE c.relnamespace = 'pubfin'::regnamespace AND c.relkind IN ('v', 'm') ORDER BY 1`);
  for (const {relname} of rows) {
    views++;
    if (relname.startsWith("scdl_export")) continue;
    const {fields} = await client.query(`SELECT * FROM pubfin."${relname.replace(/"/g, '""')}" WHERE false`);
    for (const f of fields) {
      let why = null;
      if (f.dataTypeID === NUMERIC && f.dataTypeModifier === -1) why = "numeric without declared scale";
      else if (f.dataTypeID === INT8 && !/(^|_)id$/.test(f.name)) why = "bigint that is not an identifier: node pg returns a string";
      else if (!known.has(f.dataTypeID)) why = `type oid ${f.dataTypeID} unknown to node pg: returned as raw text`;
      if (why) {
        bad++;
        console.log(`not ok - ${relname}.${f.name}: ${why}`);
      }
    }
  }
} finally {
  await client.end();
}
console.log(`# node pg: ${views} views, ${bad} bad columns`);
process.exit(bad || !views ? 1 : 0);
