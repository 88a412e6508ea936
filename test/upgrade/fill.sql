-- Puts rows into every table of the installed pubfin, whatever its version,
-- from the catalog alone: tables in foreign-key order, up to three generated rows each,
-- every column given a value when one passes the table's constraints.  Values
-- come from candidates per type (valid identifiers, amounts, enum labels,
-- ranges, ...), each checked by the type's input first; when an INSERT fails
-- on a constraint, the next candidate of the columns that constraint names is
-- tried.  Raises an error naming any table left empty, so a table added later
-- cannot go untested (a notice only when pubfin_upgrade.lenient is on: the
-- upgrade test's catalog-only cases).  Used by test/t_upgrade.sh on the old version before
-- ALTER EXTENSION pubfin UPDATE.
DO $fill$
DECLARE
    ext_oid oid := (SELECT oid FROM pg_extension WHERE extname = 'pubfin');
    done_tables oid[] := '{}';
    pending oid[];
    t oid;
    progress boolean;
    cols text[];
    types text[];
    cands text[][];
    ncand int[];
    idx int[];
    col record;
    lasterr text;
    vals text[];
    sql text;
    attempt int;
    cname text;
    colname text;
    culprits text[];
    i int;
    advanced boolean;
    empty text;
    maxc int := 14;
    round int;
    nrows int;
    lits text[];
    lit text;
    base_t oid;
    elem_t oid;
    tname text;
    ok boolean;
    ref text;
BEGIN
    SELECT array_agg(c.oid ORDER BY c.oid::regclass::text) INTO pending
      FROM pg_depend d JOIN pg_class c ON c.oid = d.objid
     WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_extension'::regclass
       AND d.refobjid = ext_oid AND d.deptype = 'e' AND c.relkind IN ('r', 'p');
    WHILE cardinality(pending) > 0 LOOP
        progress := false;
        FOREACH t IN ARRAY pending LOOP
            -- wait until every table it references (other than itself) is done
            CONTINUE WHEN EXISTS (SELECT 1 FROM pg_constraint k
                                   WHERE k.conrelid = t AND k.contype = 'f' AND k.confrelid <> t
                                     AND k.confrelid = ANY (pending));
            pending := array_remove(pending, t);
            progress := true;
            cols := '{}'; types := '{}'; ncand := '{}'; cands := array_fill(NULL::text, ARRAY[0, maxc]);
            FOR col IN SELECT a.attname, a.atttypid, a.atttypmod, a.attnotnull, a.attnum
                       FROM pg_attribute a
                      WHERE a.attrelid = t AND a.attnum > 0 AND NOT a.attisdropped
                        AND a.attgenerated = '' AND a.attidentity = ''
                      ORDER BY a.attnum LOOP
                lits := '{}';
                ref := NULL;
                -- a foreign-key column takes the referenced rows' values
                SELECT format('SELECT array_agg(x::text) FROM (SELECT %I AS x FROM %s WHERE %I IS NOT NULL ORDER BY 1 LIMIT 3) s',
                              fa.attname, k.confrelid::regclass, fa.attname)
                  INTO ref
                  FROM pg_constraint k
                  JOIN pg_attribute fa ON fa.attrelid = k.confrelid AND fa.attnum = k.confkey[1]
                 WHERE k.conrelid = t AND k.contype = 'f' AND k.conkey[1] = col.attnum
                 LIMIT 1;
                IF ref IS NOT NULL THEN
                    EXECUTE ref INTO lits;
                    lits := coalesce(lits, '{}');
                ELSE
                    base_t := col.atttypid;
                    WHILE (SELECT typtype FROM pg_type WHERE oid = base_t) = 'd' LOOP
                        base_t := (SELECT typbasetype FROM pg_type WHERE oid = base_t);
                    END LOOP;
                    elem_t := (SELECT typelem FROM pg_type WHERE oid = base_t AND typcategory = 'A');
                    tname := (SELECT typname FROM pg_type WHERE oid = coalesce(elem_t, base_t));
                    IF (SELECT typtype FROM pg_type WHERE oid = coalesce(elem_t, base_t)) = 'e' THEN
                        SELECT array_agg(enumlabel::text ORDER BY enumsortorder) INTO lits
                          FROM pg_enum WHERE enumtypid = coalesce(elem_t, base_t);
                    ELSE
                        lits := CASE tname
                            WHEN 'amount' THEN ARRAY['1234.56', '0.01', '100.00', '0.00']
                            WHEN 'siren' THEN ARRAY['732829320', '356000000']
                            WHEN 'siret' THEN ARRAY['73282932000074', '35600000000048']
                            WHEN 'rna' THEN ARRAY['W595012345']
                            WHEN 'history' THEN ARRAY['{2021:1234.56}', '{}']
                            WHEN 'bool' THEN ARRAY['false', 'true']
                            WHEN 'int2' THEN ARRAY['2021', '1', '0', '12']
                            WHEN 'int4' THEN ARRAY['2021', '1', '0', '12']
                            WHEN 'int8' THEN ARRAY['2021', '1', '0', '12']
                            WHEN 'numeric' THEN ARRAY['0.5', '1', '2021', '0']
                            WHEN 'float4' THEN ARRAY['0.5', '1']
                            WHEN 'float8' THEN ARRAY['0.5', '1']
                            WHEN 'date' THEN ARRAY['2021-03-01', '2021-12-31']
                            WHEN 'timestamptz' THEN ARRAY['2021-03-01 12:00:00+00']
                            WHEN 'timestamp' THEN ARRAY['2021-03-01 12:00:00']
                            WHEN 'daterange' THEN ARRAY['[2021-01-01,2021-12-31]', '[2021-01-01,)']
                            WHEN 'tstzrange' THEN ARRAY['[2021-01-01,2021-12-31]']
                            WHEN 'int4range' THEN ARRAY['[2021,2023]']
                            WHEN 'numrange' THEN ARRAY['[0,1]']
                            WHEN 'jsonb' THEN ARRAY['{"upgrade": "test"}', '{}', '[]']
                            WHEN 'json' THEN ARRAY['{"upgrade": "test"}', '{}']
                            WHEN 'uuid' THEN ARRAY['f00df00d-0000-4000-8000-0000000000aa']
                            WHEN 'bytea' THEN ARRAY['\x00ff']
                            WHEN 'interval' THEN ARRAY['1 day']
                            WHEN 'inet' THEN ARRAY['127.0.0.1']
                            ELSE ARRAY['Upgrade test', 'EUR', 'FR', 'x', '65', '6574', 'https://example.org/', '2021', 'true']
                        END;
                    END IF;
                    -- the literals the column's CHECK constraints name, and the values already there
                    lits := ARRAY(SELECT DISTINCT m[1] FROM pg_constraint k,
                                         regexp_matches(pg_get_constraintdef(k.oid), '''((?:[^'']|'''')*)''', 'g') m
                                   WHERE k.conrelid = t AND k.contype = 'c' AND col.attnum = ANY (k.conkey)
                                     AND m[1] !~ '[\\^$]' LIMIT 6)
                         || lits;
                    EXECUTE format('SELECT array_agg(x) FROM (SELECT DISTINCT %I::text AS x FROM %s WHERE %I IS NOT NULL LIMIT 3) s',
                                   col.attname, t::regclass, col.attname) INTO vals;
                    lits := coalesce(vals, '{}') || lits;
                    IF elem_t IS NOT NULL THEN
                        SELECT array_agg(v) INTO lits FROM (
                            SELECT '{' || quote_ident(l) || '}' AS v FROM unnest(lits[1:2]) l
                            UNION ALL SELECT '{}') s;
                    END IF;
                END IF;
                -- keep the candidates the column's type accepts
                vals := '{}';
                FOREACH lit IN ARRAY lits LOOP
                    BEGIN
                        EXECUTE format('SELECT %L::%s', lit, format_type(col.atttypid, col.atttypmod));
                        vals := vals || lit;
                    EXCEPTION WHEN OTHERS THEN NULL;
                    END;
                END LOOP;
                vals := vals[1:maxc - 1];
                IF NOT col.attnotnull OR cardinality(vals) = 0 THEN
                    vals := vals || NULL::text;
                END IF;
                cols := cols || col.attname::text;
                types := types || format_type(col.atttypid, col.atttypmod);
                ncand := ncand || cardinality(vals);
                cands := cands || array_fill(NULL::text, ARRAY[1, maxc]);
                FOR i IN 1 .. cardinality(vals) LOOP
                    cands[cardinality(cols)][i] := vals[i];
                END LOOP;
            END LOOP;
            nrows := 0;
            FOR round IN 1 .. 3 LOOP
            idx := ARRAY(SELECT least(round, n) FROM unnest(ncand) n);
            ok := false;
            FOR attempt IN 1 .. 200 LOOP
                sql := format('INSERT INTO %s (%s) VALUES (%s)', t::regclass,
                              (SELECT string_agg(quote_ident(x), ', ' ORDER BY n) FROM unnest(cols) WITH ORDINALITY u(x, n)),
                              (SELECT string_agg(format('%L::%s', cands[n][idx[n]], types[n]), ', ' ORDER BY n)
                                 FROM generate_series(1, cardinality(cols)) n));
                IF cardinality(cols) = 0 THEN
                    sql := format('INSERT INTO %s DEFAULT VALUES', t::regclass);
                END IF;
                BEGIN
                    EXECUTE sql;
                    ok := true;
                    EXIT;
                EXCEPTION WHEN OTHERS THEN
                    GET STACKED DIAGNOSTICS cname = CONSTRAINT_NAME, colname = COLUMN_NAME, lasterr = MESSAGE_TEXT;
                    culprits := '{}';
                    IF colname <> '' THEN
                        culprits := ARRAY[colname];
                    ELSIF cname <> '' THEN
                        SELECT array_agg(a.attname::text ORDER BY a.attnum) INTO culprits
                          FROM pg_constraint k JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = ANY (k.conkey)
                         WHERE k.conrelid = t AND k.conname = cname;
                        culprits := coalesce(culprits, '{}');
                    END IF;
                    IF cardinality(culprits) = 0 THEN
                        culprits := cols;   -- a trigger or an expression: try the next value anywhere
                    END IF;
                    advanced := false;
                    FOR i IN 1 .. cardinality(cols) LOOP
                        IF cols[i] = ANY (culprits) AND idx[i] < ncand[i] THEN
                            idx[i] := idx[i] + 1;
                            advanced := true;
                            EXIT;
                        END IF;
                    END LOOP;
                    IF NOT advanced THEN
                        -- start the culprits over, moving the next column on
                        FOR i IN 1 .. cardinality(cols) LOOP
                            IF cols[i] = ANY (culprits) THEN idx[i] := 1; END IF;
                        END LOOP;
                        FOR i IN 1 .. cardinality(cols) LOOP
                            IF NOT cols[i] = ANY (culprits) AND idx[i] < ncand[i] THEN
                                idx[i] := idx[i] + 1; advanced := true; EXIT;
                            END IF;
                        END LOOP;
                    END IF;
                    EXIT WHEN NOT advanced;
                END;
            END LOOP;
            IF ok THEN nrows := nrows + 1; END IF;
            END LOOP;
            IF nrows = 0 THEN
                RAISE NOTICE 'fill: no generated row fits %: %', t::regclass, lasterr;
            END IF;
        END LOOP;
        IF NOT progress THEN
            RAISE EXCEPTION 'fill: foreign keys form a cycle among %', pending::regclass[];
        END IF;
    END LOOP;
    -- every table must hold rows now (the fixtures' or the generated ones)
    SELECT string_agg(c.oid::regclass::text, ', ') INTO empty
      FROM pg_depend d JOIN pg_class c ON c.oid = d.objid
     WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_extension'::regclass
       AND d.refobjid = ext_oid AND d.deptype = 'e' AND c.relkind IN ('r', 'p')
       AND NOT (SELECT (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) > 0 AS n FROM %s', c.oid::regclass), false, true, '')))[1]::text::boolean);
    IF empty IS NOT NULL AND current_setting('pubfin_upgrade.lenient', true) = 'on' THEN
        RAISE NOTICE 'fill: no rows in %', empty;
    ELSIF empty IS NOT NULL THEN
        RAISE EXCEPTION 'fill: no rows in %', empty
            USING HINT = 'Add a fixture that fills it to test/fixtures/*.sql, or candidate values for its column types to test/upgrade/fill.sql (the NOTICE above names the last error).';
    END IF;
END
$fill$;
