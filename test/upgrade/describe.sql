-- The catalog of the installed pubfin, one line per fact, sorted, with names
-- and no OIDs: two databases hold the same pubfin when their outputs are
-- identical (test/t_upgrade.sh compares an updated one with a fresh install).
-- Covers every member of the extension (by pg_describe_object), functions and
-- aggregates with every label, types, operators, casts, operator classes,
-- relations (columns, constraints, indexes, triggers, policies, views'
-- definitions, sequences), comments, privileges, the schema, and the
-- pg_extension_config_dump registrations.  Uses catalog columns that exist in
-- PostgreSQL 13 to 17.
\pset format unaligned
\pset tuples_only on
\pset fieldsep ' | '
\pset null '<null>'
WITH ext AS (SELECT oid, extnamespace FROM pg_extension WHERE extname = 'pubfin'),
m AS (SELECT d.classid, d.objid FROM pg_depend d, ext
       WHERE d.refclassid = 'pg_extension'::regclass AND d.refobjid = ext.oid AND d.deptype = 'e'),
rels AS (SELECT c.* FROM pg_class c JOIN m ON m.classid = 'pg_class'::regclass AND m.objid = c.oid),
facts(kind, obj, detail) AS (
  SELECT 'member', pg_describe_object(m.classid, m.objid, 0), '' FROM m
  UNION ALL
  SELECT 'extension', e.extname, concat_ws(' | ', e.extnamespace::regnamespace, e.extrelocatable)
    FROM pg_extension e, ext WHERE e.oid = ext.oid
  UNION ALL
  SELECT 'config_dump', c.oid::regclass::text, coalesce(x.cond, '')
    FROM pg_extension e JOIN ext ON ext.oid = e.oid,
         unnest(e.extconfig, e.extcondition) AS x(reloid, cond) JOIN pg_class c ON c.oid = x.reloid
  UNION ALL
  SELECT 'schema', n.nspname, concat_ws(' | ', n.nspowner::regrole, n.nspacl::text, obj_description(n.oid, 'pg_namespace'))
    FROM pg_namespace n, ext WHERE n.oid = ext.extnamespace
  UNION ALL
  SELECT 'default_acl', d.defaclobjtype::text, d.defaclacl::text
    FROM pg_default_acl d, ext WHERE d.defaclnamespace = ext.extnamespace
  UNION ALL
  SELECT 'function', p.oid::regprocedure::text,
         concat_ws(' | ', 'kind=' || p.prokind::text, 'returns ' || pg_get_function_result(p.oid),
                   'args ' || pg_get_function_arguments(p.oid), 'volatility=' || p.provolatile::text,
                   'strict=' || p.proisstrict, 'parallel=' || p.proparallel::text, 'secdef=' || p.prosecdef,
                   'leakproof=' || p.proleakproof, 'cost=' || p.procost, 'rows=' || p.prorows,
                   'lang=' || l.lanname, 'support=' || p.prosupport::regproc, 'config=' || coalesce(p.proconfig::text, ''),
                   'bin=' || coalesce(p.probin, ''), 'acl=' || coalesce(p.proacl::text, ''),
                   'comment=' || coalesce(obj_description(p.oid, 'pg_proc'), '<none>'),
                   'src=' || md5(coalesce(p.prosrc, '')))
    FROM pg_proc p JOIN m ON m.classid = 'pg_proc'::regclass AND m.objid = p.oid
    JOIN pg_language l ON l.oid = p.prolang
  UNION ALL
  SELECT 'aggregate', a.aggfnoid::regprocedure::text,
         concat_ws(' | ', a.aggkind, a.aggnumdirectargs, a.aggtransfn::regproc, a.aggfinalfn::regproc,
                   a.aggcombinefn::regproc, a.aggserialfn::regproc, a.aggdeserialfn::regproc,
                   a.aggmtransfn::regproc, a.aggminvtransfn::regproc, a.aggmfinalfn::regproc,
                   a.aggfinalextra, a.aggmfinalextra, a.aggfinalmodify, a.aggmfinalmodify,
                   a.aggsortop::regoperator, a.aggtranstype::regtype, a.aggtransspace,
                   a.aggmtranstype::regtype, a.aggmtransspace, coalesce(a.agginitval, '<null>'),
                   coalesce(a.aggminitval, '<null>'))
    FROM pg_aggregate a JOIN m ON m.classid = 'pg_proc'::regclass AND m.objid = a.aggfnoid
  UNION ALL
  SELECT 'type', t.oid::regtype::text,
         concat_ws(' | ', t.typtype, t.typlen, t.typbyval, t.typcategory, t.typispreferred, t.typdelim,
                   t.typinput, t.typoutput, t.typreceive, t.typsend, t.typmodin, t.typmodout,
                   t.typanalyze, t.typalign, t.typstorage, t.typnotnull, t.typbasetype::regtype,
                   t.typtypmod, t.typndims, t.typcollation, coalesce(t.typdefault, '<null>'),
                   t.typelem::regtype, t.typarray::regtype, coalesce(t.typacl::text, ''),
                   coalesce(obj_description(t.oid, 'pg_type'), '<none>'),
                   (SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid))
    FROM pg_type t JOIN m ON m.classid = 'pg_type'::regclass AND m.objid = t.oid
  UNION ALL
  SELECT 'domain_constraint', t.oid::regtype::text || '.' || c.conname, pg_get_constraintdef(c.oid)
    FROM pg_type t JOIN m ON m.classid = 'pg_type'::regclass AND m.objid = t.oid
    JOIN pg_constraint c ON c.contypid = t.oid
  UNION ALL
  SELECT 'operator', o.oid::regoperator::text,
         concat_ws(' | ', o.oprkind, o.oprcode::regproc, o.oprrest::regproc, o.oprjoin::regproc,
                   o.oprcom::regoperator, o.oprnegate::regoperator, o.oprcanmerge, o.oprcanhash,
                   o.oprresult::regtype, coalesce(obj_description(o.oid, 'pg_operator'), '<none>'))
    FROM pg_operator o JOIN m ON m.classid = 'pg_operator'::regclass AND m.objid = o.oid
  UNION ALL
  SELECT 'cast', format('(%s AS %s)', format_type(c.castsource, NULL), format_type(c.casttarget, NULL)),
         concat_ws(' | ', c.castfunc::regprocedure, c.castcontext, c.castmethod,
                   coalesce(obj_description(c.oid, 'pg_cast'), '<none>'))
    FROM pg_cast c JOIN m ON m.classid = 'pg_cast'::regclass AND m.objid = c.oid
  UNION ALL
  SELECT 'opclass', am.amname || ' ' || oc.opcname,
         concat_ws(' | ', oc.opcintype::regtype, oc.opcdefault, f.opfname, oc.opckeytype::regtype)
    FROM pg_opclass oc JOIN m ON m.classid = 'pg_opclass'::regclass AND m.objid = oc.oid
    JOIN pg_am am ON am.oid = oc.opcmethod JOIN pg_opfamily f ON f.oid = oc.opcfamily
  UNION ALL
  SELECT 'amop', am.amname || ' ' || f.opfname,
         concat_ws(' | ', ao.amoplefttype::regtype, ao.amoprighttype::regtype, ao.amopstrategy,
                   ao.amoppurpose, ao.amopopr::regoperator, ao.amopsortfamily)
    FROM pg_opfamily f JOIN m ON m.classid = 'pg_opfamily'::regclass AND m.objid = f.oid
    JOIN pg_am am ON am.oid = f.opfmethod JOIN pg_amop ao ON ao.amopfamily = f.oid
  UNION ALL
  SELECT 'amproc', am.amname || ' ' || f.opfname,
         concat_ws(' | ', ap.amproclefttype::regtype, ap.amprocrighttype::regtype, ap.amprocnum,
                   ap.amproc::regprocedure)
    FROM pg_opfamily f JOIN m ON m.classid = 'pg_opfamily'::regclass AND m.objid = f.oid
    JOIN pg_am am ON am.oid = f.opfmethod JOIN pg_amproc ap ON ap.amprocfamily = f.oid
  UNION ALL
  SELECT 'relation', c.oid::regclass::text,
         concat_ws(' | ', c.relkind, c.relpersistence, coalesce(c.reloptions::text, ''), c.relrowsecurity,
                   c.relforcerowsecurity, c.relreplident, coalesce(c.relacl::text, ''),
                   coalesce(obj_description(c.oid, 'pg_class'), '<none>'))
    FROM rels c
  UNION ALL
  SELECT 'view', c.oid::regclass::text, pg_get_viewdef(c.oid, true)
    FROM rels c WHERE c.relkind IN ('v', 'm')
  UNION ALL
  SELECT 'column', c.oid::regclass::text || '.' || a.attname,
         concat_ws(' | ', 'position=' || row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum),
                   format_type(a.atttypid, a.atttypmod), 'notnull=' || a.attnotnull,
                   'identity=' || a.attidentity::text, 'generated=' || a.attgenerated::text,
                   'default=' || coalesce(pg_get_expr(ad.adbin, ad.adrelid), '<none>'),
                   'collation=' || coalesce(co.collname, ''), 'acl=' || coalesce(a.attacl::text, ''),
                   'comment=' || coalesce(col_description(c.oid, a.attnum), '<none>'))
    FROM rels c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    LEFT JOIN pg_attrdef ad ON ad.adrelid = c.oid AND ad.adnum = a.attnum
    LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> 100
  UNION ALL
  SELECT 'constraint', c.oid::regclass::text || '.' || k.conname,
         concat_ws(' | ', k.contype, pg_get_constraintdef(k.oid), k.condeferrable, k.condeferred,
                   k.convalidated, coalesce(obj_description(k.oid, 'pg_constraint'), '<none>'))
    FROM rels c JOIN pg_constraint k ON k.conrelid = c.oid
  UNION ALL
  SELECT 'index', i.indexrelid::regclass::text,
         concat_ws(' | ', pg_get_indexdef(i.indexrelid), i.indisprimary, i.indisunique,
                   coalesce(obj_description(i.indexrelid, 'pg_class'), '<none>'))
    FROM rels c JOIN pg_index i ON i.indrelid = c.oid
  UNION ALL
  SELECT 'trigger', c.oid::regclass::text || '.' || t.tgname,
         concat_ws(' | ', pg_get_triggerdef(t.oid), t.tgenabled, coalesce(obj_description(t.oid, 'pg_trigger'), '<none>'))
    FROM rels c JOIN pg_trigger t ON t.tgrelid = c.oid AND NOT t.tgisinternal
  UNION ALL
  SELECT 'policy', c.oid::regclass::text || '.' || p.polname,
         concat_ws(' | ', p.polcmd, p.polpermissive, p.polroles::regrole[]::text,
                   pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid))
    FROM rels c JOIN pg_policy p ON p.polrelid = c.oid
  UNION ALL
  SELECT 'rule', c.oid::regclass::text || '.' || r.rulename, pg_get_ruledef(r.oid)
    FROM rels c JOIN pg_rewrite r ON r.ev_class = c.oid AND r.rulename <> '_RETURN'
  UNION ALL
  SELECT 'sequence', s.seqrelid::regclass::text,
         concat_ws(' | ', s.seqtypid::regtype, s.seqstart, s.seqincrement, s.seqmax, s.seqmin,
                   s.seqcache, s.seqcycle, coalesce(d.refobjid::regclass::text || '.' || a.attname, ''))
    FROM ext CROSS JOIN pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid
    LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.seqrelid
                          AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
    LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
   WHERE c.relnamespace = ext.extnamespace
  UNION ALL
  -- anything in the schema that does not belong to the extension
  SELECT 'not a member', pg_describe_object('pg_class'::regclass, c.oid, 0), ''
    FROM pg_class c, ext
   WHERE c.relnamespace = ext.extnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'c')
     AND NOT EXISTS (SELECT 1 FROM m WHERE m.classid = 'pg_class'::regclass AND m.objid = c.oid)
  UNION ALL
  SELECT 'not a member', p.oid::regprocedure::text, ''
    FROM pg_proc p, ext
   WHERE p.pronamespace = ext.extnamespace
     AND NOT EXISTS (SELECT 1 FROM m WHERE m.classid = 'pg_proc'::regclass AND m.objid = p.oid)
)
SELECT kind, obj, detail FROM facts ORDER BY kind COLLATE "C", obj COLLATE "C", detail COLLATE "C";
